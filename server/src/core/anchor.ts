// Finds where an annotation's quote is in the article, in order: the exact
// (normalized) quote with its prefix/suffix or occurrence choosing among
// repeats; the exact quote alone; then an approximate match tolerating edits
// in proportion to the quote's length (reported as drifted). A quote not
// found at all gets the closest text as a suggestion.
import type { Anchor, AnchorSuggestion, Span } from './model';
import { normalizeString, toNormalizedOffset, toOriginalSpan, type NormalizedText } from './normalize';
import { closestMatch, editDistance } from './fuzzy';
import { fuzzyFind, maxErrorsFor } from './fuzzyAnchor';

export type AnchorResult =
  | { readonly status: 'found'; readonly span: Span }
  | { readonly status: 'drifted'; readonly span: Span; readonly suggestion: AnchorSuggestion; readonly distance: number }
  | { readonly status: 'ambiguous'; readonly spans: readonly Span[] }
  | { readonly status: 'orphaned'; readonly suggestion?: AnchorSuggestion };

type AnchorSelector = Pick<Anchor, 'quote' | 'prefix' | 'suffix' | 'occurrence'>;

/** `hint`: where the annotation was last found (an original offset), to break ties of the approximate step. */
export function findAnchor(article: NormalizedText, selector: AnchorSelector, hint?: number, knownStarts?: number[]): AnchorResult {
  const quote = normalizeString(selector.quote).trim();
  if (quote === '') return { status: 'orphaned' };
  const starts = knownStarts ?? occurrencesOf(article.text, quote);
  const toSpan = (start: number): Span => toOriginalSpan(article, start, start + quote.length);
  if (starts.length > 0) {
    const chosen = chooseOccurrence(article.text, starts, quote.length, selector);
    if (chosen.length === 1) return { status: 'found', span: toSpan(chosen[0]!) };
    if (chosen.length > 1) return { status: 'ambiguous', spans: chosen.map(toSpan) };
    // The quote is there verbatim, but not the occurrence asked for.
    return { status: 'orphaned' };
  }
  const context = { prefix: normalizeString(selector.prefix ?? ''), suffix: normalizeString(selector.suffix ?? ''), hint: hint === undefined ? undefined : toNormalizedOffset(article, hint) };
  const hit = fuzzyFind(article.text, quote, context);
  if (hit) {
    // Prefer whole words ("Valley", not "Vall") when that stays within the error budget.
    const words = snapToWords(article.text, hit.start, hit.end);
    const wordDistance = editDistance(quote, article.text.slice(words.start, words.end));
    const [from, to, distance] = wordDistance <= Math.max(hit.distance, maxErrorsFor(quote)) ? [words.start, words.end, wordDistance] : [hit.start, hit.end, hit.distance];
    const suggestion = suggestionAt(article, from, to, false);
    return { status: 'drifted', span: suggestion.span, suggestion, distance };
  }
  return { status: 'orphaned', suggestion: suggestAnchor(article, quote) };
}

/** Every start offset of `needle` in `haystack` (overlapping repeats included). */
export function occurrencesOf(haystack: string, needle: string): number[] {
  const starts: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) starts.push(at);
  return starts;
}

/**
 * Narrows the candidates: `occurrence` picks the n-th; a prefix/suffix keeps
 * the candidates whose context matches exactly, else the ones with the
 * longest partial context match (a context edited since still helps).
 */
function chooseOccurrence(text: string, starts: number[], length: number, selector: AnchorSelector): number[] {
  if (selector.occurrence !== undefined) {
    const nth = starts[selector.occurrence - 1];
    return nth === undefined ? [] : [nth];
  }
  const prefix = selector.prefix === undefined ? '' : normalizeString(selector.prefix);
  const suffix = selector.suffix === undefined ? '' : normalizeString(selector.suffix);
  if (starts.length === 1 || (prefix === '' && suffix === '')) return starts;
  const scored = starts.map((start) => ({ start, score: contextScore(text, start, start + length, prefix, suffix) }));
  const best = Math.max(...scored.map((s) => s.score));
  return scored.filter((s) => s.score === best).map((s) => s.start);
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

/** The closest text to a quote that is not found, with enough context to be unique. */
function suggestAnchor(article: NormalizedText, quote: string): AnchorSuggestion | undefined {
  const match = closestMatch(article.text, quote);
  return match && suggestionAt(article, match.start, match.end, true);
}

/** The article's text at a normalized span, as a new anchor (whole words when asked). */
function suggestionAt(article: NormalizedText, from: number, to: number, wholeWords: boolean): AnchorSuggestion {
  const { start, end } = wholeWords ? snapToWords(article.text, from, to) : trimSpaces(article.text, from, to);
  const span = toOriginalSpan(article, start, end);
  // The quote keeps the article's own characters (typographic apostrophes),
  // with white space runs collapsed.
  const original = article.original.slice(span.start, span.end).replace(/\s+/g, ' ');
  return { quote: original, ...uniqueContext(article.text, start, end), span };
}

function trimSpaces(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && text[start] === ' ') start++;
  while (end > start && text[end - 1] === ' ') end--;
  return { start, end };
}

/** Widens a span that starts or ends inside a word to the whole word. */
function snapToWords(text: string, start: number, end: number): { start: number; end: number } {
  const isWord = (i: number): boolean => /[\p{L}\p{N}]/u.test(text[i] ?? '');
  while (start > 0 && isWord(start) && isWord(start - 1)) start--;
  while (end < text.length && isWord(end - 1) && isWord(end)) end++;
  return { start, end };
}

/**
 * The shortest prefix (then suffix), grown four characters at a time and then
 * to a word boundary, that makes the text at [start, end) unique.
 */
export function uniqueContext(text: string, start: number, end: number): { prefix?: string; suffix?: string } {
  const quote = text.slice(start, end);
  const starts = occurrencesOf(text, quote);
  if (starts.length <= 1) return {};
  const isWord = (i: number): boolean => /[\p{L}\p{N}]/u.test(text[i] ?? '');
  for (let n = 4; n <= 64; n += 4) {
    let from = Math.max(0, start - n);
    while (from > 0 && isWord(from) && isWord(from - 1)) from--;
    const prefix = text.slice(from, start);
    if (starts.filter((s) => text.slice(s - prefix.length, s) === prefix).length === 1) return { prefix };
    let to = Math.min(text.length, end + n);
    while (to < text.length && isWord(to - 1) && isWord(to)) to++;
    const suffix = text.slice(end, to);
    if (starts.filter((s) => text.slice(s + quote.length, s + quote.length + suffix.length) === suffix).length === 1) return { suffix };
  }
  return { prefix: text.slice(Math.max(0, start - 64), start), suffix: text.slice(end, end + 64) };
}
