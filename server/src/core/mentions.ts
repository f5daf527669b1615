// Turns name matches into mentions, deciding which entity a shared name
// ("Massoud", for a father and his son) refers to. The work is in
// core/resolution: pins and unshared names are settled, and every shared name
// is decided from all the evidence around it at once, reported as certain
// only when the evidence leaves a clear margin (see resolution/resolve.ts).
import type { Mention } from './model';
import { resolveAll, type MentionInput } from './resolution/resolve';

export type { MentionInput, PinnedMention } from './resolution/resolve';

export function resolveMentions(input: MentionInput): Mention[] {
  return resolveAll(input);
}
