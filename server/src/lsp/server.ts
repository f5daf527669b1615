// Wires the LSP connection to the handlers. No analysis here.
import { TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiskFiles } from '../node/diskFiles';
import { SERVER_COMMANDS, type AddNewSourceArgs } from '../protocol';
import { addNewSource, codeActions } from './codeActions';
import { ServerContext, readSettings } from './context';
import { DiagnosticsPublisher } from './diagnostics';
import * as features from './features';
import { uriToPath } from './paths';
import { Workspace } from './workspace';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let ctx: ServerContext | undefined;
  const disk = new DiskFiles(() => ctx?.settings.maxArticleBytes ?? Number.MAX_SAFE_INTEGER);
  const workspace = new Workspace(documents, disk);
  ctx = new ServerContext(connection, workspace);
  const context = ctx;
  const diagnostics = new DiagnosticsPublisher(context);
  let canPullConfiguration = false;

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    return { capabilities: capabilities(), serverInfo: { name: 'marginalia-language-server', version: '0.1.0' } };
  });
  connection.onInitialized(() => void pullSettings());

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

  documents.onDidOpen((e) => schedule(workspace.opened(e.document.uri)));
  documents.onDidChangeContent((e) => schedule(uriToPath(e.document.uri)));
  documents.onDidClose((e) => schedule(workspace.closed(e.document.uri)));
  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      const filePath = uriToPath(change.uri);
      if (!filePath) continue;
      workspace.changedOnDisk(filePath);
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
  connection.onCodeAction((p) => guard(() => codeActions(context, p), []));
  connection.onExecuteCommand(async (p) => {
    if (p.command === SERVER_COMMANDS.addNewSource && p.arguments?.[0]) return addNewSource(context, connection, p.arguments[0] as AddNewSourceArgs);
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

  documents.listen(connection);
  connection.listen();
}

function capabilities(): InitializeResult['capabilities'] {
  return {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    documentHighlightProvider: true,
    documentSymbolProvider: true,
    completionProvider: { triggerCharacters: [' ', '[', ',', ':'] },
    codeActionProvider: { codeActionKinds: ['quickfix'] },
    executeCommandProvider: { commands: [SERVER_COMMANDS.addNewSource] },
  };
}
