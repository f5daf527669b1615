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
import { countBelow } from './sorted';

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
  const cues = new CueChoices(input.entities);
  for (const draft of drafts) if (!draft.entityId) applyCue(draft, input.text, cues);
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
  const overlapsPin = pinOverlap(pins);
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


const YOUNGER_BEFORE = /\b(?:younger|young|junior)\s+$/i;
const ELDER_BEFORE = /\b(?:elder|older|senior|late)\s+$/i;
const YOUNGER_AFTER = /^(?:,?\s+(?:the\s+)?(?:younger|junior)\b|,?\s+Jr\b)/i;
const ELDER_AFTER = /^(?:,?\s+(?:the\s+)?(?:elder|senior)\b|,?\s+Sr\b)/i;
const YOUNGER_DESCRIPTION = /\b(?:son|daughter|child)\s+of\b/i;
const ELDER_DESCRIPTION = /\b(?:father|mother|parent)\s+of\b/i;

/** "the younger Massoud" → the candidate described as someone's son or daughter. */
function applyCue(draft: Draft, text: string, cues: CueChoices): void {
  const before = text.slice(Math.max(0, draft.span.start - 24), draft.span.start);
  const after = text.slice(draft.span.end, draft.span.end + 24);
  const younger = YOUNGER_BEFORE.test(before) || YOUNGER_AFTER.test(after);
  const elder = ELDER_BEFORE.test(before) || ELDER_AFTER.test(after);
  if (younger === elder) return;
  const chosen = cues.choose(draft.candidates, younger ? 'younger' : 'elder');
  if (!chosen) return;
  draft.entityId = chosen;
  draft.resolution = 'cue';
  draft.certain = true;
}

/**
 * The one candidate of a list that a cue points to, worked out once per
 * candidate list (the name matcher shares one list per name): a name shared
 * by thousands of entities and cued a thousand times reads each description
 * once, not a million times.
 */
class CueChoices {
  private readonly chosen = new Map<readonly string[], { younger?: string | null; elder?: string | null }>();

  constructor(private readonly entities: ReadonlyMap<string, Entity>) {}

  choose(candidates: readonly string[], cue: 'younger' | 'elder'): string | undefined {
    let entry = this.chosen.get(candidates);
    if (!entry) this.chosen.set(candidates, (entry = {}));
    if (entry[cue] === undefined) {
      const pattern = cue === 'younger' ? YOUNGER_DESCRIPTION : ELDER_DESCRIPTION;
      const fitting = candidates.filter((id) => pattern.test(this.entities.get(id)?.description ?? ''));
      entry[cue] = fitting.length === 1 ? fitting[0]! : null;
    }
    return entry[cue] ?? undefined;
  }
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
  const recent = new RecentMentions(drafts, structure);
  const mainSubjects = new Map<readonly string[], { entityId: string; dominant: boolean }>();
  drafts.forEach((draft, index) => {
    recent.enter(index);
    if (!draft.entityId) {
      const context = recent.nearest(index);
      if (context) {
        draft.entityId = context.entityId;
        draft.resolution = context.resolution;
        draft.certain = true;
      } else {
        let subject = mainSubjects.get(draft.candidates);
        if (!subject) mainSubjects.set(draft.candidates, (subject = mainSubject(draft.candidates, subjects)));
        draft.entityId = subject.entityId;
        draft.resolution = subject.dominant ? 'subject' : 'guess';
        draft.certain = subject.dominant;
      }
    }
    recent.add(index);
  });
}

/**
 * For each candidate list of an unresolved mention, the latest mention in the
 * current paragraph of one of its candidates, in the narration and anywhere.
 * Recording a mention updates the lists its entity is in (one per name of
 * that entity); looking up the nearest earlier candidate is then one read,
 * however many mentions the paragraph has (walking back over them cost
 * mentions²) and however many entities share the name.
 */
class RecentMentions {
  private paragraph = -1;
  private readonly inNarration = new Map<readonly string[], number>();
  private readonly anywhere = new Map<readonly string[], number>();
  /** The candidate lists (of mentions to resolve) each entity is in. */
  private readonly listsOf = new Map<string, (readonly string[])[]>();

  constructor(
    private readonly drafts: readonly Draft[],
    private readonly structure: TextStructure,
  ) {
    const seen = new Set<readonly string[]>();
    for (const draft of drafts) {
      if (draft.entityId || seen.has(draft.candidates)) continue;
      seen.add(draft.candidates);
      for (const id of new Set(draft.candidates)) {
        const lists = this.listsOf.get(id);
        if (lists) lists.push(draft.candidates);
        else this.listsOf.set(id, [draft.candidates]);
      }
    }
  }

  /** Moves to a draft; a new paragraph forgets the previous one's mentions. */
  enter(index: number): void {
    const paragraph = this.structure.paragraphOf(this.drafts[index]!.span.start);
    if (paragraph === this.paragraph) return;
    this.paragraph = paragraph;
    this.inNarration.clear();
    this.anywhere.clear();
  }

  /** Records a resolved draft as the latest mention of its entity's lists. */
  add(index: number): void {
    const draft = this.drafts[index]!;
    const lists = draft.entityId === undefined ? undefined : this.listsOf.get(draft.entityId);
    if (!lists) return;
    for (const list of lists) {
      this.anywhere.set(list, index);
      if (!draft.quoted) this.inNarration.set(list, index);
    }
  }

  /**
   * The nearest earlier mention of one of the candidates in the paragraph:
   * for the narration, only narration mentions count (a quotation speaks for
   * someone else); inside a quotation, any.
   */
  nearest(index: number): { entityId: string; resolution: Resolution } | undefined {
    const draft = this.drafts[index]!;
    const latest = (draft.quoted ? this.anywhere : this.inNarration).get(draft.candidates);
    if (latest === undefined) return undefined;
    const other = this.drafts[latest]!;
    const sameSentence = this.structure.sentenceOf(other.span.start) === this.structure.sentenceOf(draft.span.start);
    return { entityId: other.entityId!, resolution: sameSentence ? 'sentence' : 'paragraph' };
  }
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
