// Mentions while they are being resolved: pins and unshared names are settled
// from the start; the rest are decided one by one, in text order.
import type { Resolution, Span } from '../model';
import type { NameMatch } from '../nameMatcher';
import { countBelow } from '../sorted';
import type { TextStructure } from '../textStructure';
import { roleOf, type MentionRole } from './roles';

export interface PinnedMention {
  readonly span: Span;
  readonly entityId: string;
}

export interface Draft {
  readonly span: Span;
  readonly candidates: readonly string[];
  readonly quoted: boolean;
  readonly paragraph: number;
  readonly sentence: number;
  entityId?: string;
  resolution?: Resolution;
  /** Settled: a pin, an unshared name, or a decision with a clear margin. Only settled drafts are context. */
  certain: boolean;
  evidence?: readonly string[];
  /** Worked out when first needed (see roleOf). */
  role?: MentionRole;
}

/** Pins first; matches that overlap a pin are replaced by it. Sorted by start. */
export function draftMentions(matches: readonly NameMatch[], pinList: readonly PinnedMention[], structure: TextStructure): Draft[] {
  const pins = [...pinList].sort((a, b) => a.span.start - b.span.start);
  const overlapsPin = pinOverlap(pins);
  const draft = (span: Span, candidates: readonly string[], entityId: string | undefined, resolution: Resolution | undefined): Draft => ({
    span,
    candidates,
    quoted: structure.isQuoted(span.start),
    paragraph: structure.paragraphOf(span.start),
    sentence: structure.sentenceOf(span.start),
    entityId,
    resolution,
    certain: entityId !== undefined,
  });
  const drafts: Draft[] = pins.map((p) => draft(p.span, [p.entityId], p.entityId, 'pin'));
  for (const match of matches) {
    if (overlapsPin(match.span)) continue;
    const single = match.entityIds.length === 1 ? match.entityIds[0] : undefined;
    drafts.push(draft(match.span, match.entityIds, single, single ? 'name' : undefined));
  }
  return drafts.sort((a, b) => a.span.start - b.span.start);
}

/**
 * Whether a span overlaps one of the pins (sorted by start), in O(log pins):
 * among the pins that start before the span ends, the furthest end reaches
 * into it or not. (Testing every pin for every match cost pins × matches.)
 */
function pinOverlap(pins: readonly PinnedMention[]): (span: Span) => boolean {
  const furthestEnd: number[] = [];
  for (const pin of pins) furthestEnd.push(Math.max(pin.span.end, furthestEnd[furthestEnd.length - 1] ?? -1));
  const starts = pins.map((p) => p.span.start);
  return (span) => {
    const before = countBelow(starts, span.end);
    return before > 0 && furthestEnd[before - 1]! > span.start;
  };
}

/** The role of a draft in its sentence, worked out once. */
export function roleOfDraft(draft: Draft, text: string, structure: TextStructure): MentionRole {
  return (draft.role ??= roleOf(text, draft.span, structure.sentences[draft.sentence] ?? draft.span));
}
