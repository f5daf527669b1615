// The text of an open buffer, kept in pieces of a few kilobytes so that an
// edit costs the size of the piece it touches, not of the document. The
// library's TextDocument keeps one string and copies all of it on every
// change: for a 1 MB article that is a 1 MB allocation per keystroke (about
// 10 ms on a loaded machine), so a burst of 1,000 keystrokes kept the server
// busy for ten seconds before it could answer anything. Here the whole text is
// joined only when it is read, and kept until the next change.
//
// Same behaviour as the library's document (offsets, positions, line breaks
// \n, \r\n and \r), checked by a differential test against it.
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';
import type { Position, Range, TextDocument } from 'vscode-languageserver-textdocument';

/** Pieces are about this long; an edit re-joins and re-splits only the pieces it touches. */
const PIECE_CHARS = 8192;

const LF = 10;
const CR = 13;

export class PiecedDocument implements TextDocument {
  private pieces: string[] = [];
  /** Line breaks in each piece. A piece never ends with the \r of a \r\n. */
  private breaks: number[] = [];
  /** Offset of each piece, and line breaks before it: prefix sums, rebuilt after each edit (one entry per piece). */
  private starts: number[] = [];
  private breaksBefore: number[] = [];
  private length = 0;
  private joined: string | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    content: string,
    private readonly pieceChars: number = PIECE_CHARS,
  ) {
    this.setText(content);
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    const last = this.pieces.length - 1;
    return this.breaksBefore[last]! + this.breaks[last]! + 1;
  }

  getText(range?: Range): string {
    const text = (this.joined ??= this.pieces.join(''));
    return range ? text.substring(this.offsetAt(range.start), this.offsetAt(range.end)) : text;
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineCount) return this.length;
    if (position.line < 0) return 0;
    const lineStart = this.lineStart(position.line);
    if (position.character <= 0) return lineStart;
    return this.beforeLineBreak(Math.min(lineStart + position.character, this.lineEnd(position.line)), lineStart);
  }

  positionAt(offset: number): Position {
    const at = Math.max(Math.min(offset, this.length), 0);
    const p = this.pieceAt(at);
    const line = this.breaksBefore[p]! + breaksIn(this.pieces[p]!, 0, at - this.starts[p]!);
    const lineStart = this.lineStart(line);
    return { line, character: this.beforeLineBreak(at, lineStart) - lineStart };
  }

  getLineRange(line: number): Range {
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const at = Math.min(line, this.lineCount - 1);
    const start = this.lineStart(at);
    const end = line >= this.lineCount ? this.length : this.beforeLineBreak(this.lineEnd(at), start);
    return { start: { line: at, character: 0 }, end: { line: at, character: end - start } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.lineCount) return '';
    const next = this.lineEnd(line);
    let eol = '';
    for (let at = this.beforeLineBreak(next, this.lineStart(line)); at < next; at++) eol += String.fromCharCode(this.charCodeAt(at));
    return eol;
  }

  /** Where the line after `line` starts (the end of the text for the last line). */
  private lineEnd(line: number): number {
    return line + 1 < this.lineCount ? this.lineStart(line + 1) : this.length;
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change && change.range) {
        const range = wellFormed(change.range);
        this.splice(this.offsetAt(range.start), this.offsetAt(range.end), change.text);
      } else this.setText(change.text);
    }
    this.currentVersion = version;
  }

  private setText(text: string): void {
    this.pieces = splitEvenly(text, this.pieceChars);
    this.breaks = this.pieces.map((piece) => breaksIn(piece, 0, piece.length));
    this.reindex();
  }

  /** Replaces [start, end) by `text`, re-splitting only the pieces around it. */
  private splice(start: number, end: number, text: string): void {
    let first = this.pieceAt(start);
    let last = end > start ? this.pieceAt(end - 1) : first;
    let region = this.pieces.slice(first, last + 1).join('');
    const regionStart = this.starts[first]!;
    region = region.slice(0, start - regionStart) + text + region.slice(end - regionStart);
    // A short region joins a neighbour (pieces stay a few kilobytes), and a \r\n is never cut between two pieces.
    for (;;) {
      const before = first > 0 ? this.pieces[first - 1]! : undefined;
      const after = last + 1 < this.pieces.length ? this.pieces[last + 1]! : undefined;
      const small = region.length < this.pieceChars / 4;
      const crlfAtEnd = after !== undefined && region.charCodeAt(region.length - 1) === CR && after.charCodeAt(0) === LF;
      const crlfAtStart = before !== undefined && before.charCodeAt(before.length - 1) === CR && region.charCodeAt(0) === LF;
      if (crlfAtEnd || (small && after !== undefined)) region += this.pieces[++last]!;
      else if (crlfAtStart || (small && before !== undefined)) region = this.pieces[--first]! + region;
      else break;
    }
    const replacement = splitEvenly(region, this.pieceChars);
    this.pieces = this.pieces.slice(0, first).concat(replacement, this.pieces.slice(last + 1));
    this.breaks = this.breaks.slice(0, first).concat(replacement.map((piece) => breaksIn(piece, 0, piece.length)), this.breaks.slice(last + 1));
    this.reindex();
  }

  private reindex(): void {
    const count = this.pieces.length;
    this.starts = new Array<number>(count);
    this.breaksBefore = new Array<number>(count);
    let offset = 0;
    let lines = 0;
    for (let i = 0; i < count; i++) {
      this.starts[i] = offset;
      this.breaksBefore[i] = lines;
      offset += this.pieces[i]!.length;
      lines += this.breaks[i]!;
    }
    this.length = offset;
    this.joined = undefined;
  }

  /** The piece holding an offset (the last piece for the end of the text). */
  private pieceAt(offset: number): number {
    let low = 0;
    let high = this.pieces.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Where line `line` (≥ 1, < lineCount) starts: just after the line-th line break. */
  private lineStart(line: number): number {
    if (line <= 0) return 0;
    let low = 0;
    let high = this.pieces.length - 1;
    // The piece holding the line-th break: the last one with fewer breaks before it.
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.breaksBefore[mid]! < line) low = mid;
      else high = mid - 1;
    }
    return this.starts[low]! + afterBreak(this.pieces[low]!, line - this.breaksBefore[low]!);
  }

  private charCodeAt(offset: number): number {
    const p = this.pieceAt(offset);
    return this.pieces[p]!.charCodeAt(offset - this.starts[p]!);
  }

  /** The library's rule: a position past the end of a line's text is at its end, before the line break. */
  private beforeLineBreak(offset: number, lineStart: number): number {
    let at = offset;
    while (at > lineStart && isLineBreak(this.charCodeAt(at - 1))) at--;
    return at;
  }
}

/** `create` and `update` for `new TextDocuments(...)`. */
export const PIECED_DOCUMENTS: TextDocumentsConfiguration<PiecedDocument> = {
  create: (uri, languageId, version, content) => new PiecedDocument(uri, languageId, version, content),
  update: (document, changes, version) => {
    document.update(changes, version);
    return document;
  },
};

/** Pieces of about `size` characters (at least one piece, maybe empty), never cutting a \r\n. */
function splitEvenly(text: string, size: number): string[] {
  const count = Math.max(1, Math.ceil(text.length / size));
  const target = Math.ceil(text.length / count);
  const pieces: string[] = [];
  let from = 0;
  while (from < text.length || pieces.length === 0) {
    let to = Math.min(text.length, from + target);
    if (to < text.length && text.charCodeAt(to - 1) === CR && text.charCodeAt(to) === LF) to++;
    pieces.push(text.slice(from, to));
    from = to;
  }
  return pieces;
}

/** Line breaks (\n, \r\n, \r) ending in [from, to) of a piece; a \r\n counts where its \n is. */
function breaksIn(piece: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const ch = piece.charCodeAt(i);
    if (ch === LF) count++;
    else if (ch === CR && piece.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}

/** The offset just after the n-th line break of a piece (n ≥ 1, and the piece has that many). */
function afterBreak(piece: string, n: number): number {
  let seen = 0;
  for (let i = 0; i < piece.length; i++) {
    const ch = piece.charCodeAt(i);
    if (ch === LF || (ch === CR && piece.charCodeAt(i + 1) !== LF)) {
      if (++seen === n) return i + 1;
    }
  }
  return piece.length;
}

function isLineBreak(ch: number): boolean {
  return ch === CR || ch === LF;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}
