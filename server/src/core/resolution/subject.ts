// Who the article is about, at each point of it. Raw counting of every
// mention made the wrong person the subject: a relative named in full (to
// place the subject in a family) is counted like the subject itself. So a
// mention counts by its role (the one acting counts, a relative named in
// "the son of …" hardly), and by where it is:
//   – the headline and the lead's subjects say what the whole article is
//     about (a prior that holds throughout);
//   – the other settled mentions count for the passage they are in, fading
//     paragraph by paragraph, so the subject can change along the article;
//   – every settled narration mention adds a little to the article's prior
//     (capped: being named often is not proof).
// Mentions in quotations are someone's words, not the narration: not counted.
//
// A second, separate convention: writers introduce a person by full name
// before using the bare surname. A candidate named (settled) earlier in the
// article is likelier than one never named.
import type { Span } from '../model';
import type { TextStructure } from '../textStructure';
import type { Evidence } from './evidence';
import { roleOfDraft, type Draft } from './drafts';
import { ROLE_WEIGHT } from './roles';

/** Named in the headline: the article is about them (a prior worth three subject mentions). */
const HEADLINE_WEIGHT = 3;
/**
 * An article with no headline opens with a sentence about its subject ("Ana
 * Varga (born 1961) is a …"): the subject of that first sentence is worth what
 * a headline is.
 */
const OPENING_SUBJECT_WEIGHT = HEADLINE_WEIGHT;
/** Named as a subject in the lead (the first paragraph after a headline). */
const LEAD_SUBJECT_WEIGHT = 1;
/** Each other settled narration mention adds this times its role weight to the article prior... */
const ARTICLE_SHARE = 0.1;
/** ...up to this much. */
const ARTICLE_CAP = 2;
/** What a mention still counts one paragraph later (its weight halves about every two paragraphs). */
const FADE_PER_PARAGRAPH = 0.7;
/** Salience added to every candidate before comparing (a Laplace-like smoothing: one mention's worth). */
const SMOOTHING = 1;
/**
 * Named in the headline (the others are not): "fair". Who an article is
 * about is who a bare name means by default; a passage about someone else
 * (nearby, last named) or any local cue outweighs it together.
 */
const HEADLINE_EVIDENCE = 2;
/** How much more a passage is about one candidate: at most "fair" (how often someone is named is not proof of who is meant). */
const PASSAGE_CAP = 2;
const PASSAGE_REASON = 'who the passage is about: named most, as the one acting';
/** Named earlier in the article while another candidate is not (a-priori "fair"). */
const INTRODUCED_WEIGHT = 2;
const INTRODUCED_REASON = 'named in full earlier in the article (the others are not)';
/** A headline is one short line... */
const HEADLINE_CHARS = 200;
/** ...and at most this many short lines open an article before its body. */
const HEADLINE_LINES = 4;

interface Local {
  score: number;
  paragraph: number;
}

export class SubjectTracker {
  private readonly prior = new Map<string, number>();
  private readonly priorParts = new Map<string, { headline: number; opening: number; lead: number; share: number }>();
  private readonly local = new Map<string, Local>();
  private readonly named = new Set<string>();
  /** The first paragraph of the body; the short lines before it are the headline block. */
  private readonly lead: number;
  /** The article's first sentence. */
  private readonly openingSentence: number;

  constructor(
    private readonly text: string,
    private readonly structure: TextStructure,
    drafts: readonly Draft[],
  ) {
    this.lead = leadParagraph(text, structure.paragraphs);
    this.openingSentence = structure.sentenceOf(structure.paragraphs[0]?.start ?? 0);
    for (const draft of drafts) if (draft.certain) this.addToPrior(draft);
  }

  /** Records a settled draft the resolution has passed. */
  add(draft: Draft): void {
    const id = draft.entityId!;
    this.named.add(id);
    if (draft.quoted) return;
    const weight = draft.paragraph < this.lead ? 1 : ROLE_WEIGHT[roleOfDraft(draft, this.text, this.structure)];
    const entry = this.local.get(id) ?? { score: 0, paragraph: draft.paragraph };
    entry.score = faded(entry, draft.paragraph) + weight;
    entry.paragraph = draft.paragraph;
    this.local.set(id, entry);
  }

  /**
   * Subject and "introduced" evidence for a draft among `candidates`, whose
   * saliences at the draft's paragraph are `salience` (same order). The
   * headline (or an opening sentence in its place) is read on its own: it
   * says who the whole article is about, however much a passage goes on
   * about someone else, so it is not diluted into the passage counts.
   */
  evidence(candidates: readonly string[], salience: readonly number[]): Evidence[] {
    const found: Evidence[] = [];
    const headlined = this.headlined(candidates);
    if (headlined) found.push({ entityId: headlined, weight: HEADLINE_EVIDENCE, kind: 'subject', reason: this.subjectReason(headlined) });
    const passage = salience.map((value, at) => value - this.headlinePart(candidates[at]!));
    let top = 0;
    let next = -1;
    for (let i = 1; i < candidates.length; i++) {
      if (passage[i]! > passage[top]!) [top, next] = [i, top];
      else if (next < 0 || passage[i]! > passage[next]!) next = i;
    }
    if (next >= 0) {
      const weight = Math.min(PASSAGE_CAP, Math.log((passage[top]! + SMOOTHING) / (passage[next]! + SMOOTHING)));
      if (weight > 0.05) found.push({ entityId: candidates[top]!, weight, kind: 'subject', reason: PASSAGE_REASON });
    }
    let introduced = 0;
    for (const id of candidates) if (this.named.has(id)) introduced++;
    if (introduced > 0 && introduced < candidates.length) {
      for (const id of candidates) if (this.named.has(id)) found.push({ entityId: id, weight: INTRODUCED_WEIGHT, kind: 'subject', reason: INTRODUCED_REASON });
    }
    return found;
  }

  /** The one candidate the headline (or the opening sentence in its place) names, if exactly one is. */
  private headlined(candidates: readonly string[]): string | undefined {
    let found: string | undefined;
    for (const id of candidates) {
      if (this.headlinePart(id) === 0) continue;
      if (found !== undefined) return undefined;
      found = id;
    }
    return found;
  }

  private headlinePart(id: string): number {
    const parts = this.priorParts.get(id);
    return parts ? parts.headline + parts.opening : 0;
  }

  /** How much the article is about an entity at a paragraph: its prior plus its faded passage score. */
  salience(id: string, paragraph: number): number {
    const entry = this.local.get(id);
    return (this.prior.get(id) ?? 0) + (entry ? faded(entry, paragraph) : 0);
  }

  /** The prior of an entity: named in the headline, a subject of the lead, and a capped share of its other mentions. */
  private addToPrior(draft: Draft): void {
    if (draft.quoted) return;
    const id = draft.entityId!;
    const parts = this.priorParts.get(id) ?? { headline: 0, opening: 0, lead: 0, share: 0 };
    if (draft.paragraph < this.lead) parts.headline = HEADLINE_WEIGHT;
    else {
      const role = roleOfDraft(draft, this.text, this.structure);
      if (this.lead === 0 && draft.sentence === this.openingSentence && role === 'subject') parts.opening = OPENING_SUBJECT_WEIGHT;
      else if (draft.paragraph === this.lead && role === 'subject') parts.lead = LEAD_SUBJECT_WEIGHT;
      else parts.share = Math.min(ARTICLE_CAP, parts.share + ARTICLE_SHARE * ROLE_WEIGHT[role]);
    }
    this.priorParts.set(id, parts);
    this.prior.set(id, parts.headline + parts.opening + parts.lead + parts.share);
  }

  private subjectReason(id: string): string {
    const prior = this.priorParts.get(id);
    return prior?.headline ? 'who the article is about: named in the headline' : 'who the article is about: the subject of its opening sentence';
  }
}

/** A local score faded to a later paragraph. */
function faded(entry: Local, paragraph: number): number {
  return entry.score * FADE_PER_PARAGRAPH ** Math.max(0, paragraph - entry.paragraph);
}

/**
 * The first paragraph of the body: after the leading short lines (a headline,
 * and in copied web pages a kicker, a byline or a date around it), at most
 * HEADLINE_LINES of them. A text of short lines only has no headline.
 */
function leadParagraph(text: string, paragraphs: readonly Span[]): number {
  for (let p = 0; p < paragraphs.length && p <= HEADLINE_LINES; p++) if (!isShortLine(text, paragraphs[p]!)) return p;
  return 0;
}

/** A sentence end inside a line, or a full stop ending it: a sentence of the body, not a headline. */
const SENTENCE_INSIDE = /[.!?…]["'”’)\]]*\s+\S|\.["'”’)\]]*$/u;

/** One short line that is not a sentence of the body. */
function isShortLine(text: string, paragraph: Span): boolean {
  const line = text.slice(paragraph.start, Math.min(paragraph.end, paragraph.start + HEADLINE_CHARS + 8)).trim();
  return line.length <= HEADLINE_CHARS && !line.includes('\n') && !SENTENCE_INSIDE.test(line);
}
