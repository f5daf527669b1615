// The rough structure of an article that mention resolution reads context
// from: paragraphs (separated by blank lines), sentences, and quotations
// (which never run past the end of their paragraph). Each is computed in one
// pass and queried by binary search; after an edit, only the paragraphs and
// sentences around the change are scanned again and the rest is shifted.
import type { Span } from './model';
import type { TextChange } from './tracking';

export interface TextStructure {
  /** Index of the paragraph containing an offset. */
  paragraphOf(offset: number): number;
  /** Index of the sentence containing an offset. */
  sentenceOf(offset: number): number;
  /** Whether an offset lies inside a quotation. */
  isQuoted(offset: number): boolean;
  readonly paragraphs: readonly Span[];
  readonly sentences: readonly Span[];
}

const BLANK_LINE = /\n[^\S\n]*\n\s*/g;
const SENTENCE_END = /[.!?…]+["'”’)\]]*(?=\s)|\n+/g;

/** Paragraphs and sentences tile the text: each is kept as the list of its start offsets. */
class Structure implements TextStructure {
  private paragraphSpans?: Span[];
  private sentenceSpans?: Span[];

  constructor(
    readonly length: number,
    readonly paragraphStarts: readonly number[],
    readonly sentenceStarts: readonly number[],
    /** Quotations, sorted: start and end offsets. */
    readonly quotations: { readonly starts: readonly number[]; readonly ends: readonly number[] },
  ) {}

  paragraphOf(offset: number): number {
    return lastAtOrBefore(this.paragraphStarts, offset);
  }

  sentenceOf(offset: number): number {
    return lastAtOrBefore(this.sentenceStarts, offset);
  }

  isQuoted(offset: number): boolean {
    const i = lastAtOrBefore(this.quotations.starts, offset);
    const start = this.quotations.starts[i];
    return start !== undefined && start <= offset && offset < this.quotations.ends[i]!;
  }

  get paragraphs(): readonly Span[] {
    return (this.paragraphSpans ??= spansOf(this.paragraphStarts, this.length));
  }

  get sentences(): readonly Span[] {
    return (this.sentenceSpans ??= spansOf(this.sentenceStarts, this.length));
  }
}

export function analyzeStructure(text: string): TextStructure {
  const paragraphStarts = tileStarts(text, BLANK_LINE, 0, text.length)!;
  const sentenceStarts = tileStarts(text, SENTENCE_END, 0, text.length)!;
  return new Structure(text.length, paragraphStarts, sentenceStarts, quotationsIn(text, paragraphStarts, 0, paragraphStarts.length));
}

/** The structure of `text`, an edit of the text `previous` was computed for. */
export function updateStructure(previous: TextStructure, text: string, change: TextChange): TextStructure {
  if (!(previous instanceof Structure)) return analyzeStructure(text);
  const delta = change.newEnd - change.oldEnd;
  const paragraphs = retile(previous.paragraphStarts, previous.length, text, change, BLANK_LINE);
  const sentences = retile(previous.sentenceStarts, previous.length, text, change, SENTENCE_END);
  if (!paragraphs || !sentences) return analyzeStructure(text);
  // Quotations of the paragraphs scanned again are found again; the others are kept or shifted.
  const { starts, ends } = previous.quotations;
  const keptBefore = lastBefore(starts, paragraphs.from);
  const keptAfter = lastBefore(starts, paragraphs.oldTo);
  const scanned = quotationsIn(text, paragraphs.starts, paragraphs.first, paragraphs.afterLast);
  return new Structure(text.length, paragraphs.starts, sentences.starts, {
    starts: [...starts.slice(0, keptBefore), ...scanned.starts, ...starts.slice(keptAfter).map((s) => s + delta)],
    ends: [...ends.slice(0, keptBefore), ...scanned.ends, ...ends.slice(keptAfter).map((e) => e + delta)],
  });
}

interface Retiled {
  readonly starts: number[];
  /** Start (same in both texts) and old end of the region scanned again. */
  readonly from: number;
  readonly oldTo: number;
  /** Indices, in the new starts, of the first piece scanned again and of the first one after them. */
  readonly first: number;
  readonly afterLast: number;
}

/**
 * New start offsets after a change: the pieces from the one before the change
 * to the one after it are scanned again. The piece before is included because
 * a separator's lookahead reads the first character after it; the scan must
 * end exactly on the old boundary after the change, else undefined (the
 * caller scans everything).
 */
function retile(starts: readonly number[], oldLength: number, text: string, change: TextChange, separator: RegExp): Retiled | undefined {
  const first = Math.max(0, lastAtOrBefore(starts, change.start) - 1);
  const last = Math.min(starts.length - 1, lastAtOrBefore(starts, change.oldEnd) + 1);
  const from = starts[first]!;
  const oldTo = last + 1 < starts.length ? starts[last + 1]! : oldLength;
  const delta = change.newEnd - change.oldEnd;
  const middle = tileStarts(text, separator, from, oldTo + delta);
  if (!middle) return undefined;
  const after = starts.slice(last + 1).map((s) => s + delta);
  return { starts: [...starts.slice(0, first), ...middle, ...after], from, oldTo, first, afterLast: first + middle.length };
}

/**
 * Start offsets of the pieces between separators in [from, to): `from` is a
 * piece's start, and a separator must end exactly at `to` (unless `to` is the
 * end of the text); undefined when none does.
 */
function tileStarts(text: string, separator: RegExp, from: number, to: number): number[] | undefined {
  const starts = [from];
  separator.lastIndex = from;
  for (let match = separator.exec(text); match; match = separator.exec(text)) {
    const end = match.index + match[0].length;
    // A separator ending at `to` closes the scan: `to` starts a piece the caller already has.
    if (end >= to) return end === to ? starts : undefined;
    starts.push(end);
  }
  return to === text.length ? starts : undefined;
}

/** Span list from tiling starts. */
function spansOf(starts: readonly number[], length: number): Span[] {
  return starts.map((start, i) => ({ start, end: starts[i + 1] ?? length }));
}

/** Quotations in paragraphs [first, afterLast): “…” pairs, and "…" pairs, each within its paragraph. */
function quotationsIn(text: string, paragraphStarts: readonly number[], first: number, afterLast: number): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let p = first; p < afterLast; p++) {
    for (const q of findQuotations(text, paragraphStarts[p]!, paragraphStarts[p + 1] ?? text.length)) {
      starts.push(q.start);
      ends.push(q.end);
    }
  }
  return { starts, ends };
}

/** Index of the last element ≤ value in a sorted array (0 when none). */
function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (sorted[mid]! <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Number of elements < value in a sorted array. */
function lastBefore(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

const OPENERS = /[\u201C"]/g;

/**
 * Quotations in [from, to), one paragraph: “…” pairs, and "…" pairs. An
 * unclosed quote ends the search (scraped text must not have it swallow the
 * rest of the article).
 */
export function findQuotations(text: string, from = 0, to = text.length): Span[] {
  const spans: Span[] = [];
  OPENERS.lastIndex = from;
  for (let match = OPENERS.exec(text); match && match.index < to; match = OPENERS.exec(text)) {
    const closed = text.indexOf(match[0] === '"' ? '"' : '\u201D', match.index + 1);
    if (closed === -1 || closed >= to) break;
    spans.push({ start: match.index, end: closed + 1 });
    OPENERS.lastIndex = closed + 1;
  }
  return spans;
}
