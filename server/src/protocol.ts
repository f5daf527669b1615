// Messages shared by the VS Code client and the server, declared once so the
// two sides cannot drift apart. Plain objects only: importable from both
// sides without pulling in either LSP library.

/** Server → client notification: the claim counts of an article, after each analysis. */
export const STATUS_NOTIFICATION = 'marginalia/status';
export interface StatusParams {
  /** The article's URI. */
  readonly uri: string;
  /** The sidecar's URI. */
  readonly sidecarUri: string;
  readonly claims: number;
  readonly unsourced: number;
  readonly orphaned: number;
}

/** What the client may pass in `initialize`. */
export interface InitializationOptions {
  /** A folder of the user's to keep the workspace index in between sessions (VS Code: the workspace's storage). Default: ~/.cache/marginalia. */
  readonly cacheDirectory?: string;
}

/** Server → client notification: the workspace index is built (for workspace symbol search and rename). */
export const INDEXED_NOTIFICATION = 'marginalia/indexed';
export interface IndexedParams {
  readonly sidecars: number;
  readonly ms: number;
  /** Sidecars parsed; the rest came unchanged from the index cache. */
  readonly parsed: number;
  readonly workers: number;
  readonly skipped: number;
}

/**
 * Server-side commands (workspace/executeCommand). The server applies the
 * resulting edit through workspace/applyEdit, so it is one undoable step.
 */
export const SERVER_COMMANDS = {
  /** Arguments: [AddNewSourceArgs]. Creates a source and adds it to the claim. */
  addNewSource: 'marginalia.server.addNewSource',
  /** Arguments: [AnnotateArgs]. Annotates a selection of an article (creating the sidecar if needed). */
  annotate: 'marginalia.server.annotate',
} as const;

export type AnnotationRequest =
  | { readonly kind: 'entity'; readonly name?: string; readonly type: string; readonly description?: string }
  | { readonly kind: 'alias'; readonly entityId: string }
  | { readonly kind: 'claim'; readonly sources?: readonly string[]; readonly claimKind?: 'fact' | 'opinion' }
  | { readonly kind: 'note'; readonly text: string }
  | { readonly kind: 'pin'; readonly entityId: string };

export interface AnnotateArgs {
  /** The article's URI. */
  readonly uri: string;
  /** The selection (LSP range); an empty one means the word or sentence at the cursor. */
  readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
  readonly request: AnnotationRequest;
}

/** Client → server request: what the sidecar of an article defines, for pickers. */
export const SIDECAR_INFO_REQUEST = 'marginalia/sidecarInfo';
export interface SidecarInfo {
  readonly sidecarUri: string;
  readonly exists: boolean;
  readonly sources: readonly { id: string; title: string }[];
  readonly entities: readonly { id: string; name: string; type: string }[];
}

/** Client → server request: the outline of an article for the explorer tree. */
export const ARTICLE_OUTLINE_REQUEST = 'marginalia/articleOutline';
export interface OutlineRange {
  readonly start: { line: number; character: number };
  readonly end: { line: number; character: number };
}
export interface ArticleOutline {
  readonly entities: readonly { id: string; name: string; type: string; mentions: number; range: OutlineRange }[];
  readonly claims: readonly { id?: string; quote: string; status: string; range?: OutlineRange }[];
  readonly notes: readonly { quote: string; text: string; range?: OutlineRange }[];
}

export interface AddNewSourceArgs {
  readonly sidecarUri: string;
  readonly claimIndex: number;
  readonly title: string;
  readonly url?: string;
}

/**
 * Client-side commands a code action can carry (the client prompts the user,
 * then calls the server command).
 */
export const CLIENT_COMMANDS = {
  /** Arguments: [{ sidecarUri, claimIndex }]. Asks for title and URL. */
  promptNewSource: 'marginalia.addNewSource',
  /** Arguments: [{ uri, range }] or none (the active editor's selection). */
  annotateClaim: 'marginalia.annotateClaim',
  annotateEntity: 'marginalia.annotateEntity',
  addNote: 'marginalia.addNote',
  pinMention: 'marginalia.pinMention',
  showOutput: 'marginalia.showOutput',
  restartServer: 'marginalia.restartServer',
  /** No arguments. Copies the walkthrough's sample into a folder the user picks and opens it. */
  openSample: 'marginalia.openSample',
} as const;

/** The settings under `marginalia.*`, read by the server. */
export interface Settings {
  /** Code lenses above paragraphs with claims: "3 claims · 1 unsourced". */
  readonly codeLens: boolean;
  /** When an article is saved, rewrite the quotes of its drifted annotations to the current text. */
  readonly refreshDriftedQuotesOnSave: boolean;
  /** Severity of `unsourced-claim`: 'error' | 'warning' | 'information' | 'hint'. */
  readonly unsourcedClaimSeverity: 'error' | 'warning' | 'information' | 'hint';
  /** Report `ambiguous-mention` diagnostics. */
  readonly reportAmbiguousMentions: boolean;
  /** Articles larger than this (bytes) are not analysed; a message says so. */
  readonly maxArticleBytes: number;
}

export const DEFAULT_SETTINGS: Settings = {
  codeLens: false,
  refreshDriftedQuotesOnSave: false,
  unsourcedClaimSeverity: 'warning',
  reportAmbiguousMentions: true,
  maxArticleBytes: 50 * 1024 * 1024,
};
