// Text normalization shared by anchoring and mention matching: every run of
// white space (including no-break and other Unicode spaces, and line breaks)
// counts as one space, typographic quotes count as their ASCII forms, and
// text is compared in Unicode NFC ("e" + U+0301 is "é"). Scraped articles mix
// all of these freely; users type the plain forms, and macOS file names and
// some editors write NFD.

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
    const plain = code > 32 && code < 127 && code !== 96;
    if (plain) {
      inSpace = false;
      starts[n++] = sourceStarts ? sourceStarts[i]! : i;
      continue;
    }
    const ch = source[i]!;
    const space = isSpace(ch);
    if (space && inSpace) {
      if (runStart < i) parts.push(source.slice(runStart, i));
      runStart = i + 1;
      continue;
    }
    const replacement = space ? ' ' : normalizeChar(ch);
    inSpace = space;
    starts[n++] = sourceStarts ? sourceStarts[i]! : i;
    if (replacement !== ch) {
      if (runStart < i) parts.push(source.slice(runStart, i));
      parts.push(replacement);
      runStart = i + 1;
    }
  }
  if (runStart < source.length) parts.push(source.slice(runStart));
  starts[n] = original.length;
  return { original, text: parts.join(''), starts: starts.subarray(0, n + 1) };
}

/** BMP characters already classified: 0 not yet, 1 can change under NFC (alone or with what precedes it), 2 cannot. */
const nfcClass = new Uint8Array(0x10000);
const COMBINING = /^[\p{M}]$/u;

/** Hangul vowel and final jamo, which compose with the jamo or syllable before them. */
function isHangulFollower(code: number): boolean {
  return (code >= 0x1161 && code <= 0x1175) || (code >= 0x11a8 && code <= 0x11c2);
}

/** Whether a character combines with the one before it under NFC: a mark or a following Hangul jamo. */
function isFollower(cp: number): boolean {
  return isHangulFollower(cp) || COMBINING.test(String.fromCodePoint(cp));
}

/** Whether a character can change under NFC, alone or with the one before it. */
function isUnstable(cp: number): boolean {
  if (cp < 0x300) return false;
  if (cp <= 0xffff) {
    if (nfcClass[cp] === 0) nfcClass[cp] = isFollower(cp) || changesAlone(cp) ? 1 : 2;
    return nfcClass[cp] === 1;
  }
  // Outside the BMP, whole blocks of 256 (emoji, ancient scripts) are stable: each block is classified once.
  const block = cp >> 8;
  if (astralBlocks[block] === 0) astralBlocks[block] = blockHasUnstable(block) ? 1 : 2;
  return astralBlocks[block] === 1 && (isFollower(cp) || changesAlone(cp));
}

/** Astral blocks of 256 code points already classified: 0 not yet, 1 holds a character that can change under NFC, 2 none. */
const astralBlocks = new Uint8Array(0x1100);

function blockHasUnstable(block: number): boolean {
  for (let cp = block << 8; cp < (block + 1) << 8; cp++) if (isFollower(cp) || changesAlone(cp)) return true;
  return false;
}

function changesAlone(cp: number): boolean {
  const ch = String.fromCodePoint(cp);
  return ch.normalize('NFC') !== ch;
}

/**
 * Whether a text may differ from its NFC form: it has a character that
 * composes with the one before it, or that NFC replaces. Every character
 * below U+0300 is stable, so a Latin text is read once and nothing more.
 */
function mayChangeUnderNfc(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x300) continue;
    const cp = code >= 0xd800 && code <= 0xdbff ? text.codePointAt(i)! : code;
    if (isUnstable(cp)) return true;
    if (cp > 0xffff) i++;
  }
  return false;
}

/** Stretches of text checked for NFC at once; one that changes is composed cluster by cluster. */
const NFC_CHUNK = 4096;

/** A cluster whose NFC form differs: original [start, end) becomes `text`. */
interface Composed {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * The NFC form of a text with, for each of its units, the original offset it
 * comes from; undefined when the text is NFC already. A cluster (a character
 * and the marks or jamo that follow it) composes on its own, so stretches of
 * about NFC_CHUNK units ending at a cluster boundary are checked with one
 * native call, and only a stretch that changes is composed cluster by
 * cluster. In a cluster that changes, the first unit of its NFC form maps to
 * the cluster's start and the others to its end: a span can then hold a whole
 * cluster or none of it, never half a character.
 */
function composeWithMap(original: string): { text: string; starts: Int32Array } | undefined {
  const changes: Composed[] = [];
  for (let from = 0; from < original.length; ) {
    const to = clusterBoundaryAfter(original, Math.min(original.length, from + NFC_CHUNK));
    const chunk = original.slice(from, to);
    if (chunk.normalize('NFC') !== chunk) composeClusters(original, from, to, changes);
    from = to;
  }
  if (changes.length === 0) return undefined;
  return applyComposed(original, changes);
}

/** The first cluster boundary at or after `at`: not inside a surrogate pair, and not before a mark or jamo that joins the character before. */
function clusterBoundaryAfter(text: string, at: number): number {
  let i = at;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const low = cp >= 0xdc00 && cp <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff;
    if (!low && !(isUnstable(cp) && isFollower(cp))) return i;
    i += cp > 0xffff ? 2 : 1;
  }
  return text.length;
}

/** Appends the clusters of [from, to) whose NFC form differs. */
function composeClusters(text: string, from: number, to: number, changes: Composed[]): void {
  for (let start = from; start < to; ) {
    const first = text.codePointAt(start)!;
    const end = clusterBoundaryAfter(text, start + (first > 0xffff ? 2 : 1));
    if (first >= 0x300 || end - start > 1) {
      const cluster = text.slice(start, end);
      const nfc = cluster.normalize('NFC');
      if (nfc !== cluster) changes.push({ start, end, text: nfc });
    }
    start = end;
  }
}

/** The composed text and its map, from the clusters that changed (the rest is copied, unit for unit). */
function applyComposed(original: string, changes: readonly Composed[]): { text: string; starts: Int32Array } {
  let length = original.length;
  for (const c of changes) length += c.text.length - (c.end - c.start);
  const starts = new Int32Array(length + 1);
  const parts: string[] = [];
  let n = 0;
  let copied = 0;
  for (const c of changes) {
    for (let i = copied; i < c.start; i++) starts[n++] = i;
    parts.push(original.slice(copied, c.start), c.text);
    starts[n++] = c.start;
    for (let k = 1; k < c.text.length; k++) starts[n++] = c.end;
    copied = c.end;
  }
  for (let i = copied; i < original.length; i++) starts[n++] = i;
  parts.push(original.slice(copied));
  starts[n] = original.length;
  return { text: parts.join(''), starts };
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
