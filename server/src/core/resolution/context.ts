// What one ambiguous mention may read: its sentence and neighbours, its
// paragraph, and the settled mentions around it in the paragraph. The window
// of mentions is bounded (LIMITS.contextMentions each way), so the work per
// mention does not grow with the article or the paragraph.
import { LIMITS } from '../limits';
import type { Span } from '../model';
import type { TextStructure } from '../textStructure';
import type { CandidateFacts, MentionContext, SettledMention } from './evidence';
import type { Draft } from './drafts';

const WINDOW = LIMITS.contextMentions.value;

/** Settled drafts of the same paragraph before `index`, nearest first, at most WINDOW drafts looked at. */
export function settledBefore(drafts: readonly Draft[], index: number): Draft[] {
  const paragraph = drafts[index]!.paragraph;
  const found: Draft[] = [];
  for (let i = index - 1; i >= 0 && i >= index - WINDOW; i--) {
    const other = drafts[i]!;
    if (other.paragraph !== paragraph) break;
    if (other.certain) found.push(other);
  }
  return found;
}

/** Settled drafts of the same paragraph after `index`, in text order, at most WINDOW drafts looked at. */
export function settledAfter(drafts: readonly Draft[], index: number): Draft[] {
  const paragraph = drafts[index]!.paragraph;
  const found: Draft[] = [];
  for (let i = index + 1; i < drafts.length && i <= index + WINDOW; i++) {
    const other = drafts[i]!;
    if (other.paragraph !== paragraph) break;
    if (other.certain) found.push(other);
  }
  return found;
}

export function mentionContext(text: string, structure: TextStructure, draft: Draft, before: readonly Draft[], after: readonly Draft[], candidates: readonly CandidateFacts[]): MentionContext {
  const sentences = structure.sentences;
  const paragraph = structure.paragraphs[draft.paragraph]!;
  const within = (span: Span | undefined): Span | undefined => (span && span.start >= paragraph.start && span.end <= paragraph.end ? span : undefined);
  const settled: SettledMention[] = [];
  for (let i = before.length - 1; i >= 0; i--) settled.push(asSettled(before[i]!));
  for (const d of after) settled.push(asSettled(d));
  return {
    text,
    span: draft.span,
    sentence: sentences[draft.sentence]!,
    previousSentence: within(sentences[draft.sentence - 1]),
    nextSentence: within(sentences[draft.sentence + 1]),
    paragraph,
    quoted: draft.quoted,
    candidates,
    settled,
  };
}

function asSettled(draft: Draft): SettledMention {
  return { span: draft.span, entityId: draft.entityId!, quoted: draft.quoted };
}
