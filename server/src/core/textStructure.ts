// The rough structure of an article that mention resolution reads context
// from: paragraphs (separated by blank lines), sentences, and quotations
// (which never run past the end of their paragraph, except in the news style
// where the next paragraph opens with a quotation mark again). Each is
// computed in one pass and queried by binary search; after an edit, only the
// paragraphs and sentences around the change are scanned again and the rest
// is shifted. Every scan reads each character a bounded number of times: no
// search runs on past the paragraph it is for, and no pattern backtracks over
// a run of the same marks, whatever the article (a megabyte of dots, or no
// quotation mark at all).
import type { Span } from './model';
import type { TextChange } from './tracking';
import { countBelow } from './sorted';

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

/** The next separator at or after `from`, as its start and end offsets. */
type Separator = (text: string, from: number) => { readonly index: number; readonly end: number } | undefined;

const BLANK_LINES = /\n[^\S\n]*\n\s*/g;

/** Blank lines (with the white space after them) separate paragraphs. */
const BLANK_LINE: Separator = (text, from) => {
  BLANK_LINES.lastIndex = from;
  const match = BLANK_LINES.exec(text);
  return match ? { index: match.index, end: match.index + match[0].length } : undefined;
};

const SENTENCE_MARKS = /[.!?…]+["'”’)\]]*|\n+/g;
const WHITE_SPACE = /\s/;

/**
 * Line breaks, and runs of sentence marks (with closing quotes or brackets)
 * followed by white space, end sentences. The white space is checked after the
 * match rather than by a lookahead: a pattern with the lookahead backtracks
 * through a run of marks at every start inside it (a megabyte of dots took
 * hours), while a run not followed by white space cannot end a sentence
 * anywhere inside it either (each shorter run is followed by a mark).
 */
const SENTENCE_END: Separator = (text, from) => {
  SENTENCE_MARKS.lastIndex = from;
  for (let match = SENTENCE_MARKS.exec(text); match; match = SENTENCE_MARKS.exec(text)) {
    const end = match.index + match[0].length;
    if (match[0].charCodeAt(0) === 10) return { index: match.index, end };
    if (end < text.length && WHITE_SPACE.test(text[end]!) && !isAbbreviationDot(text, match.index, match[0].length)) return { index: match.index, end };
  }
  return undefined;
};

/** Abbreviations written before a name: their dot never ends a sentence ("Mrs. Varga said"). */
const NAME_ABBREVIATIONS = new Set([
  'Mr', 'Mrs', 'Ms', 'Mx', 'Dr', 'Prof', 'Rev', 'Hon', 'St', 'Mt', 'Ft',
  'Gov', 'Sen', 'Rep', 'Pres', 'Gen', 'Lt', 'Col', 'Capt', 'Maj', 'Sgt', 'Cpl', 'Adm', 'Cmdr', 'Brig', 'Supt', 'Insp', 'Det',
  'vs', 'No',
]);
/** Written after a name: their dot ends a sentence only when a capitalized word follows ("Varga Jr. She left"). */
const SUFFIX_ABBREVIATIONS = new Set(['Jr', 'Sr']);
/** The longest abbreviation above: the walk back over a word's letters stops after this many. */
const LONGEST_ABBREVIATION = 4;

/**
 * Whether a single dot at `index` closes an abbreviation or an initial
 * ("John F. Kennedy", "U.S. officials", "e.g. this") rather than a sentence.
 * Reads at most a few letters before the dot and two characters after it, so
 * the scan stays linear; the letters are in the same sentence piece as the dot
 * (a piece only starts after a dot or a line break, never inside a word), and
 * the two characters after it are in the next piece, which an incremental
 * update scans again together with this one.
 */
function isAbbreviationDot(text: string, index: number, length: number): boolean {
  if (length !== 1 || text.charCodeAt(index) !== 0x2e) return false;
  let start = index;
  while (start > 0 && index - start <= LONGEST_ABBREVIATION && isLetter(text[start - 1]!)) start--;
  const word = text.slice(start, index);
  if (word.length === 0 || word.length > LONGEST_ABBREVIATION || (start > 0 && isLetter(text[start - 1]!))) return false;
  if (word.length === 1) return isInitial(text, start, word);
  if (NAME_ABBREVIATIONS.has(word)) return true;
  return SUFFIX_ABBREVIATIONS.has(word) && !(text[index + 1] === ' ' && isUpperCase(text[index + 2] ?? ''));
}

/** An initial ("F." in a name, "U.S.") or the second letter of "e.g."/"i.e.". */
function isInitial(text: string, start: number, letter: string): boolean {
  return isUpperCase(letter) || (start > 0 && text.charCodeAt(start - 1) === 0x2e);
}

const LETTER = /\p{L}/u;
function isLetter(char: string): boolean {
  return LETTER.test(char);
}

function isUpperCase(char: string): boolean {
  return char !== char.toLowerCase() && char === char.toUpperCase();
}

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
  const keptBefore = countBelow(starts, paragraphs.from);
  const keptAfter = countBelow(starts, paragraphs.oldTo);
  const scanned = quotationsIn(text, paragraphs.starts, paragraphs.first, paragraphs.afterLast);
  return new Structure(text.length, paragraphs.starts, sentences.starts, {
    starts: spliced(starts, keptBefore, scanned.starts, keptAfter, delta),
    ends: spliced(ends, keptBefore, scanned.ends, keptAfter, delta),
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
function retile(starts: readonly number[], oldLength: number, text: string, change: TextChange, separator: Separator): Retiled | undefined {
  const first = Math.max(0, lastAtOrBefore(starts, change.start) - 1);
  const last = Math.min(starts.length - 1, lastAtOrBefore(starts, change.oldEnd) + 1);
  const from = starts[first]!;
  const oldTo = last + 1 < starts.length ? starts[last + 1]! : oldLength;
  const delta = change.newEnd - change.oldEnd;
  const middle = tileStarts(text, separator, from, oldTo + delta);
  if (!middle) return undefined;
  return { starts: spliced(starts, first, middle, last + 1, delta), from, oldTo, first, afterLast: first + middle.length };
}

/**
 * `list[0, keep)`, then `middle`, then `list[resume…]` shifted by `delta`, in
 * one array filled by index (spreading arrays of a few hundred thousand
 * offsets cost tens of milliseconds per keystroke).
 */
function spliced(list: readonly number[], keep: number, middle: readonly number[], resume: number, delta: number): number[] {
  const result = new Array<number>(keep + middle.length + Math.max(0, list.length - resume));
  let n = 0;
  for (let i = 0; i < keep; i++) result[n++] = list[i]!;
  for (const value of middle) result[n++] = value;
  for (let i = resume; i < list.length; i++) result[n++] = list[i]! + delta;
  return result;
}

/**
 * Start offsets of the pieces between separators in [from, to): `from` is a
 * piece's start, and a separator must end exactly at `to` (unless `to` is the
 * end of the text); undefined when none does.
 */
function tileStarts(text: string, separator: Separator, from: number, to: number): number[] | undefined {
  const starts = [from];
  for (let match = separator(text, from); match; match = separator(text, match.end)) {
    const end = match.end;
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

/**
 * Quotations in paragraphs [first, afterLast): “…” pairs, and "…" pairs, each
 * within its paragraph. A quote left open at the end of a paragraph whose
 * next paragraph opens with a quotation mark runs to the end of its paragraph:
 * the news style of a quotation over several paragraphs, each reopened and
 * only the last one closed. (So a paragraph's quotations depend on the first
 * character of the next one: an edit there rescans the paragraph before it,
 * which `retile` always includes.)
 */
function quotationsIn(text: string, paragraphStarts: readonly number[], first: number, afterLast: number): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let p = first; p < afterLast; p++) {
    const end = paragraphStarts[p + 1] ?? text.length;
    const { spans, openAt } = scanQuotations(text, paragraphStarts[p]!, end);
    for (const q of spans) {
      starts.push(q.start);
      ends.push(q.end);
    }
    if (openAt !== undefined && end < text.length && isOpener(text.charCodeAt(end))) {
      starts.push(openAt);
      ends.push(trimEnd(text, openAt, end));
    }
  }
  return { starts, ends };
}

/** The end of [from, to) without its trailing white space (the blank line closing a paragraph). */
function trimEnd(text: string, from: number, to: number): number {
  let end = to;
  while (end > from + 1 && WHITE_SPACE.test(text[end - 1]!)) end--;
  return end;
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


const STRAIGHT_QUOTE = 0x22;
const LEFT_QUOTE = 0x201c;
const RIGHT_QUOTE = 0x201d;

function isOpener(code: number): boolean {
  return code === LEFT_QUOTE || code === STRAIGHT_QUOTE;
}

/**
 * Quotations in [from, to), one paragraph: “…” pairs, and "…" pairs. An
 * unclosed quote ends the search (scraped text must not have it swallow the
 * rest of the article).
 */
export function findQuotations(text: string, from = 0, to = text.length): Span[] {
  return scanQuotations(text, from, to).spans;
}

/**
 * The quotations of [from, to) and where a quote was left open, if one was.
 * Reads only [from, to), each character once: the closing mark is looked for
 * after the opening one and never past `to`.
 */
function scanQuotations(text: string, from: number, to: number): { spans: Span[]; openAt?: number } {
  const spans: Span[] = [];
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (!isOpener(code)) continue;
    const closed = indexOfCode(text, code === STRAIGHT_QUOTE ? STRAIGHT_QUOTE : RIGHT_QUOTE, i + 1, to);
    if (closed === -1) return { spans, openAt: i };
    spans.push({ start: i, end: closed + 1 });
    i = closed;
  }
  return { spans };
}

/** The first offset in [from, to) holding the UTF-16 unit `code`, or -1. */
function indexOfCode(text: string, code: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === code) return i;
  return -1;
}
