// The rough structure of an article that mention resolution reads context
// from: paragraphs (separated by blank lines), sentences, and quotations.
// Each is computed in one pass and queried by binary search.
import type { Span } from './model';

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

export function analyzeStructure(text: string): TextStructure {
  const paragraphs = splitAt(text, BLANK_LINE);
  const sentences = splitAt(text, SENTENCE_END);
  const quotations = findQuotations(text);
  const paragraphStarts = paragraphs.map((p) => p.start);
  const sentenceStarts = sentences.map((s) => s.start);
  const quotationStarts = quotations.map((q) => q.start);
  return {
    paragraphs,
    sentences,
    paragraphOf: (offset) => lastAtOrBefore(paragraphStarts, offset),
    sentenceOf: (offset) => lastAtOrBefore(sentenceStarts, offset),
    isQuoted: (offset) => {
      const i = lastAtOrBefore(quotationStarts, offset);
      const q = quotations[i];
      return q !== undefined && q.start <= offset && offset < q.end;
    },
  };
}

function splitAt(text: string, separator: RegExp): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const match of text.matchAll(separator)) {
    const end = match.index + match[0].length;
    if (end > start) spans.push({ start, end });
    start = end;
  }
  if (start < text.length || spans.length === 0) spans.push({ start, end: text.length });
  return spans;
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

/**
 * Quotations: “…” pairs, and "…" pairs, never running past a blank line (an
 * unclosed quote in scraped text must not swallow the rest of the article).
 */
export function findQuotations(text: string): Span[] {
  const spans: Span[] = [];
  let open = -1;
  let closer = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (open >= 0 && ch === closer) {
      spans.push({ start: open, end: i + 1 });
      open = -1;
    } else if (open < 0 && (ch === '\u201C' || ch === '"')) {
      open = i;
      closer = ch === '"' ? '"' : '\u201D';
    } else if (open >= 0 && ch === '\n' && blankLineAt(text, i)) {
      open = -1;
    }
  }
  return spans;
}

/** Whether the line break at `i` is followed by a line of nothing but white space. */
function blankLineAt(text: string, i: number): boolean {
  for (let j = i + 1; j < text.length; j++) {
    const ch = text[j]!;
    if (ch === '\n') return true;
    if (ch !== ' ' && ch !== '\t' && ch !== '\r' && ch !== '\u00a0') return false;
  }
  return false;
}
