// Resolution of every mention of an article. Pins and unshared names are
// settled. Each shared name is then decided in text order from ALL the
// evidence at once: the local finders (honorifics, pronouns, relation
// phrases, titles, cues; localEvidence.ts), the settled mentions nearby
// (nearby.ts) and who the article is about (subject.ts); decide.ts adds them
// up and reports the choice as certain only with a clear margin. Only settled
// mentions are context for later ones: a guess never is, so one guess cannot
// turn the next five mentions into confident errors.
//
// Linear in the article: each shared name reads a bounded window of mentions
// (LIMITS.contextMentions) and weighs a bounded number of candidates
// (LIMITS.candidatesPerMention); what is known of each entity is worked out
// once per sidecar.
import { LIMITS } from '../limits';
import type { Entity, Mention } from '../model';
import type { NameMatch } from '../nameMatcher';
import { analyzeStructure, type TextStructure } from '../textStructure';
import { mentionContext, settledAfter, settledBefore } from './context';
import { decide } from './decide';
import { draftMentions, type Draft, type PinnedMention } from './drafts';
import type { CandidateFacts, Evidence } from './evidence';
import { factsOf } from './facts';
import { localEvidence } from './localEvidence';
import { nearbyEvidence } from './nearby';
import { SubjectTracker } from './subject';
import { LastNamed } from './continuity';

export type { PinnedMention } from './drafts';

export interface MentionInput {
  readonly text: string;
  readonly matches: readonly NameMatch[];
  readonly entities: ReadonlyMap<string, Entity>;
  readonly pins: readonly PinnedMention[];
  readonly structure?: TextStructure;
}

export function resolveAll(input: MentionInput): Mention[] {
  const structure = input.structure ?? analyzeStructure(input.text);
  const drafts = draftMentions(input.matches, input.pins, structure);
  const tracker = new SubjectTracker(input.text, structure, drafts);
  const lastNamed = new LastNamed(input.text, structure);
  const candidates = new ConsideredCandidates(input.entities, tracker);
  drafts.forEach((draft, index) => {
    if (!draft.certain) decideDraft(input.text, structure, drafts, index, candidates, { tracker, lastNamed });
    if (draft.certain) {
      tracker.add(draft);
      lastNamed.add(draft);
    }
  });
  return drafts.map((d) => ({
    span: d.span,
    text: input.text.slice(d.span.start, d.span.end),
    entityId: d.entityId ?? d.candidates[0]!,
    candidates: d.candidates,
    resolution: d.resolution ?? 'guess',
    certain: d.certain,
    quoted: d.quoted,
    ...(d.evidence ? { evidence: d.evidence } : {}),
  }));
}

interface ArticleMemory {
  readonly tracker: SubjectTracker;
  readonly lastNamed: LastNamed;
}

function decideDraft(text: string, structure: TextStructure, drafts: Draft[], index: number, candidates: ConsideredCandidates, { tracker, lastNamed }: ArticleMemory): void {
  const draft = drafts[index]!;
  const { ids, facts, idSet } = candidates.of(draft.candidates);
  if (ids.length === 0) return; // no candidate the sidecar defines: left a guess of the first
  const before = settledBefore(drafts, index);
  const context = mentionContext(text, structure, draft, before, settledAfter(drafts, index), facts);
  const evidence: Evidence[] = localEvidence(context);
  for (const e of nearbyEvidence(text, structure, draft, before, idSet)) evidence.push(e);
  const salience = ids.map((id) => tracker.salience(id, draft.paragraph));
  for (const e of tracker.evidence(ids, salience)) evidence.push(e);
  for (const e of lastNamed.evidence(draft, ids)) evidence.push(e);
  const decision = decide(byTieOrder(ids, salience), evidence);
  draft.entityId = decision.entityId;
  draft.certain = decision.certain;
  draft.resolution = decision.certain ? 'evidence' : 'guess';
  draft.evidence = decision.reasons;
}

/** Ties go to the candidate the passage is most about, then to the sidecar's order. */
function byTieOrder(ids: readonly string[], salience: readonly number[]): string[] {
  const order = ids.map((_, at) => at);
  order.sort((a, b) => salience[b]! - salience[a]! || a - b);
  return order.map((at) => ids[at]!);
}

const facts = new WeakMap<ReadonlyMap<string, Entity>, Map<string, CandidateFacts>>();

/**
 * The candidates weighed for each candidate list (the name matcher shares one
 * list per name, so this is worked out once per name): without repeats or
 * unknown ids, and when there are more than LIMITS.candidatesPerMention, those
 * the article is most about. Each entity's facts are read once per sidecar.
 */
class ConsideredCandidates {
  private readonly lists = new Map<readonly string[], { ids: string[]; facts: CandidateFacts[]; idSet: Set<string> }>();
  private readonly facts: Map<string, CandidateFacts>;

  constructor(
    private readonly entities: ReadonlyMap<string, Entity>,
    private readonly tracker: SubjectTracker,
  ) {
    let cached = facts.get(entities);
    if (!cached) facts.set(entities, (cached = new Map()));
    this.facts = cached;
  }

  of(list: readonly string[]): { ids: string[]; facts: CandidateFacts[]; idSet: Set<string> } {
    let entry = this.lists.get(list);
    if (!entry) {
      const ids = this.pick(list);
      entry = { ids, facts: ids.map((id) => this.factsOf(id)), idSet: new Set(ids) };
      this.lists.set(list, entry);
    }
    return entry;
  }

  private pick(list: readonly string[]): string[] {
    const ids = Array.from(new Set(list)).filter((id) => this.entities.has(id));
    if (ids.length <= LIMITS.candidatesPerMention.value) return ids;
    const ranked = ids.map((id, at) => ({ id, at, prior: this.tracker.salience(id, 0) }));
    ranked.sort((a, b) => b.prior - a.prior || a.at - b.at);
    return ranked.slice(0, LIMITS.candidatesPerMention.value).map((r) => r.id);
  }

  /** Only called with ids of `entities`. */
  private factsOf(id: string): CandidateFacts {
    let found = this.facts.get(id);
    if (!found) this.facts.set(id, (found = factsOf(this.entities.get(id)!, this.entities)));
    return found!;
  }
}
