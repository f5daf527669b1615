// Words that say which generation or which of two namesakes is meant:
// "the younger Varga", "Varga the elder", "Tomas Varga Jr", "Varga II" (a
// child: a candidate who is a child of another candidate, or failing that of
// anyone), "the elder Varga", "Sr" (a parent); "the late Varga" (a candidate
// who has died); and an age, "the 80-year-old Varga" / "Varga, 80,", read
// against birth years when the article says the year, and against an early
// death otherwise. Cues are written to tell namesakes apart, so they are
// strong; a cue that fits no candidate, or all of them, says nothing.
import type { CandidateFacts, Evidence, MentionContext } from './evidence';
import { quoted, textAfter, textBefore, vote, yearNear } from './nearText';

/** Characters read each side: "the younger" / ", the elder," / "the 80-year-old". */
const CUE_WINDOW = 24;
/**
 * A fitting candidate gains 4 and the others lose 3: margin 7, decisive.
 * "The elder", "Jr" exist to tell a family apart; a writer almost never uses
 * them for the other person, so they outweigh the defaults (who the article
 * is about, who was named last) that they are written to override.
 */
const FITS = 4;
const DOES_NOT_FIT = -3;
/** "II" / "III" say a later generation less plainly than "Jr" (a monarch's numeral is not a family's): margin 3. */
const NUMERAL_FITS = 2;
const NUMERAL_DOES_NOT_FIT = -1;
/** "the late": fair for one who died, weak against one not known to have. */
const LATE = 2;
const NOT_KNOWN_DEAD = -1;
/** An age that fits a birth year (±1) in a dated sentence; one that does not. */
const AGE_FITS = 3;
const AGE_DOES_NOT_FIT = -2;
/** An age its candidate died before reaching. */
const AGE_NEVER_REACHED = -3;

const YOUNGER_BEFORE = /\b(?:the\s+)?(younger|young|junior)\s+$/i;
const ELDER_BEFORE = /\b(?:the\s+)?(elder|older|senior)\s+$/i;
const YOUNGER_AFTER = /^,?\s+(?:the\s+)?(younger|junior)\b|^,?\s+(Jr)\b\.?/i;
const ELDER_AFTER = /^,?\s+(?:the\s+)?(elder|senior)\b|^,?\s+(Sr)\b\.?/i;
const NUMERAL_AFTER = /^,?\s+(II|III|IV)\b/;
const LATE_BEFORE = /\bthe\s+late\s+(?:\p{Lu}\p{L}*\.?\s+){0,2}$/u;
const AGE_BEFORE = /\b(\d{1,3})-year-old\s+(?:\p{L}+\s+){0,2}$/u;
const AGE_AFTER = /^,\s+(\d{1,3}),/;

type Generation = 'younger' | 'elder';

export function cueEvidence(context: MentionContext): Evidence[] {
  const before = textBefore(context, CUE_WINDOW);
  const after = textAfter(context, CUE_WINDOW);
  return [...generationEvidence(context.candidates, before, after), ...lateEvidence(context.candidates, before), ...ageEvidence(context, before, after)];
}

interface Cue {
  readonly words: string;
  readonly side: 'before' | 'after';
}

function cueIn(before: string, after: string, beforePattern: RegExp | undefined, afterPattern: RegExp): Cue | undefined {
  const b = beforePattern?.exec(before);
  if (b) return { words: b[0], side: 'before' };
  const a = afterPattern.exec(after);
  return a ? { words: a[0], side: 'after' } : undefined;
}

function generationEvidence(candidates: readonly CandidateFacts[], before: string, after: string): Evidence[] {
  const younger = cueIn(before, after, YOUNGER_BEFORE, YOUNGER_AFTER);
  const elder = cueIn(before, after, ELDER_BEFORE, ELDER_AFTER);
  if (younger && !elder) return generationVotes(candidates, 'younger', younger, FITS, DOES_NOT_FIT);
  if (elder && !younger) return generationVotes(candidates, 'elder', elder, FITS, DOES_NOT_FIT);
  const numeral = younger || elder ? undefined : cueIn(before, after, undefined, NUMERAL_AFTER);
  return numeral ? generationVotes(candidates, 'younger', numeral, NUMERAL_FITS, NUMERAL_DOES_NOT_FIT) : [];
}

function generationVotes(candidates: readonly CandidateFacts[], generation: Generation, cue: Cue, fits: number, doesNot: number): Evidence[] {
  const fitting = ofGeneration(candidates, generation);
  if (fitting.size === 0 || fitting.size === candidates.length) return [];
  const reason = `${quoted(cue.words.replace(/^[,\s]+/, ''))} ${cue.side} the name`;
  return candidates.map((c) => vote(c.id, fitting.has(c.id) ? fits : doesNot, 'cue', reason));
}

/**
 * The candidates of a generation: a child (younger) or a parent (elder) of
 * another candidate; when no two candidates are so related, a child or a
 * parent of anyone.
 */
export function ofGeneration(candidates: readonly CandidateFacts[], generation: Generation): Set<string> {
  const ids = new Set(candidates.map((c) => c.id));
  const among = new Set<string>();
  const anyone = new Set<string>();
  for (const c of candidates) {
    for (const r of c.relations) {
      const childId = r.kind === 'child' ? c.id : r.kind === 'parent' ? r.target : undefined;
      const parentId = r.kind === 'child' ? r.target : r.kind === 'parent' ? c.id : undefined;
      if (childId === undefined || parentId === undefined) continue;
      const member = generation === 'younger' ? childId : parentId;
      if (ids.has(childId) && ids.has(parentId)) among.add(member);
      if (ids.has(member)) anyone.add(member);
    }
  }
  return among.size > 0 ? among : anyone;
}

function lateEvidence(candidates: readonly CandidateFacts[], before: string): Evidence[] {
  if (!LATE_BEFORE.test(before)) return [];
  const dead = candidates.filter((c) => c.died !== undefined);
  if (dead.length === 0 || dead.length === candidates.length) return [];
  const reason = `${quoted('the late')} before the name`;
  return candidates.map((c) => vote(c.id, c.died !== undefined ? LATE : NOT_KNOWN_DEAD, 'cue', reason));
}

/** "the 80-year-old Varga", "Varga, 80,": a birth year that fits the sentence's year, or an age never reached. */
function ageEvidence(context: MentionContext, before: string, after: string): Evidence[] {
  const cue = cueIn(before, after, AGE_BEFORE, AGE_AFTER);
  if (!cue) return [];
  const age = Number(/\d+/.exec(cue.words)![0]);
  const reason = `${quoted(cue.words)} ${cue.side} the name${cue.side === 'after' ? ', an age' : ''}`;
  const year = yearNear(context);
  const votes: Evidence[] = [];
  for (const c of context.candidates) {
    if (c.born === undefined) continue;
    if (c.died !== undefined && c.died - c.born < age - 1) votes.push(vote(c.id, AGE_NEVER_REACHED, 'age', reason));
    else if (year !== undefined) votes.push(vote(c.id, Math.abs(year - age - c.born) <= 1 ? AGE_FITS : AGE_DOES_NOT_FIT, 'age', reason));
  }
  const telling = votes.some((v) => v.weight === AGE_NEVER_REACHED || v.weight !== votes[0]!.weight);
  return telling ? votes : [];
}
