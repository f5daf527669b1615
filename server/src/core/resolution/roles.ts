// The grammatical role of a settled mention, told cheaply from the few words
// around it. It matters because context is about who ACTS: in "the son of
// Ana Varga, Varga said" or "Ana Varga's cousin", Ana Varga is named only to
// describe someone else, and should not vote for the bare name as if she were
// the one the sentence is about. Reads at most ROLE_WINDOW characters on each
// side, never past the mention's sentence.
import type { Span } from '../model';

export type MentionRole =
  /** Opens its sentence or clause, is the agent of a passive or the speaker after a quotation: the one acting ("In 2010, Ana Varga won", "led by Ana Varga", "“…,” Ana Varga said"). */
  | 'subject'
  /** Anywhere else in the sentence ("… met Ana Varga in Riga"). */
  | 'object'
  /** Owns something ("Ana Varga's plan"): the topic, but not the one acting. */
  | 'possessor'
  /** Named as someone's relative ("the son of Ana Varga", "Ana Varga's son", "his wife, Ana Varga"). */
  | 'relative';

/** How much a mention in each role says about who the sentence (and what follows) is about. */
export const ROLE_WEIGHT: Readonly<Record<MentionRole, number>> = {
  subject: 1,
  object: 0.5,
  possessor: 0.5,
  // Named to place someone else in a family: almost no say about who acts next.
  relative: 0.1,
};

/** Characters read before and after a mention: a clause opener or a relation phrase is a few words long. */
const ROLE_WINDOW = 120;

const RELATION_WORDS =
  'sons?|daughters?|child|children|father|mother|parents?|wife|husband|spouse|widow|widower|brothers?|sisters?|siblings?|half-brother|half-sister|cousin|uncle|aunt|nephew|niece|grandsons?|granddaughters?|grandchild|grandchildren|grandfather|grandmother|grandparents?|stepfather|stepmother|stepson|stepdaughter|father-in-law|mother-in-law|son-in-law|daughter-in-law|heir|successor|predecessor|married|wed|wedded';

/** Lower-case nouns of offices and occupations that stand before a name as its title ("party founder Ana Varga"). */
const ROLE_NOUNS =
  'founder|co-founder|leader|head|chief|chairman|chairwoman|chair|president|vice|minister|governor|senator|general|director|owner|executive|secretary|prime|party|businessman|businesswoman|politician|activist|journalist|writer|singer|actor|actress|commander|king|queen|prince|princess';

/**
 * A word of the titles and names that may stand between a relation word and
 * the relative's name: "the son of former Prime Minister of Veloria and
 * party leader Ana Varga", "the child of Tomas Varga and Mira Varga" (a name
 * coordinated with a relative is a relative too, also after an aside in
 * brackets: "his sons, Tomas (a doctor) and Ivo"). Lower-case words are only
 * the few that titles are made of, so a clause with a verb in between
 * ("the son of Ana, Varga said") is not read as one phrase.
 */
const TITLE_WORD = `(?:(?:\\([^()]{0,80}\\)|the|a|an|late|former|then|future|current|incumbent|acting|of|and|${ROLE_NOUNS}|[A-Z(\\p{Lu}][\\p{L}.'’()-]*),?)`;
/** At most this many of them: a long office ("President of the Veloria Workers' Party (N)") fits, a paragraph does not. */
const TITLE_WORDS = 16;

/**
 * A relation word just before the name, with "of"/"to" or a comma, and up to
 * three title words between ("the son of former President …", "his wife, …",
 * "married to …").
 */
const RELATION_BEFORE = new RegExp(`\\b(?:${RELATION_WORDS})(?:\\s+(?:of|to))?\\s*,?\\s+(?:${TITLE_WORD}\\s+){0,${TITLE_WORDS}}$`, 'u');
/** "…'s son", "…’s widow": the name is a possessor naming a relative. */
const RELATION_AFTER = new RegExp(`^['’]s?\\s+(?:(?:late|former|eldest|youngest|elder|younger|older|first|second|third|only)\\s+)?(?:${RELATION_WORDS})\\b`, 'iu');
const POSSESSIVE_AFTER = /^['’]s?(?=\s)/u;
/** Words that open a clause whose subject follows ("…, and Varga said", "when Varga arrived"). */
const CLAUSE_OPENER = /(?:[;:—–]|,\s*(?:and|but|while|whereas|although|though|so|yet)|\b(?:when|while|after|before|because|since|although|though|whereas|that|if|until|once|as))\s*$/iu;
/** The agent of a passive ("led by …", "founded by …") is the one acting. */
const AGENT_BEFORE = /\bby\s+$/u;
/** Right after a quotation ("“…,” Ana Varga said"): the speaker. */
const SPEAKER_BEFORE = /["”]\s*$/u;
/** Marks that may precede the first word of a sentence. */
const LEADING_MARKS = /^[\s"“‘'(\[*_#>-]*$/u;
/** Capitalised words (titles, first names) opening the sentence before the name: "Former President Ana Varga said". */
const LEADING_TITLES = /^[\s"“‘'(\[]*(?:\p{Lu}[\p{L}.'’-]*\s+){1,4}$/u;
/** A short introductory phrase closed by a comma ("In July 2012, …", "Raised in Riga, …"): the name after it opens the clause. */
const INTRODUCTORY_PHRASE = /^[^,;:]{1,60},\s*$/u;

/** The role of the mention at `span` in the sentence `sentence`. */
export function roleOf(text: string, span: Span, sentence: Span): MentionRole {
  const before = text.slice(Math.max(sentence.start, span.start - ROLE_WINDOW), span.start);
  const after = text.slice(span.end, Math.min(sentence.end, span.end + ROLE_WINDOW));
  if (RELATION_AFTER.test(after) || RELATION_BEFORE.test(before)) return 'relative';
  if (POSSESSIVE_AFTER.test(after)) return 'possessor';
  const sentenceStart = span.start - ROLE_WINDOW <= sentence.start;
  if (sentenceStart && (LEADING_MARKS.test(before) || LEADING_TITLES.test(before) || INTRODUCTORY_PHRASE.test(before.replace(/^[\s"“‘'(\[]+/u, '')))) return 'subject';
  if (CLAUSE_OPENER.test(before) || AGENT_BEFORE.test(before) || SPEAKER_BEFORE.test(before)) return 'subject';
  return 'object';
}
