// A sidecar as the editor sees it: parsed once (with source tokens), plus the
// geometry an edit needs to write text that reads back as intended: lines
// and columns (a leading BOM is not a column), line endings, where a value
// really ends (a block scalar's range runs past its line break), where new
// lines may go (never inside a keep-chomped scalar's trailing blank lines),
// and the separators of flow collections (skipping comments, which may hold
// commas and dashes of their own).
import { isCollection, isMap, isPair, isScalar, parseDocument, YAMLParseError, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { readCst } from './yamlBudgets';

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export type ParseYaml = (text: string) => Document;

/** The parse every edit and every verification uses (the same options, so both read the same document). */
export const parseYaml: ParseYaml = (text) => parseDocument(text, { uniqueKeys: false, keepSourceTokens: true });

function overBudget(message: string): Document {
  const doc = parseDocument('', { keepSourceTokens: true });
  doc.errors.push(new YAMLParseError([0, 0], 'RESOURCE_EXHAUSTION', message));
  return doc;
}

/** Edits in the order they apply: by start, an insertion before a replacement that starts at the same offset. */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Applies non-overlapping edits given in offsets of `text`. Overlapping or out-of-range edits throw: a bug must never become a silent corruption. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const edit of sortEdits(edits)) {
    if (edit.start < at || edit.end < edit.start || edit.end > text.length) throw new Error(`overlapping or out-of-range edits at ${edit.start}`);
    parts.push(text.slice(at, edit.start), edit.newText);
    at = edit.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Sorted non-overlapping edits as one replacement of the stretch they span (one edit, one undo; the text between them written back as it was). */
export function asOneEdit(text: string, edits: readonly TextEdit[]): TextEdit[] {
  if (edits.length <= 1) return [...edits];
  const sorted = sortEdits(edits);
  const start = sorted[0]!.start;
  const end = sorted[sorted.length - 1]!.end; // non-overlapping and sorted: the last ends last
  const shifted = sorted.map((e) => ({ start: e.start - start, end: e.end - start, newText: e.newText }));
  return [{ start, end, newText: applyEdits(text.slice(start, end), shifted) }];
}

export type Range3 = [number, number, number];

export const rangeOf = (node: unknown): Range3 | undefined => (node as Node | null | undefined)?.range ?? undefined;

export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => keyString(p) === key);
}

/** A pair's key as the sidecar reader sees it; a collection used as a key is never stringified (it can be exponentially large). */
export function keyString(pair: Pair): string {
  const key = pair.key as unknown;
  if (isScalar(key)) return String(key.value);
  return key === null || key === undefined ? '' : '\u0000complex-key';
}

export function isBlockScalar(node: unknown): node is Scalar {
  return isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
}

export class EditableSidecar {
  readonly doc: Document;
  readonly eol: string;
  /** 1 when the text starts with a byte order mark, which must stay first. */
  readonly bom: number;

  constructor(
    readonly text: string,
    readonly parse: ParseYaml = parseYaml,
  ) {
    // A text over any of the reader's budgets is not parsed in full (that is
    // where the cost lies): it reads as one error naming the limit, so no edit
    // is planned on it. The texts an edit produces are this one plus a few
    // lines of ours, so checking them needs no second budget pass.
    const hit = readCst(text).hits[0];
    this.doc = hit ? overBudget(`over the ${hit.limit.name} limit (${hit.limit.value.toLocaleString('en-US')} ${hit.limit.unit})`) : parse(text);
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
    this.bom = text.startsWith('\uFEFF') ? 1 : 0;
  }

  /** Why this sidecar cannot be edited safely, or undefined when it can. */
  get problem(): string | undefined {
    const errors = this.doc.errors;
    if (errors.some((e) => e.code === 'MULTIPLE_DOCS')) return 'it holds more than one YAML document (a second `---`); Marginalia writes only to single-document sidecars';
    if (errors.length > 0) return `it has YAML errors (${firstLine(errors[0]!.message)}); fix them first`;
    const contents = this.doc.contents;
    if (contents !== null && !isMap(contents)) return 'its top level is not a mapping of sections';
    return undefined;
  }

  get top(): YAMLMap | undefined {
    return isMap(this.doc.contents) ? this.doc.contents : undefined;
  }

  /** The start of the line holding `offset` (after a BOM on the first line). */
  lineStart(offset: number): number {
    return Math.max(this.text.lastIndexOf('\n', offset - 1) + 1, Math.min(this.bom, offset));
  }

  /** The end of the line holding `offset`, before its line break. */
  lineEnd(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    if (newline < 0) return this.text.length;
    return this.text[newline - 1] === '\r' ? newline - 1 : newline;
  }

  /** The offset just after the line break that ends the line holding `offset` (or the end of the text). */
  nextLineStart(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    return newline < 0 ? this.text.length : newline + 1;
  }

  column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /**
   * The column a key's entry starts at: before its properties (`&a key:`,
   * `!tag key:`), which the key node's range leaves out; after the dashes of
   * a list item it opens (`- key:`).
   */
  keyColumn(key: unknown): number | undefined {
    const start = rangeOf(key)?.[0];
    if (start === undefined) return undefined;
    const before = /^([ \t]*(?:-[ \t]+)*)((?:[!&][^\s]*[ \t]+)+)$/.exec(this.text.slice(this.lineStart(start), start));
    return before ? before[1]!.length : this.column(start);
  }

  /** The offset just after the last non-space character before `offset`. */
  contentEnd(offset: number): number {
    let end = offset;
    while (end > 0 && /\s/.test(this.text[end - 1]!)) end--;
    return end;
  }

  /** True when only spaces or tabs stand between the line start and `offset`. */
  startsLine(offset: number): boolean {
    return /^[ \t]*$/.test(this.text.slice(this.lineStart(offset), offset));
  }

  /** Inserts whole lines after the line holding `offset` (creating a line break at EOF if needed). */
  linesAfter(offset: number, lines: readonly string[]): TextEdit {
    const at = this.lineEnd(offset);
    return { start: at, end: at, newText: lines.map((l) => this.eol + l).join('') };
  }

  /**
   * Inserts whole lines after a node. After a keep-chomped block scalar
   * (`|+`) its trailing blank lines are its value, so the lines go after
   * them; anywhere else, right after the node's last line (and its comment).
   */
  linesAfterNode(node: unknown, lines: readonly string[]): TextEdit | undefined {
    const end = rangeOf(node)?.[1];
    if (end === undefined) return undefined;
    const leaf = lastLeaf(node);
    if (isBlockScalar(leaf) && rangeOf(leaf)![1] === end && this.keepsTrailingLines(leaf) && this.text[end - 1] === '\n') {
      return { start: end, end, newText: lines.map((l) => l + this.eol).join('') };
    }
    return this.linesAfter(this.contentEnd(end), lines);
  }

  private keepsTrailingLines(scalar: Scalar): boolean {
    return /^[|>][1-9]?\+/.test(this.text.slice(rangeOf(scalar)![0]));
  }

  /** Where a node's value ends: before the line breaks a block scalar's range carries. */
  valueEnd(node: unknown): number | undefined {
    const range = rangeOf(node);
    if (!range) return undefined;
    return isBlockScalar(node) ? Math.max(this.lineEnd(range[0]), this.contentEnd(range[1])) : range[1];
  }

  /** The comment on a block scalar's header line (` # …`), which a replaced value keeps. */
  headerComment(node: unknown): string {
    const range = rangeOf(node);
    if (!range || !isBlockScalar(node)) return '';
    return /[ \t]+#.*$/.exec(this.text.slice(range[0], this.lineEnd(range[0])))?.[0] ?? '';
  }

  /** The offset of the first token at or after `from` (before `limit`) that is not white space or a comment; -1 if none. */
  nextToken(from: number, limit: number): number {
    let at = from;
    while (at < limit) {
      const ch = this.text[at]!;
      if (ch === '#' && (at === 0 || /\s/.test(this.text[at - 1]!))) at = this.lineEnd(at);
      else if (/\s/.test(ch)) at++;
      else return at;
    }
    return -1;
  }

  /** The comma that separates a flow item ending at `from` from the next one, if there is one before `limit`. */
  commaAfter(from: number, limit: number): number {
    const at = this.nextToken(from, limit);
    return at >= 0 && this.text[at] === ',' ? at : -1;
  }

  /** The column of a block sequence's dashes, from its source tokens (a `-` inside a comment is not one). */
  dashColumn(seq: YAMLSeq): number | undefined {
    const token = seq.srcToken;
    if (!token || token.type !== 'block-seq') return undefined;
    const dash = token.items[0]?.start.find((t) => t.type === 'seq-item-ind');
    return dash && 'offset' in dash ? this.column(dash.offset) : undefined;
  }

  /** Where the document's content ends: before a document-end marker (`...`), which must stay last. */
  documentEnd(): number {
    const contentsEnd = rangeOf(this.doc.contents)?.[2] ?? this.bom;
    const marker = /(^|\n)\.\.\.(?=[ \t\r\n]|$)/.exec(this.text.slice(contentsEnd));
    return marker ? contentsEnd + marker.index + marker[1]!.length : this.text.length;
  }
}

/** The node a collection's text ends with (its last item's value, and so on down), found without recursion. */
function lastLeaf(node: unknown): unknown {
  let current = node;
  for (;;) {
    if (isCollection(current) && current.items.length > 0) {
      const last: unknown = current.items[current.items.length - 1];
      current = isPair(last) ? (last.value ?? last.key) : last;
    } else if (isPair(current)) current = current.value ?? current.key;
    else return current;
  }
}

export function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
