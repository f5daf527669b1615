// Text normalization shared by anchoring and mention matching: every run of
// white space (including no-break and other Unicode spaces, and line breaks)
// counts as one space, typographic quotes count as their ASCII forms, and
// text is compared in Unicode NFC ("e" + U+0301 is "é"). Scraped articles mix
// all of these freely; users type the plain forms, and macOS file names and
// some editors write NFD.

import { composeWithMap, mayChangeUnderNfc } from './nfc';

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u0060\u00B4]/;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/;
const WHITESPACE = /[\s\u00A0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF]/;

/** The normalized form of one character (not for white space). */
export function normalizeChar(ch: string): string {
  if (SINGLE_QUOTES.test(ch)) return "'";
  if (DOUBLE_QUOTES.test(ch)) return '"';
  return ch;
}

export function isSpace(ch: string): boolean {
  return WHITESPACE.test(ch);
}

/** A normalized text and, for each of its characters, where it starts in the original. */
export interface NormalizedText {
  readonly original: string;
  readonly text: string;
  /** `starts[i]` is the original offset of normalized char i; `starts[text.length]` is the original length. */
  readonly starts: Int32Array;
}

/**
 * Normalizes a whole text, keeping the offset map (linear). Most texts are
 * already NFC, which one read of the text shows (only characters that can
 * change under NFC are looked at more closely); the others are composed first,
 * a cluster at a time, with a map back to the original.
 */
export function normalizeWithMap(original: string): NormalizedText {
  if (!mayChangeUnderNfc(original)) return foldWithMap(original, original);
  const composed = composeWithMap(original);
  return composed ? foldWithMap(original, composed.text, composed.starts) : foldWithMap(original, original);
}

/**
 * White space runs to one space and typographic quotes to ASCII, over
 * `source` (the original, or its NFC form with `sourceStarts` mapping each of
 * its units to an original offset). Runs of unchanged characters are copied
 * as slices, so a large article costs a few allocations, not one per
 * character.
 */
function foldWithMap(original: string, source: string, sourceStarts?: Int32Array): NormalizedText {
  const parts: string[] = [];
  const starts = new Int32Array(source.length + 1);
  let n = 0;
  let runStart = 0;
  let inSpace = false;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    const fold = foldClass(code);
    if (fold === KEEP) {
      inSpace = false;
      starts[n++] = sourceStarts ? sourceStarts[i]! : i;
      continue;
    }
    const space = fold === SPACE;
    if (space && inSpace) {
      if (runStart < i) parts.push(source.slice(runStart, i));
      runStart = i + 1;
      continue;
    }
    inSpace = space;
    starts[n++] = sourceStarts ? sourceStarts[i]! : i;
    if (code === 32) continue;
    if (runStart < i) parts.push(source.slice(runStart, i));
    parts.push(space ? ' ' : fold === SINGLE_QUOTE ? "'" : '"');
    runStart = i + 1;
  }
  if (runStart < source.length) parts.push(source.slice(runStart));
  starts[n] = original.length;
  return { original, text: parts.join(''), starts: starts.subarray(0, n + 1) };
}

const KEEP = 1;
const SPACE = 2;
const SINGLE_QUOTE = 3;
const DOUBLE_QUOTE = 4;

/** How each UTF-16 unit folds (0: not yet looked at): read once per distinct unit, not once per character of the text. */
const foldClasses = new Uint8Array(0x10000);

function foldClass(code: number): number {
  if (code > 32 && code < 127 && code !== 96) return KEEP;
  let fold = foldClasses[code]!;
  if (fold === 0) {
    const ch = String.fromCharCode(code);
    fold = isSpace(ch) ? SPACE : SINGLE_QUOTES.test(ch) ? SINGLE_QUOTE : DOUBLE_QUOTES.test(ch) ? DOUBLE_QUOTE : KEEP;
    foldClasses[code] = fold;
  }
  return fold;
}

const WHITESPACE_RUNS = new RegExp(`${WHITESPACE.source}+`, 'g');
const SINGLE_QUOTES_ALL = new RegExp(SINGLE_QUOTES.source, 'g');
const DOUBLE_QUOTES_ALL = new RegExp(DOUBLE_QUOTES.source, 'g');

/** Normalizes a short string (a quote, prefix or suffix) without an offset map. */
export function normalizeString(s: string): string {
  const nfc = mayChangeUnderNfc(s) ? s.normalize('NFC') : s;
  return nfc.replace(WHITESPACE_RUNS, ' ').replace(SINGLE_QUOTES_ALL, "'").replace(DOUBLE_QUOTES_ALL, '"');
}

/**
 * Maps a normalized span back to the original text. A space stands for a
 * whole run, of which only the first unit is taken at the end of a span;
 * any other char ends where the next one starts (one unit, or a whole
 * cluster that NFC composed into it).
 */
export function toOriginalSpan(norm: NormalizedText, start: number, end: number): { start: number; end: number } {
  const origStart = norm.starts[start]!;
  if (end <= start) return { start: origStart, end: origStart };
  const lastIsSpace = norm.text.charCodeAt(end - 1) === 32;
  return { start: origStart, end: lastIsSpace ? norm.starts[end - 1]! + 1 : Math.max(origStart, norm.starts[end]!) };
}

/** The normalized offset of an original offset (the char that contains it). */
export function toNormalizedOffset(norm: NormalizedText, original: number): number {
  let low = 0;
  let high = norm.starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (norm.starts[mid]! <= original) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** How far from an edit a safe place to cut the text is looked for before normalizing it all again. */
const CUT_SEARCH = 4096;

/**
 * The normalized text after an edit, from the normalized text before it:
 * only the stretch around the change is normalized again, between two places
 * where nothing joins across (see `safeCutAt`), and the rest is kept (its
 * map moved by the edit's length). Equal to `normalizeWithMap(text)`; where
 * no such place is near the change (a long run of spaces, a script without
 * Latin characters), it is that.
 */
export function renormalizeAfterEdit(previous: NormalizedText, text: string, change: { start: number; oldEnd: number; newEnd: number }): NormalizedText {
  const from = safeCutBefore(text, change.start);
  const to = safeCutAfter(text, change.newEnd);
  if (from < 0 || to < 0) return normalizeWithMap(text);
  const delta = change.newEnd - change.oldEnd;
  const middle = normalizeWithMap(text.slice(from, to));
  // At a safe cut a normalized character starts: its normalized offset maps back to the cut exactly.
  const head = toNormalizedOffset(previous, from);
  const tail = toNormalizedOffset(previous, to - delta);
  const middleLength = middle.text.length;
  const starts = new Int32Array(head + middleLength + previous.starts.length - tail);
  starts.set(previous.starts.subarray(0, head));
  for (let i = 0; i < middleLength; i++) starts[head + i] = middle.starts[i]! + from;
  const after = head + middleLength;
  for (let i = tail; i < previous.starts.length; i++) starts[after + i - tail] = previous.starts[i]! + delta;
  return { original: text, text: previous.text.slice(0, head) + middle.text + previous.text.slice(tail), starts };
}

/**
 * A place where normalization does not join the two sides: the character
 * after it is below U+0300 (it starts a cluster: NFC composes nothing into
 * the character before it) and neither side is white space (no run of
 * spaces crosses it).
 */
function safeCutAt(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return true;
  const after = text.charCodeAt(at);
  return after < 0x300 && foldClass(after) !== SPACE && foldClass(text.charCodeAt(at - 1)) !== SPACE && !isHighSurrogate(text.charCodeAt(at - 1));
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * The nearest safe cut before a change starting at `start`, with both of its
 * sides before the change (so it is a safe cut of the old text too), or -1
 * when there is none within CUT_SEARCH.
 */
function safeCutBefore(text: string, start: number): number {
  for (let cut = start - 1; cut >= Math.max(0, start - CUT_SEARCH); cut--) if (safeCutAt(text, cut)) return cut;
  return start <= 0 ? 0 : -1;
}

/** The nearest safe cut after a change ending at `end`, with both of its sides after it (a safe cut of the old text too), or -1. */
function safeCutAfter(text: string, end: number): number {
  if (end >= text.length) return text.length;
  for (let cut = end + 1; cut <= Math.min(text.length, end + CUT_SEARCH); cut++) if (safeCutAt(text, cut)) return cut;
  return -1;
}
