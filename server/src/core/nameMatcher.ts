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
  /** First UTF-16 units of the names' first tokens: most words of an article start with none of them and are skipped unread. */
  private readonly firstUnits = new Set<number>();

  /** Adds a name (or alias) of an entity. Names with no word character are ignored. */
  add(name: string, entityId: string): void {
    const tokens = tokenize(name).map((t) => name.slice(t.start, t.end)).map(normalizeToken);
    if (!tokens.some(isWordToken)) return;
    this.longest = Math.max(this.longest, name.length + 8 * tokens.length);
    this.firstUnits.add(tokens[0]!.charCodeAt(0));
    if (tokens[0]!.length === 1) this.firstUnits.add(normalizeChar(tokens[0]!).charCodeAt(0));
    let node = this.root;
    for (const token of tokens) {
      let child = node.next.get(token);
      if (!child) node.next.set(token, (child = newNode()));
      node = child;
    }
    if (!node.entityIds.includes(entityId)) node.entityIds.push(entityId);
  }

  /** The longest name, in characters (a bound on how far an edit can change matches). */
  private longest = 0;

  /** All non-overlapping, leftmost-longest matches, in text order. */
  findAll(text: string): NameMatch[] {
    return this.findIn(text, 0, text.length);
  }

  /**
   * The matches of `text` after an edit, from those of the text before it:
   * matches well before the edit are kept, matches well after it are shifted,
   * and only the stretch around the edit is scanned again.
   */
  findAfterEdit(previous: readonly NameMatch[], change: { start: number; oldEnd: number; newEnd: number }, text: string): NameMatch[] {
    const margin = this.longest + 2;
    const delta = change.newEnd - change.oldEnd;
    const before = previous.filter((m) => m.span.end + margin <= change.start);
    const from = before.length > 0 ? before[before.length - 1]!.span.end : 0;
    const after = previous.filter((m) => m.span.start >= change.oldEnd + margin).map((m) => ({ ...m, span: { start: m.span.start + delta, end: m.span.end + delta } }));
    const to = after.length > 0 ? after[0]!.span.start : text.length;
    const middle = this.findIn(text, from, to);
    const lastEnd = middle.length > 0 ? middle[middle.length - 1]!.span.end : from;
    return [...before, ...middle, ...after.filter((m) => m.span.start >= lastEnd)];
  }

  /** Matches starting in [from, to) (a match may run past `to`). */
  private findIn(text: string, from: number, to: number): NameMatch[] {
    const matches: NameMatch[] = [];
    const scanner = new TokenScanner(text);
    let i = from;
    // Start at a word boundary.
    while (i > 0 && i < text.length && isWordCode(text.charCodeAt(i)) && isWordCode(text.charCodeAt(i - 1))) i++;
    while (i < to) {
      const code = text.charCodeAt(i);
      const word = isWordCode(code);
      // Only a token whose first unit starts some name is read and looked up.
      if (this.firstUnits.has(code) || (!word && this.firstUnits.has(normalizeChar(text[i]!).charCodeAt(0)))) {
        const token = readToken(text, i)!;
        const match = this.longestAt(scanner, token);
        if (match) {
          matches.push(match);
          i = match.span.end;
          continue;
        }
      }
      i = word ? skipWord(text, i) : i + 1;
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

function skipWord(text: string, from: number): number {
  let i = from;
  while (i < text.length && isWordCode(text.charCodeAt(i))) i++;
  return i;
}

function isWordEnd(text: string, offset: number): boolean {
  return offset >= text.length || !isWordCode(text.charCodeAt(offset)) || !isWordCode(text.charCodeAt(offset - 1));
}

function normalizeToken(token: string): string {
  return token.length === 1 ? normalizeChar(token) : token;
}

/** Reads the tokens that follow a name's first token, lazily: the article is never split into an array. */
class TokenScanner {
  constructor(readonly text: string) {}

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
