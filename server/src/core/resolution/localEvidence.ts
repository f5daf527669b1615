// Every local evidence finder, run on one ambiguous mention. (Stub: the
// finders land here one by one; see evidence.ts for the contract.)
import type { Evidence, EvidenceFinder, MentionContext } from './evidence';

const FINDERS: readonly EvidenceFinder[] = [];

export function localEvidence(context: MentionContext): Evidence[] {
  const all: Evidence[] = [];
  for (const find of FINDERS) for (const e of find(context)) all.push(e);
  return all;
}
