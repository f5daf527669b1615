// Text normalization shared by anchoring and mention matching: every run of
// white space (including no-break and other Unicode spaces, and line breaks)
// counts as one space, and typographic quotes count as their ASCII forms.
// Scraped articles mix all of these freely; users type the plain forms.

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
 * Normalizes a whole text, keeping the offset map (one pass, linear). Runs of
 * unchanged characters are copied as slices, so a large article costs a few
 * allocations, not one per character.
 */
export function normalizeWithMap(original: string): NormalizedText {
  const parts: string[] = [];
  const starts = new Int32Array(original.length + 1);
  let n = 0;
  let runStart = 0;
  let inSpace = false;
  for (let i = 0; i < original.length; i++) {
    const code = original.charCodeAt(i);
    const plain = code > 32 && code < 127 && code !== 96;
    if (plain) {
      inSpace = false;
      starts[n++] = i;
      continue;
    }
    const ch = original[i]!;
    const space = isSpace(ch);
    if (space && inSpace) {
      if (runStart < i) parts.push(original.slice(runStart, i));
      runStart = i + 1;
      continue;
    }
    const replacement = space ? ' ' : normalizeChar(ch);
    inSpace = space;
    starts[n++] = i;
    if (replacement !== ch) {
      if (runStart < i) parts.push(original.slice(runStart, i));
      parts.push(replacement);
      runStart = i + 1;
    }
  }
  if (runStart < original.length) parts.push(original.slice(runStart));
  starts[n] = original.length;
  return { original, text: parts.join(''), starts: starts.subarray(0, n + 1) };
}

const WHITESPACE_RUNS = new RegExp(`${WHITESPACE.source}+`, 'g');
const SINGLE_QUOTES_ALL = new RegExp(SINGLE_QUOTES.source, 'g');
const DOUBLE_QUOTES_ALL = new RegExp(DOUBLE_QUOTES.source, 'g');

/** Normalizes a short string (a quote, prefix or suffix) without an offset map. */
export function normalizeString(s: string): string {
  return s.replace(WHITESPACE_RUNS, ' ').replace(SINGLE_QUOTES_ALL, "'").replace(DOUBLE_QUOTES_ALL, '"');
}

/**
 * Maps a normalized span back to the original text. Each non-space normalized
 * char is exactly one UTF-16 unit of the original; a space stands for a whole
 * run, of which only the first unit is taken at the end of a span.
 */
export function toOriginalSpan(norm: NormalizedText, start: number, end: number): { start: number; end: number } {
  const origStart = norm.starts[start]!;
  if (end <= start) return { start: origStart, end: origStart };
  return { start: origStart, end: norm.starts[end - 1]! + 1 };
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
