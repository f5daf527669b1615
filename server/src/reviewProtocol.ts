// The messages of "Review uncertain mentions", shared by the VS Code client and
// the server (as protocol.ts: plain objects, no LSP library). The client walks
// the article: it asks for the next uncertain mention (fresh each step, since
// a pin changes the analysis), shows it, and applies the edit the server plans
// for the user's choice as one workspace edit (one undo per choice).

export interface WirePosition {
  readonly line: number;
  readonly character: number;
}

export interface WireRange {
  readonly start: WirePosition;
  readonly end: WirePosition;
}

/** Client-side command: the review walk (arguments: none, or [{ uri }] of an article or its sidecar). */
export const REVIEW_UNCERTAIN_MENTIONS_COMMAND = 'marginalia.reviewUncertainMentions';

/** Client → server request: the uncertain mentions of an article, in text order. */
export const UNCERTAIN_MENTIONS_REQUEST = 'marginalia/uncertainMentions';

export interface UncertainMentionsParams {
  /** The article's URI, or its sidecar's. */
  readonly uri: string;
  /** Only mentions starting at or after this position of the article (default: its start). */
  readonly from?: WirePosition;
  /** At most this many described (default and cap: the `mentions per review answer` budget). */
  readonly max?: number;
}

export interface ReviewCandidateInfo {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly bestGuess: boolean;
}

export interface ReviewMentionInfo {
  readonly range: WireRange;
  readonly text: string;
  /** The sentence around it, on one line, clipped. */
  readonly sentence: string;
  /** The best guess's id; first of `candidates`. */
  readonly guess: string;
  readonly candidates: readonly ReviewCandidateInfo[];
  /** Candidates over the budget, not listed. */
  readonly otherCandidates: number;
  /** Why the guess was made, in words; may be empty. */
  readonly evidence: readonly string[];
}

export type UncertainMentionsResult =
  | {
      readonly ok: true;
      readonly articleUri: string;
      /** Uncertain mentions in the whole article. */
      readonly total: number;
      /** Uncertain mentions at or after `from`. */
      readonly remaining: number;
      readonly mentions: readonly ReviewMentionInfo[];
    }
  | { readonly ok: false; readonly message: string };

/** Client → server request: the pin for a choice, as one workspace edit for the client to apply. */
export const PIN_UNCERTAIN_MENTION_REQUEST = 'marginalia/pinUncertainMention';

export interface PinUncertainMentionParams {
  /** The article's URI, or its sidecar's. */
  readonly uri: string;
  /** The mention as it was listed: its range in the article and its text. */
  readonly range: WireRange;
  readonly text: string;
  /** The chosen entity. */
  readonly entityId: string;
}

export interface WireWorkspaceEdit {
  readonly changes: { readonly [uri: string]: readonly { readonly range: WireRange; readonly newText: string }[] };
}

export type PinUncertainMentionResult = { readonly ok: true; readonly label: string; readonly edit: WireWorkspaceEdit } | { readonly ok: false; readonly message: string };
