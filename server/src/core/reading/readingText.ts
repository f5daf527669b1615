// An article's reading text: for Markdown, the text as a reader sees it on
// the rendered page, with a map between reading and source offsets (see
// readingMap.ts). The document is cut into pieces that parse alone (see
// chunks.ts); after an edit only the pieces it touches are parsed and read
// again, the others are kept and moved. Every result equals the reading of
// the same source from scratch.
import { snapForward } from '../codePoints';
import type { Span } from '../model';
import { changedRegion } from '../tracking';
import { cutsFrom, nextCut } from './chunks';
import { frontMatterOf, type FrontMatter } from './frontMatter';
import { parsePiece, readPiece, type MarkdownPiece, type ParsedPiece } from './markdownPiece';
import { ReadingBuilder, insideMarkup, lastAtOrBefore, readingOf, sourceOfEnd, sourceOfStart, type PieceReading } from './readingMap';

export interface ArticleReading {
  /** The article's file text. */
  readonly source: string;
  /** What is analysed: the text as a reader sees it. */
  readonly text: string;
  readonly frontMatter: FrontMatter;
  /** The headline in the reading text: the front matter's title, else the first level-1 heading. */
  readonly headline?: Span;
  /** Reading spans where names are not searched (code spans, URLs shown as text), sorted. */
  readonly unsearchable: readonly Span[];
  /** The first piece read without its inline markup (over `LIMITS.markdownInlineChars`), and how many were. */
  readonly inlineSkipped?: { readonly span: Span; readonly pieces: number };
  /** Whether a reading offset is inside one of them (without listing them all). */
  isUnsearchable(offset: number): boolean;
  /** The source offset a reading offset comes from (a span's start). */
  toSource(offset: number): number;
  /** The source offset just after the reading character before `offset` (a span's end). */
  toSourceEnd(offset: number): number;
  /** The reading offset of a source offset; inside markup, where the markup sits. */
  toReading(offset: number): number;
  /** Whether a source offset is strictly inside markup, code or front matter (not at its edges): nothing a reader reads is there. */
  isMarkup(offset: number): boolean;
}

interface Piece {
  readonly reading: MarkdownPiece | PieceReading;
}

/** The pieces of one version, with where each starts in the source and in the reading text. */
interface Pieces {
  readonly pieces: readonly Piece[];
  readonly sourceStarts: readonly number[];
  readonly definitions: string;
}

const readings = new WeakMap<ArticleReading, Pieces>();
/** The finding on a piece read as written marks its start, not all of it (it is over 20,000 characters). */
const SKIPPED_SPAN_CHARS = 80;

/** `previous`: the reading of an earlier version of the same article, to re-read only what the edit touched. */
export function markdownReading(source: string, previous?: ArticleReading): ArticleReading {
  const frontMatter = frontMatterOf(source);
  const kept = previous && readings.get(previous);
  const pieces = kept && previous.frontMatter.end === frontMatter.end ? updatePieces(previous.source, source, frontMatter, kept) : allPieces(source, frontMatter);
  const reading = assemble(source, frontMatter, pieces);
  readings.set(reading, pieces);
  return reading;
}

function allPieces(source: string, frontMatter: FrontMatter): Pieces {
  const sourceStarts = [0, ...cutsFrom(source, frontMatter.end)];
  const texts = sourceStarts.map((start, i) => source.slice(start, sourceStarts[i + 1] ?? source.length));
  const parsed = texts.map((text, i) => (i === 0 ? undefined : parsePiece(text)));
  const definitions = definitionsOf(parsed);
  const defined = new Set(definitions.split('\n'));
  const pieces = texts.map((text, i): Piece => ({ reading: i === 0 ? frontMatterReading(frontMatter) : readPiece(text, parsed[i]!, defined) }));
  return { pieces, sourceStarts, definitions };
}

/**
 * Re-reads the pieces from the one before the edit up to the first cut after
 * it that is also a cut of the old version (from there on the text, and so
 * the pieces, are the old ones moved). A change in the document's reference
 * definitions, or an edit in the front matter, reads everything again.
 */
function updatePieces(oldSource: string, source: string, frontMatter: FrontMatter, old: Pieces): Pieces {
  const change = changedRegion(oldSource, source);
  if (!change) return old;
  if (change.start < frontMatter.end + 1 || old.pieces.length < 2) return allPieces(source, frontMatter);
  const delta = change.newEnd - change.oldEnd;
  const first = Math.max(1, lastAtOrBefore(old.sourceStarts, change.start) - 1);
  const newStarts = old.sourceStarts.slice(0, first);
  const reread: { text: string; parsed: ParsedPiece }[] = [];
  let resume = old.pieces.length;
  for (let at = old.sourceStarts[first]!; at < source.length; ) {
    const next = nextCut(source, at);
    newStarts.push(at);
    const text = source.slice(at, next);
    reread.push({ text, parsed: parsePiece(text) });
    const oldIndex = next >= change.newEnd && next - delta >= change.oldEnd ? lastAtOrBefore(old.sourceStarts, next - delta) : -1;
    if (oldIndex > 0 && old.sourceStarts[oldIndex] === next - delta) {
      resume = oldIndex;
      break;
    }
    at = next;
  }
  for (let i = resume; i < old.pieces.length; i++) newStarts.push(old.sourceStarts[i]! + delta);
  const keptBefore = old.pieces.slice(0, first);
  const keptAfter = old.pieces.slice(resume);
  // The document's definitions are the same when the pieces read again define what the pieces they replace defined.
  const definersOf = (pieces: readonly Piece[]): Definer[] => pieces.map((p) => ('definitions' in p.reading ? p.reading : undefined));
  const rereadDefiners: Definer[] = reread.map((p) => p.parsed);
  const same = definitionsOf(definersOf(old.pieces.slice(first, resume))) === definitionsOf(rereadDefiners) || definitionsOf([...definersOf(keptBefore), ...definersOf(keptAfter), ...rereadDefiners]) === old.definitions;
  if (!same) return allPieces(source, frontMatter);
  const definitions = old.definitions;
  const defined = new Set(definitions.split('\n'));
  const fresh = reread.map(({ text, parsed }): Piece => ({ reading: readPiece(text, parsed, defined) }));
  return { pieces: [...keptBefore, ...fresh, ...keptAfter], sourceStarts: newStarts, definitions };
}

type Definer = { readonly definitions: readonly string[] } | undefined;

/** Every definition of the document, sorted and joined: compared as one string. */
function definitionsOf(items: readonly Definer[]): string {
  const all: string[] = [];
  for (const item of items) for (const label of item?.definitions ?? []) all.push(label);
  return [...new Set(all)].sort().join('\n');
}

/** The first piece: the front matter, read as its title alone. */
function frontMatterReading(frontMatter: FrontMatter): PieceReading {
  const out = new ReadingBuilder();
  if (frontMatter.title) out.copy(frontMatter.title.value.replace(/\s/g, ' '), frontMatter.title.span.start);
  return out.build();
}

function assemble(source: string, frontMatter: FrontMatter, { pieces, sourceStarts }: Pieces): ArticleReading {
  const parts: string[] = [];
  const readingStarts: number[] = [];
  let length = 0;
  let headline: Span | undefined;
  let inlineSkipped: { span: Span; pieces: number } | undefined;
  pieces.forEach((piece, i) => {
    const { text } = piece.reading;
    if (text.length > 0 && length > 0) {
      parts.push('\n\n');
      length += 2;
    }
    readingStarts.push(length);
    parts.push(text);
    if (!headline && i === 0 && frontMatter.title) headline = { start: 0, end: text.length };
    const title = 'firstTitle' in piece.reading ? piece.reading.firstTitle : undefined;
    if (!headline && title !== undefined) headline = { start: length + title, end: length + paragraphEnd(text, title) };
    if ('inlineSkipped' in piece.reading && piece.reading.inlineSkipped) inlineSkipped = { span: inlineSkipped?.span ?? { start: length, end: length + snapForward(text, Math.min(text.length, SKIPPED_SPAN_CHARS)) }, pieces: (inlineSkipped?.pieces ?? 0) + 1 };
    length += text.length;
  });
  return new PiecedReading(source, parts.join(''), frontMatter, headline, inlineSkipped, pieces, sourceStarts, readingStarts);
}

function paragraphEnd(text: string, from: number): number {
  const end = text.indexOf('\n\n', from);
  return end < 0 ? text.length : end;
}

class PiecedReading implements ArticleReading {
  /** Pieces with reading text: where they start, to find a reading offset's piece. */
  private readonly readingIndex: { readonly starts: number[]; readonly pieces: number[] } = { starts: [], pieces: [] };

  constructor(
    readonly source: string,
    readonly text: string,
    readonly frontMatter: FrontMatter,
    readonly headline: Span | undefined,
    readonly inlineSkipped: { readonly span: Span; readonly pieces: number } | undefined,
    private readonly pieces: readonly Piece[],
    private readonly sourceStarts: readonly number[],
    private readonly readingStarts: readonly number[],
  ) {
    pieces.forEach((piece, i) => {
      if (piece.reading.text.length === 0) return;
      this.readingIndex.starts.push(readingStarts[i]!);
      this.readingIndex.pieces.push(i);
    });
  }

  /** Listed on demand (tests, tools): the analysis asks `isUnsearchable`, which costs nothing per keystroke. */
  get unsearchable(): readonly Span[] {
    const spans: Span[] = [];
    this.pieces.forEach((piece, i) => {
      const list = piece.reading.unsearchable;
      for (let u = 0; u < list.length; u += 2) spans.push({ start: this.readingStarts[i]! + list[u]!, end: this.readingStarts[i]! + list[u + 1]! });
    });
    return spans;
  }

  isUnsearchable(offset: number): boolean {
    const i = this.pieceAtReading(offset);
    if (i < 0) return false;
    const list = this.pieces[i]!.reading.unsearchable;
    const local = offset - this.readingStarts[i]!;
    let low = 0;
    let high = list.length / 2 - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (local < list[2 * mid]!) high = mid - 1;
      else if (local >= list[2 * mid + 1]!) low = mid + 1;
      else return true;
    }
    return false;
  }

  toSource(offset: number): number {
    const i = this.pieceAtReading(offset);
    return i < 0 ? 0 : this.sourceStarts[i]! + sourceOfStart(this.pieces[i]!.reading.segments, offset - this.readingStarts[i]!);
  }

  toSourceEnd(offset: number): number {
    const i = this.pieceAtReading(Math.max(0, offset - 1));
    return i < 0 ? 0 : this.sourceStarts[i]! + sourceOfEnd(this.pieces[i]!.reading.segments, offset - this.readingStarts[i]!);
  }

  toReading(offset: number): number {
    const i = lastAtOrBefore(this.sourceStarts, offset);
    if (i < 0) return 0;
    const local = readingOf(this.pieces[i]!.reading.segments, offset - this.sourceStarts[i]!);
    return Math.min(this.text.length, this.readingStarts[i]! + local);
  }

  isMarkup(offset: number): boolean {
    const i = lastAtOrBefore(this.sourceStarts, offset);
    if (i < 0) return false;
    const end = this.sourceStarts[i + 1] ?? this.source.length;
    return insideMarkup(this.pieces[i]!.reading.segments, offset - this.sourceStarts[i]!, end - this.sourceStarts[i]!);
  }

  private pieceAtReading(offset: number): number {
    const k = lastAtOrBefore(this.readingIndex.starts, offset);
    return k < 0 ? (this.readingIndex.pieces[0] ?? -1) : this.readingIndex.pieces[k]!;
  }
}

/** The reading of a plain-text article: the text itself. */
export function plainReading(source: string): ArticleReading {
  const same = (offset: number): number => Math.max(0, Math.min(offset, source.length));
  return { source, text: source, frontMatter: { end: 0 }, unsearchable: [], isUnsearchable: () => false, toSource: same, toSourceEnd: same, toReading: same, isMarkup: () => false };
}
