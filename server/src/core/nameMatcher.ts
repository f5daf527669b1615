// Finds every entity name and alias in an article in one pass over the text,
// whatever the number of names: names are token sequences stored in a trie,
// and at each word of the article the trie is walked as far as it goes. The
// longest name wins, so "Massoud Foundation" is never also "Massoud".
// Tokens are maximal runs of letters/digits, or single punctuation marks;
// white space between tokens is free (one line break allowed, not a blank
// line), and typographic quotes equal ASCII ones.
import type { Span } from './model';
import { normalizeChar } from './normalize';

export interface NameMatch {
  readonly span: Span;
  /** Every entity id that has this exact name or alias. */
  readonly entityIds: readonly string[];
}

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  entityIds: string[];
}

const newNode = (): TrieNode => ({ next: new Map(), entityIds: [] });

export class NameMatcher {
  private readonly root = newNode();

  /** Adds a name (or alias) of an entity. Names with no word character are ignored. */
  add(name: string, entityId: string): void {
    const tokens = tokenize(name).map((t) => name.slice(t.start, t.end)).map(normalizeToken);
    if (!tokens.some(isWordToken)) return;
    let node = this.root;
    for (const token of tokens) {
      let child = node.next.get(token);
      if (!child) node.next.set(token, (child = newNode()));
      node = child;
    }
    if (!node.entityIds.includes(entityId)) node.entityIds.push(entityId);
  }

  /** All non-overlapping, leftmost-longest matches, in text order. */
  findAll(text: string): NameMatch[] {
    const matches: NameMatch[] = [];
    const scanner = new TokenScanner(text);
    let token = scanner.next();
    while (token) {
      const match = isWordStart(text, token.start) ? this.longestAt(scanner, token) : undefined;
      if (match) {
        matches.push(match);
        scanner.reset(match.span.end);
        token = scanner.next();
      } else {
        token = scanner.nextAfter(token);
      }
    }
    return matches;
  }

  private longestAt(scanner: TokenScanner, first: Token): NameMatch | undefined {
    let node = this.root.next.get(normalizeToken(first.text));
    let best: NameMatch | undefined;
    let last = first;
    while (node) {
      if (node.entityIds.length > 0 && isWordEnd(scanner.text, last.end)) {
        best = { span: { start: first.start, end: last.end }, entityIds: node.entityIds };
      }
      const following = scanner.peekAfter(last);
      if (!following || following.blankLineBefore) break;
      node = node.next.get(normalizeToken(following.text));
      last = following;
    }
    return best;
  }
}

interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** A blank line separates this token from the previous one. */
  readonly blankLineBefore: boolean;
}

function isWordCode(code: number): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return WORD_CHAR.test(String.fromCharCode(code));
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const SPACE_CHAR = /[\s\u00A0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF]/;

function isWordToken(token: string): boolean {
  return token.length > 0 && isWordCode(token.charCodeAt(0));
}

function isWordStart(text: string, offset: number): boolean {
  return offset === 0 || !isWordCode(text.charCodeAt(offset - 1)) || !isWordCode(text.charCodeAt(offset));
}

function isWordEnd(text: string, offset: number): boolean {
  return offset >= text.length || !isWordCode(text.charCodeAt(offset)) || !isWordCode(text.charCodeAt(offset - 1));
}

function normalizeToken(token: string): string {
  return token.length === 1 ? normalizeChar(token) : token;
}

/** Reads tokens lazily from any offset: the article is never split into an array. */
class TokenScanner {
  private pos = 0;
  constructor(readonly text: string) {}

  reset(offset: number): void {
    this.pos = offset;
  }

  next(): Token | undefined {
    const token = readToken(this.text, this.pos);
    if (token) this.pos = token.end;
    return token;
  }

  nextAfter(token: Token): Token | undefined {
    this.pos = token.end;
    return this.next();
  }

  peekAfter(token: Token): Token | undefined {
    return readToken(this.text, token.end);
  }
}

function readToken(text: string, from: number): Token | undefined {
  let i = from;
  let newlines = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n') newlines++;
    if (!SPACE_CHAR.test(ch)) break;
    i++;
  }
  if (i >= text.length) return undefined;
  const start = i;
  if (isWordCode(text.charCodeAt(i))) {
    while (i < text.length && isWordCode(text.charCodeAt(i))) i++;
  } else {
    i += isHighSurrogate(text.charCodeAt(i)) ? 2 : 1;
  }
  return { start, end: i, text: text.slice(start, i), blankLineBefore: newlines >= 2 };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Splits a short string (a name) into tokens. */
export function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  for (let token = readToken(s, 0); token; token = readToken(s, token.end)) tokens.push(token);
  return tokens;
}
