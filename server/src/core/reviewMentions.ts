// Reviewing an article's uncertain mentions one by one: what to show for each
// (the sentence around it, the best guess, the candidates, the evidence) and
// the pin a choice writes. The pin is planned by the same code path as the
// "Pin … here to …" quick fix (quickFixSpecs → planListItem 'mentions' with
// pinContext) and verified by the same EditSession, so a choice made while
// reviewing is byte for byte the edit the quick fix would make.
import { LIMITS, clipText } from './limits';
import type { Analysis, Finding, Mention, Span } from './model';
import { quickFixSpecs } from './quickFixes';
import type { EditSession, Verdict } from './verifyEdit';

export interface ReviewCandidate {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly bestGuess: boolean;
}

export interface UncertainMention {
  readonly span: Span;
  readonly text: string;
  /** The sentence around the mention, on one line, clipped around it. */
  readonly sentence: string;
  /** The best guess's id (first of `candidates`). */
  readonly guess: string;
  readonly candidates: readonly ReviewCandidate[];
  /** Candidates beyond the budget, not listed (pin those by hand). */
  readonly otherCandidates: number;
  /** Why the guess was made, in words (may be empty). */
  readonly evidence: readonly string[];
}

export interface UncertainMentions {
  /** Uncertain mentions in the whole article. */
  readonly total: number;
  /** Uncertain mentions starting at or after `from`. */
  readonly remaining: number;
  /** The first of those, in text order, at most `max`. */
  readonly mentions: readonly UncertainMention[];
}

/** Characters of the sentence shown on each side of the mention: a quick pick shows one line. */
const SENTENCE_SIDE_CHARS = 120;
/** A candidate's description, as one line of a quick pick. */
const DESCRIPTION_CHARS = 160;

/** The uncertain mentions at or after `from`, in text order; one pass over the mentions, details for at most `max`. */
export function uncertainMentions(analysis: Analysis, from = 0, max: number = LIMITS.reviewedMentions.value): UncertainMentions {
  const limit = Math.max(0, Math.min(max, LIMITS.reviewedMentions.value));
  let total = 0;
  let remaining = 0;
  const mentions: UncertainMention[] = [];
  for (const mention of analysis.mentions) {
    if (!isUncertain(mention)) continue;
    total++;
    if (mention.span.start < from) continue;
    remaining++;
    if (mentions.length < limit) mentions.push(describe(analysis, mention));
  }
  return { total, remaining, mentions };
}

/** A shared name the context did not settle (a pin is always certain). */
export function isUncertain(mention: Mention): boolean {
  return !mention.certain && mention.candidates.length > 1;
}

function describe(analysis: Analysis, mention: Mention): UncertainMention {
  const ordered = [mention.entityId, ...mention.candidates.filter((id) => id !== mention.entityId)];
  const listed = ordered.slice(0, LIMITS.reviewedCandidates.value);
  return {
    span: mention.span,
    text: clipText(mention.text, LIMITS.nameChars.value),
    sentence: sentenceAround(analysis, mention.span),
    guess: mention.entityId,
    candidates: listed.map((id) => candidate(analysis, id, id === mention.entityId)),
    otherCandidates: ordered.length - listed.length,
    evidence: (mention.evidence ?? []).slice(0, LIMITS.namesListed.value).map((e) => clipText(e, LIMITS.nameChars.value)),
  };
}

function candidate(analysis: Analysis, id: string, bestGuess: boolean): ReviewCandidate {
  const entity = analysis.sidecar.entities.get(id);
  const description = entity?.description && clipText(oneLine(entity.description), DESCRIPTION_CHARS);
  return { id, name: clipText(entity?.name ?? id, LIMITS.nameChars.value), ...(description ? { description } : {}), bestGuess };
}

/** The sentence holding the span (from the article's structure), at most SENTENCE_SIDE_CHARS each side of it, on one line. */
export function sentenceAround(analysis: Analysis, span: Span): string {
  const text = analysis.articleText;
  const structure = analysis.structure;
  const sentence = structure?.sentences[structure.sentenceOf(span.start)] ?? { start: span.start, end: span.end };
  const start = Math.max(sentence.start, span.start - SENTENCE_SIDE_CHARS);
  const end = Math.min(Math.max(sentence.end, span.end), span.end + SENTENCE_SIDE_CHARS);
  const before = start > sentence.start ? '…' : '';
  const after = end < sentence.end ? '…' : '';
  return `${before}${oneLine(text.slice(start, end))}${after}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** What the user chose: the mention (as it was shown) and the entity. */
export interface MentionChoice {
  readonly span: Span;
  readonly text: string;
  readonly entityId: string;
}

/**
 * The pin for a choice, planned and verified as the quick fix plans it; or
 * why it cannot be written (the article changed, the entity is not a
 * candidate, the sidecar cannot be edited).
 */
export function planReviewPin(analysis: Analysis, choice: MentionChoice, session: EditSession): Verdict {
  const mention = mentionStartingAt(analysis.mentions, choice.span.start);
  if (!mention || mention.span.start !== choice.span.start || mention.span.end !== choice.span.end || mention.text !== choice.text) {
    return { ok: false, reason: `“${clipText(choice.text, LIMITS.nameChars.value)}” is no longer a mention at that place (the article or its sidecar changed); list the uncertain mentions again` };
  }
  if (mention.resolution === 'pin') return { ok: false, reason: `“${clipText(mention.text, LIMITS.nameChars.value)}” is already pinned there` };
  const finding: Finding = { file: 'article', span: mention.span, severity: 'information', code: 'ambiguous-mention', message: '', data: { kind: 'mention', candidates: mention.candidates, articleSpan: mention.span } };
  const spec = quickFixSpecs(analysis, finding).find((s) => s.edit?.id === choice.entityId);
  if (!spec?.edit) return { ok: false, reason: `'${clipText(choice.entityId, LIMITS.nameChars.value)}' is not one of the entities “${clipText(mention.text, LIMITS.nameChars.value)}” can name` };
  try {
    return session.verify(spec.edit.plan(session.sidecar, choice.entityId));
  } catch (error) {
    return { ok: false, reason: `the pin could not be planned (${(error as Error).message.split('\n')[0]})` };
  }
}

/** Mentions are sorted by start: binary search for the one starting exactly there. */
function mentionStartingAt(mentions: readonly Mention[], start: number): Mention | undefined {
  let low = 0;
  let high = mentions.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = mentions[mid]!.span.start;
    if (at === start) return mentions[mid];
    if (at < start) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
}
