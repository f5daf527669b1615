// The shared vocabulary of mention resolution. A name shared by several
// entities ("Massoud" for a father and his son) is resolved by scoring every
// candidate on all the evidence at once: each finder reads one kind of
// evidence around the mention and returns weighted votes; the resolver adds
// them up and decides by the margin between the best and the second
// candidate (see resolve.ts). Finders are pure and local: they read a bounded
// window of text around the mention, never the whole article.
import type { Entity, RelationKind, Span } from '../model';

/** What the sidecar says about one candidate, or lets us read from its description. */
export interface CandidateFacts {
  readonly id: string;
  readonly entity: Entity;
  /** Known from `pronouns`, a gendered relation (`son-of`), or the description ("son of", "she"). */
  readonly gender?: 'he' | 'she';
  /** Titles and roles, lower-cased ("president", "governor of texas"), with years when known. */
  readonly roles: readonly { readonly title: string; readonly from?: number; readonly to?: number }[];
  readonly born?: number;
  readonly died?: number;
  /** Relations from this entity's side (`child` = this is a child of `target`), structured or read from the description. */
  readonly relations: readonly { readonly kind: RelationKind; readonly target: string }[];
}

export type EvidenceKind = 'cue' | 'honorific' | 'pronoun' | 'relation' | 'title' | 'age' | 'nearby' | 'subject' | 'speaker';

/**
 * One vote for (positive weight) or against (negative) a candidate. Weights
 * are log-odds on a fixed, a-priori scale: 1 weak, 2 fair, 3 strong,
 * 5 near-decisive. They are set from what the evidence means, never tuned
 * until a corpus scores well.
 */
export interface Evidence {
  readonly entityId: string;
  readonly weight: number;
  readonly kind: EvidenceKind;
  /** Short, plain text for the hover: "“Ms” before the name". Article words in it are clipped. */
  readonly reason: string;
}

/** A mention that is settled for sure (a pin, an unshared name, or decided with a clear margin). */
export interface SettledMention {
  readonly span: Span;
  readonly entityId: string;
  readonly quoted: boolean;
}

/** Everything a local evidence finder may read about one ambiguous mention. */
export interface MentionContext {
  readonly text: string;
  readonly span: Span;
  /** The sentence holding the mention, and its neighbours within the same paragraph. */
  readonly sentence: Span;
  readonly previousSentence?: Span;
  readonly nextSentence?: Span;
  readonly paragraph: Span;
  /** Inside a quotation in the article (someone's words, not the narration). */
  readonly quoted: boolean;
  readonly candidates: readonly CandidateFacts[];
  /** Settled mentions in the same paragraph, in text order. */
  readonly settled: readonly SettledMention[];
}

export type EvidenceFinder = (context: MentionContext) => Evidence[];
