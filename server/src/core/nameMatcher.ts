// Finds every entity name and alias in an article in one pass over the text,
// whatever the number of names: names are token sequences stored in a trie,
// and at each word of the article the trie is walked as far as it goes. The
// longest name wins, so "Massoud Foundation" is never also "Massoud".
// Tokens are maximal runs of letters/digits/marks, or single punctuation
// marks; white space between tokens is free (one line break allowed, not a
// blank line, and at most MAX_GAP characters), and typographic quotes equal
// ASCII ones.
//
// Text is read per code point, never per UTF-16 unit: a letter outside the
// BMP (𝐁) is a letter, so "𝐁Massoud" is no more a mention than "xMassoud",
// and no match starts or ends inside a surrogate pair. Tokens are compared in
// Unicode NFC, each token normalized on its own, so an article in NFD
// ("Jose" + U+0301) names "José"; a match's span is the original token run,
// in the original text's offsets.
import type { Entity, Finding, Span } from './model';
import { LIMITS, limitMessage, type Limit } from './limits';
import { normalizeChar } from './normalize';
import { isLowSurrogateAt } from './codePoints';

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

/** A name or alias left out of matching, and the budget it is over. */
export interface SkippedName {
  readonly name: string;
  readonly entityId: string;
  readonly span?: Span;
  readonly limit: Limit;
}

/** Most white-space characters between two tokens of a name ("Ahmad Shah⏎    Massoud"); more ends the name, as a blank line does. */
const MAX_GAP = 32;

/** How many UTF-16 units of an article token can stand for one unit of its NFC form (canonical decomposition expands a character to at most four). */
const NFD_GROWTH = 4;

export class NameMatcher {
  private readonly root = newNode();
  /** Keys (see `leadKey`) of the names' first tokens: most words of an article start with none of them and are skipped unread. */
  private readonly firstKeys = new Set<number>();
  /** The most article text a match, with the token read after it, can span: how far an edit can change matches. */
  private reach = 0;
  /** The longest token of any name, in NFC units: a longer token of the article is not looked up. */
  private longestToken = 0;
  /** Names and aliases left out for a budget (the first few; `skippedCount` counts them all). */
  readonly skipped: SkippedName[] = [];
  private skippedTotal = 0;

  get skippedCount(): number {
    return this.skippedTotal;
  }

  /**
   * Adds a name (or alias) of an entity. Names with no word character are
   * ignored; names over a budget are left out and recorded in `skipped`.
   * Returns whether the name is matched.
   */
  add(name: string, entityId: string, span?: Span): boolean {
    if (name.length > LIMITS.matchedNameChars.value) return this.skip({ name, entityId, span, limit: LIMITS.matchedNameChars });
    const tokens = tokenize(name).map((t) => normalizeToken(t.text, t.ascii));
    if (!tokens.some(isWordToken)) return false;
    if (tokens.length > LIMITS.nameTokens.value) return this.skip({ name, entityId, span, limit: LIMITS.nameTokens });
    let node = this.root;
    for (const token of tokens) {
      let child = node.next.get(token);
      if (!child) node.next.set(token, (child = newNode()));
      node = child;
    }
    if (!node.entityIds.includes(entityId)) node.entityIds.push(entityId);
    this.firstKeys.add(leadKey(tokens[0]!, 0));
    for (const token of tokens) this.longestToken = Math.max(this.longestToken, token.length);
    this.reach = Math.max(this.reach, reachOf(tokens));
    return true;
  }

  private skip(skipped: SkippedName): false {
    if (this.skipped.length < MAX_SKIPPED_REPORTED) this.skipped.push(skipped);
    this.skippedTotal++;
    return false;
  }

  /**
   * All non-overlapping, leftmost-longest matches, in text order. Over a
   * budget (`LIMITS.mentions`, `LIMITS.nameMatchSteps`) the scan stops: the
   * list holds the matches found until then, and `nameLimitFindings` says so.
   */
  findAll(text: string): NameMatch[] {
    const { matches, stopped } = this.scan(text, 0, LIMITS.mentions.value);
    if (stopped) stoppedScans.set(matches, stopped);
    return matches;
  }

  /**
   * The matches of `text` after an edit, from those of the text before it:
   * the same as `findAll(text)`, but matches well before the edit are kept,
   * and the text after it is scanned only until the scan is back in step with
   * the old one (at a place the old scan also stood, past the edit); from
   * there, the old matches are shifted.
   */
  findAfterEdit(previous: readonly NameMatch[], change: { start: number; oldEnd: number; newEnd: number }, text: string): NameMatch[] {
    const max = LIMITS.mentions.value;
    if (stoppedScans.has(previous) || previous.length >= max) return this.findAll(text);
    const delta = change.newEnd - change.oldEnd;
    const margin = this.reach + 2;
    let kept = 0;
    while (kept < previous.length && previous[kept]!.span.end + margin <= change.start) kept++;
    const from = kept > 0 ? previous[kept - 1]!.span.end : 0;
    // Old matches that end past the edit: the scan is in step at a place past the edit that none of them covers.
    let after = kept;
    while (after < previous.length && previous[after]!.span.end <= change.oldEnd) after++;
    const inStep = (at: number): boolean => {
      // Both units before `at` unchanged: it stands in the same word (or not) as in the old text.
      if (at <= change.newEnd + 1) return false;
      const old = at - delta;
      while (after < previous.length && previous[after]!.span.end <= old) after++;
      return after >= previous.length || previous[after]!.span.start >= old;
    };
    const middle = this.scan(text, from, max - kept, inStep);
    const result = previous.slice(0, kept);
    for (const m of middle.matches) result.push(m);
    if (middle.inStep) for (let i = after; i < previous.length && result.length < max; i++) result.push(shifted(previous[i]!, delta));
    // Stopped where a fresh scan would stop: at the limit, with text left to read.
    const last = result[result.length - 1];
    const stopped = middle.stopped ?? (result.length >= max && last && last.span.end < text.length ? { limit: LIMITS.mentions, at: last.span } : undefined);
    if (stopped) stoppedScans.set(result, stopped);
    return result;
  }

  /**
   * Matches from `from` on, at most `max` of them, within the work budget.
   * `inStep`, asked at each place the scan stands (a word start, a mark, a
   * match end), ends the scan when it says the rest is known.
   */
  private scan(text: string, from: number, max: number, inStep?: (at: number) => boolean): ScanResult {
    const matches: NameMatch[] = [];
    const budget = { steps: Math.max(MIN_NAME_MATCH_STEPS, LIMITS.nameMatchSteps.value * text.length) };
    let i = startOfScan(text, from);
    while (i < text.length) {
      if (inStep?.(i)) return { matches, inStep: true };
      if (matches.length >= max) return { matches, inStep: false, stopped: { limit: LIMITS.mentions, at: matches[matches.length - 1]!.span } };
      if (budget.steps <= 0) return { matches, inStep: false, stopped: { limit: LIMITS.nameMatchSteps, at: { start: i, end: i + codePointLength(text, i) } } };
      // Only a token whose first character starts some name is read and looked up.
      if (this.firstKeys.has(leadKey(text, i))) {
        const match = this.longestAt(text, readToken(text, i)!, budget);
        if (match) {
          matches.push(match);
          i = match.span.end;
          continue;
        }
      }
      i = isWordAt(text, i) ? skipWord(text, i) : i + codePointLength(text, i);
    }
    return { matches, inStep: false };
  }

  /** The longest name at `first`; each token read after the first one costs a step of the budget. */
  private longestAt(text: string, first: Token, budget: { steps: number }): NameMatch | undefined {
    let node = this.lookup(this.root, first);
    let best: NameMatch | undefined;
    let last = first;
    while (node) {
      if (node.entityIds.length > 0 && isWordEnd(text, last.end)) {
        best = { span: { start: first.start, end: last.end }, entityIds: node.entityIds };
      }
      if (node.next.size === 0) break;
      budget.steps--;
      const following = readToken(text, last.end, MAX_GAP);
      if (!following || following.blankLineBefore) break;
      node = this.lookup(node, following);
      last = following;
    }
    return best;
  }

  /** The child of `node` for an article token; a token longer than any name's (even decomposed) is not normalized or looked up. */
  private lookup(node: TrieNode, token: Token): TrieNode | undefined {
    if (token.end - token.start > NFD_GROWTH * this.longestToken) return undefined;
    return node.next.get(normalizeToken(token.text, token.ascii));
  }
}

interface Stop {
  readonly limit: Limit;
  /** Where the scan stopped: the last match kept, or the place not read. */
  readonly at: Span;
}

interface ScanResult {
  readonly matches: NameMatch[];
  /** The scan ended where the old matches are known to hold again. */
  readonly inStep: boolean;
  readonly stopped?: Stop;
}

/**
 * Match lists cut short by a budget, and where. Kept beside the lists (which
 * the analysis stores and hands back as `previous`) rather than in them, so a
 * list stays a plain list of matches; a stopped list is never updated
 * incrementally, as the text after the stop was not read.
 */
const stoppedScans = new WeakMap<readonly NameMatch[], Stop>();

/** Steps of name matching allowed whatever the article's length (a few milliseconds). */
const MIN_NAME_MATCH_STEPS = 1_000_000;

/** Skipped names reported one by one; the rest are counted in the last finding. */
const MAX_SKIPPED_REPORTED = 20;

/** The most article text a name of these (NFC) tokens can match, plus the token read after it. */
function reachOf(tokens: readonly string[]): number {
  let longest = 0;
  let total = 0;
  for (const token of tokens) {
    longest = Math.max(longest, token.length);
    total += NFD_GROWTH * token.length + MAX_GAP;
  }
  return total + NFD_GROWTH * longest + MAX_GAP;
}

function shifted(match: NameMatch, delta: number): NameMatch {
  return { ...match, span: { start: match.span.start + delta, end: match.span.end + delta } };
}

/** The matcher for a sidecar's entities: every name and alias, with the budgets' findings. */
export function nameMatcherFor(entities: Iterable<Entity>): NameMatcher {
  const matcher = new NameMatcher();
  for (const entity of entities) {
    matcher.add(entity.name, entity.id, entity.nameSpan ?? entity.idSpan);
    for (const alias of entity.aliases) matcher.add(alias.value, entity.id, alias.span);
  }
  return matcher;
}

/**
 * The `limit-exceeded` findings of name matching: names and aliases left out
 * (in the sidecar), and an article with more mentions than the budget (at the
 * last one looked for).
 */
export function nameLimitFindings(matcher: NameMatcher, matches: readonly NameMatch[]): Finding[] {
  const findings: Finding[] = matcher.skipped.map((s, i) => {
    const more = i === matcher.skipped.length - 1 ? matcher.skippedCount - matcher.skipped.length : 0;
    const others = more > 0 ? ` (and ${more.toLocaleString('en-US')} more names left out)` : '';
    return { file: 'sidecar', span: s.span ?? { start: 0, end: 0 }, severity: 'warning', code: 'limit-exceeded', message: limitMessage(s.limit, `this name is not looked for in the article${others}.`) };
  });
  const stop = stoppedScans.get(matches);
  if (stop) {
    const what = stop.limit === LIMITS.mentions ? 'names after this one are not looked for in the article.' : 'names from here on are not looked for in the article.';
    findings.push({ file: 'article', span: stop.at, severity: 'warning', code: 'limit-exceeded', message: limitMessage(stop.limit, what) });
  }
  return findings;
}

interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Only ASCII characters: no normalization needed. */
  readonly ascii: boolean;
  /** A blank line, or more white space than a name may hold, separates this token from the previous one. */
  readonly blankLineBefore: boolean;
}

const ASCII_WORD = new Uint8Array(128);
for (let code = 0; code < 128; code++) ASCII_WORD[code] = /[0-9A-Za-z]/.test(String.fromCharCode(code)) ? 1 : 0;

const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const SPACE_CHAR = /[\s\u00A0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF]/;

/** BMP code points already classified: 0 not yet, 1 word, 2 not a word. */
const bmpWord = new Uint8Array(0x10000);

/** Whether a code point is a letter, a digit or a mark (a lone surrogate is none). */
function isWordCodePoint(cp: number): boolean {
  if (cp < 128) return ASCII_WORD[cp] === 1;
  if (cp > 0xffff) return WORD_CHAR.test(String.fromCodePoint(cp));
  if (bmpWord[cp] === 0) bmpWord[cp] = WORD_CHAR.test(String.fromCharCode(cp)) ? 1 : 2;
  return bmpWord[cp] === 1;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** UTF-16 units of the code point at `i`: 2 for a surrogate pair, else 1. */
function codePointLength(text: string, i: number): number {
  return isHighSurrogate(text.charCodeAt(i)) && isLowSurrogateAt(text, i + 1) ? 2 : 1;
}

/** Whether the code point starting at `i` is a word character. */
function isWordAt(text: string, i: number): boolean {
  return i < text.length && isWordCodePoint(text.codePointAt(i)!);
}

/** Whether the code point ending at `i` is a word character. */
function isWordBefore(text: string, i: number): boolean {
  if (i <= 0) return false;
  return isWordCodePoint(isLowSurrogateAt(text, i - 1) ? text.codePointAt(i - 2)! : text.charCodeAt(i - 1));
}

/** The first place at or after `from` where a word can start: off the middle of a surrogate pair and of a word. */
function startOfScan(text: string, from: number): number {
  let i = isLowSurrogateAt(text, from) ? from + 1 : from;
  if (isWordBefore(text, i)) i = skipWord(text, i);
  return i;
}

function isWordToken(token: string): boolean {
  return isWordAt(token, 0);
}

function skipWord(text: string, from: number): number {
  let i = from;
  while (isWordAt(text, i)) i += codePointLength(text, i);
  return i;
}

function isWordEnd(text: string, offset: number): boolean {
  return !isWordAt(text, offset) || !isWordBefore(text, offset);
}

/** A token as the trie holds it: NFC, and a typographic quote as its ASCII form. */
function normalizeToken(token: string, ascii: boolean): string {
  if (ascii) return token === '`' ? "'" : token;
  const nfc = token.normalize('NFC');
  return nfc.length === 1 ? normalizeChar(nfc) : nfc;
}

/** First units of the NFD forms of BMP code points (0: not yet computed). */
const bmpLeadKeys = new Uint16Array(0x10000);

/**
 * The key of the token starting at `i`, equal for every canonically
 * equivalent spelling: the first unit of its first code point's NFD form, as
 * normalized (“ is "). "É", "E" + U+0301 and "E" all have the key of "E";
 * the trie lookup then tells them apart.
 */
function leadKey(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 128) return code === 96 ? 39 : code;
  const cp = text.codePointAt(i)!;
  if (cp <= 0xffff && bmpLeadKeys[cp] !== 0) return bmpLeadKeys[cp]!;
  const first = String.fromCodePoint(cp).normalize('NFD').codePointAt(0)!;
  const key = normalizeChar(String.fromCodePoint(first)).charCodeAt(0);
  if (cp <= 0xffff) bmpLeadKeys[cp] = key;
  return key;
}

/**
 * The token at or after `from` (white space before it skipped), or undefined
 * at the end of the text. With `maxGap` (reading on after a name's token), a
 * blank line or a gap longer than that is not read past: a token marked as
 * after a blank line, with no text, stands for the rest.
 */
function readToken(text: string, from: number, maxGap?: number): Token | undefined {
  let i = from;
  let newlines = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if ((code > 32 && code < 127) || (code !== 32 && code !== 10 && !SPACE_CHAR.test(text[i]!))) break;
    if (code === 10) newlines++;
    if (maxGap !== undefined && (newlines >= 2 || i - from >= maxGap)) return { start: i, end: i, text: '', ascii: true, blankLineBefore: true };
    i++;
  }
  if (i >= text.length) return undefined;
  const start = i;
  let ascii = true;
  if (isWordAt(text, i)) {
    while (isWordAt(text, i)) {
      if (text.charCodeAt(i) > 127) ascii = false;
      i += codePointLength(text, i);
    }
  } else {
    ascii = text.charCodeAt(i) < 128;
    i += codePointLength(text, i);
  }
  return { start, end: i, text: text.slice(start, i), ascii, blankLineBefore: newlines >= 2 };
}

/** Splits a short string (a name) into tokens. */
export function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  for (let token = readToken(s, 0); token; token = readToken(s, token.end)) tokens.push(token);
  return tokens;
}
