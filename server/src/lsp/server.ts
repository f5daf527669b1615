// Wires the LSP connection to the handlers. No analysis here.
import { TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isSidecarPath } from '../core/pairing';
import { DiskFiles } from '../node/diskFiles';
import { cacheFileFor, defaultCacheDirectory } from '../node/indexCache';
import { WorkspaceIndex } from '../node/workspaceIndex';
import { ARTICLE_OUTLINE_REQUEST, INDEXED_NOTIFICATION, SERVER_COMMANDS, SIDECAR_INFO_REQUEST, type AddNewSourceArgs, type AnnotateArgs, type IndexedParams, type InitializationOptions } from '../protocol';
import { annotate, articleOutline, sidecarInfo } from './annotate';
import { addNewSource, codeActions, resolveCodeAction, resolvesCodeActionEdits } from './codeActions';
import { codeLenses } from './codeLens';
import { refreshDriftedQuotes } from './refreshOnSave';
import { prepareRename, rename } from './rename';
import { ANNOTATE_KIND, selectionActions } from './selectionActions';
import { ServerContext, readSettings } from './context';
import { DiagnosticsPublisher } from './diagnostics';
import * as features from './features';
import { uriToPath } from './paths';
import { Workspace } from './workspace';
import { workspaceSymbols } from './workspaceSymbols';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let ctx: ServerContext | undefined;
  const disk = new DiskFiles(() => ctx?.settings.maxArticleBytes ?? Number.MAX_SAFE_INTEGER);
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

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    resolvesEdits = resolvesCodeActionEdits(params.capabilities);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    context.roots = folders.flatMap((uri) => uriToPath(uri) ?? []);
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    cacheDirectory = typeof options.cacheDirectory === 'string' && options.cacheDirectory ? options.cacheDirectory : defaultCacheDirectory();
    return { capabilities: capabilities(), serverInfo: { name: 'marginalia-language-server', version: '0.1.0' } };
  });
  connection.onInitialized(() => void pullSettings().then(buildIndex));

  async function buildIndex(): Promise<void> {
    try {
      const stats: IndexedParams = await index.build(context.roots, context.settings.maxArticleBytes, cacheFileFor(cacheDirectory, context.roots));
      connection.console.info(`Marginalia: indexed ${stats.sidecars} sidecars in ${Math.round(stats.ms)} ms (${stats.parsed} parsed, the rest unchanged since the last session; ${stats.workers || 'no'} worker threads).`);
      // Open articles may now pair with sidecars elsewhere that name them.
      diagnostics.refreshAll();
      void connection.sendNotification(INDEXED_NOTIFICATION, stats);
    } catch (error) {
      connection.console.error(`Marginalia: indexing the workspace failed: ${(error as Error).stack ?? error}`);
    }
  }

  async function pullSettings(): Promise<void> {
    if (!canPullConfiguration) return;
    try {
      const raw: unknown = await connection.workspace.getConfiguration('marginalia');
      context.updateSettings(readSettings(raw));
      diagnostics.refreshAll();
    } catch (error) {
      connection.console.warn(`Marginalia: could not read settings, using defaults: ${(error as Error).message}`);
    }
  }

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { marginalia?: unknown } | undefined)?.marginalia;
    if (pushed !== undefined) {
      context.updateSettings(readSettings(pushed));
      diagnostics.refreshAll();
    } else void pullSettings();
  });

  documents.onDidOpen((e) => {
    diagnostics.resend(e.document.uri);
    const filePath = workspace.opened(e.document.uri);
    if (filePath) index.invalidate(filePath);
    schedule(filePath);
  });
  documents.onDidChangeContent((e) => {
    const filePath = uriToPath(e.document.uri);
    if (filePath && isSidecarPath(filePath)) index.invalidate(filePath);
    schedule(filePath);
  });
  documents.onDidClose((e) => {
    // The buffer's unsaved text is gone: the disk decides again.
    const filePath = workspace.closed(e.document.uri);
    if (filePath) index.invalidate(filePath);
    schedule(filePath);
  });
  documents.onDidSave((e) => void refreshDriftedQuotes(context, connection, e.document.uri).catch((error: Error) => connection.console.error(`Marginalia: ${error.message}`)));
  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      const filePath = uriToPath(change.uri);
      if (!filePath) continue;
      workspace.changedOnDisk(filePath);
      index.invalidate(filePath);
      schedule(filePath);
    }
  });

  function schedule(filePath: string | undefined): void {
    if (filePath) diagnostics.schedule(filePath);
  }

  connection.onHover((p) => guard(() => features.hover(context, p.textDocument.uri, p.position), null));
  connection.onDefinition((p) => guard(() => features.definition(context, p.textDocument.uri, p.position), []));
  connection.onReferences((p) => guard(() => features.references(context, p.textDocument.uri, p.position, p.context.includeDeclaration), []));
  connection.onDocumentHighlight((p) => guard(() => features.documentHighlight(context, p.textDocument.uri, p.position), []));
  connection.onDocumentSymbol((p) => guard(() => features.documentSymbols(context, p.textDocument.uri), []));
  connection.onCompletion((p) => guard(() => features.completion(context, p.textDocument.uri, p.position), []));
  connection.onCodeAction((p) => guard(() => [...codeActions(context, p, resolvesEdits), ...selectionActions(p)], []));
  connection.onCodeActionResolve((action) => guard(() => resolveCodeAction(context, action), action));
  connection.onCodeLens((p) => guard(() => codeLenses(context, p.textDocument.uri), []));
  connection.onPrepareRename((p) => guard(() => prepareRename(context, p.textDocument.uri, p.position), null));
  connection.onRenameRequest((p) => guardAsync(() => rename(context, index, p.textDocument.uri, p.position, p.newName), null));
  connection.onWorkspaceSymbol((p) => guardAsync(() => workspaceSymbols(index, workspace, p.query), []));
  connection.onRequest(SIDECAR_INFO_REQUEST, (p: { uri: string }) => guard(() => sidecarInfo(context, p.uri), null));
  connection.onRequest(ARTICLE_OUTLINE_REQUEST, (p: { uri: string }) => guard(() => articleOutline(context, p.uri), null));
  connection.onExecuteCommand(async (p) => {
    const arg = p.arguments?.[0];
    if (p.command === SERVER_COMMANDS.addNewSource && arg) return addNewSource(context, connection, arg as AddNewSourceArgs);
    if (p.command === SERVER_COMMANDS.annotate && arg) {
      const result = await annotate(context, connection, arg as AnnotateArgs);
      if (!result.applied && result.message) void connection.window.showWarningMessage(`Marginalia: ${result.message}`);
      return result;
    }
    return null;
  });

  /** A failing handler logs and answers empty: the server keeps answering. */
  function guard<T>(handler: () => T, empty: T): T {
    try {
      return handler();
    } catch (error) {
      connection.console.error(`Marginalia: ${(error as Error).stack ?? error}`);
      return empty;
    }
  }

  async function guardAsync<T>(handler: () => Promise<T>, empty: T): Promise<T> {
    try {
      return await handler();
    } catch (error) {
      connection.console.error(`Marginalia: ${(error as Error).stack ?? error}`);
      return empty;
    }
  }

  documents.listen(connection);
  connection.listen();
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
    renameProvider: { prepareProvider: true },
    workspaceSymbolProvider: true,
    executeCommandProvider: { commands: [SERVER_COMMANDS.addNewSource, SERVER_COMMANDS.annotate] },
  };
}
