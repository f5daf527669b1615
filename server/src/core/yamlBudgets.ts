// Reads YAML text within budgets, for the sidecar reader and the workspace
// index alike. The `yaml` package does the reading, but its work grows with
// what the text asks for: every token costs time and memory (a 5 MB
// single-line list once took 20 s and 2.4 GB), its composer recurses once per
// level of nesting, and aliases can name collections of aliases (a "billion
// laughs" file). So the text is fed to yaml's parser one token at a time and
// reading stops at a budget; collections nested too deep are emptied before
// composing; aliases are counted, never expanded. Every budget that was hit
// is returned with the place it was hit, for a `limit-exceeded` finding.
import { Composer, CST, isAlias, isCollection, isNode, isPair, Lexer, Parser, YAMLParseError, type Document, type Node } from 'yaml';
import { LIMITS, type Limit } from './limits';
import type { Span } from './model';
import { codePointSpan } from './yamlNodes';

export interface BudgetHit {
  readonly limit: Limit;
  readonly span: Span;
  /** What was not read, for the finding's message. */
  readonly skipped: string;
}

/** yaml's concrete syntax tree of a text, as far as the budgets let it be read. */
export interface BoundedCst {
  readonly tokens: readonly CST.Token[];
  readonly hits: readonly BudgetHit[];
  /** Where reading stopped: the text's length when it was read to the end. */
  readonly end: number;
  /** False when the text is over the size budget and was not read at all. */
  readonly read: boolean;
  /** How many aliases (`*name`) were read. */
  readonly aliases: number;
}

export interface BoundedDocument {
  /** The first document; undefined only when the text was too large to read at all. */
  readonly doc: Document.Parsed | undefined;
  readonly hits: readonly BudgetHit[];
}

const OPTIONS = { uniqueKeys: false, strict: false } as const;

/**
 * How deep yaml's parser may nest before reading stops. Its parser closes
 * nested block collections recursively (2,000 nested maps overflow the
 * stack), so nesting past this point is not read at all; up to it, the
 * composer only sees the first `LIMITS.yamlDepth` levels.
 */
const PARSER_DEPTH = 500;

/** Reads the text into yaml's syntax tree, within the size, token, alias and depth budgets. */
export function readCst(text: string): BoundedCst {
  if (text.length > LIMITS.sidecarChars.value) {
    return { tokens: [], hits: [{ limit: LIMITS.sidecarChars, span: firstLine(text), skipped: 'the sidecar is not read at all.' }], end: 0, read: false, aliases: 0 };
  }
  const { stoppedDeep, ...read } = readTokens(text);
  const tooDeep = emptyDeepCollections(read.tokens);
  if (tooDeep === undefined && !stoppedDeep) return read;
  const at = spanAt(text, tooDeep ?? read.end);
  const skipped = stoppedDeep ? `what is nested inside is not read, nor anything after ${PARSER_DEPTH} levels of nesting.` : 'what is nested inside is not read.';
  return { ...read, hits: [...read.hits, { limit: LIMITS.yamlDepth, span: at, skipped }] };
}

/** Reads and composes the text's first document within every budget (the alias expansion too). */
export function parseYamlWithinBudgets(text: string, cst: BoundedCst = readCst(text)): BoundedDocument {
  if (!cst.read) return { doc: undefined, hits: cst.hits };
  const doc = compose(cst, text.length);
  const expansion = cst.aliases > 0 ? aliasExpansionHit(doc) : undefined;
  return { doc, hits: expansion ? [...cst.hits, expansion] : cst.hits };
}

function firstLine(text: string): Span {
  const newline = text.indexOf('\n');
  return spanAt(text, 0, newline < 0 ? text.length : newline);
}

/**
 * Feeds yaml's parser one lexical token at a time, stopping at the token
 * budget or at `PARSER_DEPTH`, and counting aliases on the way.
 */
function readTokens(text: string): BoundedCst & { readonly stoppedDeep: boolean } {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  const hits: BudgetHit[] = [];
  let count = 0;
  let aliases = 0;
  let previous = '';
  for (const lexeme of new Lexer().lex(text)) {
    const at = parser.offset;
    if (++count > LIMITS.yamlTokens.value) {
      hits.push({ limit: LIMITS.yamlTokens, span: spanAt(text, at), skipped: 'the rest of the sidecar, from here, is not read.' });
      return finish(parser, { tokens, hits, end: at, aliases }, false);
    }
    // After the scalar marker comes a scalar's text, which may start with `*` in a block scalar.
    if (lexeme[0] === '*' && previous !== CST.SCALAR && ++aliases === LIMITS.yamlAliases.value + 1) {
      hits.push({ limit: LIMITS.yamlAliases, span: spanAt(text, at, lexeme.length), skipped: 'aliases are not followed.' });
    }
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > PARSER_DEPTH) return finish(parser, { tokens, hits, end: parser.offset, aliases }, true);
    previous = lexeme;
  }
  return finish(parser, { tokens, hits, end: text.length, aliases }, false);
}

/** Closes what the parser has open and adds it to the tokens read. */
function finish(parser: Parser, read: { tokens: CST.Token[]; hits: BudgetHit[]; end: number; aliases: number }, stoppedDeep: boolean): BoundedCst & { readonly stoppedDeep: boolean } {
  for (const token of parser.end()) read.tokens.push(token);
  return { ...read, read: true, stoppedDeep };
}

/** A short visible span at an offset, never past the text's end nor inside a surrogate pair. */
function spanAt(text: string, at: number, length = 1): Span {
  const start = Math.min(at, Math.max(0, text.length - 1));
  return codePointSpan(text, start, Math.min(text.length, start + Math.max(1, Math.min(length, 200))));
}

/**
 * Empties every collection nested deeper than the depth budget, walking the
 * tree with an explicit stack (its depth is the input's to choose). Returns
 * where the first one emptied starts.
 */
function emptyDeepCollections(tokens: readonly CST.Token[]): number | undefined {
  let first: CST.Token | undefined;
  const stack: { token: CST.Token; depth: number }[] = [];
  for (const token of tokens) if (token.type === 'document' && token.value) stack.push({ token: token.value, depth: 1 });
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth > LIMITS.yamlDepth.value) {
      if (!first || token.offset < first.offset) first = token;
      token.items = [];
      continue;
    }
    for (const item of token.items as readonly CST.CollectionItem[]) {
      if (item.key) stack.push({ token: item.key, depth: depth + 1 });
      if (item.value) stack.push({ token: item.value, depth: depth + 1 });
    }
  }
  return first?.offset;
}

/**
 * Runs `make` without capturing stack traces: yaml makes each syntax error an
 * `Error`, and capturing their stacks was most of the time spent on a text
 * of 200,000 stray brackets (6 s). Nothing else runs meanwhile: it is synchronous.
 */
function withoutStackTraces<T>(make: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function compose(cst: BoundedCst, textLength: number): Document.Parsed {
  const doc = withoutStackTraces(() => firstDocument(cst));
  // Reading stopped mid-text: what is left open there (a flow list without its `]`) is the budget's doing, not a syntax error.
  if (cst.end < textLength) doc.errors = doc.errors.filter((error) => error.pos[0] < cst.end);
  return doc;
}

function firstDocument(cst: BoundedCst): Document.Parsed {
  let doc: Document.Parsed | undefined;
  for (const next of new Composer(OPTIONS).compose(cst.tokens, true, cst.end)) {
    if (!doc) {
      doc = next;
      continue;
    }
    // As yaml's parseDocument says it: a sidecar is one document.
    doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
    break;
  }
  return doc!;
}

/**
 * Counts the nodes that aliases stand for (each alias counts the size of
 * what it names, aliases inside included), without making any copy, and
 * returns a hit at the alias that takes the count over the budget. Sizes are
 * computed bottom-up with an explicit stack; an alias to a node not finished
 * yet (its own ancestor) counts as one node.
 */
function aliasExpansionHit(doc: Document.Parsed): BudgetHit | undefined {
  const sizes = new Map<Node, number>();
  const anchors = new Map<string, Node>();
  let aliased = 0;
  const stack: { node: Node; children: Node[]; next: number; size: number }[] = [];
  /** Sizes a leaf, or opens a frame for a collection; true when an alias went over the budget. */
  const enter = (node: Node): boolean => {
    if (node.anchor) anchors.set(node.anchor, node);
    if (isCollection(node)) {
      stack.push({ node, children: childrenOf(node), next: 0, size: 1 });
      return false;
    }
    const named = isAlias(node) ? anchors.get(node.source) : undefined;
    const size = (named && sizes.get(named)) ?? 1;
    sizes.set(node, size);
    if (!isAlias(node)) return false;
    aliased += size;
    return aliased > LIMITS.aliasExpansion.value;
  };
  if (isNode(doc.contents) && enter(doc.contents)) return expansionHit(doc.contents);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const child = frame.children[frame.next++];
    if (child) {
      if (enter(child)) return expansionHit(child);
      if (!isCollection(child)) frame.size += sizes.get(child)!;
      continue;
    }
    stack.pop();
    sizes.set(frame.node, frame.size);
    const parent = stack[stack.length - 1];
    if (parent) parent.size += frame.size;
  }
  return undefined;
}

function expansionHit(alias: Node): BudgetHit {
  return { limit: LIMITS.aliasExpansion, span: spanOfNode(alias), skipped: 'aliases are not followed.' };
}

function childrenOf(node: Node): Node[] {
  const children: Node[] = [];
  const items = isCollection(node) ? (node.items as unknown[]) : [];
  for (const item of items) {
    if (isPair(item)) {
      if (isNode(item.key)) children.push(item.key);
      if (isNode(item.value)) children.push(item.value);
    } else if (isNode(item)) {
      children.push(item);
    }
  }
  return children;
}

function spanOfNode(node: Node): Span {
  const range = node.range;
  return range ? { start: range[0], end: Math.max(range[1], range[0] + 1) } : { start: 0, end: 1 };
}
