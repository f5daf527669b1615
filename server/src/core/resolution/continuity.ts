// Evidence from how a text goes on about someone across paragraphs. Writers
// introduce a person, then keep using the bare surname for them; to switch
// the bare name to a relative they name the relative again (in full, by
// first name, or as "the elder …"), which settles that mention and makes the
// relative the latest one named. So among the candidates of a shared name,
// the one named last (for sure, in the narration, as someone acting or
// spoken of rather than as someone's relative or an owner) is likely the one meant, even
// paragraphs later (nearby.ts reads only the paragraph, in more detail:
// whether that was as the subject, how many sentences back). Only settled
// mentions are recorded: a guess never carries over.
import type { TextStructure } from '../textStructure';
import type { Evidence } from './evidence';
import { roleOfDraft, type Draft } from './drafts';

/**
 * "Fair" on the a-priori scale: the convention is strong in edited prose,
 * but a switch signalled only by a pronoun or a first name the sidecar does
 * not list goes unseen, so it does not decide on its own.
 */
const LAST_NAMED_WEIGHT = 2;

export class LastNamed {
  /** Per entity, the index (in settle order) of its latest qualifying mention. */
  private readonly latest = new Map<string, { order: number; paragraph: number }>();
  private order = 0;

  constructor(
    private readonly text: string,
    private readonly structure: TextStructure,
  ) {}

  /**
   * Records a settled draft. A relative ("the son of Ana Varga") or an owner
   * ("Ana Varga's dog") is named in service of someone or something else:
   * not a switch of whom the text goes on about.
   */
  add(draft: Draft): void {
    if (draft.quoted || draft.entityId === undefined) return;
    const role = roleOfDraft(draft, this.text, this.structure);
    if (role === 'relative' || role === 'possessor') return;
    this.latest.set(draft.entityId, { order: this.order++, paragraph: draft.paragraph });
  }

  /** The candidate named last (in the narration, not as someone's relative). */
  evidence(draft: Draft, candidates: readonly string[]): Evidence[] {
    if (draft.quoted) return [];
    let best: string | undefined;
    let bestOrder = -1;
    let bestParagraph = -1;
    for (const id of candidates) {
      const entry = this.latest.get(id);
      if (entry && entry.order > bestOrder) [best, bestOrder, bestParagraph] = [id, entry.order, entry.paragraph];
    }
    if (best === undefined) return [];
    const reason = bestParagraph === draft.paragraph ? 'the last of them named' : 'the last of them named, in an earlier paragraph';
    return [{ entityId: best, weight: LAST_NAMED_WEIGHT, kind: 'nearby', reason }];
  }
}
