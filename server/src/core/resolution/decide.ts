// The decision for one ambiguous mention: every candidate's evidence is added
// up (log-odds), and the best candidate wins. It is reported as certain only
// when it leads the second by CERTAIN_MARGIN or more.
//
// Why 3: the weights are log-odds on an a-priori scale (1 weak, 2 fair,
// 3 strong, 5 near-decisive), so a margin of 3 means odds of about e³ ≈ 20 to
// 1 for the best against the second, an error about one time in twenty at
// the threshold, much less above it. The pieces of evidence are added as if
// independent, which they are not quite (a headline and a lead often name
// the same person), so a lower bar would call too much certain; a higher one
// would flag mentions that one strong cue ("Mrs", "the son of …") settles.
// The number was set from this reasoning, not fitted to a corpus.
import type { Evidence } from './evidence';

export const CERTAIN_MARGIN = 3;
/** Reasons kept for the hover and the message, strongest first. */
const REASONS_KEPT = 3;

export interface Decision {
  readonly entityId: string;
  readonly certain: boolean;
  /** The lead over the second candidate, in log-odds. */
  readonly margin: number;
  readonly runnerUp?: string;
  /** Why, strongest first: what favours the choice over the runner-up. */
  readonly reasons: readonly string[];
}

/**
 * `candidates`, without repeats, in the order ties are broken (the most
 * salient first); evidence about another entity is ignored.
 */
export function decide(candidates: readonly string[], allEvidence: readonly Evidence[]): Decision {
  const evidence = counted(candidates, allEvidence);
  const scores = scoresOf(candidates, evidence);
  let best = candidates[0]!;
  let second: string | undefined;
  for (let i = 1; i < candidates.length; i++) {
    const id = candidates[i]!;
    if (scores.get(id)! > scores.get(best)!) {
      second = best;
      best = id;
    } else if (second === undefined || scores.get(id)! > scores.get(second)!) second = id;
  }
  const margin = second === undefined ? Infinity : scores.get(best)! - scores.get(second)!;
  return { entityId: best, certain: margin >= CERTAIN_MARGIN, margin, runnerUp: second, reasons: reasonsFor(best, second, evidence) };
}

/**
 * Evidence of who the text is talking about (nearby mentions, the one named
 * last, the headline, the passage) says what a bare name means by default.
 * A generation cue ("the elder Varga", "Varga Jr", "the late Varga") is
 * written precisely because the default would be wrong: it is informative
 * only against the default, so when one is present the default is set
 * aside rather than added up against it (three views of "the article is
 * about Tomas" would otherwise outvote the one word that says "not him").
 */
const DEFAULT_KINDS: ReadonlySet<Evidence['kind']> = new Set(['nearby', 'subject']);

/** The evidence that counts: about a candidate, finite, and not a default a cue overrides. */
function counted(candidates: readonly string[], evidence: readonly Evidence[]): Evidence[] {
  const ids = new Set(candidates);
  const about = evidence.filter((e) => ids.has(e.entityId) && Number.isFinite(e.weight));
  const overridden = about.some((e) => e.kind === 'cue');
  return overridden ? about.filter((e) => !DEFAULT_KINDS.has(e.kind)) : about;
}

function scoresOf(candidates: readonly string[], evidence: readonly Evidence[]): Map<string, number> {
  const scores = new Map<string, number>(candidates.map((id) => [id, 0]));
  for (const e of evidence) scores.set(e.entityId, scores.get(e.entityId)! + e.weight);
  return scores;
}

/** Evidence for the choice, or against the runner-up, by how much it moved the margin. */
function reasonsFor(best: string, second: string | undefined, evidence: readonly Evidence[]): string[] {
  const moved: { reason: string; by: number }[] = [];
  for (const e of evidence) {
    const by = e.entityId === best ? e.weight : e.entityId === second ? -e.weight : 0;
    if (by > 0) moved.push({ reason: e.reason, by });
  }
  moved.sort((a, b) => b.by - a.by);
  const reasons: string[] = [];
  for (const m of moved) {
    if (reasons.length >= REASONS_KEPT) break;
    if (!reasons.includes(m.reason)) reasons.push(m.reason);
  }
  return reasons;
}
