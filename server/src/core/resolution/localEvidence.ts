// Every local evidence finder, run on one ambiguous mention. Each reads a
// bounded window around the mention and votes for or against candidates on
// one kind of evidence (see evidence.ts for the scale of the weights).
import { cueEvidence } from './cues';
import type { CandidateFacts, Evidence, EvidenceFinder, MentionContext } from './evidence';
import { honorificEvidence } from './honorifics';
import { pronounEvidence } from './pronouns';
import { relationEvidence } from './relations';
import { speakerEvidence } from './speaker';
import { titleEvidence } from './titles';

const FINDERS: readonly EvidenceFinder[] = [cueEvidence, honorificEvidence, pronounEvidence, relationEvidence, titleEvidence, speakerEvidence];

/**
 * Candidates read per mention: a name shared by more is no family of
 * namesakes (some finders compare every pair of candidates' relations), and
 * local evidence is left to the rest of the resolver.
 */
export const MAX_CANDIDATES_READ = 32;

export function localEvidence(context: MentionContext): Evidence[] {
  if (context.candidates.length > MAX_CANDIDATES_READ || !context.candidates.some(knowsAnything)) return [];
  const all: Evidence[] = [];
  for (const find of FINDERS) for (const e of find(context)) all.push(e);
  return all;
}

/**
 * Every finder reads the text against a fact (gender, roles, years,
 * relations): with none known of any candidate, none can vote, and the text
 * around the mention is not read at all (the common case of a sidecar that
 * lists names only).
 */
function knowsAnything(c: CandidateFacts): boolean {
  return c.gender !== undefined || c.roles.length > 0 || c.relations.length > 0 || c.born !== undefined || c.died !== undefined;
}
