// Offsets in the core count UTF-16 code units (see model.ts). A character
// outside the BMP (an emoji, a mathematical letter) takes two units, a high
// and a low surrogate. A span that starts or ends between the two halves cuts
// the character in two, and any text written from it (an updated quote) holds
// a lone surrogate. These helpers keep spans on code-point boundaries.

import type { Span } from './model';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Whether offset `i` falls between the two halves of a surrogate pair: the
 * unit at `i` is a low surrogate and the unit before it a high one. (A lone
 * low surrogate is a character of its own, so a boundary before it is fine.)
 */
export function isLowSurrogateAt(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  return isLowSurrogate(text.charCodeAt(i)) && isHighSurrogate(text.charCodeAt(i - 1));
}

/** The nearest code-point boundary at or before `offset`. */
export function snapBackward(text: string, offset: number): number {
  return isLowSurrogateAt(text, offset) ? offset - 1 : offset;
}

/** The nearest code-point boundary at or after `offset`. */
export function snapForward(text: string, offset: number): number {
  return isLowSurrogateAt(text, offset) ? offset + 1 : offset;
}

/**
 * The span widened to whole code points: the start moves back and the end
 * forward off the middle of a surrogate pair, so the span never loses part of
 * a character it touched. Returns the same object when nothing moves.
 */
export function snapToCodePoints(text: string, span: Span): Span {
  const start = snapBackward(text, span.start);
  const end = Math.max(start, snapForward(text, span.end));
  return start === span.start && end === span.end ? span : { start, end };
}
