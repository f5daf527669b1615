// The bounded pieces of text a finder reads around one mention, and the
// helpers every finder shares to turn a fact into votes. A finder never reads
// past its window, whatever the article: windows are a few dozen characters
// inside the mention's sentence (or the start of the next one).
import type { Span } from '../model';
import { clipText } from '../limits';
import type { CandidateFacts, Evidence, EvidenceKind, MentionContext } from './evidence';
import type { Gender } from './words';

/** Characters of article text quoted in a reason. */
export const REASON_WORDS_CHARS = 40;
/** How far before and after the mention the year of the events is looked for ("In 1998, Governor Varga"). */
const YEAR_WINDOW = 160;

/** Up to `max` characters before the mention, within its sentence. */
export function textBefore(context: MentionContext, max: number): string {
  return context.text.slice(Math.max(context.sentence.start, context.span.start - max), context.span.start);
}

/** Up to `max` characters after the mention, within its sentence. */
export function textAfter(context: MentionContext, max: number): string {
  return context.text.slice(context.span.end, Math.min(context.sentence.end, context.span.end + max));
}

/** Article words for a reason: one line, without the commas around it, clipped, in curly quotes. */
export function quoted(words: string): string {
  return `“${clipText(words.replace(/\s+/g, ' ').replace(/^[\s,]+|[\s,]+$/g, ''), REASON_WORDS_CHARS)}”`;
}

export function vote(entityId: string, weight: number, kind: EvidenceKind, reason: string): Evidence {
  return { entityId, weight, kind, reason };
}

/** Whether the candidates do not all have the same gender (an unknown one differs from a known one). */
export function gendersDiffer(candidates: readonly CandidateFacts[]): boolean {
  const first = candidates[0]?.gender;
  return candidates.some((c) => c.gender !== undefined) && candidates.some((c) => c.gender !== first);
}

/**
 * Votes from a gender the text gives the mention: `agree` for candidates of
 * that gender, `disagree` (negative) for those of the other; candidates of
 * unknown gender get none. Nothing when the candidates do not differ.
 */
export function genderVotes(
  candidates: readonly CandidateFacts[],
  gender: Gender,
  weights: { readonly agree: number; readonly disagree: number },
  kind: EvidenceKind,
  reason: string,
): Evidence[] {
  if (!gendersDiffer(candidates)) return [];
  const votes: Evidence[] = [];
  for (const c of candidates) {
    if (c.gender === gender) votes.push(vote(c.id, weights.agree, kind, reason));
    else if (c.gender !== undefined) votes.push(vote(c.id, weights.disagree, kind, reason));
  }
  return votes;
}

const YEAR = /\b(1[5-9]\d\d|20\d\d)\b/g;

/**
 * The year the mention's sentence is about, when it or the sentence before
 * names exactly one ("In 1998, …"); only YEAR_WINDOW characters each side.
 */
export function yearNear(context: MentionContext): number | undefined {
  const from = Math.max(context.previousSentence?.start ?? context.sentence.start, context.span.start - YEAR_WINDOW);
  const to = Math.min(context.sentence.end, context.span.end + YEAR_WINDOW);
  const years = new Set<number>();
  YEAR.lastIndex = 0;
  const text = context.text.slice(from, to);
  for (let m = YEAR.exec(text); m && years.size < 3; m = YEAR.exec(text)) years.add(Number(m[1]));
  return years.size === 1 ? [...years][0] : undefined;
}

/** Settled mentions looked at backwards from a point (a paragraph may hold thousands). */
const SETTLED_LOOKED_BACK = 8;

/** Index of the first settled mention starting at or after `offset` (they are in text order). */
export function firstSettledFrom(context: MentionContext, offset: number): number {
  let low = 0;
  let high = context.settled.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (context.settled[mid]!.span.start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The settled mention ending at `offset` (give or take two spaces), if any. */
export function settledEndingAt(context: MentionContext, offset: number): string | undefined {
  const s = context.settled[firstSettledFrom(context, offset) - 1];
  return s && s.span.end <= offset && s.span.end >= offset - 2 && onlySpace(context.text, s.span.end, offset) ? s.entityId : undefined;
}

/** The settled mention starting at `offset` (give or take two spaces), if any. */
export function settledStartingAt(context: MentionContext, offset: number): string | undefined {
  const s = context.settled[firstSettledFrom(context, offset)];
  return s && s.span.start <= offset + 2 && onlySpace(context.text, offset, s.span.start) ? s.entityId : undefined;
}

/** The nearest settled mention before the mention, in its sentence or the one before, outside quotations unless it is quoted too. */
export function settledBefore(context: MentionContext): string | undefined {
  const from = context.previousSentence?.start ?? context.sentence.start;
  const first = firstSettledFrom(context, context.span.start);
  for (let i = first - 1; i >= 0 && i >= first - SETTLED_LOOKED_BACK; i--) {
    const s = context.settled[i]!;
    if (s.span.start < from) return undefined;
    if (s.span.end <= context.span.start && (context.quoted || !s.quoted)) return s.entityId;
  }
  return undefined;
}

/** Whether a settled mention starts in [from, to). */
export function settledBetween(context: MentionContext, from: number, to: number): boolean {
  const s = context.settled[firstSettledFrom(context, from)];
  return s !== undefined && s.span.start < to;
}

function onlySpace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!/\s/.test(text[i]!)) return false;
  return true;
}

export function within(span: Span, offset: number): boolean {
  return span.start <= offset && offset < span.end;
}
