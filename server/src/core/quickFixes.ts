// Quick fixes for findings, as sidecar text edits (the LSP layer wraps them in
// one workspace edit, so each fix is one undoable step). Every edit passes
// the verification (verifyEdit.ts) before it is offered; a fix that fails it
// is left out and its reason reported through `warn`. All the fixes of a
// request are planned on one parse of the sidecar (an `EditSession`), and
// fixes that differ only in an id (one per candidate entity or source) are
// verified once as a family, so the cost does not grow with the candidates.
import { findAnchor, uniqueContext } from './anchor';
import type { Analysis, AnchoredClaim, EntityType, Finding, Span } from './model';
import { normalizeString, normalizeWithMap, toNormalizedOffset, type NormalizedText } from './normalize';
import { occurrencesOf } from './quoteIndex';
import { planAnchor, planClaimAttribution, planClaimKind, planClaimSource, planListItem, type TextEdit } from './sidecarEdit';
import type { EditableSidecar } from './sidecarText';
import { EditSession, PLACEHOLDER_ID, type Planned, type Verdict } from './verifyEdit';

export interface QuickFix {
  readonly title: string;
  readonly finding: Finding;
  readonly edits?: readonly TextEdit[];
  /** A client command that asks the user for more before editing. */
  readonly command?: { readonly name: 'promptNewSource'; readonly claimIndex: number };
  readonly preferred?: boolean;
}

/** What the fixes of one request share: one parse of the sidecar, and where to report a fix left out. */
export interface FixContext {
  readonly session: EditSession;
  readonly warn: (message: string) => void;
}

/**
 * A fix before its edits are made: the title (from the analysis alone, no
 * parse) and how to plan the edit. Fixes that differ only in an id share one
 * `plan` function, called with the id (or, to check them all at once, with
 * the placeholder).
 */
export interface FixSpec extends Omit<QuickFix, 'edits'> {
  readonly edit?: { readonly plan: (s: EditableSidecar, id: string) => Planned; readonly id: string };
}

/** Only these can be said to have made a claim. */
const AUTHOR_TYPES: readonly EntityType[] = ['person', 'organization'];

/** The fixes of a finding with their edits, each checked before it is offered (one check per family of fixes). */
export function quickFixesFor(analysis: Analysis, finding: Finding, context: FixContext = { session: new EditSession(analysis.sidecarText), warn: () => {} }): QuickFix[] {
  const specs = quickFixSpecs(analysis, finding);
  const fixes: QuickFix[] = [];
  for (let i = 0; i < specs.length; ) {
    const spec = specs[i]!;
    if (!spec.edit) {
      fixes.push(spec);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < specs.length && specs[j]!.edit?.plan === spec.edit.plan) j++;
    fixes.push(...checkedFamily(context, specs.slice(i, j)));
    i = j;
  }
  return fixes;
}

/** One fix, planned and checked now (the fix the user chose, when checks wait for the choice); undefined when it is not among the finding's fixes. */
export function resolveQuickFix(analysis: Analysis, finding: Finding, title: string, session: EditSession): Verdict | undefined {
  const spec = quickFixSpecs(analysis, finding).find((s) => s.title === title && s.edit);
  return spec?.edit && session.verify(planSafely(spec.edit.plan, session.sidecar, spec.edit.id));
}

/** A plan that throws on an unexpected shape is a refused fix, never a failed request. */
function planSafely(plan: (s: EditableSidecar, id: string) => Planned, s: EditableSidecar, id: string): Planned {
  try {
    return plan(s, id);
  } catch (error) {
    return { ok: false, reason: `the edit could not be planned (${(error as Error).message.split('\n')[0]})`, checked: true };
  }
}

/** The fixes of a finding, titled, without planning or checking any edit. */
export function quickFixSpecs(analysis: Analysis, finding: Finding): FixSpec[] {
  const data = finding.data;
  if (!data) return [];
  if (finding.code === 'unsourced-claim' && data.kind === 'claim') return unsourcedClaimFixes(analysis, finding, data.claimIndex);
  if ((finding.code === 'orphaned-annotation' || finding.code === 'drifted-annotation') && data.kind === 'anchor' && data.suggestion) {
    const { quote, span } = data.suggestion;
    const title = finding.code === 'orphaned-annotation' ? `Re-anchor to the closest text: “${clip(quote)}”` : `Update the quote to the current text: “${clip(quote)}”`;
    const plan = (s: EditableSidecar): Planned => {
      const context = pinContext(analysis.articleText, span, quote);
      return context ? planAnchor(s, data.list, data.index, { quote, ...context }) : { ok: false, reason: `no anchor finds “${clip(quote)}” there again`, checked: true };
    };
    return [{ title, finding, preferred: true, edit: { plan, id: '' } }];
  }
  if (finding.code === 'ambiguous-mention' && data.kind === 'mention') return pinFixes(analysis, finding, data.candidates, data.articleSpan);
  return [];
}

/** Specs sharing one plan: a single one checked as it is; several checked once, as a family. A rejected check is reported once. */
function checkedFamily(context: FixContext, specs: readonly FixSpec[]): QuickFix[] {
  const plan = specs[0]!.edit!.plan;
  const s = context.session.sidecar;
  const verdicts = specs.length === 1 ? [context.session.verify(planSafely(plan, s, specs[0]!.edit!.id))] : context.session.verifyFamily(planSafely(plan, s, PLACEHOLDER_ID), specs.map((spec) => spec.edit!.id));
  const first = verdicts[0]!;
  if (!first.ok && verdicts.every((v) => v === first)) return offered(context, first, specs[0]!);
  return specs.flatMap((spec, i) => offered(context, verdicts[i]!, spec));
}

/** The fix with its checked edits; nothing (and a logged reason, when the check rejected it) otherwise. */
function offered(context: FixContext, verdict: Verdict, spec: FixSpec): QuickFix[] {
  const { edit: _plan, ...fix } = spec;
  if (verdict.ok) return [{ ...fix, edits: verdict.edits }];
  if (verdict.checked) context.warn(`“${fix.title}” not offered: ${verdict.reason}.`);
  return [];
}

function clip(text: string, max = 50): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function unsourcedClaimFixes(analysis: Analysis, finding: Finding, claimIndex: number): FixSpec[] {
  const claim = analysis.claims.find((c) => c.claim.index === claimIndex);
  if (!claim) return [];
  const cited = new Set(claim.claim.sources.map((source) => source.value));
  const addSource = (s: EditableSidecar, id: string): Planned => planClaimSource(s, claimIndex, id);
  const fromSources = [...analysis.sidecar.sources.values()].filter((source) => !cited.has(source.id)).map((source): FixSpec => ({ title: `Add source: ${clip(source.title ?? source.id)}`, finding, edit: { plan: addSource, id: source.id } }));
  const attribute = (s: EditableSidecar, id: string): Planned => planClaimAttribution(s, claimIndex, id);
  const authors = entitiesInSentence(analysis, claim).filter((id) => AUTHOR_TYPES.includes(analysis.sidecar.entities.get(id)?.type ?? 'other'));
  const attributions = authors.map((id): FixSpec => ({ title: `Attribute to ${analysis.sidecar.entities.get(id)?.name ?? id}`, finding, edit: { plan: attribute, id } }));
  return [
    ...fromSources,
    { title: 'Add a new source…', finding, command: { name: 'promptNewSource', claimIndex } },
    { title: 'Mark as opinion', finding, edit: { plan: (s) => planClaimKind(s, claimIndex, 'opinion'), id: '' } },
    ...attributions,
  ];
}

/** Entities mentioned in the sentence(s) the claim's text lies in, in order of first mention. */
function entitiesInSentence(analysis: Analysis, claim: AnchoredClaim): string[] {
  if (!claim.span) return [];
  const sentence = sentenceAround(analysis.articleText, claim.span);
  const ids: string[] = [];
  for (const mention of analysis.mentions) {
    if (mention.span.start >= sentence.start && mention.span.end <= sentence.end && !ids.includes(mention.entityId)) ids.push(mention.entityId);
  }
  return ids;
}

/** The sentence holding a span: back to the last sentence mark followed by a space, or the line's start. */
function sentenceAround(text: string, span: Span): Span {
  const start = sentenceStartBefore(text, span.start);
  const after = /[.!?](\s|$)|\n/.exec(text.slice(span.end));
  const end = after ? span.end + after.index + 1 : text.length;
  return { start, end };
}

/** One backward scan (a regex anchored at the text's end retried from every sentence mark is quadratic in a run of spaces). */
function sentenceStartBefore(text: string, offset: number): number {
  for (let i = offset - 1; i >= 0; i--) {
    const char = text[i]!;
    if (char === '\n') return i + 1;
    if ((char === '.' || char === '!' || char === '?') && i + 1 < offset && /\s/.test(text[i + 1]!)) return i + 1;
  }
  return 0;
}

/** One fix per candidate: a pin with just enough context to be unique (found once, when the first pin is planned). */
function pinFixes(analysis: Analysis, finding: Finding, candidates: readonly string[], span: Span): FixSpec[] {
  const quote = analysis.articleText.slice(span.start, span.end);
  let anchor: AnchorContext | undefined | null = null;
  const pin = (s: EditableSidecar, id: string): Planned => {
    if (anchor === null) anchor = pinContext(analysis.articleText, span, quote);
    if (!anchor) return { ok: false, reason: `no anchor finds this occurrence of “${clip(quote)}” again`, checked: true };
    return planListItem(s, 'mentions', { quote, ...anchor, entity: id });
  };
  return candidates.map((id) => ({ title: `Pin “${quote}” here to ${analysis.sidecar.entities.get(id)?.name ?? id}`, finding, edit: { plan: pin, id } }));
}

export interface AnchorContext {
  readonly prefix?: string;
  readonly suffix?: string;
  readonly occurrence?: number;
}

/**
 * What to write beside a quote so that it finds this occurrence, and only
 * it: the shortest unique prefix or suffix in the article's own words; when
 * no context up to the search's reach is unique (a passage repeated word for
 * word), the occurrence's number. Checked by anchoring it as the analysis
 * will; undefined when even that does not find the span again.
 */
export function pinContext(articleText: string, span: Span, quote = articleText.slice(span.start, span.end).replace(/\s+/g, ' ')): AnchorContext | undefined {
  return contextIn(normalizeWithMap(articleText), span, quote);
}

/** `pinContext` in an article normalized once for several anchors. */
export function contextIn(article: NormalizedText, span: Span, quote: string): AnchorContext | undefined {
  const start = toNormalizedOffset(article, span.start);
  const end = toNormalizedOffset(article, Math.max(span.start, span.end - 1)) + 1;
  const context = uniqueContext(article.text, start, end);
  if (findsAt(article, { quote, ...context }, span)) return withoutEmpty(context);
  const nth = occurrencesOf(article.text, normalizeString(quote).trim()).starts.indexOf(start) + 1;
  return nth > 0 && findsAt(article, { quote, occurrence: nth }, span) ? { occurrence: nth } : undefined;
}

function findsAt(article: NormalizedText, selector: { quote: string } & AnchorContext, span: Span): boolean {
  const result = findAnchor(article, selector);
  return result.status === 'found' && result.span.start === span.start;
}

function withoutEmpty(context: AnchorContext): AnchorContext {
  return Object.fromEntries(Object.entries(context).filter((e) => e[1] !== undefined && e[1] !== '')) as AnchorContext;
}
