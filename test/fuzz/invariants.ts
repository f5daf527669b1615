// The invariants the fuzz suite checks on the core, for one input: every
// entry point is called (analysis, tracking an edit, hover, definition,
// references, highlights, completion, quick fixes, annotating), and each
// call must not throw, must answer within its budget, and must give ranges
// inside its document on code-point boundaries; mentions must be names; and
// every write (quick fix or annotation) must parse and keep what it does not
// target. Violations are collected, not thrown, so one input reports all.
import { performance } from 'node:perf_hooks';
import { analyze, prepareArticle, prepareSidecar, type PreparedSidecar } from '../../server/src/core/analyze';
import type { Analysis, Span } from '../../server/src/core/model';
import type { FuzzCase } from './generate';
import { Random } from './random';
import { checkAnnotate, checkQuickFixes } from './writeChecks';
import { completeInSidecar } from '../../server/src/core/completion';
import { hoverInArticle, hoverInSidecar } from '../../server/src/core/hover';
import { definitionInArticle, definitionInSidecar, highlightsInArticle, referencesOf, referenceTargetAt, type Location } from '../../server/src/core/navigation';
import { normalizeChar } from '../../server/src/core/normalize';

export const INVARIANTS = {
  'no-exception': 'no exception escapes a call',
  budget: 'every call answers within its budget',
  range: 'every range is inside its document and on code-point boundaries',
  'mention-text': "a mention's text is one of its entity's names or aliases, modulo normalization",
  'mention-boundary': 'a mention starts and ends at word boundaries, by code point',
  'mention-resolution': 'a mention with one candidate is certain; an uncertain one has several candidates and its guess is one of them',
  'edit-parses': 'applying an offered write (quick fix, annotation) yields YAML that parses',
  'edit-keeps': 'an offered write keeps every annotation and field it does not target',
  'edit-effect': 'an offered write does what it says (the new anchor is found exactly where meant)',
  incremental: 'the analysis tracked through an edit equals a fresh analysis of the edited text (read as text, and as Markdown)',
  'nfc-equivalence': 'an article in NFD names the same entities, in the same order, as the same article in NFC',
  'claim-status': "a claim's status agrees with its sidecar entry (sourced only with a defined source)",
  'server-alive': 'the server process stays alive and answers a hover after each input',
} as const;

export type Invariant = keyof typeof INVARIANTS;

export interface Violation {
  readonly invariant: Invariant;
  /** The call or check that failed, e.g. `hoverInArticle@120`. */
  readonly op: string;
  readonly message: string;
}

export interface CheckReport {
  readonly violations: Violation[];
  /** How many times each invariant was checked. */
  readonly checks: Partial<Record<Invariant, number>>;
  /** Exceptions of the fuzz suite's own code (not of the code under test). */
  readonly harnessErrors?: readonly string[];
  /** What the input reached (finding codes, fixes verified by kind), to show the fuzz covers them. */
  readonly coverage?: Record<string, number>;
}

export interface CheckOptions {
  /** A call slower than this, for inputs ≤ 64 KB, is a budget failure. */
  readonly budgetMs: number;
}

export const DEFAULT_CHECK: CheckOptions = { budgetMs: 1000 };

/** Collects checks and violations for one input. */
export class Checker {
  readonly violations: Violation[] = [];
  readonly checks: Partial<Record<Invariant, number>> = {};

  constructor(readonly options: CheckOptions) {}

  readonly coverage: Record<string, number> = {};

  /** Notes that an input reached something worth reaching (a finding code, a kind of fix). */
  cover(what: string): void {
    this.coverage[what] = (this.coverage[what] ?? 0) + 1;
  }

  count(invariant: Invariant): void {
    this.checks[invariant] = (this.checks[invariant] ?? 0) + 1;
  }

  fail(invariant: Invariant, op: string, message: string): void {
    if (this.violations.length < 50) this.violations.push({ invariant, op, message });
  }

  /** Runs one call: an exception or a call over budget (timed twice, to rule out a pause) is a violation. */
  call<T>(op: string, fn: () => T): T | undefined {
    this.count('no-exception');
    this.count('budget');
    let result: T;
    let ms: number;
    try {
      const start = performance.now();
      result = fn();
      ms = performance.now() - start;
      if (ms > this.options.budgetMs) {
        const again = performance.now();
        fn();
        ms = Math.min(ms, performance.now() - again);
      }
    } catch (error) {
      this.fail('no-exception', op, errorText(error));
      return undefined;
    }
    if (ms > this.options.budgetMs) this.fail('budget', op, `${Math.round(ms)} ms (budget ${this.options.budgetMs} ms)`);
    return result;
  }

  /** A range must lie inside its text and not cut a surrogate pair. */
  span(op: string, text: string, span: Span | undefined, what: string): void {
    if (!span) return;
    this.count('range');
    const problem = spanProblem(text, span);
    if (problem) this.fail('range', op, `${what} ${span.start}-${span.end}: ${problem}`);
  }

  /** Runs a part of the harness itself: an exception here is a bug of the fuzz suite, reported apart from the invariants. */
  harness(part: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.harnessErrors.push(`${part}: ${errorText(error, true)}`);
    }
  }

  readonly harnessErrors: string[] = [];

  report(): CheckReport {
    return { violations: this.violations, checks: this.checks, harnessErrors: this.harnessErrors, coverage: this.coverage };
  }
}

/** The error's first line and where it was thrown (frames of the code under test, or of the harness). */
export function errorText(error: unknown, harness = false): string {
  const e = error as Error;
  const stack = (e?.stack ?? String(error)).split('\n');
  const frames = stack.slice(1).filter((l) => (harness ? l.includes('/fuzz/') : l.includes('server/src') || l.includes('out/server')));
  return [stack[0], ...frames.slice(0, 3)].join(' | ').replace(/\s+/g, ' ');
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** Whether offset `i` falls between the two halves of a surrogate pair. */
export function splitsPair(text: string, i: number): boolean {
  return i > 0 && i < text.length && isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1));
}

export function spanProblem(text: string, span: Span): string | undefined {
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end)) return 'not whole numbers';
  if (start < 0 || end > text.length) return `outside the text (length ${text.length})`;
  if (start > end) return 'starts after it ends';
  if (splitsPair(text, start)) return `starts inside a surrogate pair (${JSON.stringify(text.slice(start - 1, start + 1))})`;
  if (splitsPair(text, end)) return `ends inside a surrogate pair (${JSON.stringify(text.slice(end - 1, end + 1))})`;
  return undefined;
}

/** The core over one input: every invariant above but the server's. */
export function checkCore(input: FuzzCase, options: CheckOptions = DEFAULT_CHECK): CheckReport {
  const k = new Checker(options);
  const prepared = k.call('prepareSidecar', () => prepareSidecar(input.sidecar));
  const article = k.call('prepareArticle', () => prepareArticle(input.article));
  if (!prepared || !article) return k.report();
  const analysis = k.call('analyze', () => analyze(article, prepared));
  if (!analysis) return k.report();
  const rng = new Random(input.seed ^ 0x5eed1e55);
  k.harness('ranges and mentions', () => checkAnalysis(k, analysis, 'analyze'));
  k.harness('navigation', () => checkNavigation(k, analysis, rng));
  k.harness('completion', () => checkCompletion(k, analysis, rng));
  k.harness('quick fixes', () => checkQuickFixes(k, analysis, rng));
  k.harness('annotate', () => checkAnnotate(k, analysis, prepared, rng));
  k.harness('incremental', () => checkIncremental(k, analysis, prepared, rng));
  k.harness('incremental (Markdown)', () => checkMarkdownIncremental(k, input.article, prepared, rng));
  k.harness('normalization', () => checkNormalization(k, analysis, prepared));
  k.harness('claim status', () => checkClaimStatus(k, analysis));
  return k.report();
}

/** Ranges of everything the analysis holds, and its mentions. */
export function checkAnalysis(k: Checker, a: Analysis, op: string): void {
  const { articleText: article, sidecarText: sidecar } = a;
  if (op === 'analyze') for (const code of new Set(a.findings.map((f) => f.code))) k.cover(`finding ${code}`);
  if (op === 'analyze' && a.mentions.length > 0) k.cover('mentions found');
  for (const f of a.findings) {
    k.span(op, f.file === 'article' ? article : sidecar, f.span, `finding ${f.code} (${f.file})`);
    if (f.data?.kind === 'anchor' && f.data.suggestion) k.span(op, article, f.data.suggestion.span, `suggestion of ${f.code}`);
    if (f.data?.kind === 'mention') k.span(op, article, f.data.articleSpan, 'ambiguous mention');
  }
  for (const m of a.mentions) k.span(op, article, m.span, `mention “${m.text}”`);
  for (const c of a.claims) k.span(op, article, c.span, `claim ${c.claim.index}`);
  for (const n of a.notes) k.span(op, article, n.span, `note ${n.annotation.index}`);
  for (const p of a.pins) k.span(op, article, p.span, `pin ${p.annotation.index}`);
  const s = a.sidecar;
  for (const e of s.entities.values()) {
    k.span(op, sidecar, e.idSpan, `entity id '${e.id}'`);
    k.span(op, sidecar, e.nameSpan, `entity name '${e.id}'`);
    for (const alias of e.aliases) k.span(op, sidecar, alias.span, `alias of '${e.id}'`);
  }
  for (const src of s.sources.values()) k.span(op, sidecar, src.idSpan, `source id '${src.id}'`);
  for (const item of [...s.claims, ...s.mentions, ...s.notes]) k.span(op, sidecar, item.quoteSpan, `quote of item ${item.index}`);
  for (const use of s.idUses) k.span(op, sidecar, use.span, `use of '${use.id}'`);
  checkMentions(k, a, op);
}

const WORD = /[\p{L}\p{N}\p{M}]/u;
const TOKENS = /[\p{L}\p{N}\p{M}]+|[^\s\u00A0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF\p{L}\p{N}\p{M}]/gu;

/** A name as the matcher compares it: NFC, case folded, tokens (words or single marks) with any white space between. */
export function nameKey(name: string): string {
  const tokens = name.normalize('NFC').match(TOKENS) ?? [];
  return tokens.map((t) => ([...t].length === 1 ? normalizeChar(t) : t).toLowerCase()).join(' ');
}

function codePointBefore(text: string, i: number): string {
  if (i <= 0) return '';
  return i >= 2 && isLow(text.charCodeAt(i - 1)) && isHigh(text.charCodeAt(i - 2)) ? text.slice(i - 2, i) : text[i - 1]!;
}

function codePointAt(text: string, i: number): string {
  const cp = text.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

function checkMentions(k: Checker, a: Analysis, op: string): void {
  const text = a.articleText;
  for (const m of a.mentions) {
    if (m.resolution === 'pin') continue;
    k.count('mention-text');
    const key = nameKey(text.slice(m.span.start, m.span.end));
    for (const id of new Set([m.entityId, ...m.candidates])) {
      const entity = a.sidecar.entities.get(id);
      const names = entity ? [entity.name, ...entity.aliases.map((x) => x.value)] : [];
      if (!names.some((n) => nameKey(n) === key)) k.fail('mention-text', op, `mention ${m.span.start}-${m.span.end} ${JSON.stringify(m.text)} is not a name of '${id}' (${names.map((n) => JSON.stringify(n)).join(', ')})`);
    }
    // A blank line as the matcher counts lines (by \n: CRLF counts, a lone CR or U+2028 does not).
    if (/\n[^\S\n]*\n/.test(m.text)) k.fail('mention-text', op, `mention ${JSON.stringify(m.text)} spans a blank line`);
    k.count('mention-resolution');
    if (m.candidates.length === 1 && !m.certain) k.fail('mention-resolution', op, `mention ${JSON.stringify(m.text)} has one candidate (${JSON.stringify(m.candidates[0])}) but is uncertain (${m.resolution})`);
    if (!m.candidates.includes(m.entityId)) k.fail('mention-resolution', op, `mention ${JSON.stringify(m.text)} resolves to ${JSON.stringify(m.entityId)}, not one of its candidates ${JSON.stringify(m.candidates)}`);
    k.count('mention-boundary');
    const first = codePointAt(text, m.span.start);
    const last = codePointBefore(text, m.span.end);
    const before = codePointBefore(text, m.span.start);
    const after = codePointAt(text, m.span.end);
    if (WORD.test(first) && WORD.test(before)) k.fail('mention-boundary', op, `mention ${JSON.stringify(m.text)} at ${m.span.start} continues a word: ${JSON.stringify(before + first)}`);
    if (WORD.test(last) && WORD.test(after)) k.fail('mention-boundary', op, `mention ${JSON.stringify(m.text)} at ${m.span.start} is followed by more of its word: ${JSON.stringify(last + after)}`);
  }
}

/**
 * A cursor offset as an editor sends it: never between the two halves of a
 * surrogate pair (no editor puts the cursor there; a range that ends at such
 * a cursor would split the pair because the request did).
 */
export function cursorAt(text: string, offset: number): number {
  return splitsPair(text, offset) ? offset - 1 : offset;
}

/** Offsets to ask about: random ones, and the starts, middles and ends of what is there. */
function offsetsIn(rng: Random, text: string, spans: readonly Span[], count: number): number[] {
  const offsets = new Set<number>([0, text.length]);
  for (let i = 0; i < count; i++) offsets.add(rng.int(text.length + 1));
  for (const s of rng.sample(spans, 4)) offsets.add(s.start).add(s.end).add((s.start + s.end) >> 1);
  return [...offsets].map((offset) => cursorAt(text, offset));
}

function checkLocations(k: Checker, a: Analysis, op: string, locations: readonly Location[] | undefined): void {
  for (const l of locations ?? []) k.span(op, l.file === 'article' ? a.articleText : a.sidecarText, l.span, `location (${l.file})`);
}

function checkNavigation(k: Checker, a: Analysis, rng: Random): void {
  const context = { sidecarName: 'fuzz.annotations.yaml' };
  const articleSpans = [...a.mentions.map((m) => m.span), ...a.claims.flatMap((c) => (c.span ? [c.span] : []))];
  for (const at of offsetsIn(rng, a.articleText, articleSpans, 4)) {
    const hover = k.call(`hoverInArticle@${at}`, () => hoverInArticle(a, at, context));
    k.span(`hoverInArticle@${at}`, a.articleText, hover?.span, 'hover range');
    checkLocations(k, a, `definitionInArticle@${at}`, k.call(`definitionInArticle@${at}`, () => definitionInArticle(a, at)));
    const target = k.call(`referenceTargetAt@${at}`, () => referenceTargetAt(a, 'article', at));
    if (target) checkLocations(k, a, `referencesOf@${at}`, k.call(`referencesOf@${at}`, () => referencesOf(a, target, true)));
    for (const s of k.call(`highlightsInArticle@${at}`, () => highlightsInArticle(a, at)) ?? []) k.span(`highlightsInArticle@${at}`, a.articleText, s, 'highlight');
  }
  const sidecarSpans = [...a.sidecar.idUses.map((u) => u.span), ...a.sidecar.claims.map((c) => c.quoteSpan), ...[...a.sidecar.entities.values()].map((e) => e.idSpan)];
  for (const at of offsetsIn(rng, a.sidecarText, sidecarSpans, 4)) {
    const hover = k.call(`hoverInSidecar@${at}`, () => hoverInSidecar(a, at, context));
    k.span(`hoverInSidecar@${at}`, a.sidecarText, hover?.span, 'hover range');
    checkLocations(k, a, `definitionInSidecar@${at}`, k.call(`definitionInSidecar@${at}`, () => definitionInSidecar(a, at)));
    const target = k.call(`referenceTargetAt@${at}`, () => referenceTargetAt(a, 'sidecar', at));
    if (target) checkLocations(k, a, `referencesOf@${at}`, k.call(`referencesOf@${at}`, () => referencesOf(a, target, false)));
  }
}

function checkCompletion(k: Checker, a: Analysis, rng: Random): void {
  const text = a.sidecarText;
  const spots: number[] = [];
  for (const m of text.matchAll(/(quote|sources|entity|attributed-to|kind|type):[ \t]*(\[?)/g)) spots.push(m.index + m[0].length);
  for (const m of text.matchAll(/\n/g)) if (rng.chance(0.1)) spots.push(m.index);
  const offsets = [...rng.sample(spots, 5), rng.int(text.length + 1)].map((offset) => cursorAt(text, offset));
  for (const at of offsets) {
    const entries = k.call(`completeInSidecar@${at}`, () => completeInSidecar(a, at));
    for (const e of (entries ?? []).slice(0, 50)) k.span(`completeInSidecar@${at}`, text, e.replace, `completion (${e.kind})`);
  }
}

/** The article edited a little (typing, deleting), then analysed incrementally and afresh: both must agree. */
function checkIncremental(k: Checker, a: Analysis, prepared: PreparedSidecar, rng: Random): void {
  const text = a.articleText;
  const at = rng.int(text.length + 1);
  const cut = rng.chance(0.5) ? rng.between(1, 12) : 0;
  const typed = rng.pick(['', 'a', ' ', 'Marrow', '\n\n', '😀', '“', 'x. ', 'é']);
  const edited = text.slice(0, at) + typed + text.slice(at + cut);
  const op = `edit@${at}-${at + cut}→${JSON.stringify(typed)}`;
  const previousArticle = prepareArticle(text);
  const tracked = k.call(`analyze after ${op}`, () => analyze(prepareArticle(edited, previousArticle), prepared, undefined, a));
  const fresh = k.call(`fresh analyze after ${op}`, () => analyze(prepareArticle(edited), prepared));
  if (!tracked || !fresh) return;
  checkAnalysis(k, tracked, `tracked ${op}`);
  k.count('incremental');
  const difference = firstDifference(summary(tracked), summary(fresh));
  if (difference) k.fail('incremental', op, difference);
}

/**
 * The article read as Markdown (its quotes, written against the source, may
 * hold markup), its source edited with Markdown's own characters, then
 * analysed incrementally and afresh: both must agree.
 */
function checkMarkdownIncremental(k: Checker, source: string, prepared: PreparedSidecar, rng: Random): void {
  const before = k.call('prepareArticle as Markdown', () => prepareArticle(source, undefined, true));
  const first = before && k.call('analyze as Markdown', () => analyze(before, prepared));
  if (!before || !first) return;
  checkAnalysis(k, first, 'analyze as Markdown');
  const at = rng.int(source.length + 1);
  const cut = rng.chance(0.4) ? rng.between(1, 8) : 0;
  const typed = rng.pick(['', '*', '**', '`', '[', '](https://example.org/x)', '\n\n', '> ', '- ', '```\n', 'a', ' ', '“', '<b>']);
  const edited = source.slice(0, at) + typed + source.slice(at + cut);
  const op = `Markdown edit@${at}-${at + cut}→${JSON.stringify(typed)}`;
  const tracked = k.call(`analyze after ${op}`, () => analyze(prepareArticle(edited, before), prepared, undefined, first));
  const fresh = k.call(`fresh analyze after ${op}`, () => analyze(prepareArticle(edited, undefined, true), prepared));
  if (!tracked || !fresh) return;
  checkAnalysis(k, tracked, `tracked ${op}`);
  k.count('incremental');
  const difference = firstDifference(summary(tracked), summary(fresh));
  if (difference) k.fail('incremental', op, difference);
}

function summary(a: Analysis): string[] {
  const findings = a.findings.map((f) => `finding ${f.file} ${f.code} ${f.span.start}-${f.span.end} ${f.message}`);
  const mentions = a.mentions.map((m) => `mention ${m.span.start}-${m.span.end} ${m.entityId} ${m.resolution}`);
  return [...findings.sort(), ...mentions];
}

function firstDifference(tracked: string[], fresh: string[]): string | undefined {
  const inFresh = new Set(fresh);
  const inTracked = new Set(tracked);
  const onlyTracked = tracked.filter((x) => !inFresh.has(x));
  const onlyFresh = fresh.filter((x) => !inTracked.has(x));
  if (onlyTracked.length === 0 && onlyFresh.length === 0) return undefined;
  return `tracked has ${JSON.stringify(onlyTracked.slice(0, 2))}, fresh has ${JSON.stringify(onlyFresh.slice(0, 2))}`;
}

/** The same article in NFC and in NFD: the names found must be the same entities in the same order. */
function checkNormalization(k: Checker, a: Analysis, prepared: PreparedSidecar): void {
  const nfc = a.articleText.normalize('NFC');
  const nfd = a.articleText.normalize('NFD');
  if (nfc === nfd) return;
  const composed = k.call('analyze NFC article', () => analyze(prepareArticle(nfc), prepared));
  const decomposed = k.call('analyze NFD article', () => analyze(prepareArticle(nfd), prepared));
  if (!composed || !decomposed) return;
  k.count('nfc-equivalence');
  const names = (x: Analysis): string[] => x.mentions.filter((m) => m.resolution !== 'pin').map((m) => m.candidates.join('|'));
  const inNfc = names(composed);
  const inNfd = names(decomposed);
  const at = inNfc.findIndex((n, i) => n !== inNfd[i]);
  if (at >= 0 || inNfc.length !== inNfd.length) {
    const i = at >= 0 ? at : Math.min(inNfc.length, inNfd.length);
    const where = (x: Analysis): string => JSON.stringify(x.mentions.filter((m) => m.resolution !== 'pin')[i]?.text ?? null);
    k.fail('nfc-equivalence', 'analyze NFD article', `mention ${i + 1} of ${inNfc.length} (NFC) / ${inNfd.length} (NFD): NFC finds ${where(composed)} (${inNfc[i] ?? 'nothing'}), NFD finds ${where(decomposed)} (${inNfd[i] ?? 'nothing'})`);
  }
}

/** Sourced means a defined source; attributed means an attribution; opinion means the kind says so. */
function checkClaimStatus(k: Checker, a: Analysis): void {
  for (const c of a.claims) {
    k.count('claim-status');
    const known = c.claim.sources.some((s) => a.sidecar.sources.has(s.value));
    const wrong =
      (c.status === 'sourced' && !known) ||
      (c.status === 'attributed' && !c.claim.attributedTo) ||
      (c.status === 'opinion' && c.claim.kind !== 'opinion') ||
      (c.status === 'unsourced' && (known || c.claim.attributedTo !== undefined || c.claim.kind === 'opinion'));
    if (wrong) k.fail('claim-status', 'analyze', `claim ${c.claim.index} is ${c.status} with sources ${JSON.stringify(c.claim.sources.map((s) => s.value))}, attributed-to ${JSON.stringify(c.claim.attributedTo?.value ?? null)}, kind ${c.claim.kind}`);
  }
}
