// Live tracking: while the article is edited, annotations move with the text
// instead of being searched for again. An edit is reduced to the one region
// that differs between the old and new text; anchors before it stay, anchors
// after it shift. The tracked result must equal a fresh search of the new
// text, so an anchor is moved only when the edit cannot have changed its
// result: the edit touches nothing its search read, writes none of the
// strings it watches anew, and leaves the article's length where the budgets
// decide the same (its basis, see anchorBasis.ts). Everything else is
// searched again.
import type { AnchorResult } from './anchor';
import { meetingOf, shiftBasis, type AnchorBasis } from './anchorBasis';
import { snapBackward, snapForward } from './codePoints';
import type { AnchorSuggestion, Span } from './model';
import { isSpace, normalizeWithMap, toNormalizedOffset, toOriginalSpan, type NormalizedText } from './normalize';
import { occurrencesOf } from './quoteIndex';

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

/**
 * The normalized text around a change, wide enough to hold any occurrence of
 * a watched string (of up to `reach` normalized characters) that overlaps
 * it, and where it starts in the new text.
 */
export interface ChangeWindow {
  readonly normalized: NormalizedText;
  readonly from: number;
  readonly change: TextChange;
  readonly reach: number;
  /** The normalized text that any occurrence touching the change lies in: `reach` characters each side of it. */
  readonly near: string;
}

/**
 * A white-space run counts as one normalized character, so `reach` original
 * characters may be too few: the window is doubled until it holds `reach`
 * normalized characters on each side of the change (or meets the text's end).
 */
export function changeWindow(newText: string, change: TextChange, reach: number): ChangeWindow {
  for (let margin = reach + 1; ; margin *= 2) {
    const from = snapBackward(newText, Math.max(0, change.start - margin));
    const to = snapForward(newText, Math.min(newText.length, change.newEnd + margin));
    const normalized = normalizeWithMap(newText.slice(from, to));
    const before = toNormalizedOffset(normalized, change.start - from);
    const after = normalized.text.length - toNormalizedOffset(normalized, change.newEnd - from);
    if ((from === 0 || before > reach) && (to === newText.length || after > reach)) {
      const near = normalized.text.slice(Math.max(0, before - reach), normalized.text.length - after + reach + 1);
      return { normalized, from, change, reach, near };
    }
  }
}

/**
 * Whether the edit wrote `watched` (normalized) anew: an occurrence in the
 * window that overlaps or touches the inserted text, or the place of a
 * deletion. Occurrences away from the edit existed before it and were
 * already weighed.
 */
function writtenByEdit(window: ChangeWindow, watched: string): boolean {
  const { normalized, from, change } = window;
  if (watched.length > window.reach) return true;
  // The common case, no occurrence near the edit at all, is answered by one native search of the
  // text around it, the same for every watched string (V8's search of a single first hit is linear;
  // occurrencesOf's linear guarantee is for collecting many overlapping hits, which only happens when there is one).
  if (!window.near.includes(watched)) return false;
  // Only occurrences that can reach the edit are looked at; more of them than the budget: assume so.
  const first = Math.max(0, toNormalizedOffset(normalized, change.start - from) - watched.length);
  const last = Math.min(normalized.text.length, toNormalizedOffset(normalized, change.newEnd - from) + watched.length + 1);
  if (first >= last) return false;
  const near = occurrencesOf(normalized.text, watched, undefined, first, last);
  if (!near.complete) return true;
  for (const at of near.starts) {
    const span = toOriginalSpan(normalized, at, at + watched.length);
    if (span.start + from <= change.newEnd && span.end + from >= change.start) return true;
  }
  return false;
}

/** The longest string any of the results watches: how far from an edit an occurrence overlapping it can start. */
export function longestWatch(results: Iterable<AnchorResult>): number {
  let longest = 0;
  for (const result of results) for (const watched of result.basis?.watch ?? []) longest = Math.max(longest, watched.length);
  return longest;
}

/**
 * Whether normalization may join the new text's characters on either side of
 * `at` (a new-text offset at an edge of the change): white space on both
 * sides is one run, and a character at or above U+0300 may be a mark that
 * NFC composes with the one before it, or half of a surrogate pair.
 */
function mayJoin(window: ChangeWindow, at: number): boolean {
  const text = window.normalized.original;
  const local = at - window.from;
  // The window reaches past the change on both sides unless the text ends there: nothing to join with.
  if (local <= 0 || local >= text.length) return false;
  const before = text.charCodeAt(local - 1);
  const after = text.charCodeAt(local);
  return after >= 0x300 || before >= 0xd800 || (isSpace(text[local - 1]!) && isSpace(text[local]!));
}

/** Whether the edit leaves a basis as it is (in a text of `newLength` characters). */
function keeps(basis: AnchorBasis, change: TextChange, newLength: number, window: ChangeWindow): boolean {
  if (newLength < basis.minLength || newLength > basis.maxLength) return false;
  const meeting = meetingOf(basis.ranges, change.start, change.oldEnd);
  if (meeting.inside) return false;
  // A range read that only touches the edit is kept unless the edit joins a character to its edge,
  // or the edge is the text's own start or end (a read cut there by the text would reach what is written).
  const oldLength = newLength - (change.newEnd - change.oldEnd);
  if (meeting.endsAtEdit && (change.start === oldLength || mayJoin(window, change.start))) return false;
  if (meeting.startsAtEdit && (change.oldEnd === 0 || mayJoin(window, change.newEnd))) return false;
  return !basis.watch.some((watched) => writtenByEdit(window, watched));
}

/**
 * The anchor after the change without searching, or undefined when it must be
 * searched again (no basis, or the edit may have changed the result).
 */
export function trackAnchor(previous: AnchorResult, change: TextChange, newLength: number, window: () => ChangeWindow): AnchorResult | undefined {
  const basis = previous.basis;
  if (!basis || !keeps(basis, change, newLength, window())) return undefined;
  const delta = change.newEnd - change.oldEnd;
  // Nothing of the result is inside the edit: what is after it moves (what ends where it starts stays).
  const move = (span: Span): Span => (span.start < change.oldEnd ? span : { start: span.start + delta, end: span.end + delta });
  const moved = shiftBasis(basis, change.oldEnd, delta);
  const suggestion = (s: AnchorSuggestion | undefined): AnchorSuggestion | undefined => s && { ...s, span: move(s.span) };
  switch (previous.status) {
    case 'found':
      return { ...previous, span: move(previous.span), basis: moved };
    case 'drifted':
      return { ...previous, span: move(previous.span), suggestion: suggestion(previous.suggestion)!, basis: moved };
    case 'ambiguous':
      return { ...previous, spans: previous.spans.map(move), basis: moved };
    case 'orphaned':
      return { ...previous, suggestion: suggestion(previous.suggestion), basis: moved };
  }
}
