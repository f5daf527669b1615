// "Ms Varga", "Mr. Varga", "Sir Tomas Varga": an honorific right before the
// name says the person's gender, which picks among candidates whose genders
// differ. An honorific is written by the author about this very person, so
// the vote is strong; a candidate of the other gender is near ruled out.
import type { Evidence, MentionContext } from './evidence';
import { genderVotes, quoted, textBefore } from './nearText';
import { HONORIFICS } from './words';

/** Characters read before the name: the longest honorific, a dot and a space or two. */
const HONORIFIC_WINDOW = 12;
const HONORIFIC_BEFORE = /(?:^|[^\p{L}\p{M}])(\p{L}+)\.?\s{1,2}$/u;
/** Agreeing: strong. Disagreeing: a little more, since an honorific is rarely wrong about gender (margin 5, near-decisive). */
const AGREE = 2;
const DISAGREE = -3;

export function honorificEvidence(context: MentionContext): Evidence[] {
  const match = HONORIFIC_BEFORE.exec(textBefore(context, HONORIFIC_WINDOW));
  const word = match?.[1];
  const gender = word === undefined ? undefined : HONORIFICS.get(word.toLowerCase());
  if (!gender || !/^\p{Lu}/u.test(word!)) return [];
  return genderVotes(context.candidates, gender, { agree: AGREE, disagree: DISAGREE }, 'honorific', `${quoted(word!)} before the name`);
}
