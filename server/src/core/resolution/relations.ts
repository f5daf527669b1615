// Votes from relation phrases (read in relationPhrases.ts) against what each
// candidate is known to be: "Tomas Varga's son, Varga" is the candidate who
// is a child of Tomas Varga; "the son of Varga" is the one who is a parent
// (of the settled name nearby, ideally). A phrase that names both people and
// a sidecar that links them is strong, close to decisive; a phrase that only
// says "a parent" of someone unnamed is fair; the candidate the phrase names
// as the other person cannot be the mention.
import type { RelationKind } from '../model';
import type { CandidateFacts, Evidence, MentionContext } from './evidence';
import { gendersDiffer, vote } from './nearText';
import { relationReadings, type RelationReading } from './relationPhrases';
import { inverseKind } from './words';

/** Related to the very person the phrase names (4), or to the one a pronoun probably means (3). */
const RELATED_TO_ANCHOR = 4;
const RELATED_TO_GUESSED_ANCHOR = 3;
/** Holds the relation toward someone (the phrase names nobody settled, or nobody fits the one it names). */
const HOLDS_KIND = 2;
/** Known to be on the other side ("the son of Varga": the candidate who is the son). */
const OTHER_SIDE = -2;
/** The person the phrase sets against the mention. */
const IS_THE_ANCHOR = -3;
/** The noun's gender: "his father Varga" is a man. */
const GENDER_AGREES = 1;
const GENDER_DISAGREES = -2;

export function relationEvidence(context: MentionContext): Evidence[] {
  return relationReadings(context).flatMap((r) => votesFor(r, context.candidates));
}

function votesFor(reading: RelationReading, candidates: readonly CandidateFacts[]): Evidence[] {
  const votes = relationVotes(reading, candidates);
  if (reading.gender && gendersDiffer(candidates)) {
    for (const c of candidates) {
      if (c.gender !== undefined) votes.push(vote(c.id, c.gender === reading.gender ? GENDER_AGREES : GENDER_DISAGREES, 'relation', reading.reason));
    }
  }
  const differ = votes.length < candidates.length || votes.some((v) => v.weight !== votes[0]!.weight);
  return differ ? votes : [];
}

function relationVotes(reading: RelationReading, candidates: readonly CandidateFacts[]): Evidence[] {
  const { kind, anchor, reason } = reading;
  const exact = anchor === undefined ? [] : candidates.filter((c) => c.id !== anchor && holds(c, kind, anchor, candidates));
  const votes: Evidence[] = [];
  for (const c of candidates) {
    let weight = 0;
    if (c.id === anchor) weight = IS_THE_ANCHOR;
    else if (exact.length > 0) weight = exact.includes(c) ? (reading.anchorGuessed ? RELATED_TO_GUESSED_ANCHOR : RELATED_TO_ANCHOR) : 0;
    else if (holds(c, kind, undefined, candidates)) weight = HOLDS_KIND;
    else if (kind !== inverseKind(kind) && holds(c, inverseKind(kind), undefined, candidates)) weight = OTHER_SIDE;
    if (weight !== 0) votes.push(vote(c.id, weight, 'relation', reason));
  }
  return votes;
}

/**
 * Whether a candidate holds a relation toward `target` (toward anyone when
 * undefined): by its own facts, or by another candidate's facts seen from
 * the other side.
 */
function holds(candidate: CandidateFacts, kind: RelationKind, target: string | undefined, candidates: readonly CandidateFacts[]): boolean {
  if (candidate.relations.some((r) => r.kind === kind && (target === undefined || r.target === target))) return true;
  const inverse = inverseKind(kind);
  return candidates.some((o) => o !== candidate && (target === undefined || o.id === target) && o.relations.some((r) => r.kind === inverse && r.target === candidate.id));
}
