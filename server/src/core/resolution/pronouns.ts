// "Varga said she would stay", "Varga and her father", "Varga left. He …":
// the first subject, possessive or reflexive pronoun after the mention in
// its sentence, or opening the next sentence, most often refers back to it,
// and its gender picks among candidates whose genders differ. It is a
// heuristic (the pronoun may be someone else's), so the votes are fair in
// the same sentence and weak from the next one. The reading stops at anyone
// else named on the way (a settled mention, an honorific or a title), and
// skips quotations the mention is not in: “…she…” is the speaker's words.
import type { Evidence, MentionContext } from './evidence';
import { genderVotes, gendersDiffer, quoted, settledBetween } from './nearText';
import { HONORIFICS, PRONOUNS, titleOf, type Gender } from './words';

/** Characters read after the mention in its sentence. */
export const PRONOUN_WINDOW = 120;
/** Words read at the start of the next sentence ("He", "Her father"). */
const NEXT_SENTENCE_CHARS = 12;
/** Same sentence: margin 3 between a he and a she candidate. Next sentence: margin 2. */
const SAME_SENTENCE = 1.5;
const NEXT_SENTENCE = 1;

const TOKEN = /[\p{L}\p{M}]+(?:['’][\p{L}]+)?|[“”"]/gu;
/** Words after which "her" is an object, not a possessive ("told her that", "gave her the"). */
const AFTER_OBJECT_HER = new Set([
  'a', 'an', 'the', 'that', 'to', 'and', 'or', 'but', 'in', 'on', 'at', 'by', 'for', 'from', 'with', 'about', 'as', 'into', 'of',
  'again', 'up', 'down', 'out', 'off', 'back', 'over', 'this', 'these', 'those', 'it', 'so', 'if', 'when', 'why', 'how', 'what',
]);

export function pronounEvidence(context: MentionContext): Evidence[] {
  // Nothing to tell apart (the common case: no genders known): do not read the text at all.
  if (!gendersDiffer(context.candidates)) return [];
  const inSentence = pronounAfter(context);
  if (inSentence) return votes(context, inSentence.gender, SAME_SENTENCE, `${quoted(inSentence.words)} after it`);
  const next = context.nextSentence;
  if (!next || context.quoted) return [];
  const opening = /^\s*(He|She|His|Her)\b(\s+[\p{L}]+)?/u.exec(context.text.slice(next.start, next.start + NEXT_SENTENCE_CHARS));
  if (!opening) return [];
  return votes(context, PRONOUNS.get(opening[1]!.toLowerCase())!, NEXT_SENTENCE, `${quoted(opening[0])} in the next sentence`);
}

function votes(context: MentionContext, gender: Gender, weight: number, reason: string): Evidence[] {
  return genderVotes(context.candidates, gender, { agree: weight, disagree: -weight }, 'pronoun', reason);
}

/** The first pronoun after the mention in its sentence that refers back to it, with the words quoted. */
function pronounAfter(context: MentionContext): { gender: Gender; words: string } | undefined {
  const from = context.span.end;
  const to = Math.min(context.sentence.end, from + PRONOUN_WINDOW);
  const text = context.text.slice(from, to);
  let inOtherQuotation = false;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const token = m[0];
    if (token === '“' || token === '”' || token === '"') {
      // Inside a quotation, its end closes the mention's words; outside, quotations are skipped.
      if (context.quoted) return undefined;
      inOtherQuotation = token === '“' ? true : token === '”' ? false : !inOtherQuotation;
      continue;
    }
    if (inOtherQuotation) continue;
    if (namesSomeoneElse(token) || settledBetween(context, from, from + m.index + 1)) return undefined;
    const gender = refersBack(token, text, TOKEN.lastIndex);
    if (gender) return { gender, words: wordsAround(text, m.index, TOKEN.lastIndex) };
  }
  return undefined;
}

/** An honorific or a title names another person before any pronoun ("… met Mr Lin, who said he …"). */
function namesSomeoneElse(token: string): boolean {
  if (!/^\p{Lu}/u.test(token)) return false;
  const word = token.toLowerCase();
  return HONORIFICS.has(word) || titleOf([word]) !== undefined;
}

/** He, she, his, himself, herself, and "her" when a noun follows it (possessive, not an object). */
function refersBack(token: string, text: string, after: number): Gender | undefined {
  const word = token.toLowerCase();
  if (word === 'him' || word === 'hers') return undefined;
  const gender = PRONOUNS.get(word);
  if (word !== 'her' || !gender) return gender;
  const next = /^\s+([\p{Ll}][\p{L}]*)/u.exec(text.slice(after, after + 30));
  return next && !AFTER_OBJECT_HER.has(next[1]!) ? gender : undefined;
}

/** The pronoun and the word after it, for the reason ("her father"). */
function wordsAround(text: string, start: number, end: number): string {
  const next = /^\s+[\p{L}]+/u.exec(text.slice(end, end + 30));
  return text.slice(start, end) + (next ? next[0] : '');
}
