// The small, closed vocabularies the evidence finders and the description
// reader share: relation nouns, titles, honorifics and personal pronouns.
// They are ordinary English words chosen for what they mean, not taken from
// any corpus. Lookups are by lower-cased word, in maps.
import type { RelationKind } from '../model';

export type Gender = 'he' | 'she';

export interface RelationNoun {
  /** The relation of the person the noun names ("son" → the son is a `child` of the other). */
  readonly kind: RelationKind;
  readonly gender?: Gender;
}

export const RELATION_NOUNS: ReadonlyMap<string, RelationNoun> = new Map<string, RelationNoun>([
  ['son', { kind: 'child', gender: 'he' }],
  ['daughter', { kind: 'child', gender: 'she' }],
  ['child', { kind: 'child' }],
  ['father', { kind: 'parent', gender: 'he' }],
  ['mother', { kind: 'parent', gender: 'she' }],
  ['parent', { kind: 'parent' }],
  ['husband', { kind: 'spouse', gender: 'he' }],
  ['wife', { kind: 'spouse', gender: 'she' }],
  ['widow', { kind: 'spouse', gender: 'she' }],
  ['widower', { kind: 'spouse', gender: 'he' }],
  ['spouse', { kind: 'spouse' }],
  ['brother', { kind: 'sibling', gender: 'he' }],
  ['sister', { kind: 'sibling', gender: 'she' }],
  ['sibling', { kind: 'sibling' }],
]);

/** The same relation seen from the other person's side. */
export function inverseKind(kind: RelationKind): RelationKind {
  if (kind === 'child') return 'parent';
  if (kind === 'parent') return 'child';
  return kind;
}

/** Alternation of the relation nouns, for patterns on bounded windows. */
export const RELATION_NOUN_PATTERN = [...RELATION_NOUNS.keys()].join('|');

/** Words that may stand between a possessive and a relation noun ("his eldest son"). */
export const RELATION_ADJECTIVE_PATTERN = 'eldest|oldest|youngest|younger|elder|older|late|only|first|second|third|former|estranged|adopted|beloved|then';

export const HONORIFICS: ReadonlyMap<string, Gender> = new Map<string, Gender>([
  ['mr', 'he'],
  ['sir', 'he'],
  ['lord', 'he'],
  ['mrs', 'she'],
  ['ms', 'she'],
  ['miss', 'she'],
  ['lady', 'she'],
  ['dame', 'she'],
  ['madam', 'she'],
  ['madame', 'she'],
  ['mme', 'she'],
]);

export const PRONOUNS: ReadonlyMap<string, Gender> = new Map<string, Gender>([
  ['he', 'he'],
  ['his', 'he'],
  ['him', 'he'],
  ['himself', 'he'],
  ['she', 'she'],
  ['her', 'she'],
  ['hers', 'she'],
  ['herself', 'she'],
]);

/**
 * Titles, as word sequences (lower case, abbreviations without their dot),
 * each with the office it names. Ranks fold into their office ("lieutenant
 * general" is a general); offices that differ stay apart ("vice president"
 * is not "president", "lieutenant governor" is not "governor").
 */
const TITLE_FORMS: readonly (readonly [string, string])[] = [
  ['president', 'president'],
  ['pres', 'president'],
  ['vice president', 'vice president'],
  ['vice-president', 'vice president'],
  ['prime minister', 'prime minister'],
  ['premier', 'prime minister'],
  ['minister', 'minister'],
  ['secretary', 'secretary'],
  ['chancellor', 'chancellor'],
  ['governor', 'governor'],
  ['gov', 'governor'],
  ['lieutenant governor', 'lieutenant governor'],
  ['lt gov', 'lieutenant governor'],
  ['senator', 'senator'],
  ['sen', 'senator'],
  ['representative', 'representative'],
  ['rep', 'representative'],
  ['congressman', 'representative'],
  ['congresswoman', 'representative'],
  ['mayor', 'mayor'],
  ['speaker', 'speaker'],
  ['ambassador', 'ambassador'],
  ['commissioner', 'commissioner'],
  ['sheriff', 'sheriff'],
  ['judge', 'judge'],
  ['justice', 'justice'],
  ['chief justice', 'justice'],
  ['general', 'general'],
  ['gen', 'general'],
  ['lieutenant general', 'general'],
  ['major general', 'general'],
  ['brigadier general', 'general'],
  ['colonel', 'colonel'],
  ['col', 'colonel'],
  ['lieutenant colonel', 'colonel'],
  ['lieutenant', 'lieutenant'],
  ['lt', 'lieutenant'],
  ['captain', 'captain'],
  ['capt', 'captain'],
  ['major', 'major'],
  ['maj', 'major'],
  ['sergeant', 'sergeant'],
  ['sgt', 'sergeant'],
  ['admiral', 'admiral'],
  ['adm', 'admiral'],
  ['rear admiral', 'admiral'],
  ['vice admiral', 'admiral'],
  ['commander', 'commander'],
  ['cmdr', 'commander'],
  ['marshal', 'marshal'],
  ['field marshal', 'marshal'],
  ['king', 'king'],
  ['queen', 'queen'],
  ['prince', 'prince'],
  ['princess', 'princess'],
  ['emperor', 'emperor'],
  ['empress', 'empress'],
  ['sultan', 'sultan'],
  ['emir', 'emir'],
  ['sheikh', 'sheikh'],
  ['ayatollah', 'ayatollah'],
  ['pope', 'pope'],
  ['cardinal', 'cardinal'],
  ['archbishop', 'archbishop'],
  ['bishop', 'bishop'],
  ['rabbi', 'rabbi'],
  ['imam', 'imam'],
  ['reverend', 'reverend'],
  ['rev', 'reverend'],
  ['professor', 'professor'],
  ['prof', 'professor'],
  ['doctor', 'doctor'],
  ['dr', 'doctor'],
  ['physician', 'doctor'],
  ['surgeon', 'doctor'],
  ['chairman', 'chair'],
  ['chairwoman', 'chair'],
  ['chairperson', 'chair'],
  ['coach', 'coach'],
];

/** Longest title form, in words. */
export const LONGEST_TITLE_WORDS = 2;

const TITLES: ReadonlyMap<string, string> = new Map(TITLE_FORMS);

/** The office a sequence of lower-cased words names exactly, if any ("lt gov" → "lieutenant governor"). */
export function titleOf(words: readonly string[]): string | undefined {
  return TITLES.get(words.join(' '));
}

/**
 * The offices named in a text ("Former Vice President of Ruritania" →
 * ["vice president"]), longest form first at each word, each word used once.
 * Reads at most `maxWords` words.
 */
export function titlesIn(text: string, maxWords = 40): string[] {
  const words = wordsOf(text, maxWords);
  const found: string[] = [];
  for (let i = 0; i < words.length; ) {
    const hit = titleAt(words, i);
    if (hit) {
      if (!found.includes(hit.title)) found.push(hit.title);
      i += hit.length;
    } else i++;
  }
  return found;
}

/** The longest title starting at word `i`, with its length in words. */
export function titleAt(words: readonly string[], i: number): { title: string; length: number } | undefined {
  for (let n = Math.min(LONGEST_TITLE_WORDS, words.length - i); n >= 1; n--) {
    const title = titleOf(words.slice(i, i + n));
    if (title) return { title, length: n };
  }
  return undefined;
}

const WORD = /[\p{L}\p{M}][\p{L}\p{M}'’-]*/gu;

/** The first `max` words of a text, lower-cased, without dots or possessive endings. */
export function wordsOf(text: string, max: number): string[] {
  const words: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m && words.length < max; m = WORD.exec(text)) words.push(m[0].toLowerCase());
  return words;
}

/** A name as looked up in an index of names: lower case, one space, straight apostrophes. */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
}
