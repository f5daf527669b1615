// Wires the LSP connection to the handlers. No analysis here.
import { LSPErrorCodes, ResponseError, TextDocuments, TextDocumentSyncKind, type CancellationToken, type CodeAction, type CodeActionParams, type Connection, type InitializeResult } from 'vscode-languageserver';
import { LIMITS } from '../core/limits';
import { isSidecarPath } from '../core/pairing';
import { DiskFiles } from '../node/diskFiles';
import { cacheFileFor, defaultCacheDirectory } from '../node/indexCache';
import { WorkspaceIndex } from '../node/workspaceIndex';
import { ARTICLE_OUTLINE_REQUEST, INDEXED_NOTIFICATION, SERVER_COMMANDS, SIDECAR_INFO_REQUEST, type AddNewSourceArgs, type AnnotateArgs, type IndexedParams, type InitializationOptions } from '../protocol';
import { annotate, articleOutline, sidecarInfo } from './annotate';
import { addNewSource, codeActions, resolveCodeAction, resolvesCodeActionEdits } from './codeActions';
import { codeLenses } from './codeLens';
import { refreshDriftedQuotes } from './refreshOnSave';
import { LIST_FAILED, PIN_FAILED, pinUncertainMentionRequest, uncertainMentionsRequest } from './reviewMentions';
import { PIN_UNCERTAIN_MENTION_REQUEST, UNCERTAIN_MENTIONS_REQUEST, type PinUncertainMentionParams, type PinUncertainMentionResult, type UncertainMentionsParams, type UncertainMentionsResult } from '../reviewProtocol';
import { prepareRename, rename } from './rename';
import { ANNOTATE_KIND, selectionActions } from './selectionActions';
import { SEMANTIC_TOKENS_LEGEND, semanticTokensFull, tokenRefresher } from './semanticTokens';
import { ServerContext, readSettings } from './context';
import { isConfigFile } from './projectConfig';
import { DiagnosticsPublisher, type Urgency } from './diagnostics';
import * as features from './features';
import { pathToUri, uriToPath } from './paths';
import { progressReport, ThrottledReporter } from './indexProgress';
import { PIECED_DOCUMENTS } from './textStore';
import { Workspace } from './workspace';
import { changedRoots, indexedMessage } from './folders';
import { workspaceSymbols } from './workspaceSymbols';

export function startServer(connection: Connection): void {
  // Open buffers in pieces: a keystroke in a 1 MB article does not copy the article (lsp/textStore.ts).
  const documents = new TextDocuments(PIECED_DOCUMENTS);
  let ctx: ServerContext | undefined;
  const disk = new DiskFiles((file) => ctx?.settingsFor(file).maxArticleBytes ?? Number.MAX_SAFE_INTEGER);
  const workspace = new Workspace(documents, disk);
  ctx = new ServerContext(connection, workspace);
  const context = ctx;
  const diagnostics = new DiagnosticsPublisher(context);
  const index = new WorkspaceIndex((file) => workspace.summarize(file));
  // The index says which sidecars name an article with `article:`, for pairing.
  workspace.useIndex(index);
  let canPullConfiguration = false;
  let resolvesEdits = false;
  let cacheDirectory = defaultCacheDirectory();
  let canRefreshTokens = false;
  let watchesFolders = false;
  const refreshTokens = tokenRefresher(() => connection.languages.semanticTokens.refresh(), () => canRefreshTokens);

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    resolvesEdits = resolvesCodeActionEdits(params.capabilities);
    canRefreshTokens = params.capabilities.workspace?.semanticTokens?.refreshSupport === true;
    watchesFolders = params.capabilities.workspace?.workspaceFolders === true;
    context.hoverPlainText = params.capabilities.textDocument?.hover?.contentFormat?.[0] === 'plaintext';
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    context.roots = folders.flatMap((uri) => uriToPath(uri) ?? []);
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    cacheDirectory = typeof options.cacheDirectory === 'string' && options.cacheDirectory ? options.cacheDirectory : defaultCacheDirectory();
    return { capabilities: capabilities(), serverInfo: { name: 'marginalia-language-server', version: '0.1.0' } };
  });
  connection.onInitialized(() => {
    void pullSettings().then(buildIndex);
    if (watchesFolders) {
      // Folders added later are indexed too (the index is built again; unchanged sidecars come from its cache).
      connection.workspace.onDidChangeWorkspaceFolders((change) => {
        context.roots = changedRoots(context.roots, change);
        // A new folder has settings of its own.
        void pullSettings().then(buildIndex);
      });
    }
  });

  async function buildIndex(): Promise<void> {
    // Progress in the client while indexing (a large repository takes seconds): counts as batches come back, then the totals.
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('Marginalia: indexing sidecars', 0, `${context.roots.length} folder${context.roots.length === 1 ? '' : 's'}`);
    const reporter = new ThrottledReporter((r) => (r.percentage === undefined ? progress?.report(r.message) : progress?.report(r.percentage, r.message)));
    try {
      const stats: IndexedParams = await index.build(context.roots, context.largestArticleBytes, cacheFileFor(cacheDirectory, context.roots), (p) => reporter.report(progressReport(p)));
      reporter.stop();
      progress?.report(100, indexedMessage(stats));
      connection.console.info(`Marginalia: indexed ${stats.sidecars} sidecars in ${Math.round(stats.ms)} ms (${stats.parsed} parsed, the rest unchanged since the last session; ${stats.workers || 'no'} worker threads).`);
      // Open articles may now pair with sidecars elsewhere that name them.
      diagnostics.refreshAll();
      void connection.sendNotification(INDEXED_NOTIFICATION, stats);
    } catch (error) {
      connection.console.error(`Marginalia: indexing the workspace failed: ${(error as Error).stack ?? error}`);
    } finally {
      reporter.stop();
      progress?.done();
    }
  }

  /** The window's settings and each folder's (one request: the window's first, then a scopeUri per folder). */
  async function pullSettings(): Promise<void> {
    if (!canPullConfiguration) return;
    try {
      const folders = [...context.roots];
      const raw: unknown[] = await connection.workspace.getConfiguration([{ section: 'marginalia' }, ...folders.map((folder) => ({ section: 'marginalia', scopeUri: pathToUri(folder) }))]);
      context.updateSettings(readSettings(raw[0]), new Map(folders.map((folder, i) => [folder, readSettings(raw[i + 1])])));
      diagnostics.refreshAll();
    } catch (error) {
      connection.console.warn(`Marginalia: could not read settings, using defaults: ${(error as Error).message}`);
    }
  }

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { marginalia?: unknown } | undefined)?.marginalia;
    if (pushed !== undefined) {
      // Pushed settings (VS Code's client pushes the window's) have no scope: every folder takes them at once,
      // then each folder's own are asked for, when the client can say them.
      context.updateSettings(readSettings(pushed));
      diagnostics.refreshAll();
    }
    void pullSettings();
  });

  documents.onDidOpen((e) => {
    diagnostics.resend(e.document.uri);
    const filePath = workspace.opened(e.document.uri);
    if (filePath) index.invalidate(filePath);
    schedule(filePath);
  });
  // The store applies every change as it comes; the analysis waits for a pause (requests compute it on demand meanwhile).
  documents.onDidChangeContent((e) => {
    const filePath = uriToPath(e.document.uri);
    if (filePath && isSidecarPath(filePath)) {
      index.invalidate(filePath);
      refreshTokens();
    }
    schedule(filePath, 'afterEdits');
  });
  documents.onDidClose((e) => {
    // The buffer's unsaved text is gone: the disk decides again.
    diagnostics.resend(e.document.uri);
    const filePath = workspace.closed(e.document.uri);
    if (filePath) index.invalidate(filePath);
    schedule(filePath);
  });
  documents.onDidSave((e) => void refreshDriftedQuotes(context, connection, e.document.uri).catch((error: Error) => connection.console.error(`Marginalia: ${error.message}`)));
  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      const filePath = uriToPath(change.uri);
      if (!filePath) continue;
      if (isConfigFile(filePath)) {
        context.reloadProjectConfig();
        diagnostics.refreshAll();
        continue;
      }
      workspace.changedOnDisk(filePath);
      index.invalidate(filePath);
      if (isSidecarPath(filePath)) refreshTokens();
      schedule(filePath);
    }
  });

  function schedule(filePath: string | undefined, urgency: Urgency = 'soon'): void {
    if (filePath) diagnostics.schedule(filePath, urgency);
  }

  // Every request goes through `guard`: one cancelled while it waited (behind a burst of edits, say) is not started.
  connection.onHover((p, token) => guard(token, () => features.hover(context, p.textDocument.uri, p.position), null));
  connection.onDefinition((p, token) => guard(token, () => features.definition(context, p.textDocument.uri, p.position), []));
  connection.onReferences((p, token) => guard(token, () => features.references(context, p.textDocument.uri, p.position, p.context.includeDeclaration), []));
  connection.onDocumentHighlight((p, token) => guard(token, () => features.documentHighlight(context, p.textDocument.uri, p.position), []));
  connection.onDocumentSymbol((p, token) => guard(token, () => features.documentSymbols(context, p.textDocument.uri), []));
  connection.onCompletion((p, token) => guard(token, () => features.completion(context, p.textDocument.uri, p.position), []));
  connection.onCodeAction((p, token) => guard(token, () => cappedCodeActions(p, token), []));
  connection.onCodeActionResolve((action, token) => guard(token, () => resolveCodeAction(context, action), action));
  connection.onCodeLens((p, token) => guard(token, () => codeLenses(context, p.textDocument.uri), []));
  connection.languages.semanticTokens.on((p, token) => guard(token, () => semanticTokensFull(context, p.textDocument.uri), { data: [] }));
  connection.onPrepareRename((p, token) => guard(token, () => prepareRename(context, p.textDocument.uri, p.position), null));
  connection.onRenameRequest((p, token) => guardAsync(token, () => rename(context, index, p.textDocument.uri, p.position, p.newName), null));
  connection.onWorkspaceSymbol((p, token) => guardAsync(token, () => workspaceSymbols(index, workspace, p.query), []));
  connection.onRequest(SIDECAR_INFO_REQUEST, (p: { uri: string }, token) => guard(token, () => sidecarInfo(context, p.uri), null));
  connection.onRequest(ARTICLE_OUTLINE_REQUEST, (p: { uri: string }, token) => guard(token, () => articleOutline(context, p.uri), null));
  connection.onRequest<UncertainMentionsResult, void>(UNCERTAIN_MENTIONS_REQUEST, (p: UncertainMentionsParams | undefined, token) => guard(token, () => uncertainMentionsRequest(context, p), LIST_FAILED));
  connection.onRequest<PinUncertainMentionResult, void>(PIN_UNCERTAIN_MENTION_REQUEST, (p: PinUncertainMentionParams | undefined, token) => guard(token, () => pinUncertainMentionRequest(context, p), PIN_FAILED));
  connection.onExecuteCommand(async (p, token) => {
    if (token.isCancellationRequested) return cancelled();
    const arg = p.arguments?.[0];
    if (p.command === SERVER_COMMANDS.addNewSource && arg) return addNewSource(context, connection, arg as AddNewSourceArgs);
    if (p.command === SERVER_COMMANDS.annotate && arg) {
      const result = await annotate(context, connection, arg as AnnotateArgs);
      if (!result.applied && result.message) void connection.window.showWarningMessage(`Marginalia: ${result.message}`);
      return result;
    }
    return null;
  });

  /** Quick fixes, then selection actions, within the budget; a cancellation between the two stops there. */
  function cappedCodeActions(p: CodeActionParams, token: CancellationToken): CodeAction[] | ResponseError<void> {
    const fixes = codeActions(context, p, resolvesEdits);
    if (token.isCancellationRequested) return cancelled();
    return [...fixes, ...selectionActions(p)].slice(0, LIMITS.codeActions.value);
  }

  /**
   * A request cancelled before it starts answers RequestCancelled without
   * doing the work; a failing handler logs and answers empty: the server
   * keeps answering. (A synchronous handler cannot see a cancellation that
   * arrives while it runs: handlers are kept short instead.)
   */
  function guard<T>(token: CancellationToken, handler: () => T | ResponseError<void>, empty: T): T | ResponseError<void> {
    if (token.isCancellationRequested) return cancelled();
    try {
      return handler();
    } catch (error) {
      connection.console.error(`Marginalia: ${(error as Error).stack ?? error}`);
      return empty;
    }
  }

  /** As `guard`; cancelled during the wait, the result is not sent (the client has stopped waiting for it). */
  async function guardAsync<T>(token: CancellationToken, handler: () => Promise<T>, empty: T): Promise<T | ResponseError<void>> {
    if (token.isCancellationRequested) return cancelled();
    try {
      const result = await handler();
      return token.isCancellationRequested ? cancelled() : result;
    } catch (error) {
      connection.console.error(`Marginalia: ${(error as Error).stack ?? error}`);
      return empty;
    }
  }

  documents.listen(connection);
  connection.listen();
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

function capabilities(): InitializeResult['capabilities'] {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    documentHighlightProvider: true,
    documentSymbolProvider: true,
    completionProvider: { triggerCharacters: [' ', '[', ',', ':'] },
    codeActionProvider: { codeActionKinds: ['quickfix', ANNOTATE_KIND], resolveProvider: true },
    codeLensProvider: {},
    semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
    renameProvider: { prepareProvider: true },
    workspaceSymbolProvider: true,
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    executeCommandProvider: { commands: [SERVER_COMMANDS.addNewSource, SERVER_COMMANDS.annotate] },
  };
}
