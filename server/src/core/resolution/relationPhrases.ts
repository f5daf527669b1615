// Reading the phrases that name two people and say which is which, the right
// way round: in "Tomas Varga's son, Varga" and "Varga, the son of Tomas" the
// mention IS the son; in "Varga's son" and "the son of Varga" the mention is
// the one the son is OF (the parent). Each reading says which relation the
// mention holds toward the other person (`anchor`, a settled mention, when
// the phrase names one) and, when the noun is the mention's own, its gender.
// Every pattern runs on a window of RELATION_WINDOW characters.
import type { RelationKind } from '../model';
import type { MentionContext, SettledMention } from './evidence';
import { firstSettledFrom, quoted, settledBefore, textAfter, textBefore } from './nearText';
import { inverseKind, RELATION_ADJECTIVE_PATTERN as ADJ, RELATION_NOUN_PATTERN as NOUN, RELATION_NOUNS, type Gender } from './words';

/** Characters read each side of the mention, within its sentence. */
export const RELATION_WINDOW = 60;
/** Characters between a relation phrase and the settled name it belongs to (", the former "). */
const ANCHOR_GAP = 24;

export interface RelationReading {
  /** The relation the mention holds toward the other person (`child`: the mention is the child). */
  readonly kind: RelationKind;
  /** The mention's gender, when the noun is the mention's own ("his father Varga" → he). */
  readonly gender?: Gender;
  /** The other person, when a settled mention names them. */
  readonly anchor?: string;
  /** The anchor was found through a pronoun ("his", "her"), which may point elsewhere. */
  readonly anchorGuessed: boolean;
  readonly reason: string;
}

/** Capitalized words (a title, a first name) between a phrase and the name: "his father, President Varga". */
const NAME_LEAD = String.raw`(?:(?:former|late|the)\s+)?(?:\p{Lu}[\p{L}.-]*\s+){0,2}`;
const POSSESSED_BEFORE = new RegExp(String.raw`(['’]s|\b[Hh]is|\b[Hh]er|\b[Tt]heir|\b[Mm]y|\b[Oo]ur)\s+(?:(?:${ADJ})\s+)?(${NOUN})\s*,?\s+${NAME_LEAD}$`, 'u');
const NOUN_OF_BEFORE = new RegExp(String.raw`\b(${NOUN})\s+of\s+${NAME_LEAD}$`, 'u');
const POSSESSIVE_AFTER = new RegExp(String.raw`^['’]s\s+(?:(?:${ADJ})\s+)?(${NOUN})\b`, 'u');
const APPOSITION_OF_AFTER = new RegExp(String.raw`^\s*,\s+(?:(?:the|an?)\s+)?(?:(?:${ADJ})\s+)?(${NOUN})\s+of\b`, 'u');
const APPOSITION_PRONOUN_AFTER = new RegExp(String.raw`^\s*,\s+([Hh]is|[Hh]er|[Tt]heir)\s+(?:(?:${ADJ})\s+)?(${NOUN})\b`, 'u');
const AND_PRONOUN_AFTER = new RegExp(String.raw`^\s+(?:and|with)\s+(his|her|their)\s+(?:(?:${ADJ})\s+)?(${NOUN})\b`, 'u');
const POSSESSIVE_OF_NAME = new RegExp(String.raw`^['’]s\s+(?:(?:${ADJ})\s+)?(${NOUN})\b`, 'u');
const GAP_BEFORE_PHRASE = /^\s*,?\s*(?:(?:the|an?|his|her|their)\s+)?$/;
const GAP_BEFORE_NAME = /^[\s,]*(?:(?:the|former|late|\p{Lu}[\p{L}.-]*)\s+){0,2}$/u;

export function relationReadings(context: MentionContext): RelationReading[] {
  const before = textBefore(context, RELATION_WINDOW);
  const after = textAfter(context, RELATION_WINDOW);
  const readings: RelationReading[] = [];
  const add = (reading: RelationReading | undefined): void => {
    if (reading) readings.push(reading);
  };
  add(possessedBefore(context, before));
  add(nounOfBefore(context, before));
  add(possessiveAfter(context, after));
  add(appositionAfter(context, after));
  return readings;
}

/** "Tomas's son, Varga", "his father Varga", "my wife, Varga": the mention holds the noun. */
function possessedBefore(context: MentionContext, before: string): RelationReading | undefined {
  const m = POSSESSED_BEFORE.exec(before);
  if (!m) return undefined;
  const noun = RELATION_NOUNS.get(m[2]!)!;
  const owner = m[1]!.toLowerCase();
  const phraseStart = context.span.start - before.length + m.index;
  const anchor = owner.endsWith('s') && owner.length === 2 ? anchorEndingAt(context, phraseStart) : owner === 'his' || owner === 'her' || owner === 'their' ? settledBefore(context) : undefined;
  const words = owner.length === 2 ? `${nameBefore(context, phraseStart)}${m[0]}` : m[0];
  return reading(noun.kind, noun.gender, anchor, owner.length !== 2, `${quoted(words)} before it`);
}

/** "the son of President Varga": the mention is the parent of the son (the settled name before the phrase, if any). */
function nounOfBefore(context: MentionContext, before: string): RelationReading | undefined {
  const m = NOUN_OF_BEFORE.exec(before);
  if (!m) return undefined;
  const noun = RELATION_NOUNS.get(m[1]!)!;
  const phraseStart = context.span.start - before.length + m.index;
  const article = /\b(?:the|an?)\s+$/.exec(before.slice(0, m.index));
  return reading(inverseKind(noun.kind), undefined, anchorEndingAt(context, phraseStart), false, `${quoted((article?.[0] ?? '') + m[0])} before it`);
}

/** "Varga's son, Emil Varga": the mention is the one the son is of. */
function possessiveAfter(context: MentionContext, after: string): RelationReading | undefined {
  const m = POSSESSIVE_AFTER.exec(after);
  if (!m) return undefined;
  const noun = RELATION_NOUNS.get(m[1]!)!;
  const anchor = anchorStartingAfter(context, context.span.end + m[0].length);
  return reading(inverseKind(noun.kind), undefined, anchor, false, `${quoted(m[0])} after it`);
}

/** ", the son of Tomas", ", her daughter", ", Tomas's son" (the mention holds the noun); " and his son" (it does not). */
function appositionAfter(context: MentionContext, after: string): RelationReading | undefined {
  const of = APPOSITION_OF_AFTER.exec(after);
  if (of) {
    const noun = RELATION_NOUNS.get(of[1]!)!;
    return reading(noun.kind, noun.gender, anchorStartingAfter(context, context.span.end + of[0].length), false, `${quoted(of[0])} after it`);
  }
  const pronoun = APPOSITION_PRONOUN_AFTER.exec(after);
  if (pronoun) {
    const noun = RELATION_NOUNS.get(pronoun[2]!)!;
    return reading(noun.kind, noun.gender, settledBefore(context), true, `${quoted(pronoun[0])} after it`);
  }
  const and = AND_PRONOUN_AFTER.exec(after);
  if (and) {
    const noun = RELATION_NOUNS.get(and[2]!)!;
    return reading(inverseKind(noun.kind), undefined, anchorStartingAfter(context, context.span.end + and[0].length), false, `${quoted(and[0])} after it`);
  }
  return possessiveApposition(context, after);
}

/** "Varga, Tomas Varga's son,": the settled name right after the comma owns the noun. */
function possessiveApposition(context: MentionContext, after: string): RelationReading | undefined {
  if (!/^\s*,\s/.test(after)) return undefined;
  const owner = context.settled[firstSettledFrom(context, context.span.end + 1)];
  if (!owner || owner.span.start > context.span.end + 3 || owner.span.end > context.span.end + RELATION_WINDOW) return undefined;
  const m = POSSESSIVE_OF_NAME.exec(context.text.slice(owner.span.end, owner.span.end + RELATION_WINDOW));
  if (!m) return undefined;
  const noun = RELATION_NOUNS.get(m[1]!)!;
  const words = context.text.slice(context.span.end, owner.span.end + m[0].length);
  return reading(noun.kind, noun.gender, owner.entityId, false, `${quoted(words)} after it`);
}

function reading(kind: RelationKind, gender: Gender | undefined, anchor: string | undefined, anchorGuessed: boolean, reason: string): RelationReading {
  return { kind, ...(gender && { gender }), ...(anchor !== undefined && { anchor }), anchorGuessed, reason };
}

/** The settled mention ending just before `offset` (", the", "'s" and the like between). */
function anchorEndingAt(context: MentionContext, offset: number): string | undefined {
  const s = lastSettledEndingBy(context, offset);
  if (!s || offset - s.span.end > ANCHOR_GAP) return undefined;
  return GAP_BEFORE_PHRASE.test(context.text.slice(s.span.end, offset)) ? s.entityId : undefined;
}

/** The settled mention starting just after `offset` (a comma, "the", a title between). */
function anchorStartingAfter(context: MentionContext, offset: number): string | undefined {
  const s = context.settled[firstSettledFrom(context, offset)];
  if (!s || s.span.start - offset > ANCHOR_GAP) return undefined;
  return GAP_BEFORE_NAME.test(context.text.slice(offset, s.span.start)) ? s.entityId : undefined;
}

/** The last settled mention that ends at or before `offset` (mentions hardly overlap: two looked at). */
function lastSettledEndingBy(context: MentionContext, offset: number): SettledMention | undefined {
  const first = firstSettledFrom(context, offset);
  for (let i = first - 1; i >= 0 && i >= first - 2; i--) if (context.settled[i]!.span.end <= offset) return context.settled[i];
  return undefined;
}

/** The settled name ending at a possessive, for the reason ("Tomas Varga's son"). */
function nameBefore(context: MentionContext, offset: number): string {
  const s = lastSettledEndingBy(context, offset);
  return s && s.span.end === offset ? context.text.slice(s.span.start, s.span.end) : '';
}
