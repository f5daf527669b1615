// The write invariants: every quick fix the core offers, and every annotation
// planned from a selection, is applied to the sidecar text and checked with
// `yaml`: the result parses, nothing it does not target changed, it did what
// its title says, and an anchor it writes is found exactly where it was meant.
import { isDeepStrictEqual } from 'node:util';
import { analyze, prepareArticle, prepareSidecar, type PreparedSidecar } from '../../server/src/core/analyze';
import { annotationSpan, planAnnotation, unitFor, type AnnotationRequest } from '../../server/src/core/annotate';
import type { Analysis, AnchorList, Finding, Span } from '../../server/src/core/model';
import { quickFixesFor, quickFixSpecs, resolveQuickFix, type FixContext, type QuickFix } from '../../server/src/core/quickFixes';
import { EditSession } from '../../server/src/core/verifyEdit';
import { LIMITS } from '../../server/src/core/limits';
import { applyEdits, type TextEdit } from '../../server/src/core/sidecarEdit';
import type { Checker } from './invariants';
import { opFamily } from './shrink';
import type { Random } from './random';
import { sentenceSpans } from './world';
import { asList, changesOutside, itemOf, parseYaml, parseYamlCached, show, type EditTarget } from './yamlCompare';

type Json = Record<string, unknown>;

/** What a write means to do: where it may change the sidecar, what must hold after, which anchor it writes. */
interface Intent {
  readonly target: EditTarget;
  readonly effect?: (before: Json, after: Json) => string | undefined;
  /** The annotation it writes or rewrites must anchor exactly at `span` ('last': the list's last item). */
  readonly anchor?: { readonly list: AnchorList; readonly index: number | 'last'; readonly span: Span };
}

/** Findings with a quick fix asked about per input, and fixes applied and verified; more are sampled. */
const FINDINGS_PER_INPUT = 4;
const FIXES_PER_INPUT = 4;
/** Re-analyses of a fixed sidecar per input (each costs a whole analysis). */
const REANALYSES_PER_INPUT = 2;

/**
 * The fixes of a few findings, as the server offers them: all planned on one
 * parse of the sidecar (one `EditSession` per request), and, for one
 * finding, the lazy way too (titles first, the chosen fix planned and
 * checked when resolved). A sample of what is offered is applied and verified.
 */
export function checkQuickFixes(k: Checker, a: Analysis, rng: Random): void {
  const withData = a.findings.filter((f) => f.data);
  const chosen = withData.length > FINDINGS_PER_INPUT ? rng.sample(withData, FINDINGS_PER_INPUT) : withData;
  // As the server does per request: one session, at most `editChecks` edits checked.
  const context: FixContext = { session: new EditSession(a.sidecarText, undefined, LIMITS.editChecks.value), warn: () => {} };
  const offered: Offered[] = [];
  for (const finding of chosen) {
    const fixes = k.call(`quickFixesFor ${finding.code}@${finding.file}:${finding.span.start}`, () => quickFixesFor(a, finding, context));
    for (const fix of fixes ?? []) if (fix.edits) offered.push(offer(k, a, finding, fix, fix.edits));
  }
  if (chosen.length > 0) offered.push(...resolvedLazily(k, a, rng.pick(chosen), rng));
  let reanalyses = 0;
  for (const { finding, fix, op, edits } of offered.length > FIXES_PER_INPUT ? rng.sample(offered, FIXES_PER_INPUT) : offered) {
    const after = k.call(`apply ${op}`, () => applyEdits(a.sidecarText, edits));
    if (after !== undefined) verifyWrite(k, op, a, after, intentOfFix(a, finding, fix), reanalyses++ < REANALYSES_PER_INPUT);
  }
}

interface Offered {
  readonly finding: Finding;
  readonly fix: Pick<QuickFix, 'title'>;
  readonly op: string;
  readonly edits: readonly TextEdit[];
}

function offer(k: Checker, a: Analysis, finding: Finding, fix: Pick<QuickFix, 'title'>, edits: readonly TextEdit[], how = 'fix'): Offered {
  const op = `${how} “${fix.title}” (${finding.code})`;
  for (const edit of edits) k.span(op, a.sidecarText, edit, 'edit');
  return { finding, fix, op, edits };
}

/** The lazy path: the titles of a finding's fixes, then one of them planned and checked as when the user picks it. */
function resolvedLazily(k: Checker, a: Analysis, finding: Finding, rng: Random): Offered[] {
  const specs = k.call(`quickFixSpecs ${finding.code}@${finding.file}:${finding.span.start}`, () => quickFixSpecs(a, finding)) ?? [];
  const resolved: Offered[] = [];
  for (const spec of rng.sample(specs, 1)) {
    const verdict = k.call(`resolveQuickFix “${spec.title}”`, () => resolveQuickFix(a, finding, spec.title, new EditSession(a.sidecarText)));
    if (verdict?.ok) resolved.push(offer(k, a, finding, spec, verdict.edits, 'resolved fix'));
  }
  return resolved;
}

const ANCHOR_KEYS = ['quote', 'prefix', 'suffix', 'occurrence'];

function intentOfFix(a: Analysis, finding: Finding, fix: Pick<QuickFix, 'title'>): Intent {
  const data = finding.data!;
  if (data.kind === 'anchor') {
    const s = data.suggestion;
    const target: EditTarget = { kind: 'item', section: data.list, index: data.index, keys: s ? ANCHOR_KEYS : undefined };
    if (!s || !/^(Re-anchor|Update the quote)/.test(fix.title)) return { target };
    // The quote becomes the suggestion; the context (prefix, suffix or occurrence) is the fix's to choose,
    // and is checked by anchoring the result: it must be found exactly at the suggestion.
    const effect = (_b: Json, after: Json): string | undefined => {
      const quote = itemOf(after, data.list, data.index)?.quote;
      return quote === s.quote ? undefined : `after the fix the quote is ${show(quote)}, not ${show(s.quote)}`;
    };
    return { target, effect, anchor: { list: data.list, index: data.index, span: s.span } };
  }
  if (data.kind === 'mention') {
    const quote = a.articleText.slice(data.articleSpan.start, data.articleSpan.end);
    const effect = (_b: Json, after: Json): string | undefined => {
      const list = asList(after.mentions);
      const item = list[list.length - 1] as Json | undefined;
      if (!item || item.quote !== quote || !data.candidates.includes(String(item.entity))) return `the new pin is ${show(item)}, not quote ${show(quote)} with one of ${show(data.candidates)}`;
      return undefined;
    };
    return { target: { kind: 'append', section: 'mentions' }, effect, anchor: { list: 'mentions', index: 'last', span: data.articleSpan } };
  }
  const index = data.claimIndex;
  const claimEffect = (keys: string[], check: (before: Json | undefined, after: Json | undefined, all: Json) => string | undefined): Intent => ({
    target: { kind: 'item', section: 'claims', index, keys },
    effect: (before, after) => check(itemOf(before, 'claims', index), itemOf(after, 'claims', index), before),
  });
  if (fix.title.startsWith('Add source')) {
    return claimEffect(['sources'], (before, after, all) => {
      const old = asList(before?.sources);
      const now = asList(after?.sources);
      const has = (list: unknown[], value: unknown): boolean => list.some((x) => isDeepStrictEqual(x, value));
      const added = now.filter((s) => !has(old, s));
      const known = Object.keys((all.sources as Json | null) ?? {});
      if (old.some((s) => !has(now, s))) return `sources lost: ${show(old)} → ${show(now)}`;
      if (added.length !== 1 || !known.includes(String(added[0]))) return `sources ${show(old)} → ${show(now)}: not one defined source added`;
      return undefined;
    });
  }
  if (fix.title === 'Mark as opinion') return claimEffect(['kind'], (_b, after) => (after?.kind === 'opinion' ? undefined : `kind is ${show(after?.kind)}`));
  if (fix.title.startsWith('Attribute to')) {
    // Only a person or an organization can be said to have made a claim.
    return claimEffect(['attributed-to'], (_b, after) => {
      const entity = a.sidecar.entities.get(String(after?.['attributed-to']));
      if (!entity) return `attributed-to is ${show(after?.['attributed-to'])}, not a defined entity`;
      return entity.type === 'person' || entity.type === 'organization' ? undefined : `attributed to '${entity.id}', a ${entity.type}`;
    });
  }
  return { target: { kind: 'item', section: 'claims', index } };
}

/** Where two texts differ, shortly, for a failure message. */
function describeChange(before: string, after: string): string {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return `at ${start}: ${JSON.stringify(before.slice(start, before.length - end).slice(0, 80))} → ${JSON.stringify(after.slice(start, after.length - end).slice(0, 120))}`;
}

function verifyWrite(k: Checker, op: string, a: Analysis, afterText: string, intent: Intent, reanalyse: boolean): void {
  k.cover(`write ${opFamily(op)}`);
  k.count('edit-parses');
  const before = parseYamlCached(a.sidecarText);
  const after = parseYaml(afterText);
  if (after.error !== undefined) {
    const why = before.error === undefined ? `edit ${describeChange(a.sidecarText, afterText)}` : `offered on a sidecar that does not parse (${before.error})`;
    k.fail('edit-parses', op, `${after.error}; ${why}`);
    return;
  }
  if (!before.value) return;
  k.count('edit-keeps');
  if (!after.value) {
    k.fail('edit-keeps', op, `the edited sidecar no longer resolves: ${after.unresolved}; edit ${describeChange(a.sidecarText, afterText)}`);
    return;
  }
  const problems = changesOutside(before.value, after.value, intent.target);
  if (problems.length > 0) k.fail('edit-keeps', op, `${problems.slice(0, 2).join('; ')}; edit ${describeChange(a.sidecarText, afterText)}`);
  if (intent.effect) {
    k.count('edit-effect');
    const problem = intent.effect(before.value, after.value);
    if (problem) k.fail('edit-effect', op, problem);
  }
  if (intent.anchor && reanalyse) checkNewAnchor(k, op, a, afterText, after.value, intent.anchor);
}

function checkNewAnchor(k: Checker, op: string, a: Analysis, afterText: string, afterData: Json, want: NonNullable<Intent['anchor']>): void {
  const fresh = k.call(`analyze after ${op}`, () => analyze(prepareArticle(a.articleText), prepareSidecar(afterText)));
  if (!fresh) return;
  k.count('edit-effect');
  const index = want.index === 'last' ? asList(afterData[want.list]).length - 1 : want.index;
  const found =
    want.list === 'claims' ? fresh.claims.find((c) => c.claim.index === index) : want.list === 'mentions' ? fresh.pins.find((p) => p.annotation.index === index) : fresh.notes.find((n) => n.annotation.index === index);
  const state = found?.anchor ?? 'missing';
  const span = found?.span;
  // A span that differs only by white space at its ends is the same place (quotes are compared trimmed).
  const same = span !== undefined && isDeepStrictEqual(trimSpan(a.articleText, span), trimSpan(a.articleText, want.span));
  if (state !== 'exact' || !same) {
    const quote = (found && ('claim' in found ? found.claim : found.annotation).quote) ?? '?';
    k.fail('edit-effect', op, `the anchor written (${show(quote)}) is ${state}${span ? ` at ${span.start}-${span.end}` : ''}, not exact at ${want.span.start}-${want.span.end} ${show(a.articleText.slice(want.span.start, want.span.end))}`);
  }
}

const SPACE = /[\s\u00A0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF]/;

const MARK = /\p{M}/u;

/** The span without white space at its ends, and with the combining marks that follow its last letter (half a character selected is the whole character). */
function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && SPACE.test(text[start]!)) start++;
  while (end > start && SPACE.test(text[end - 1]!)) end--;
  while (end < text.length && end > start && MARK.test(text[end]!)) end++;
  return { start, end };
}

type Selection = { span: Span; how: string };

function pickSelection(rng: Random, a: Analysis): Selection {
  const text = a.articleText;
  const sentences = sentenceSpans(text.length > 20000 ? text.slice(0, 20000) : text);
  const choice = rng.weighted<string>([['sentence', 3], ['mention', 2], ['random', 2], ['cursor', 2], ['claim', 1]]);
  if (choice === 'sentence' && sentences.length > 0) return { span: rng.pick(sentences), how: 'sentence' };
  if (choice === 'mention' && a.mentions.length > 0) return { span: rng.pick(a.mentions).span, how: 'mention' };
  const claimSpans = a.claims.flatMap((c) => (c.span ? [c.span] : []));
  if (choice === 'claim' && claimSpans.length > 0) return { span: rng.pick(claimSpans), how: 'claim' };
  const start = rng.int(text.length + 1);
  if (choice === 'cursor') return { span: { start, end: start }, how: 'cursor' };
  return { span: { start, end: Math.min(text.length, start + rng.between(1, 80)) }, how: 'random' };
}

function requestFor(rng: Random, a: Analysis, kind: AnnotationRequest['kind']): AnnotationRequest | undefined {
  const entityIds = [...a.sidecar.entities.keys()];
  const sourceIds = [...a.sidecar.sources.keys()];
  switch (kind) {
    case 'claim':
      return { kind, sources: sourceIds.length > 0 && rng.chance(0.5) ? [rng.pick(sourceIds)] : undefined, claimKind: rng.chance(0.3) ? 'opinion' : 'fact' };
    case 'note':
      return { kind, text: rng.pick(['Check this.', '“Quoted” note: with colon', '- dash first', '#hash', 'multi\nline']) };
    case 'pin':
      return entityIds.length > 0 ? { kind, entityId: rng.pick(entityIds) } : undefined;
    case 'entity':
      return { kind, type: rng.pick(['person', 'place', 'organization']), name: rng.chance(0.3) ? 'Fen & Co: “new”' : undefined };
    case 'alias':
      return entityIds.length > 0 ? { kind, entityId: rng.pick(entityIds) } : undefined;
  }
}

/** What planAnnotation gives, read loosely so the harness does not depend on the exact shape of a refusal. */
interface LoosePlan {
  readonly ok?: boolean;
  readonly text?: string;
  readonly quote?: string;
  readonly id?: string;
}

export function checkAnnotate(k: Checker, a: Analysis, _prepared: PreparedSidecar, rng: Random): void {
  const kinds = rng.sample(['claim', 'note', 'pin', 'entity', 'alias'] as const, 1);
  for (const kind of kinds) {
    const request = requestFor(rng, a, kind);
    if (!request) continue;
    const selection = pickSelection(rng, a);
    const op = `annotate ${kind} (${selection.how} ${selection.span.start}-${selection.span.end})`;
    const span = k.call(`annotationSpan ${op}`, () => annotationSpan(a.articleText, selection.span, unitFor(kind)));
    if (!span) continue;
    k.span(op, a.articleText, span, 'annotation span');
    // A plan is refused (undefined, or `ok: false` with a reason) when the sidecar cannot be edited safely.
    const plan = k.call(op, () => planAnnotation(a.sidecarText, a.articleText, span, request, new Set(a.sidecar.entities.keys()))) as LoosePlan | undefined;
    if (!plan || plan.ok === false || typeof plan.text !== 'string') continue;
    verifyWrite(k, op, a, plan.text, intentOfAnnotation(request, { quote: plan.quote ?? '', id: plan.id }, span), true);
  }
}

function intentOfAnnotation(request: AnnotationRequest, plan: { quote: string; id?: string }, span: Span): Intent {
  switch (request.kind) {
    case 'claim':
      return { target: { kind: 'append', section: 'claims' }, anchor: { list: 'claims', index: 'last', span } };
    case 'note':
      return { target: { kind: 'append', section: 'notes' }, anchor: { list: 'notes', index: 'last', span } };
    case 'pin':
      return { target: { kind: 'append', section: 'mentions' }, anchor: { list: 'mentions', index: 'last', span } };
    case 'entity': {
      const id = plan.id ?? '?';
      const name = (request.name ?? plan.quote).trim();
      return { target: { kind: 'add-entry', section: 'entities', id }, effect: (_b, after) => ((after.entities as Json | undefined)?.[id] as Json | undefined)?.name === name ? undefined : `entity '${id}' is ${show((after.entities as Json | undefined)?.[id])}, not named ${show(name)}` };
    }
    case 'alias':
      return {
        target: { kind: 'entry', section: 'entities', id: request.entityId, keys: ['aliases'] },
        effect: (_b, after) => (asList(((after.entities as Json | undefined)?.[request.entityId] as Json | undefined)?.aliases).includes(plan.quote) ? undefined : `aliases of '${request.entityId}' do not include ${show(plan.quote)}`),
      };
  }
}
