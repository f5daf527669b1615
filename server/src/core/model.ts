// The values the analysis core works with. Nothing here knows about LSP:
// offsets are UTF-16 code-unit offsets into a JavaScript string (which is
// what LSP's default position encoding counts), converted to line/character
// only at the edges by `LineIndex`.

/** A half-open range [start, end) of offsets into one text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const DIAGNOSTIC_CODES = [
  'yaml-syntax',
  'schema',
  'unknown-source',
  'unknown-entity',
  'duplicate-id',
  'orphaned-annotation',
  'drifted-annotation',
  'ambiguous-anchor',
  'unsourced-claim',
  'ambiguous-mention',
  'missing-article',
  'unreadable-article',
  'limit-exceeded',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

/** Which of the two files a finding or location is in. */
export type FileRole = 'article' | 'sidecar';

/** A diagnostic as a domain value; converted to LSP or CLI output at the edge. */
export interface Finding {
  readonly file: FileRole;
  readonly span: Span;
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  /** What a quick fix needs to act on the finding. */
  readonly data?: FindingData;
}

export type FindingData =
  | { readonly kind: 'claim'; readonly claimIndex: number }
  | { readonly kind: 'anchor'; readonly list: AnchorList; readonly index: number; readonly suggestion?: AnchorSuggestion }
  | { readonly kind: 'mention'; readonly candidates: readonly string[]; readonly articleSpan: Span };

export type AnchorList = 'claims' | 'mentions' | 'notes';

/** A replacement anchor for a quote that no longer matches. */
export interface AnchorSuggestion {
  readonly quote: string;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly span: Span;
}

/** A string value from the sidecar with the span of its node. */
export interface Located<T> {
  readonly value: T;
  readonly span: Span;
}

export interface Source {
  readonly id: string;
  readonly idSpan: Span;
  /** The span of the whole `id: {...}` entry. */
  readonly span: Span;
  readonly title?: string;
  readonly url?: string;
  readonly publisher?: string;
  readonly date?: string;
  readonly note?: string;
}

export const ENTITY_TYPES = ['person', 'organization', 'place', 'event', 'work', 'other'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface Entity {
  readonly id: string;
  readonly idSpan: Span;
  readonly span: Span;
  readonly name: string;
  readonly nameSpan?: Span;
  readonly type: EntityType;
  readonly aliases: readonly Located<string>[];
  readonly description?: string;
  readonly links: readonly string[];
  /** Facts for mention resolution (all optional; see core/resolution). */
  readonly pronouns?: Located<Pronouns>;
  readonly born?: Located<number>;
  readonly died?: Located<number>;
  readonly roles?: readonly EntityRole[];
  readonly relations?: readonly EntityRelation[];
}

/** How the text refers to a person: `he`, `she` or `they` (`he/him` etc. are read as these). */
export type Pronouns = 'he' | 'she' | 'they';

/** A title or role ("President", "Governor of Texas"), with the years it was held when they matter. */
export interface EntityRole {
  readonly title: string;
  readonly from?: number;
  readonly to?: number;
  readonly span: Span;
}

/**
 * Relation kinds from the entity's own side: `child` means this entity is a
 * child of the target. The sidecar key may be gendered (`son-of` is a child
 * relation that also says the entity is `he`).
 */
export type RelationKind = 'child' | 'parent' | 'spouse' | 'sibling';

export interface EntityRelation {
  readonly kind: RelationKind;
  /** The key as written (`son-of`, `spouse-of` …). */
  readonly key: string;
  /** The gender the key implies for this entity (`son-of` → he), if any. */
  readonly implies?: 'he' | 'she';
  /** The related entity's id. */
  readonly target: Located<string>;
}

/** What every annotation that points into the article has (W3C TextQuoteSelector-like). */
export interface Anchor {
  readonly quote: string;
  readonly quoteSpan: Span;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly occurrence?: number;
  /** The span of the whole list item in the sidecar. */
  readonly span: Span;
  /** Position in its list (`claims`, `mentions` or `notes`). */
  readonly index: number;
}

export type ClaimKind = 'fact' | 'opinion';
export const CLAIM_KINDS: readonly ClaimKind[] = ['fact', 'opinion'];

export interface Claim extends Anchor {
  readonly id?: Located<string>;
  readonly kind: ClaimKind;
  readonly sources: readonly Located<string>[];
  readonly attributedTo?: Located<string>;
  readonly note?: string;
}

export interface MentionPin extends Anchor {
  readonly entity: Located<string>;
}

export interface Note extends Anchor {
  readonly text: string;
}

/** The parsed sidecar: always produced, whatever the input (errors are findings). */
export interface Sidecar {
  readonly article?: Located<string>;
  readonly sources: ReadonlyMap<string, Source>;
  readonly entities: ReadonlyMap<string, Entity>;
  readonly claims: readonly Claim[];
  readonly mentions: readonly MentionPin[];
  readonly notes: readonly Note[];
  /** Ids used in the sidecar (claim sources, attributions, pins), for references and rename. */
  readonly idUses: readonly IdUse[];
  readonly findings: readonly Finding[];
}

export interface IdUse {
  readonly kind: 'source' | 'entity';
  readonly id: string;
  readonly span: Span;
}

/** How a mention's entity was decided, strongest first. */
export type Resolution = 'name' | 'pin' | 'evidence' | 'guess';

export interface Mention {
  readonly span: Span;
  readonly text: string;
  /** The entity it names (for an uncertain mention, the best guess). */
  readonly entityId: string;
  /** Every entity whose name or alias matched here (one when unambiguous). */
  readonly candidates: readonly string[];
  readonly resolution: Resolution;
  /** False when the context did not settle which candidate is meant. */
  readonly certain: boolean;
  /** Inside a quotation ("..." or “...”) in the article. */
  readonly quoted: boolean;
  /**
   * Why it was resolved so, strongest first, in words for the hover
   * ("“Ms” before the name", "“her father” after it"); empty for a pin or
   * an unshared name.
   */
  readonly evidence?: readonly string[];
}

export type ClaimStatus = 'sourced' | 'attributed' | 'opinion' | 'unsourced' | 'orphaned' | 'ambiguous';

/** How an annotation's quote was found: exactly, approximately (the text changed), or not at all. */
export type AnchorState = 'exact' | 'drifted' | 'ambiguous' | 'orphaned';

export interface AnchoredClaim {
  readonly claim: Claim;
  readonly span?: Span;
  readonly status: ClaimStatus;
  readonly anchor?: AnchorState;
}

export interface AnchoredAnnotation<T extends Anchor> {
  readonly annotation: T;
  readonly span?: Span;
  readonly anchor?: AnchorState;
}

/** Everything known about one article and its sidecar. */
export interface Analysis {
  readonly articleText: string;
  readonly sidecarText: string;
  readonly sidecar: Sidecar;
  readonly mentions: readonly Mention[];
  readonly claims: readonly AnchoredClaim[];
  readonly notes: readonly AnchoredAnnotation<Note>[];
  readonly pins: readonly AnchoredAnnotation<MentionPin>[];
  readonly findings: readonly Finding[];
  /** Each annotation's anchoring, in the sidecar's list order, kept for tracking the next edit. */
  readonly anchors?: import('./anchorAll').AnchorResults;
  /** Markdown: the quotes with markup looked for in the source instead, kept for tracking the next edit. */
  readonly sourceAnchors?: import('./reading/sourceFallback').SourceAnchors;
  /** Paragraphs, sentences and quotations of the article. */
  readonly structure?: import('./textStructure').TextStructure;
  /** Every name matched in the article, before resolution, kept for the next edit. */
  readonly nameMatches?: readonly import('./nameMatcher').NameMatch[];
  /** A Markdown article: `articleText` is its reading text, and this maps it to the file's text (every span above is in the reading text). */
  readonly reading?: import('./reading/readingText').ArticleReading;
}
