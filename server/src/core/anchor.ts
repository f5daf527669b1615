// Finds where an annotation's quote is in the article, in order: the exact
// (normalized) quote with its prefix/suffix or occurrence choosing among
// repeats; the exact quote alone; then an approximate match tolerating edits
// in proportion to the quote's length (reported as drifted). A quote not
// found at all gets the closest text as a suggestion.
//
// The result is a function of the article's text and the selector alone (no
// memory of earlier versions), so live tracking can be checked against it.
// Every span returned is on code-point boundaries.
import { BasisRecorder, type AnchorBasis } from './anchorBasis';
import { snapBackward, snapForward, snapToCodePoints } from './codePoints';
import { closestMatch, editDistance } from './fuzzy';
import { fuzzyFind, maxErrorsFor, seedPieces, type PieceOccurrences } from './fuzzyAnchor';
import { LIMITS, type Limit } from './limits';
import type { Anchor, AnchorSuggestion, Span } from './model';
import { normalizeString, toNormalizedOffset, toOriginalSpan, type NormalizedText } from './normalize';
import { occurrencesOf, type Occurrences } from './quoteIndex';

/**
 * `basis`: what the result depends on (see anchorBasis.ts); an edit outside
 * it leaves the result as it was, moved. Absent: any edit may change it.
 * `limit`: the budget that stopped the search; the quote was not placed.
 */
export type AnchorResult =
  | { readonly status: 'found'; readonly span: Span; readonly basis?: AnchorBasis }
  | { readonly status: 'drifted'; readonly span: Span; readonly suggestion: AnchorSuggestion; readonly distance: number; readonly basis?: AnchorBasis }
  | { readonly status: 'ambiguous'; readonly spans: readonly Span[]; readonly basis?: AnchorBasis; readonly limit?: Limit }
  | { readonly status: 'orphaned'; readonly suggestion?: AnchorSuggestion; readonly limit?: Limit; readonly basis?: AnchorBasis };

type AnchorSelector = Pick<Anchor, 'quote' | 'prefix' | 'suffix' | 'occurrence'>;

/**
 * Characters of prefix and suffix compared with the text (the end of the
 * prefix, the start of the suffix). Contexts written by Marginalia are at
 * most 64; the cap keeps thousands of occurrences × a huge context cheap.
 */
const CONTEXT_CHARS = 256;
/** Article length × quote length under which a quote not found gets the closest text as a suggestion (searched in the whole text). */
const SUGGESTION_CELLS = 10_000_000;

/**
 * `hint`: where the annotation was last found (an original offset), to break
 * ties of the approximate step. Live tracking does not pass it (a fresh
 * analysis has none, and the two must agree).
 * `known`: the quote's occurrences, when already found with other quotes;
 * `pieces`: the occurrences of its seed pieces (see `seedPiecesOf`), likewise.
 */
export function findAnchor(article: NormalizedText, selector: AnchorSelector, hint?: number, known?: Occurrences, pieces?: PieceOccurrences): AnchorResult {
  const quote = normalizeString(selector.quote).trim();
  if (quote === '') return { status: 'orphaned', basis: EMPTY_BASIS };
  const occurrences = known ?? occurrencesOf(article.text, quote);
  const basis = new BasisRecorder();
  basis.watch(quote);
  const result = occurrences.starts.length > 0 ? chooseExact(article, quote, occurrences, selector, basis) : findApproximately(article, quote, selector, hint, basis, pieces);
  return withBasis(result, basis.build(article));
}

/** An empty quote is orphaned whatever the article says. */
const EMPTY_BASIS: AnchorBasis = { ranges: [], watch: [], minLength: 0, maxLength: Number.POSITIVE_INFINITY };

function withBasis(result: AnchorResult, basis: AnchorBasis | undefined): AnchorResult {
  return basis ? { ...result, basis } : result;
}

/** A normalized span as an original one, widened to whole code points. */
function originalSpan(article: NormalizedText, from: number, to: number): Span {
  const snapped = snapToCodePoints(article.text, { start: from, end: to });
  return toOriginalSpan(article, snapped.start, snapped.end);
}

const overLimit = (): AnchorResult => ({ status: 'ambiguous', spans: [], limit: LIMITS.anchorOccurrences });

/**
 * Among exact occurrences: `occurrence` picks the n-th; a prefix/suffix keeps
 * the occurrences whose context matches exactly, else the ones with the
 * longest partial context match (a context edited since still helps).
 */
function chooseExact(article: NormalizedText, quote: string, occurrences: Occurrences, selector: AnchorSelector, basis: BasisRecorder): AnchorResult {
  const { starts, complete } = occurrences;
  const toSpan = (start: number): Span => originalSpan(article, start, start + quote.length);
  // Over the limit, occurrences past it were not looked at: any edit may change the result.
  if (!complete) basis.readAll();
  if (selector.occurrence !== undefined) {
    for (const start of starts) basis.read(start - 1, start + quote.length + 1);
    const nth = starts[selector.occurrence - 1];
    // The quote is there verbatim, but not the occurrence asked for.
    if (nth === undefined) return complete ? { status: 'orphaned' } : overLimit();
    return { status: 'found', span: toSpan(nth) };
  }
  if (!complete) return overLimit();
  const prefix = normalizeString(selector.prefix ?? '').slice(-CONTEXT_CHARS);
  const suffix = normalizeString(selector.suffix ?? '').slice(0, CONTEXT_CHARS);
  if (starts.length === 1 || (prefix === '' && suffix === '')) {
    for (const start of starts) basis.read(start - 1, start + quote.length + 1);
    return starts.length === 1 ? { status: 'found', span: toSpan(starts[0]!) } : { status: 'ambiguous', spans: starts.map(toSpan) };
  }
  // What contextScore reads around each occurrence.
  for (const start of starts) basis.read(start - prefix.length - 2, start + quote.length + suffix.length + 2);
  const chosen = bestByContext(article.text, starts, quote.length, prefix, suffix);
  if (chosen.length === 1) return { status: 'found', span: toSpan(chosen[0]!) };
  return { status: 'ambiguous', spans: chosen.map(toSpan) };
}

/** The starts whose context agrees best (several on a tie). */
function bestByContext(text: string, starts: readonly number[], length: number, prefix: string, suffix: string): number[] {
  let best = -1;
  let chosen: number[] = [];
  for (const start of starts) {
    const score = contextScore(text, start, start + length, prefix, suffix);
    if (score > best) {
      best = score;
      chosen = [start];
    } else if (score === best) chosen.push(start);
  }
  return chosen;
}

/** How many characters of prefix (read backwards) and suffix agree with the text around a match. */
function contextScore(text: string, start: number, end: number, prefix: string, suffix: string): number {
  const before = text.slice(Math.max(0, start - prefix.length - 1), start);
  const after = text.slice(end, end + suffix.length + 1);
  return commonSuffixLength(before.trimEnd(), prefix.trimEnd()) + commonPrefixLength(after.trimStart(), suffix.trimStart());
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function commonSuffixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return i;
}

/** The approximate step, within the approximate-search budget; a quote not found gets the closest text as a suggestion. */
function findApproximately(article: NormalizedText, quote: string, selector: AnchorSelector, hint: number | undefined, basis: BasisRecorder, pieces?: PieceOccurrences): AnchorResult {
  const context = { ...approximateContext(selector), hint: hint === undefined ? undefined : toNormalizedOffset(article, hint) };
  const outcome = fuzzyFind(article.text, quote, context, article.original.length, basis, pieces);
  if (outcome.hit) return drifted(article, quote, outcome.hit, basis);
  const suggestion = suggestAnchor(article, quote, basis);
  return outcome.cut ? { status: 'orphaned', suggestion, limit: LIMITS.approximateSearch } : { status: 'orphaned', suggestion };
}

/** The prefix and suffix as the approximate step compares them. */
function approximateContext(selector: AnchorSelector): { prefix: string; suffix: string } {
  return { prefix: normalizeString(selector.prefix ?? '').slice(-CONTEXT_CHARS), suffix: normalizeString(selector.suffix ?? '').slice(0, CONTEXT_CHARS) };
}

/** The pieces an approximate search of this annotation looks up (its quote normalized as `findAnchor` does). */
export function seedPiecesOf(selector: AnchorSelector): readonly string[] {
  const quote = normalizeString(selector.quote).trim();
  return quote === '' ? [] : seedPieces(quote, approximateContext(selector)).map((seed) => seed.piece);
}

function drifted(article: NormalizedText, quote: string, hit: { start: number; end: number; distance: number }, basis: BasisRecorder): AnchorResult {
  // Prefer whole words ("Valley", not "Vall") when that stays within the error budget.
  const words = wholeCodePoints(article.text, snapToWords(article.text, hit.start, hit.end));
  basis.read(words.start - 2, words.end + 2);
  const wordDistance = editDistance(quote, article.text.slice(words.start, words.end));
  const useWords = wordDistance <= Math.max(hit.distance, maxErrorsFor(quote));
  const range = useWords ? words : wholeCodePoints(article.text, hit);
  const distance = useWords ? wordDistance : range.start === hit.start && range.end === hit.end ? hit.distance : editDistance(quote, article.text.slice(range.start, range.end));
  const suggestion = suggestionAt(article, range.start, range.end, false, basis);
  return { status: 'drifted', span: suggestion.span, suggestion, distance };
}

/** A normalized range widened to whole code points (an approximate match may end between the halves of an emoji). */
function wholeCodePoints(text: string, range: { start: number; end: number }): { start: number; end: number } {
  return snapToCodePoints(text, { start: range.start, end: range.end });
}

/** The closest text to a quote that is not found, with enough context to be unique (searched in the whole text, when small enough). */
function suggestAnchor(article: NormalizedText, quote: string, basis: BasisRecorder): AnchorSuggestion | undefined {
  const largest = Math.floor(SUGGESTION_CELLS / quote.length);
  if (article.original.length > largest) {
    basis.lengthWithin(largest + 1, Number.POSITIVE_INFINITY);
    return undefined;
  }
  basis.readAll();
  const match = closestMatch(article.text, quote, Number.POSITIVE_INFINITY);
  return match && suggestionAt(article, match.start, match.end, true, basis);
}

/** The article's text at a normalized span, as a new anchor (whole words when asked). */
function suggestionAt(article: NormalizedText, from: number, to: number, wholeWords: boolean, basis: BasisRecorder): AnchorSuggestion {
  const { start, end } = wholeCodePoints(article.text, wholeWords ? snapToWords(article.text, from, to) : trimSpaces(article.text, from, to));
  basis.read(from - 2, to + 2);
  const span = originalSpan(article, start, end);
  // The quote keeps the article's own characters (typographic apostrophes),
  // with white space runs collapsed.
  const original = article.original.slice(span.start, span.end).replace(/\s+/g, ' ');
  return { quote: original, ...contextToChoose(article.text, start, end, basis), span };
}

function trimSpaces(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && text[start] === ' ') start++;
  while (end > start && text[end - 1] === ' ') end--;
  return { start, end };
}

const isWordAt = (text: string, i: number): boolean => /[\p{L}\p{N}]/u.test(text[i] ?? '');

/** Widens a span that starts or ends inside a word to the whole word. */
function snapToWords(text: string, start: number, end: number): { start: number; end: number } {
  while (start > 0 && isWordAt(text, start) && isWordAt(text, start - 1)) start--;
  while (end < text.length && isWordAt(text, end - 1) && isWordAt(text, end)) end++;
  return { start, end };
}

/** Longest context tried before giving up on making a repeat unique. */
const MAX_CONTEXT = 64;

/**
 * The shortest prefix (then suffix), grown four characters at a time and then
 * to a word boundary, that makes the text at [start, end) unique. Never cuts
 * a character in two.
 */
export function uniqueContext(text: string, start: number, end: number): { prefix?: string; suffix?: string } {
  return contextToChoose(text, start, end, new BasisRecorder());
}

/** `uniqueContext`, recording what it reads: every occurrence of the text, with as much around each as the longest context tried. */
function contextToChoose(text: string, start: number, end: number, basis: BasisRecorder): { prefix?: string; suffix?: string } {
  const quote = text.slice(start, end);
  basis.watch(quote);
  const { starts, complete } = occurrencesOf(text, quote);
  // Over the occurrence limit, the 64-character fallback below is used, but which occurrences exist decided it.
  if (!complete) basis.readAll();
  const readAround = (before: number, after: number): void => {
    for (const s of starts) basis.read(s - before - 2, s + quote.length + after + 2);
  };
  if (complete && starts.length <= 1) {
    readAround(0, 0);
    return {};
  }
  if (complete) {
    let before = 0;
    let after = 0;
    for (let n = 4; n <= MAX_CONTEXT; n += 4) {
      let from = Math.max(0, start - n);
      while (from > 0 && isWordAt(text, from) && isWordAt(text, from - 1)) from--;
      const prefix = text.slice(snapBackward(text, from), start);
      before = Math.max(before, prefix.length);
      if (countWhere(starts, (s) => text.slice(s - prefix.length, s) === prefix) === 1) {
        readAround(before, after);
        return { prefix };
      }
      let to = Math.min(text.length, end + n);
      while (to < text.length && isWordAt(text, to - 1) && isWordAt(text, to)) to++;
      const suffix = text.slice(end, snapForward(text, to));
      after = Math.max(after, suffix.length);
      if (countWhere(starts, (s) => text.slice(s + quote.length, s + quote.length + suffix.length) === suffix) === 1) {
        readAround(before, after);
        return { suffix };
      }
    }
    readAround(Math.max(before, MAX_CONTEXT + 1), Math.max(after, MAX_CONTEXT + 1));
  }
  return { prefix: text.slice(snapBackward(text, Math.max(0, start - MAX_CONTEXT)), start), suffix: text.slice(end, snapForward(text, end + MAX_CONTEXT)) };
}

function countWhere(items: readonly number[], keep: (item: number) => boolean): number {
  let count = 0;
  for (const item of items) if (keep(item)) count++;
  return count;
}
