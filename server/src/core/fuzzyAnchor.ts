// The third anchoring step: a quote no longer in the article exactly is
// looked for approximately, tolerating edits in proportion to its length.
// Candidates come from exact hits of pieces of the quote (and of its prefix
// and suffix, and the last known position); each is verified with an edit
// distance computed in a small window around it, so the cost is about
// (number of candidates) × (quote length)², not text length × quote length.
// That cost is bounded too (`approximateBudget`): a very long quote has its
// windows skipped and the caller says the limit was hit.
//
// What the search reads is recorded (see anchorBasis.ts) so that tracking can
// keep a drifted result through edits elsewhere; for that, every choice here
// depends on distances between positions, never on absolute positions.
import type { BasisRecorder } from './anchorBasis';
import { closestMatchIn } from './fuzzy';
import { LIMITS } from './limits';

/** At most this share of the quote's characters may differ... */
export const MAX_ERROR_RATE = 0.25;
/** ...or this share, when the quote's prefix or suffix still agrees with the text around the match. */
export const MAX_ERROR_RATE_WITH_CONTEXT = 0.4;
/** Quotes shorter than this are matched approximately only where their context agrees: "Massound" must not become any "Massoud". */
const SHORT_QUOTE = 12;
const SEED_LENGTH = 10;
const MAX_CANDIDATES = 40;
/** Votes for starts this close support each other (an insertion in the quote shifts the seeds after it). */
const NEARBY = 2;
/** Article length × quote length under which a quote with no seed hit is searched in the whole text. */
const FULL_SCAN_BUDGET = 4_000_000;
/** The least approximate-search budget, whatever the article's length (about 30 ms). */
const MIN_APPROXIMATE_CELLS = 16_000_000;

/** Edit-distance cells one quote's approximate search may compute in an article of `articleLength` characters. */
export function approximateBudget(articleLength: number): number {
  return Math.max(MIN_APPROXIMATE_CELLS, LIMITS.approximateSearch.value * articleLength);
}

/** The least article length whose budget allows `cells`. */
function lengthAllowing(cells: number): number {
  return cells <= MIN_APPROXIMATE_CELLS ? 0 : Math.ceil(cells / LIMITS.approximateSearch.value);
}

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

/**
 * What an approximate search found: the best match within the error budget,
 * if any; the cells it computed; whether candidate places were skipped for
 * the cell budget (so a match may have been missed).
 */
export interface FuzzyOutcome {
  readonly hit?: FuzzyHit;
  readonly spent: number;
  readonly cut: boolean;
}

/**
 * The best approximate match of `quote` in `text` (the normalized article, of
 * `articleLength` original characters, which sets the budgets), recording
 * what it reads in `basis`.
 */
export function fuzzyFind(text: string, quote: string, context: FuzzyContext, articleLength: number, basis: BasisRecorder, occurrences: PieceOccurrences = searchEach(text)): FuzzyOutcome {
  const maxErrors = maxErrorsFor(quote, true);
  const accept = (match: { start: number; end: number; distance: number } | undefined): FuzzyHit | undefined => {
    if (!match) return undefined;
    basis.read(match.start - context.prefix.length, match.end + context.suffix.length);
    const agrees = contextAgreement(text, match, context) >= 0.5;
    if (quote.length < SHORT_QUOTE && !agrees) return undefined;
    return match.distance <= maxErrorsFor(quote, agrees) ? { ...match, score: score(text, quote, match, context) } : undefined;
  };
  const candidates = candidateStarts(quote, context, basis, occurrences);
  if (candidates.length === 0) return fullScan(text, quote, articleLength, basis, accept);
  const budget = approximateBudget(articleLength);
  let best: FuzzyHit | undefined;
  let spent = 0;
  for (const candidate of candidates) {
    const from = Math.max(0, candidate - maxErrors - SEED_LENGTH);
    const to = Math.min(text.length, candidate + quote.length + maxErrors + SEED_LENGTH);
    const cells = (to - from) * quote.length;
    if (spent + cells > budget) {
      basis.lengthWithin(lengthAllowing(spent), lengthAllowing(spent + cells) - 1);
      return { hit: best, spent, cut: true };
    }
    spent += cells;
    basis.read(from, to);
    const hit = accept(closestMatchIn(text, quote, from, to));
    // The first of equal scores wins: candidates come most supported first.
    if (hit && (!best || hit.score > best.score)) best = hit;
  }
  basis.lengthWithin(lengthAllowing(spent), Number.POSITIVE_INFINITY);
  return { hit: best, spent, cut: false };
}

/** No piece of the quote is in the text: the whole text is searched, when small enough. */
function fullScan(text: string, quote: string, articleLength: number, basis: BasisRecorder, accept: (match: { start: number; end: number; distance: number } | undefined) => FuzzyHit | undefined): FuzzyOutcome {
  const largest = Math.floor(FULL_SCAN_BUDGET / quote.length);
  if (articleLength > largest) {
    basis.lengthWithin(largest + 1, Number.POSITIVE_INFINITY);
    return { spent: 0, cut: false };
  }
  basis.readAll();
  return { hit: accept(closestMatchIn(text, quote, 0, text.length)), spent: text.length * quote.length, cut: false };
}

/** How much of the prefix (read backwards) or the suffix agrees with the text around a match, 0 to 1 (the better of the two). */
function contextAgreement(text: string, match: { start: number; end: number }, context: FuzzyContext): number {
  const before = text.slice(Math.max(0, match.start - context.prefix.length), match.start);
  const after = text.slice(match.end, match.end + context.suffix.length);
  const prefix = context.prefix.trim() ? commonTail(before.trimEnd(), context.prefix.trimEnd()) / context.prefix.trimEnd().length : 0;
  const suffix = context.suffix.trim() ? commonHead(after.trimStart(), context.suffix.trimStart()) / context.suffix.trimStart().length : 0;
  return Math.max(prefix, suffix);
}

/** A piece of the quote or its context looked up in the text, and how many of its first occurrences vote. */
export interface SeedPiece {
  readonly piece: string;
  readonly limit: number;
  /** Where a hit says the quote starts, from where the piece starts. */
  readonly offset: number;
  readonly weight: number;
}

/** The first `limit` starts of `piece` in the text (overlapping ones included), in order. */
export type PieceOccurrences = (piece: string, limit: number) => readonly number[];

/** Each piece looked up with its own native search of the text. */
export function searchEach(text: string): PieceOccurrences {
  return (piece, limit) => {
    const starts: number[] = [];
    for (let at = text.indexOf(piece); at !== -1 && starts.length < limit; at = text.indexOf(piece, at + 1)) starts.push(at);
    return starts;
  };
}

/**
 * The pieces whose hits vote for where the quote starts: pieces of the quote
 * itself, the end of its prefix and the start of its suffix. Known before
 * the search, so many quotes' pieces can be looked up in one pass.
 */
export function seedPieces(quote: string, context: Pick<FuzzyContext, 'prefix' | 'suffix'>): SeedPiece[] {
  const pieces: SeedPiece[] = [];
  const seedLength = Math.min(SEED_LENGTH, Math.max(3, Math.floor(quote.length / 3)), quote.length);
  const step = Math.max(1, Math.floor((quote.length - seedLength) / 6));
  for (let offset = 0; offset + seedLength <= quote.length; offset += step) pieces.push({ piece: quote.slice(offset, offset + seedLength), limit: 200, offset: -offset, weight: 1 });
  const prefixTail = context.prefix.slice(-SEED_LENGTH);
  if (prefixTail.trim().length >= 4) pieces.push({ piece: prefixTail, limit: 50, offset: prefixTail.length, weight: 2 });
  const suffixHead = context.suffix.slice(0, SEED_LENGTH);
  if (suffixHead.trim().length >= 4) pieces.push({ piece: suffixHead, limit: 50, offset: -quote.length, weight: 2 });
  return pieces;
}

/**
 * Likely start positions of the quote, most supported first: each exact hit
 * of a piece votes for where the quote would start, and votes for starts a
 * few characters apart add up (an edit inside the quote shifts the pieces
 * after it). Of starts this close, only the best is kept.
 */
function candidateStarts(quote: string, context: FuzzyContext, basis: BasisRecorder, occurrences: PieceOccurrences): number[] {
  const votes = new Map<number, number>();
  const vote = (start: number, weight: number): void => {
    votes.set(start, (votes.get(start) ?? 0) + weight);
  };
  for (const seed of seedPieces(quote, context)) {
    basis.watch(seed.piece);
    for (const at of occurrences(seed.piece, seed.limit)) vote(at + seed.offset, seed.weight);
  }
  if (context.hint !== undefined) {
    vote(context.hint, 2);
    basis.readAll();
  }
  // What decided each start's support: the pieces that voted for it or for a start nearby.
  for (const start of votes.keys()) basis.read(start - SEED_LENGTH - NEARBY, start + quote.length + SEED_LENGTH + NEARBY);
  return strongestApart(votes);
}

/** Starts ranked by their votes and their neighbours' (first voted first on ties), none within NEARBY × 2 of a better one. */
function strongestApart(votes: ReadonlyMap<number, number>): number[] {
  const support = (start: number): number => {
    let sum = 0;
    for (let d = -NEARBY; d <= NEARBY; d++) sum += votes.get(start + d) ?? 0;
    return sum;
  };
  const ranked = Array.from(votes.keys(), (start) => ({ start, support: support(start) })).sort((a, b) => b.support - a.support);
  const chosen: number[] = [];
  for (const { start } of ranked) {
    if (chosen.length === MAX_CANDIDATES) break;
    if (chosen.every((c) => Math.abs(c - start) > 2 * NEARBY)) chosen.push(start);
  }
  return chosen;
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
