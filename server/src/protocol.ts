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

/**
 * Server-side commands (workspace/executeCommand). The server applies the
 * resulting edit through workspace/applyEdit, so it is one undoable step.
 */
export const SERVER_COMMANDS = {
  /** Arguments: [AddNewSourceArgs]. Creates a source and adds it to the claim. */
  addNewSource: 'marginalia.server.addNewSource',
} as const;

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
  showOutput: 'marginalia.showOutput',
  restartServer: 'marginalia.restartServer',
} as const;

/** The settings under `marginalia.*`, read by the server. */
export interface Settings {
  /** Severity of `unsourced-claim`: 'error' | 'warning' | 'information' | 'hint'. */
  readonly unsourcedClaimSeverity: 'error' | 'warning' | 'information' | 'hint';
  /** Report `ambiguous-mention` diagnostics. */
  readonly reportAmbiguousMentions: boolean;
  /** Articles larger than this (bytes) are not analysed; a message says so. */
  readonly maxArticleBytes: number;
}

export const DEFAULT_SETTINGS: Settings = {
  unsourcedClaimSeverity: 'warning',
  reportAmbiguousMentions: true,
  maxArticleBytes: 50 * 1024 * 1024,
};
