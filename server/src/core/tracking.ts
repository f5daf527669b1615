// Live tracking: while the article is edited, annotations move with the text
// instead of being searched for again. An edit is reduced to the one region
// that differs between the old and new text; anchors before it stay, anchors
// after it shift, and only anchors the edit touches (or that the edit might
// have duplicated) are searched for again.
import type { AnchorResult } from './anchor';
import type { Span } from './model';
import { normalizeWithMap, toOriginalSpan, type NormalizedText } from './normalize';

export interface TextChange {
  /** Start of the changed region (same in both texts). */
  readonly start: number;
  /** End of the replaced region in the old text. */
  readonly oldEnd: number;
  /** End of the replacement in the new text. */
  readonly newEnd: number;
}

/** The single region where two texts differ (common prefix and suffix removed), or undefined when equal. */
export function changedRegion(oldText: string, newText: string): TextChange | undefined {
  if (oldText === newText) return undefined;
  const shorter = Math.min(oldText.length, newText.length);
  const start = commonPrefix(oldText, newText, shorter);
  const tail = commonSuffix(oldText, newText, shorter - start);
  return { start, oldEnd: oldText.length - tail, newEnd: newText.length - tail };
}

// Whole blocks are compared as strings first (a native memory comparison),
// then the differing block char by char: a 1 MB article costs well under a millisecond.
const BLOCK = 2048;

function commonPrefix(a: string, b: string, max: number): number {
  let at = 0;
  while (at + BLOCK <= max && a.slice(at, at + BLOCK) === b.slice(at, at + BLOCK)) at += BLOCK;
  while (at < max && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  return at;
}

function commonSuffix(a: string, b: string, max: number): number {
  let tail = 0;
  while (tail + BLOCK <= max && a.slice(a.length - tail - BLOCK, a.length - tail) === b.slice(b.length - tail - BLOCK, b.length - tail)) tail += BLOCK;
  while (tail < max && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  return tail;
}

/** The normalized text around a change, wide enough to hold any quote that overlaps it, and where it starts. */
export interface ChangeWindow {
  readonly normalized: NormalizedText;
  readonly from: number;
  readonly change: TextChange;
}

export function changeWindow(newText: string, change: TextChange, longestQuote: number): ChangeWindow {
  const from = Math.max(0, change.start - longestQuote - 1);
  return { normalized: normalizeWithMap(newText.slice(from, Math.min(newText.length, change.newEnd + longestQuote + 1))), from, change };
}

/**
 * Whether the edit wrote the (normalized) quote anew: an occurrence in the
 * window that overlaps the inserted text, or spans the place of a deletion.
 * Occurrences beside the edit existed before it and were already weighed.
 */
function writtenByEdit(window: ChangeWindow, quote: string): boolean {
  const { normalized, from, change } = window;
  for (let at = normalized.text.indexOf(quote); at !== -1; at = normalized.text.indexOf(quote, at + 1)) {
    const span = toOriginalSpan(normalized, at, at + quote.length);
    if (span.start + from < change.newEnd && span.end + from > change.start) return true;
  }
  return false;
}

/**
 * The anchor after the change without searching, or undefined when it must be
 * searched again: the edit touched it, or may have written its quote anew.
 */
export function trackAnchor(previous: AnchorResult, change: TextChange, quote: string, window: ChangeWindow): AnchorResult | undefined {
  if (writtenByEdit(window, quote)) return undefined;
  const move = (span: Span): Span | undefined => moveSpan(span, change);
  switch (previous.status) {
    case 'found': {
      const span = move(previous.span);
      return span && { status: 'found', span };
    }
    case 'drifted': {
      const span = move(previous.span);
      return span && { ...previous, span, suggestion: { ...previous.suggestion, span } };
    }
    case 'ambiguous': {
      const spans = previous.spans.map(move);
      return spans.every((s): s is Span => s !== undefined) ? { status: 'ambiguous', spans } : undefined;
    }
    case 'orphaned': {
      if (!previous.suggestion) return previous;
      const span = move(previous.suggestion.span);
      return span && { status: 'orphaned', suggestion: { ...previous.suggestion, span } };
    }
  }
}

/** A span moved by the change, or undefined when the change overlaps it. */
function moveSpan(span: Span, change: TextChange): Span | undefined {
  if (span.end <= change.start) return span;
  if (span.start >= change.oldEnd) {
    const delta = change.newEnd - change.oldEnd;
    return { start: span.start + delta, end: span.end + delta };
  }
  return undefined;
}
