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
      .map((r) => ({ start: article.starts[clamp(r.start, 0, last)]!, end: article.starts[clamp(r.end, 0, last)]! }))
      .sort((a, b) => a.start - b.start);
    return { ranges: mergeRanges(ranges), watch: [...this.watched], minLength: this.minLength, maxLength: this.maxLength };
  }
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

/** Whether a closed range [start, end] meets any basis range (touching counts). Binary search: ranges are sorted and disjoint. */
export function touchesAny(ranges: readonly Span[], start: number, end: number): boolean {
  let low = 0;
  let high = ranges.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (ranges[mid]!.end < start) low = mid + 1;
    else high = mid;
  }
  return low < ranges.length && ranges[low]!.start <= end;
}

/** The basis after an edit that does not touch it: ranges after `at` move by `delta`. */
export function shiftBasis(basis: AnchorBasis, at: number, delta: number): AnchorBasis {
  if (delta === 0) return basis;
  return { ...basis, ranges: basis.ranges.map((r) => (r.end < at ? r : { start: r.start + delta, end: r.end + delta })) };
}
