// A YAML tree with the style of every node (plain or quoted scalars, block
// scalars with each chomping indicator, block or flow collections, anchors,
// tags, comments), and an emitter of our own that writes it as text. The
// fuzz suite builds sidecars as trees, mutates their structure, then emits
// them, so each YAML form the editor must survive is written on purpose.

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';
export type Chomp = '-' | '' | '+';

interface Props {
  anchor?: string;
  tag?: string;
}

export interface YScalar extends Props {
  t: 'scalar';
  value: string;
  style: ScalarStyle;
  /** Forced chomping indicator for block scalars (else chosen to keep the value). */
  chomp?: Chomp;
  /** Trailing blank lines written after a keep-chomped block scalar. */
  keepLines?: number;
}

export interface YSeq extends Props {
  t: 'seq';
  items: YNode[];
  flow: boolean;
  /** Flow only: one item per line, with a comment after some commas. */
  multiline?: boolean;
  trailingComma?: boolean;
}

export interface YPair {
  key: YNode;
  value: YNode;
  /** Written as `? key` / `: value`. */
  explicit?: boolean;
  commentBefore?: string;
  lineComment?: string;
}

export interface YMap extends Props {
  t: 'map';
  /** As a block list item: a comment on the dash's own line (`- # a - b`), the mapping below it. */
  dashComment?: string;
  pairs: YPair[];
  flow: boolean;
  multiline?: boolean;
  trailingComma?: boolean;
}

export interface YAlias {
  t: 'alias';
  name: string;
}

/** Text written as is: bombs and junk that no tree describes. */
export interface YRaw {
  t: 'raw';
  text: string;
}

export type YNode = YScalar | YSeq | YMap | YAlias | YRaw;

export const scalar = (value: string, style: ScalarStyle = 'plain'): YScalar => ({ t: 'scalar', value, style });
export const seq = (items: YNode[], flow = false): YSeq => ({ t: 'seq', items, flow });
export const map = (pairs: [string, YNode][], flow = false): YMap => ({ t: 'map', pairs: pairs.map(([k, v]) => ({ key: scalar(k), value: v })), flow });

export interface EmitOptions {
  readonly indentStep: number;
  /** Block sequences under a key are indented (`key:\n  - a`) or not (`key:\n- a`). */
  readonly indentSequences: boolean;
  readonly crlf?: boolean;
  readonly bom?: boolean;
  readonly documentStart?: boolean;
  readonly documentEnd?: boolean;
  readonly headerComment?: string;
}

const RESOLVES_TO_NON_STRING = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;

/** Every character can stand in a YAML stream unescaped (printable, no BOM, no lone surrogate). */
export function printable(s: string, allowTab = false): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 9 && allowTab) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0xfeff || c === 0x2028 || c === 0x2029 || c === 0xfffe || c === 0xffff) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

export function plainOk(s: string, inFlow: boolean): boolean {
  if (s === '' || s !== s.trim() || !printable(s)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) || /: |:$| #|\t/.test(s)) return false;
  if (inFlow && /[,[\]{}]/.test(s)) return false;
  if (/^(?:---|\.\.\.)/.test(s)) return false;
  return !RESOLVES_TO_NON_STRING.test(s);
}

export function doubleQuoted(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const c = s.charCodeAt(i);
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c >= 0xd800 && c <= 0xdbff && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) out += ch + s[++i]!;
    else if (!printable(ch)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function singleOk(s: string): boolean {
  return printable(s) && !/^\s|\s$/.test(s);
}

function propsOf(node: YNode): string {
  if (node.t === 'alias' || node.t === 'raw') return '';
  return [node.anchor ? `&${node.anchor}` : '', node.tag ?? ''].filter(Boolean).join(' ');
}

function withProps(node: YNode, text: string): string {
  const props = propsOf(node);
  return props ? `${props} ${text}` : text;
}

export class Emitter {
  constructor(private readonly options: EmitOptions) {}

  document(root: YNode): string {
    const lines: string[] = [];
    if (this.options.headerComment) lines.push(...this.options.headerComment.split('\n').map((l) => `# ${l}`));
    if (this.options.documentStart) lines.push('---');
    lines.push(...this.topLevel(root));
    if (this.options.documentEnd) lines.push('...');
    let text = lines.join('\n') + '\n';
    if (this.options.crlf) text = text.replace(/\n/g, '\r\n');
    return this.options.bom ? `\uFEFF${text}` : text;
  }

  private topLevel(root: YNode): string[] {
    const inline = this.inline(root, false, 0);
    if (inline !== undefined) return [inline];
    if (root.t === 'scalar') return this.blockScalar(root, '', 0);
    return this.block(root, 0);
  }

  /** The node on one line (or a multi-line flow), or undefined when it must be written as a block. */
  inline(node: YNode, inFlow: boolean, indent: number): string | undefined {
    switch (node.t) {
      case 'alias':
        return `*${node.name}`;
      case 'raw':
        return node.text;
      case 'scalar':
        if (!inFlow && (node.style === 'literal' || node.style === 'folded') && this.canBlock(node)) return undefined;
        return withProps(node, this.scalarText(node, inFlow));
      case 'seq':
        if (!inFlow && !node.flow && node.items.length > 0) return undefined;
        return withProps(node, this.flow('[', ']', node.items.map((item) => this.inline(item, true, indent + this.options.indentStep)!), node, indent));
      case 'map':
        if (!inFlow && !node.flow && node.pairs.length > 0) return undefined;
        return withProps(node, this.flow('{', '}', node.pairs.map((p) => this.flowPair(p, indent + this.options.indentStep)), node, indent));
    }
  }

  private flowPair(pair: YPair, indent: number): string {
    const key = this.inline(pair.key, true, indent)!;
    const value = this.inline(pair.value, true, indent)!;
    return `${pair.explicit ? '? ' : ''}${key}: ${value}`;
  }

  private flow(open: string, close: string, items: string[], node: YSeq | YMap, indent: number): string {
    const trailing = node.trailingComma && items.length > 0 ? ',' : '';
    if (!node.multiline || items.length === 0) return `${open}${items.join(', ')}${trailing}${close}`;
    const pad = ' '.repeat(indent + this.options.indentStep);
    const body = items.map((item, i) => `${pad}${item}${i < items.length - 1 || trailing ? ',' : ''}${i % 2 === 0 ? ' # note, see - below: {x}' : ''}`);
    return `${open}\n${body.join('\n')}\n${pad}${close}`;
  }

  private scalarText(node: YScalar, inFlow: boolean): string {
    const s = node.value;
    if (node.style === 'plain' && plainOk(s, inFlow)) return s;
    if (node.style === 'single' && singleOk(s) && !s.includes('\n')) return `'${s.replace(/'/g, "''")}'`;
    return doubleQuoted(s);
  }

  private canBlock(node: YScalar): boolean {
    if (!printable(node.value.replace(/\n/g, ''), true)) return false;
    if (node.style === 'folded') return /^[^\s](?:[^\s]| (?! ))*$/.test(node.value) || node.value === '';
    // A line of white space only reads back as an empty line: not a literal block's content.
    return !node.value.split('\n').some((line) => line !== '' && line.trim() === '');
  }

  /** A block collection at `indent`. */
  block(node: YNode, indent: number): string[] {
    if (node.t === 'seq') return node.items.flatMap((item) => this.seqItem(item, indent));
    if (node.t === 'map') return node.pairs.flatMap((pair) => this.mapPair(pair, indent));
    return [' '.repeat(indent) + (this.inline(node, false, indent) ?? '""')];
  }

  private seqItem(item: YNode, indent: number): string[] {
    const pad = ' '.repeat(indent);
    const inline = this.inline(item, false, indent);
    if (inline !== undefined) return [`${pad}- ${inline}`];
    if (item.t === 'scalar') return this.blockScalar(item, `${pad}- `, indent);
    const props = propsOf(item);
    const child = this.block(item, indent + 2);
    if (props) return [`${pad}- ${props}`, ...child];
    if (item.t === 'map' && item.dashComment !== undefined) return [`${pad}- # ${item.dashComment}`, ...child];
    // The first line of the nested block goes on the dash's line: `- key: value` or `- - item`.
    const first = child.findIndex((l) => !l.trimStart().startsWith('#'));
    if (first < 0) return [`${pad}-`, ...child];
    child[first] = `${pad}- ${child[first]!.slice(indent + 2)}`;
    return first === 0 ? child : [...child.slice(first), ...child.slice(0, first)];
  }

  private mapPair(pair: YPair, indent: number): string[] {
    const pad = ' '.repeat(indent);
    const lines: string[] = [];
    if (pair.commentBefore) lines.push(`${pad}# ${pair.commentBefore}`);
    const comment = pair.lineComment ? ` # ${pair.lineComment}` : '';
    let keyText = this.inline(pair.key, true, indent) ?? '""';
    const explicit = pair.explicit || pair.key.t === 'seq' || pair.key.t === 'map' || keyText.includes('\n');
    if (explicit) {
      lines.push(`${pad}? ${keyText}`);
      keyText = '';
    }
    const head = explicit ? `${pad}:` : `${pad}${keyText}:`;
    const value = pair.value;
    const inline = this.inline(value, false, indent);
    if (inline !== undefined) {
      lines.push(`${head} ${inline}${comment}`);
    } else if (value.t === 'scalar') {
      lines.push(...this.blockScalar(value, `${head} `, indent, comment));
    } else {
      const props = propsOf(value);
      lines.push(`${head}${props ? ` ${props}` : ''}${comment}`);
      const step = value.t === 'seq' && !this.options.indentSequences && !explicit ? 0 : this.options.indentStep;
      lines.push(...this.block(value, indent + step));
    }
    return lines;
  }

  /** `head` then a block scalar header, and the content indented one step past `indent`. */
  private blockScalar(node: YScalar, head: string, indent: number, comment = ''): string[] {
    const step = this.options.indentStep;
    const pad = ' '.repeat(indent + step);
    let body = node.value;
    let trailing = 0;
    while (body.endsWith('\n')) {
      body = body.slice(0, -1);
      trailing++;
    }
    // Only line breaks: nothing but keep-chomping reads them back (each empty line is one break).
    if (body === '' && trailing > 0 && node.chomp === undefined) {
      return [`${head}${withProps(node, node.style === 'folded' ? '>+' : '|+')}${comment}`, ...Array.from({ length: trailing }, () => '')];
    }
    const chomp = node.chomp ?? (trailing === 0 ? '-' : trailing === 1 ? '' : '+');
    const lines = node.style === 'folded' ? fold(body) : body.split('\n');
    const needsIndicator = lines.some((l) => /^\s/.test(l));
    const header = `${node.style === 'folded' ? '>' : '|'}${needsIndicator ? String(step) : ''}${chomp}`;
    const content = body === '' && trailing === 0 ? [] : lines.map((l) => (l === '' ? '' : pad + l));
    const extra = chomp === '+' ? Math.max(trailing - 1, node.keepLines ?? 0) : 0;
    return [`${head}${withProps(node, header)}${comment}`, ...content, ...Array.from({ length: extra }, () => '')];
  }
}

/** Words of a one-line string wrapped as a folded block scalar's lines. */
function fold(s: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of s.split(' ')) {
    if (line && line.length + word.length > 30) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines;
}

/** Every place in a tree that holds a node, with a way to replace it, in document order. */
export interface Slot {
  readonly node: YNode;
  readonly depth: number;
  readonly isKey: boolean;
  replace(node: YNode): void;
  /** The collection that holds it. */
  readonly parent: YSeq | YMap;
}

export function slotsOf(root: YNode): Slot[] {
  const slots: Slot[] = [];
  const stack: { node: YNode; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    const children: { node: YNode; depth: number }[] = [];
    if (node.t === 'seq') {
      node.items.forEach((item, i) => {
        slots.push({ node: item, depth: depth + 1, isKey: false, parent: node, replace: (n) => (node.items[i] = n) });
        children.push({ node: item, depth: depth + 1 });
      });
    } else if (node.t === 'map') {
      for (const pair of node.pairs) {
        slots.push({ node: pair.key, depth: depth + 1, isKey: true, parent: node, replace: (n) => (pair.key = n) });
        slots.push({ node: pair.value, depth: depth + 1, isKey: false, parent: node, replace: (n) => (pair.value = n) });
        children.push({ node: pair.key, depth: depth + 1 }, { node: pair.value, depth: depth + 1 });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return slots;
}

export function clone<T extends YNode>(node: T): T {
  return structuredClone(node);
}
