// The third anchoring step: a quote no longer in the article exactly is
// looked for approximately, tolerating edits in proportion to its length.
// Candidates come from exact hits of pieces of the quote (and of its prefix
// and suffix, and the last known position); each is verified with an edit
// distance computed in a small window around it, so the cost is about
// (number of candidates) × (quote length)², not text length × quote length.
import { closestMatchIn } from './fuzzy';

/** At most this share of the quote's characters may differ... */
export const MAX_ERROR_RATE = 0.25;
/** ...or this share, when the quote's prefix or suffix still agrees with the text around the match. */
export const MAX_ERROR_RATE_WITH_CONTEXT = 0.4;
/** Quotes shorter than this are matched approximately only where their context agrees: "Massound" must not become any "Massoud". */
const SHORT_QUOTE = 12;
const SEED_LENGTH = 10;
const MAX_CANDIDATES = 40;
/** Text length × quote length under which a quote with no seed hit is searched in the whole text. */
const FULL_SCAN_BUDGET = 4_000_000;

export interface FuzzyHit {
  readonly start: number;
  readonly end: number;
  readonly distance: number;
  readonly score: number;
}

export interface FuzzyContext {
  readonly prefix: string;
  readonly suffix: string;
  /** Where the quote was last found (normalized offset), if known. */
  readonly hint?: number;
}

export function maxErrorsFor(quote: string, contextAgrees = false): number {
  return Math.max(1, Math.floor(quote.length * (contextAgrees ? MAX_ERROR_RATE_WITH_CONTEXT : MAX_ERROR_RATE)));
}

/** The best approximate match of `quote` in `text`, or undefined when none is within the error budget. */
export function fuzzyFind(text: string, quote: string, context: FuzzyContext): FuzzyHit | undefined {
  const maxErrors = maxErrorsFor(quote, true);
  const accept = (match: { start: number; end: number; distance: number } | undefined): FuzzyHit | undefined => {
    if (!match) return undefined;
    const agrees = contextAgreement(text, match, context) >= 0.5;
    if (quote.length < SHORT_QUOTE && !agrees) return undefined;
    return match.distance <= maxErrorsFor(quote, agrees) ? { ...match, score: score(text, quote, match, context) } : undefined;
  };
  const candidates = candidateStarts(text, quote, context);
  if (candidates.length === 0) return text.length * quote.length <= FULL_SCAN_BUDGET ? accept(closestMatchIn(text, quote, 0, text.length)) : undefined;
  const hits: FuzzyHit[] = [];
  for (const candidate of candidates) {
    const from = Math.max(0, candidate - maxErrors - SEED_LENGTH);
    const to = Math.min(text.length, candidate + quote.length + maxErrors + SEED_LENGTH);
    const hit = accept(closestMatchIn(text, quote, from, to));
    if (hit) hits.push(hit);
  }
  hits.sort((a, b) => b.score - a.score);
  return hits[0];
}

/** How much of the prefix (read backwards) or the suffix agrees with the text around a match, 0 to 1 (the better of the two). */
function contextAgreement(text: string, match: { start: number; end: number }, context: FuzzyContext): number {
  const before = text.slice(Math.max(0, match.start - context.prefix.length), match.start);
  const after = text.slice(match.end, match.end + context.suffix.length);
  const prefix = context.prefix.trim() ? commonTail(before.trimEnd(), context.prefix.trimEnd()) / context.prefix.trimEnd().length : 0;
  const suffix = context.suffix.trim() ? commonHead(after.trimStart(), context.suffix.trimStart()) / context.suffix.trimStart().length : 0;
  return Math.max(prefix, suffix);
}

/** Likely start positions of the quote, most supported first. */
function candidateStarts(text: string, quote: string, context: FuzzyContext): number[] {
  const votes = new Map<number, number>();
  const vote = (start: number, weight = 1): void => {
    // Nearby starts are one candidate: bucket them by quarter of a seed.
    const bucket = Math.round(start / 4) * 4;
    votes.set(bucket, (votes.get(bucket) ?? 0) + weight);
  };
  const seedLength = Math.min(SEED_LENGTH, Math.max(3, Math.floor(quote.length / 3)), quote.length);
  const step = Math.max(1, Math.floor((quote.length - seedLength) / 6));
  for (let offset = 0; offset + seedLength <= quote.length; offset += step) {
    const seed = quote.slice(offset, offset + seedLength);
    forEachOccurrence(text, seed, 200, (at) => vote(at - offset));
  }
  const prefixTail = context.prefix.slice(-SEED_LENGTH);
  if (prefixTail.trim().length >= 4) forEachOccurrence(text, prefixTail, 50, (at) => vote(at + prefixTail.length, 2));
  const suffixHead = context.suffix.slice(0, SEED_LENGTH);
  if (suffixHead.trim().length >= 4) forEachOccurrence(text, suffixHead, 50, (at) => vote(at - quote.length, 2));
  if (context.hint !== undefined) vote(context.hint, 2);
  return [...votes].sort((a, b) => b[1] - a[1]).slice(0, MAX_CANDIDATES).map(([start]) => start);
}

function forEachOccurrence(text: string, needle: string, limit: number, visit: (at: number) => void): void {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1 && count < limit; at = text.indexOf(needle, at + 1), count++) visit(at);
}

/** Quote similarity first, then context, then closeness to the last known position (as in Hypothesis' scoring). */
function score(text: string, quote: string, match: { start: number; end: number; distance: number }, context: FuzzyContext): number {
  const quoteScore = 1 - match.distance / quote.length;
  const before = text.slice(Math.max(0, match.start - context.prefix.length), match.start);
  const after = text.slice(match.end, match.end + context.suffix.length);
  const prefixScore = context.prefix ? commonTail(before, context.prefix) / context.prefix.length : 0;
  const suffixScore = context.suffix ? commonHead(after, context.suffix) / context.suffix.length : 0;
  const positionScore = context.hint === undefined ? 0 : 1 - Math.min(1, Math.abs(match.start - context.hint) / Math.max(1, text.length));
  return 50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * positionScore;
}

function commonHead(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function commonTail(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return i;
}
