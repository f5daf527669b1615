// The VS Code side: starts the language server, shows the unsourced-claim
// count in the status bar, and prompts for what a server command needs.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, type InitializationOptions, type StatusParams } from '../../server/src/protocol';
import { registerAnnotateCommands } from './annotate';
import { registerCommands } from './commands';
import { ArticleOutlineProvider } from './outlineTree';
import { registerReviewCommand } from './reviewMentions';
import { ClaimStatusBar } from './statusBar';
import { openPendingSample, registerSampleCommand } from './sample';
import { runWaitingCommandOnTrust } from './trust';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Marginalia', { log: true });
  client = createClient(context, output);
  const statusBar = new ClaimStatusBar();
  const outline = new ArticleOutlineProvider(() => client);
  context.subscriptions.push(output, statusBar, ...registerCommands(() => client, output), ...registerAnnotateCommands(() => client));
  context.subscriptions.push(vscode.window.registerTreeDataProvider('marginalia.articleOutline', outline));
  context.subscriptions.push(registerReviewCommand(() => client), runWaitingCommandOnTrust(), registerSampleCommand(context));
  // The walkthrough's sample, copied just before this window opened its folder.
  openPendingSample(context).catch((error: Error) => output.error(`opening the sample: ${error.message}`));
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      statusBar.show(editor);
      void outline.refresh(editor);
    }),
  );
  client.onNotification(STATUS_NOTIFICATION, (status: StatusParams) => {
    statusBar.update(status, vscode.window.activeTextEditor);
    void outline.refresh();
  });
  await client.start();
  await vscode.commands.executeCommand('setContext', 'marginalia.active', true);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', pattern: '**/*.annotations.yaml' },
    ],
    synchronize: {
      configurationSection: 'marginalia',
      // .marginalia.yaml too: the server reads the project configuration again when it changes.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.annotations.yaml,*.md,*.markdown,*.txt,.marginalia.yaml}'),
    },
    outputChannel: output,
    initializationOptions: { cacheDirectory: context.storageUri?.fsPath } satisfies InitializationOptions,
  };
  return new LanguageClient('marginalia', 'Marginalia', serverOptions, clientOptions);
}
