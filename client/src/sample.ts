// The walkthrough's first step: "Open the sample". Copies the sample article
// and its sidecar into a folder the user picks (or the extension's own
// storage) and opens the article, in this window when the folder is part of
// the workspace, else by opening the folder, after which the article is
// opened on activation. (No trust is needed: the user picks where, and only
// the extension's own files are written.)
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CLIENT_COMMANDS } from '../../server/src/protocol';
import { copySample, isInside, SAMPLE_ARTICLE, SAMPLE_DIRECTORY, SAMPLE_FOLDER_NAME } from './sampleCopy';

/** The article to open once the window has the sample's folder open (set before `vscode.openFolder`). */
const PENDING_KEY = 'marginalia.sampleToOpen';

export function registerSampleCommand(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand(CLIENT_COMMANDS.openSample, () => openSample(context));
}

async function openSample(context: vscode.ExtensionContext): Promise<void> {
  const parent = await chooseParent(context);
  if (!parent) return;
  let folder: string;
  try {
    folder = copySample(context.asAbsolutePath(SAMPLE_DIRECTORY), parent);
  } catch (error) {
    void vscode.window.showErrorMessage(`Marginalia: the sample could not be copied to ${parent}: ${(error as Error).message}`);
    return;
  }
  const article = path.join(folder, SAMPLE_ARTICLE);
  if (isInside(article, workspaceFolders())) {
    await vscode.window.showTextDocument(vscode.Uri.file(article));
    return;
  }
  await context.globalState.update(PENDING_KEY, article);
  // A window that already has folders keeps them: the sample gets a window of its own.
  await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(folder), { forceNewWindow: workspaceFolders().length > 0 });
}

async function chooseParent(context: vscode.ExtensionContext): Promise<string | undefined> {
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'Choose a folder…', detail: `A new folder ${SAMPLE_FOLDER_NAME} is made in it, with the article and its sidecar.`, choose: true },
      { label: 'Keep it with the extension', detail: 'A scratch copy in the extension’s storage folder.', choose: false },
    ],
    { title: 'Marginalia: where to copy the sample' },
  );
  if (!pick) return undefined;
  if (!pick.choose) return context.globalStorageUri.fsPath;
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Copy the Sample Here', defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
  return chosen?.[0]?.fsPath;
}

/** On activation: the sample copied before its folder was opened in this window is opened now. */
export async function openPendingSample(context: vscode.ExtensionContext): Promise<void> {
  const article = context.globalState.get<string>(PENDING_KEY);
  if (!article || !isInside(article, workspaceFolders())) return;
  await context.globalState.update(PENDING_KEY, undefined);
  await vscode.window.showTextDocument(vscode.Uri.file(article));
}

function workspaceFolders(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}
