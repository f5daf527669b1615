// Turns name matches into mentions, deciding which entity a shared name
// ("Massoud", for a father and his son) refers to. Evidence, strongest first:
//   pin      – the sidecar's `mentions` says so;
//   name     – only one entity has this name;
//   cue      – "the younger Massoud", "Massoud the Elder", read against the
//              entities' descriptions ("son of …" / "father of …");
//   sentence – the nearest earlier mention of a candidate in the same sentence;
//   paragraph– the nearest earlier mention of a candidate in the same paragraph;
//   subject  – the candidate the article is mainly about (most mentions,
//              the headline counting triple).
// Mentions inside quotations are never used as context for the narration:
// "“I am the son of Ahmad Shah Massoud”, Massoud said" is the son speaking.
import type { Entity, Mention, Resolution, Span } from './model';
import type { NameMatch } from './nameMatcher';
import { analyzeStructure, type TextStructure } from './textStructure';

export interface PinnedMention {
  readonly span: Span;
  readonly entityId: string;
}

export interface MentionInput {
  readonly text: string;
  readonly matches: readonly NameMatch[];
  readonly entities: ReadonlyMap<string, Entity>;
  readonly pins: readonly PinnedMention[];
  readonly structure?: TextStructure;
}

interface Draft {
  readonly span: Span;
  readonly candidates: readonly string[];
  readonly quoted: boolean;
  entityId?: string;
  resolution?: Resolution;
  certain: boolean;
}

export function resolveMentions(input: MentionInput): Mention[] {
  const structure = input.structure ?? analyzeStructure(input.text);
  const drafts = draftMentions(input, structure);
  for (const draft of drafts) if (!draft.entityId) applyCue(draft, input);
  const subjects = subjectCounts(drafts, structure);
  resolveFromContext(drafts, structure, subjects);
  return drafts.map((d) => ({
    span: d.span,
    text: input.text.slice(d.span.start, d.span.end),
    entityId: d.entityId ?? d.candidates[0]!,
    candidates: d.candidates,
    resolution: d.resolution ?? 'guess',
    certain: d.certain,
    quoted: d.quoted,
  }));
}

/** Pins first; matches that overlap a pin are replaced by it. */
function draftMentions(input: MentionInput, structure: TextStructure): Draft[] {
  const pins = [...input.pins].sort((a, b) => a.span.start - b.span.start);
  const overlapsPin = (span: Span): boolean => pins.some((p) => p.span.start < span.end && span.start < p.span.end);
  const drafts: Draft[] = pins.map((p) => ({
    span: p.span,
    candidates: [p.entityId],
    quoted: structure.isQuoted(p.span.start),
    entityId: p.entityId,
    resolution: 'pin',
    certain: true,
  }));
  for (const match of input.matches) {
    if (overlapsPin(match.span)) continue;
    const single = match.entityIds.length === 1 ? match.entityIds[0] : undefined;
    drafts.push({
      span: match.span,
      candidates: match.entityIds,
      quoted: structure.isQuoted(match.span.start),
      entityId: single,
      resolution: single ? 'name' : undefined,
      certain: single !== undefined,
    });
  }
  return drafts.sort((a, b) => a.span.start - b.span.start);
}

const YOUNGER_BEFORE = /\b(?:younger|young|junior)\s+$/i;
const ELDER_BEFORE = /\b(?:elder|older|senior|late)\s+$/i;
const YOUNGER_AFTER = /^(?:,?\s+(?:the\s+)?(?:younger|junior)\b|,?\s+Jr\b)/i;
const ELDER_AFTER = /^(?:,?\s+(?:the\s+)?(?:elder|senior)\b|,?\s+Sr\b)/i;
const YOUNGER_DESCRIPTION = /\b(?:son|daughter|child)\s+of\b/i;
const ELDER_DESCRIPTION = /\b(?:father|mother|parent)\s+of\b/i;

/** "the younger Massoud" → the candidate described as someone's son or daughter. */
function applyCue(draft: Draft, input: MentionInput): void {
  const before = input.text.slice(Math.max(0, draft.span.start - 24), draft.span.start);
  const after = input.text.slice(draft.span.end, draft.span.end + 24);
  const younger = YOUNGER_BEFORE.test(before) || YOUNGER_AFTER.test(after);
  const elder = ELDER_BEFORE.test(before) || ELDER_AFTER.test(after);
  if (younger === elder) return;
  const pattern = younger ? YOUNGER_DESCRIPTION : ELDER_DESCRIPTION;
  const fitting = draft.candidates.filter((id) => pattern.test(input.entities.get(id)?.description ?? ''));
  if (fitting.length !== 1) return;
  draft.entityId = fitting[0];
  draft.resolution = 'cue';
  draft.certain = true;
}

/** How often each entity is named for sure in the narration; the headline counts triple. */
function subjectCounts(drafts: readonly Draft[], structure: TextStructure): Map<string, number> {
  const counts = new Map<string, number>();
  for (const draft of drafts) {
    if (!draft.entityId || draft.quoted) continue;
    const weight = structure.paragraphOf(draft.span.start) === 0 ? 3 : 1;
    counts.set(draft.entityId, (counts.get(draft.entityId) ?? 0) + weight);
  }
  return counts;
}

function resolveFromContext(drafts: Draft[], structure: TextStructure, subjects: Map<string, number>): void {
  drafts.forEach((draft, index) => {
    if (draft.entityId) return;
    const context = nearestContext(drafts, index, structure);
    if (context) {
      draft.entityId = context.entityId;
      draft.resolution = context.resolution;
      draft.certain = true;
      return;
    }
    const subject = mainSubject(draft.candidates, subjects);
    draft.entityId = subject.entityId;
    draft.resolution = subject.dominant ? 'subject' : 'guess';
    draft.certain = subject.dominant;
  });
}

/** The nearest earlier narration mention of one of the candidates, in the same sentence or paragraph. */
function nearestContext(drafts: readonly Draft[], index: number, structure: TextStructure): { entityId: string; resolution: Resolution } | undefined {
  const draft = drafts[index]!;
  const sentence = structure.sentenceOf(draft.span.start);
  const paragraph = structure.paragraphOf(draft.span.start);
  for (let i = index - 1; i >= 0; i--) {
    const other = drafts[i]!;
    if (structure.paragraphOf(other.span.start) !== paragraph) return undefined;
    if (other.quoted !== draft.quoted && other.quoted) continue;
    if (!other.entityId || !draft.candidates.includes(other.entityId)) continue;
    const sameSentence = structure.sentenceOf(other.span.start) === sentence;
    return { entityId: other.entityId, resolution: sameSentence ? 'sentence' : 'paragraph' };
  }
  return undefined;
}

/** The candidate named most often; dominant when named at least half again as often as any other. */
function mainSubject(candidates: readonly string[], subjects: Map<string, number>): { entityId: string; dominant: boolean } {
  let entityId = candidates[0]!;
  let first = -1;
  let second = 0;
  for (const candidate of candidates) {
    const count = subjects.get(candidate) ?? 0;
    if (count > first) {
      second = Math.max(first, 0);
      first = count;
      entityId = candidate;
    } else second = Math.max(second, count);
  }
  return { entityId, dominant: first > 0 && first >= 1.5 * second };
}
