// What an anchoring result depends on, so that live tracking can tell when an
// edit cannot have changed it (and move it instead of searching again).
//
// A search records, as it goes, the parts of the article it read, the strings
// whose appearance anywhere would have changed what it found (the quote, the
// pieces it looked up), and the article lengths under which its budgets made
// the same choices. An edit that touches no range read, writes none of those
// strings anew and keeps the length within bounds leaves the result as it is.
// A search that read the whole text has no basis: any edit may change it.
import type { Span } from './model';
import type { NormalizedText } from './normalize';

export interface AnchorBasis {
  /** Ranges of the article read (original offsets), sorted and disjoint. */
  readonly ranges: readonly Span[];
  /** Normalized strings whose new occurrence would change the result. */
  readonly watch: readonly string[];
  /** Article lengths (original characters) for which the budgets decide the same. */
  readonly minLength: number;
  readonly maxLength: number;
}

/** Collects a basis during one search, in normalized offsets. */
export class BasisRecorder {
  private readonly reads: Span[] = [];
  private readonly watched = new Set<string>();
  private minLength = 0;
  private maxLength = Number.POSITIVE_INFINITY;
  private whole = false;

  /** The search read normalized text [from, to) (clamped to the text later). */
  read(from: number, to: number): void {
    this.reads.push({ start: from, end: to });
  }

  /** A new occurrence of `text` anywhere would change the result. */
  watch(text: string): void {
    if (text !== '') this.watched.add(text);
  }

  /** The result holds only for article lengths within [min, max]. */
  lengthWithin(min: number, max: number): void {
    this.minLength = Math.max(this.minLength, min);
    this.maxLength = Math.min(this.maxLength, max);
  }

  /** The search depended on the whole text. */
  readAll(): void {
    this.whole = true;
  }

  build(article: NormalizedText): AnchorBasis | undefined {
    if (this.whole) return undefined;
    const last = article.text.length;
    const ranges = this.reads
      .map((r) => ({ start: clusterStart(article.starts, clamp(r.start, 0, last)), end: article.starts[clamp(r.end, 0, last)]! }))
      .sort((a, b) => a.start - b.start);
    return { ranges: mergeRanges(ranges), watch: [...this.watched], minLength: this.minLength, maxLength: this.maxLength };
  }
}

/**
 * Where the original text that normalized character `i` depends on starts.
 * In a cluster NFC changed, the units after the first map to the cluster's
 * end (see nfc.ts), yet what they are depends on all of it (a mark after a
 * "w" is part of "ẃ"): such a unit reads from the cluster's start, the
 * offset of its first unit (found by binary search: `starts` never goes down).
 */
function clusterStart(starts: Int32Array, i: number): number {
  const at = starts[i]!;
  let low = 0;
  let high = i;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! < at) low = mid + 1;
    else high = mid;
  }
  return low < i && low > 0 ? starts[low - 1]! : at;
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}

/** Sorted ranges with overlapping or adjacent ones merged. */
function mergeRanges(sorted: readonly Span[]): Span[] {
  const merged: Span[] = [];
  for (const range of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && range.start <= previous.end) merged[merged.length - 1] = { start: previous.start, end: Math.max(previous.end, range.end) };
    else merged.push(range);
  }
  return merged;
}

/** How the replaced region [start, end) of an edit meets the ranges read. */
export interface Meeting {
  /** The edit changes text inside a range (or inserts strictly inside one). */
  readonly inside: boolean;
  /** A range ends where the edit starts: the edit may join what is after it to the range's last character. */
  readonly endsAtEdit: boolean;
  /** A range starts where the replaced region ends: the edit may join what it writes to the range's first character. */
  readonly startsAtEdit: boolean;
}

const APART: Meeting = { inside: false, endsAtEdit: false, startsAtEdit: false };

/** How an edit replacing [start, end) meets the ranges (half-open, sorted, disjoint). Binary search, then the few ranges that touch it. */
export function meetingOf(ranges: readonly Span[], start: number, end: number): Meeting {
  let low = 0;
  let high = ranges.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (ranges[mid]!.end < start) low = mid + 1;
    else high = mid;
  }
  let endsAtEdit = false;
  let startsAtEdit = false;
  for (let i = low; i < ranges.length && ranges[i]!.start <= end; i++) {
    const range = ranges[i]!;
    const overlaps = Math.max(range.start, start) < Math.min(range.end, end) || (range.start < start && start < range.end);
    if (overlaps) return { inside: true, endsAtEdit, startsAtEdit };
    if (range.end === start) endsAtEdit = true;
    if (range.start === end) startsAtEdit = true;
  }
  return endsAtEdit || startsAtEdit ? { inside: false, endsAtEdit, startsAtEdit } : APART;
}

/** The basis after an edit that does not change it: ranges from the end of the replaced region `oldEnd` on move by `delta` (those before it, even ending where it starts, stay). */
export function shiftBasis(basis: AnchorBasis, oldEnd: number, delta: number): AnchorBasis {
  if (delta === 0) return basis;
  return { ...basis, ranges: basis.ranges.map((r) => (r.start < oldEnd ? r : { start: r.start + delta, end: r.end + delta })) };
}
