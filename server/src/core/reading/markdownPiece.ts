// One piece of a Markdown document (see chunks.ts) as a reader sees it:
// parsed by @lezer/markdown (CommonMark with GFM tables, strikethrough,
// autolinks and task lists), then walked once, without recursion, writing
// the text of each block and skipping the markup. Blocks (paragraphs,
// headings, list items, table cells, the paragraphs of a block quote) are
// separated by a blank line, so the text structure reads them as paragraphs.
import { GFM, parser as commonMark, type InlineContext, type InlineParser } from '@lezer/markdown';
import type { SyntaxNode, SyntaxNodeRef, Tree } from '@lezer/common';
import { decodeHTML } from 'entities';
import { ReadingBuilder, type PieceReading } from './readingMap';
import { htmlBlockText } from './htmlText';
import { LIMITS } from '../limits';

/**
 * Lezer's own hard-break parser reads the run of spaces from each of its
 * spaces: quadratic in a long run inside a paragraph (18,000 spaces took
 * 0.7 s). This one gives the same answer and remembers the run it last read,
 * so a run is read once. Reset before each parse (parsing is synchronous).
 */
let lastSpaceRun: { readonly cx: InlineContext; readonly from: number; readonly end: number } | undefined;
const linearHardBreak: InlineParser = {
  name: 'HardBreak',
  before: 'Link',
  parse(cx, next, start) {
    if (next === 92 && cx.char(start + 1) === 10) return cx.addElement(cx.elt('HardBreak', start, start + 2));
    if (next !== 32) return -1;
    let end: number;
    if (lastSpaceRun && lastSpaceRun.cx === cx && start > lastSpaceRun.from && start < lastSpaceRun.end) end = lastSpaceRun.end;
    else {
      end = start + 1;
      while (cx.char(end) === 32) end++;
      lastSpaceRun = { cx, from: start, end };
    }
    return cx.char(end) === 10 && end >= start + 2 ? cx.addElement(cx.elt('HardBreak', start, end + 1)) : -1;
  },
};

const parser = commonMark.configure([GFM, { remove: ['HardBreak'], parseInline: [linearHardBreak] }]);
/** The same block structure without any inline parsing: linear whatever the text, for pieces over the inline budget. */
const blocksOnly = parser.configure({ remove: ['Escape', 'Entity', 'InlineCode', 'HTMLTag', 'Emphasis', 'Strikethrough', 'HardBreak', 'Link', 'Image', 'Autolink', 'LinkEnd'] });

export interface ParsedPiece {
  readonly tree: Tree;
  /** The reference definitions the piece defines, normalized. */
  readonly definitions: readonly string[];
  /** Read without its inline markup (see `LIMITS.markdownInlineChars`). */
  readonly inlineSkipped: boolean;
}

export interface MarkdownPiece extends PieceReading {
  /** Reading offset of the piece's first level-1 heading. */
  readonly firstTitle?: number;
  readonly definitions: readonly string[];
  readonly inlineSkipped: boolean;
}

/**
 * A piece over the inline budget is parsed for its blocks first (linearly);
 * only if none is longer than the budget is its inline markup parsed. A parse
 * that fails (the parser recurses once per level of nested emphasis) is
 * replaced by the blocks alone too: the core never throws on input.
 */
export function parsePiece(text: string): ParsedPiece {
  const budget = LIMITS.markdownInlineChars.value;
  if (text.length > budget) {
    const blocks = blocksOnly.parse(text);
    if (longestInlineBlock(blocks) > budget) return withDefinitions(text, blocks, true);
  }
  try {
    lastSpaceRun = undefined;
    return withDefinitions(text, parser.parse(text), false);
  } catch {
    return withDefinitions(text, blocksOnly.parse(text), true);
  }
}

function longestInlineBlock(tree: Tree): number {
  let longest = 0;
  tree.iterate({
    enter(node) {
      if (!INLINE_BLOCKS.has(node.name) && node.name !== 'HTMLBlock') return true;
      longest = Math.max(longest, node.to - node.from);
      return false;
    },
  });
  return longest;
}

function withDefinitions(text: string, tree: Tree, inlineSkipped: boolean): ParsedPiece {
  const definitions: string[] = [];
  tree.iterate({
    enter(node) {
      if (node.name === 'LinkReference') {
        const label = node.node.getChild('LinkLabel');
        if (label) definitions.push(normalizeLabel(text.slice(label.from + 1, label.to - 1)));
        return false;
      }
      return !INLINE_BLOCKS.has(node.name);
    },
  });
  return { tree, definitions, inlineSkipped };
}

/** A link label as CommonMark matches it: case-folded, white space collapsed. */
export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase().toUpperCase();
}

/** Leaf blocks whose content is inline text. */
const INLINE_BLOCKS = new Set(['Paragraph', 'ATXHeading1', 'ATXHeading2', 'ATXHeading3', 'ATXHeading4', 'ATXHeading5', 'ATXHeading6', 'SetextHeading1', 'SetextHeading2', 'TableCell', 'Task']);
/** Nodes with no reading text at all. */
const SKIPPED = new Set([
  'FencedCode', 'CodeBlock', 'CommentBlock', 'ProcessingInstructionBlock', 'LinkReference', 'HorizontalRule',
  'HTMLTag', 'Comment', 'ProcessingInstruction', 'EmphasisMark', 'StrikethroughMark', 'CodeMark', 'CodeInfo', 'QuoteMark',
  'ListMark', 'HeaderMark', 'TableDelimiter', 'TaskMarker', 'LinkMark', 'LinkTitle', 'LinkLabel',
]);

interface Frame {
  readonly name: string;
  /** Text between the children is read (inline content), not skipped (block structure). */
  readonly inline: boolean;
  /** A link or image past its closing `]`: the rest (destination, title, label) is skipped. */
  closed: boolean;
  /** A reference link whose label is not defined: read literally, brackets and all. */
  readonly literal: boolean;
  readonly readingStart: number;
}

/** Reads a parsed piece; `defined` holds every reference definition of the document. */
export function readPiece(text: string, parsed: ParsedPiece, defined: ReadonlySet<string>): MarkdownPiece {
  const reader = new PieceReader(text, defined);
  parsed.tree.iterate({ enter: (node) => reader.enter(node), leave: (node) => reader.leave(node) });
  return { ...reader.out.build(), firstTitle: reader.firstTitle, definitions: parsed.definitions, inlineSkipped: parsed.inlineSkipped };
}

class PieceReader {
  readonly out = new ReadingBuilder();
  firstTitle?: number;
  private readonly frames: Frame[] = [];
  private at = 0;
  /** After a line break read as a space: the next line's indentation is skipped. */
  private afterBreak = true;

  constructor(
    private readonly text: string,
    private readonly defined: ReadonlySet<string>,
  ) {}

  enter(ref: SyntaxNodeRef): boolean {
    const parent = this.frames[this.frames.length - 1];
    if (parent?.inline && !parent.closed) this.readText(this.at, ref.from);
    if (parent?.closed || (parent && !parent.literal && ref.name === 'LinkMark' && this.closesLabel(ref, parent))) return this.skip(ref, parent);
    if (parent?.literal && (ref.name === 'LinkMark' || ref.name === 'LinkLabel')) return this.asText(ref);
    if (SKIPPED.has(ref.name)) return this.skip(ref);
    const leaf = this.leaf(ref);
    if (leaf !== undefined) return leaf;
    if (INLINE_BLOCKS.has(ref.name)) this.startBlock(ref);
    const inline = INLINE_BLOCKS.has(ref.name) || (parent?.inline ?? false);
    const literal = (ref.name === 'Link' || ref.name === 'Image') && !this.isDefinedLink(ref.node);
    this.frames.push({ name: ref.name, inline, closed: false, literal, readingStart: this.out.length });
    this.at = ref.from;
    if (ref.name === 'ATXHeading1' || ref.name === 'SetextHeading1') this.firstTitle ??= this.out.length;
    return true;
  }

  leave(ref: SyntaxNodeRef): void {
    const frame = this.frames.pop();
    if (!frame) return;
    if (frame.inline && !frame.closed) this.readText(this.at, ref.to);
    if (INLINE_BLOCKS.has(frame.name)) this.out.trimEnd();
    if (frame.name === 'InlineCode') this.out.markUnsearchable(frame.readingStart, this.out.length);
    this.at = ref.to;
  }

  /** Nodes read whole, without descending. */
  private leaf(ref: SyntaxNodeRef): boolean | undefined {
    switch (ref.name) {
      case 'Escape':
        this.out.copy(this.text.slice(ref.from + 1, ref.to), ref.from + 1);
        return this.done(ref);
      case 'Entity': {
        const raw = this.text.slice(ref.from, ref.to);
        const decoded = decodeHTML(raw);
        if (decoded === raw) this.out.copy(raw, ref.from);
        else this.out.put(decoded, ref.from, ref.to);
        return this.done(ref);
      }
      case 'HardBreak':
        this.out.put('\n', ref.from, ref.to);
        this.afterBreak = true;
        return this.done(ref);
      case 'URL': {
        const start = this.out.length;
        this.out.copy(this.text.slice(ref.from, ref.to), ref.from);
        this.out.markUnsearchable(start, this.out.length);
        return this.done(ref);
      }
      case 'HTMLBlock':
        this.startBlock(ref);
        htmlBlockText(this.text, ref.from, ref.to, this.out);
        return this.done(ref);
      default:
        return undefined;
    }
  }

  private done(ref: SyntaxNodeRef): false {
    this.at = ref.to;
    if (ref.name !== 'HardBreak') this.afterBreak = false;
    return false;
  }

  private skip(ref: SyntaxNodeRef, parent?: Frame): false {
    if (parent && ref.name === 'LinkMark') parent.closed = true;
    this.at = ref.to;
    return false;
  }

  private asText(ref: SyntaxNodeRef): false {
    this.readText(ref.from, ref.to);
    this.at = ref.to;
    return false;
  }

  /** The `]` that ends a link's or an image's text. */
  private closesLabel(ref: SyntaxNodeRef, parent: Frame): boolean {
    return (parent.name === 'Link' || parent.name === 'Image') && this.text.charCodeAt(ref.from) === 0x5d;
  }

  /** An inline link, or a reference link whose label is defined somewhere in the document. */
  private isDefinedLink(node: SyntaxNode): boolean {
    let close: SyntaxNode | undefined;
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.name === 'URL' || (child.name === 'LinkMark' && this.text[child.from] === '(')) return true;
      if (child.name === 'LinkMark' && this.text[child.from] === ']' && !close) close = child;
      if (child.name === 'LinkLabel' && child.to - child.from > 2) return this.defined.has(normalizeLabel(this.text.slice(child.from + 1, child.to - 1)));
    }
    const labelStart = node.name === 'Image' ? node.from + 2 : node.from + 1;
    return close !== undefined && this.defined.has(normalizeLabel(this.text.slice(labelStart, close.from)));
  }

  private startBlock(ref: SyntaxNodeRef): void {
    if (this.out.length > 0) this.out.put('\n\n', ref.from, ref.from);
    this.afterBreak = true;
    this.at = ref.from;
  }

  /**
   * Inline text: a line break is read as a space (a soft break renders as
   * one), the next line's indentation and carriage returns are skipped.
   */
  private readText(from: number, to: number): void {
    let start = from;
    for (let i = from; i < to; i++) {
      const code = this.text.charCodeAt(i);
      if (this.afterBreak && (code === 32 || code === 9)) {
        start = i + 1;
        continue;
      }
      if (code === 13) {
        this.out.copy(this.text.slice(start, i), start);
        start = i + 1;
        continue;
      }
      if (code === 10) {
        this.out.copy(this.text.slice(start, i), start);
        if (!this.afterBreak) this.out.copy(' ', i);
        this.afterBreak = true;
        start = i + 1;
        continue;
      }
      this.afterBreak = false;
    }
    this.out.copy(this.text.slice(start, to), start);
  }
}
