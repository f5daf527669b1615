// Client commands: what needs the user's input before the server can act.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS, SERVER_COMMANDS, type AddNewSourceArgs } from '../../server/src/protocol';
import { whenTrusted } from './trust';

export function registerCommands(client: () => LanguageClient | undefined, output: vscode.OutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CLIENT_COMMANDS.promptNewSource, whenTrusted('adding a source (it writes the sidecar)', (args: { sidecarUri: string; claimIndex: number }) => promptNewSource(client(), args))),
    vscode.commands.registerCommand(CLIENT_COMMANDS.showOutput, () => output.show()),
    vscode.commands.registerCommand(CLIENT_COMMANDS.restartServer, () => client()?.restart()),
  ];
}

async function promptNewSource(client: LanguageClient | undefined, args: { sidecarUri: string; claimIndex: number } | undefined): Promise<void> {
  if (!client || !args) {
    void vscode.window.showInformationMessage('Marginalia: use “Add a new source…” from the quick fixes of an unsourced claim.');
    return;
  }
  const title = await vscode.window.showInputBox({
    title: 'New source (1/2)',
    prompt: 'Title of the source',
    placeHolder: 'e.g. Ahmad Massoud: “Peace does not mean to surrender” (Foreign Policy)',
    validateInput: (value) => (value.trim() === '' ? 'A source needs a title.' : undefined),
  });
  if (title === undefined) return;
  const url = await vscode.window.showInputBox({
    title: 'New source (2/2)',
    prompt: 'URL of the source (optional)',
    placeHolder: 'https://…',
    validateInput: (value) => (value.trim() === '' || /^https?:\/\/\S+$/i.test(value.trim()) ? undefined : 'Enter an http(s) URL, or leave it empty.'),
  });
  if (url === undefined) return;
  const commandArgs: AddNewSourceArgs = { sidecarUri: args.sidecarUri, claimIndex: args.claimIndex, title: title.trim(), url: url.trim() || undefined };
  const applied = await client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMANDS.addNewSource, arguments: [commandArgs] });
  if (applied !== true) void vscode.window.showWarningMessage('Marginalia: the source could not be added (is the sidecar valid YAML?).');
}
