// Facts read from an entity's free-text description, for sidecars that give
// no structured ones: "Politician, son of President Tomas Varga (1950–2020)"
// says he, a child of the entity named Tomas Varga, born 1950, died 2020.
// Only the first DESCRIPTION_CHARS characters are read; every pattern runs on
// that clipped text, so no input makes them slow.
import type { Entity, RelationKind } from '../model';
import type { Gender } from './words';
import { HONORIFICS, PRONOUNS, RELATION_ADJECTIVE_PATTERN, RELATION_NOUNS, RELATION_NOUN_PATTERN, titleOf } from './words';

/** Characters of a description read: its first sentences, where "son of …" and the office are. */
export const DESCRIPTION_CHARS = 400;
/** Words of a related entity's name tried after "son of" ("Tomas F. Varga Jr" is 4). */
const NAME_WORDS = 6;
/** Relations read from one description. */
const MAX_DESCRIBED_RELATIONS = 8;

export interface DescribedRelation {
  readonly kind: RelationKind;
  readonly target: string;
}

export interface DescribedFacts {
  readonly gender?: Gender;
  readonly roles: readonly string[];
  readonly relations: readonly DescribedRelation[];
  readonly born?: number;
  readonly died?: number;
}

/** `lookUp` gives the one other entity a name stands for. */
export function readDescription(entity: Entity, lookUp: (name: string) => string | undefined): DescribedFacts {
  const text = (entity.description ?? '').slice(0, DESCRIPTION_CHARS);
  if (!text) return { roles: [], relations: [] };
  const facts: { -readonly [K in keyof DescribedFacts]: DescribedFacts[K] } = {
    roles: ownTitles(text),
    relations: describedRelations(text, lookUp),
  };
  const gender = describedGender(text);
  if (gender) facts.gender = gender;
  const { born, died } = describedYears(text);
  if (born !== undefined) facts.born = born;
  if (died !== undefined) facts.died = died;
  return facts;
}

const NOUN_OF = new RegExp(`\\b(${RELATION_NOUN_PATTERN})\\s+of\\s`, 'gi');
const POSSESSED_NOUN = new RegExp(`['’]s\\s+(?:(?:${RELATION_ADJECTIVE_PATTERN})\\s+)?(${RELATION_NOUN_PATTERN})\\b`, 'gi');
const PERSONAL_WORD = /\b(he|his|him|himself|she|her|hers|herself)\b/i;

/**
 * The gender the description gives the entity itself: the first of a
 * relation noun it holds ("son of", "Tomas's widow") or a personal pronoun
 * ("her first film").
 */
function describedGender(text: string): Gender | undefined {
  let first: { at: number; gender: Gender } | undefined;
  const consider = (at: number, gender: Gender | undefined): void => {
    if (gender && (!first || at < first.at)) first = { at, gender };
  };
  for (const pattern of [NOUN_OF, POSSESSED_NOUN]) {
    pattern.lastIndex = 0;
    const m = pattern.exec(text);
    if (m) consider(m.index, RELATION_NOUNS.get(m[1]!.toLowerCase())?.gender);
  }
  const pronoun = PERSONAL_WORD.exec(text);
  if (pronoun) consider(pronoun.index, PRONOUNS.get(pronoun[1]!.toLowerCase()));
  return first?.gender;
}

/** "son of [President] Tomas Varga [and Ana Varga]" and "Tomas Varga's son": the entities named. */
function describedRelations(text: string, lookUp: (name: string) => string | undefined): DescribedRelation[] {
  const relations: DescribedRelation[] = [];
  const add = (kind: RelationKind, target: string | undefined): void => {
    if (target && relations.length < MAX_DESCRIBED_RELATIONS && !relations.some((r) => r.target === target)) relations.push({ kind, target });
  };
  NOUN_OF.lastIndex = 0;
  for (let m = NOUN_OF.exec(text); m; m = NOUN_OF.exec(text)) {
    const kind = RELATION_NOUNS.get(m[1]!.toLowerCase())!.kind;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 120);
    for (const name of namesAfter(after, lookUp)) add(kind, name);
  }
  POSSESSED_NOUN.lastIndex = 0;
  for (let m = POSSESSED_NOUN.exec(text); m; m = POSSESSED_NOUN.exec(text)) {
    add(RELATION_NOUNS.get(m[1]!.toLowerCase())!.kind, nameBefore(text.slice(Math.max(0, m.index - 80), m.index), lookUp));
  }
  return relations;
}

const NAME_PIECE = /[^\s,;:()[\]"“”]+/g;
/** Words skipped before a name: articles, "late", titles and honorifics ("the late President"). */
const SKIPPED = new Set(['the', 'late', 'former', 'then']);

/** Entity names at the start of `text`, and after "and" / "&" following one. */
function namesAfter(text: string, lookUp: (name: string) => string | undefined): string[] {
  const words = piecesOf(text);
  const found: string[] = [];
  let i = 0;
  while (i < words.length && found.length < 2) {
    while (i < words.length && isSkipped(words[i]!)) i++;
    const hit = longestName(words, i, lookUp);
    if (!hit) break;
    found.push(hit.id);
    i += hit.length;
    if (words[i]?.text !== 'and' && words[i]?.text !== '&') break;
    i++;
  }
  return found;
}

/** The entity named by the last words of `text` ("… President Tomas Varga" → Tomas Varga). */
function nameBefore(text: string, lookUp: (name: string) => string | undefined): string | undefined {
  const words = piecesOf(text);
  for (let n = Math.min(NAME_WORDS, words.length); n >= 1; n--) {
    const slice = words.slice(words.length - n);
    if (slice.slice(0, -1).some((w) => w.ends)) continue;
    const id = lookUp(slice.map((w) => w.text).join(' '));
    if (id) return id;
  }
  return undefined;
}

interface Piece {
  readonly text: string;
  /** Punctuation right after it ends a name ("Varga, a politician"). */
  readonly ends: boolean;
}

function piecesOf(text: string): Piece[] {
  const pieces: Piece[] = [];
  NAME_PIECE.lastIndex = 0;
  for (let m = NAME_PIECE.exec(text); m && pieces.length < 3 * NAME_WORDS; m = NAME_PIECE.exec(text)) {
    const end = m.index + m[0].length;
    // A dot after a word (not after an initial such as "F.") ends the sentence, and the name.
    const sentenceEnd = m[0].length > 2 && m[0].endsWith('.');
    const word = sentenceEnd ? m[0].slice(0, -1) : m[0];
    pieces.push({ text: word, ends: sentenceEnd || (end < text.length && /[,;:()[\]"“”]/.test(text[end]!)) });
  }
  return pieces;
}

function isSkipped(piece: Piece): boolean {
  const word = piece.text.toLowerCase().replace(/\.$/, '');
  return SKIPPED.has(word) || HONORIFICS.has(word) || titleOf([word]) !== undefined;
}

/** The longest run of words from `i` (not past a comma) that names an entity. */
function longestName(words: readonly Piece[], i: number, lookUp: (name: string) => string | undefined): { id: string; length: number } | undefined {
  let last = i;
  while (last < words.length - 1 && last - i < NAME_WORDS - 1 && !words[last]!.ends) last++;
  for (let end = last; end >= i; end--) {
    const id = lookUp(words.slice(i, end + 1).map((w) => w.text).join(' '));
    if (id) return { id, length: end + 1 - i };
  }
  return undefined;
}

/**
 * Offices the entity held: titles in the description, except those naming
 * someone else — before a capitalized name ("son of President Tomas Varga")
 * or right after a relation noun or "of"/"to" ("wife of the governor").
 */
function ownTitles(text: string): string[] {
  const titles: string[] = [];
  const WORDS_OF_TEXT = /[\p{L}\p{M}][\p{L}\p{M}'’-]*\.?/gu;
  const words: { word: string; raw: string }[] = [];
  for (let m = WORDS_OF_TEXT.exec(text); m && words.length < 80; m = WORDS_OF_TEXT.exec(text)) words.push({ word: m[0].toLowerCase().replace(/\.$/, ''), raw: m[0] });
  for (let i = 0; i < words.length; i++) {
    for (let n = 2; n >= 1; n--) {
      const title = titleOf(words.slice(i, i + n).map((w) => w.word));
      if (!title) continue;
      if (!namesSomeoneElse(words, i, n) && !titles.includes(title)) titles.push(title);
      i += n - 1;
      break;
    }
  }
  return titles;
}

function namesSomeoneElse(words: readonly { word: string; raw: string }[], i: number, n: number): boolean {
  const next = words[i + n];
  if (next && /^\p{Lu}/u.test(next.raw) && next.word !== 'of') return true;
  for (let j = Math.max(0, i - 3); j < i; j++) if (RELATION_NOUNS.has(words[j]!.word.replace(/['’]s$/, ''))) return true;
  // "adviser to the president", "chief of staff of the governor"
  const before = words[i - 1]?.word;
  const article = before === 'the' || before === 'a' || before === 'an';
  const preposition = article ? words[i - 2]?.word : before;
  return preposition === 'of' || preposition === 'to' || preposition === 'for';
}

const LIFE_SPAN = /\(\s*(?:b\.|born)?\s*(\d{3,4})\s*(?:[–—-]\s*(\d{3,4}))?\s*\)/;
const BORN = /\bborn\b[^.;()]{0,40}?\b(\d{4})\b/i;
const DIED = /\b(?:died|d\.)[^.;()]{0,40}?\b(\d{4})\b/i;

/** "(1950–2020)", "(born 1950)", "born in May 1950", "died 2020". */
function describedYears(text: string): { born?: number; died?: number } {
  const span = LIFE_SPAN.exec(text);
  const born = span ? Number(span[1]) : yearOf(BORN.exec(text));
  const died = span?.[2] !== undefined ? Number(span[2]) : yearOf(DIED.exec(text));
  return { ...(born !== undefined && { born }), ...(died !== undefined && { died }) };
}

function yearOf(match: RegExpExecArray | null): number | undefined {
  return match ? Number(match[1]) : undefined;
}
