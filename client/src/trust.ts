// Restricted Mode: in a folder the user has not trusted, Marginalia reads
// (hover, diagnostics, navigation, outline all work) but its commands that
// write files wait for trust. A command run before then says so, offers to
// manage trust, and runs once trust is granted in this window.
import * as vscode from 'vscode';

type Command = (...args: never[]) => unknown;

/** The one command waiting for trust: a newer request replaces it (the user asked for that one last). */
let waiting: { readonly run: () => unknown } | undefined;

/** Runs the waiting command when the folder is trusted; dispose on deactivation. */
export function runWaitingCommandOnTrust(): vscode.Disposable {
  return vscode.workspace.onDidGrantWorkspaceTrust(() => {
    const next = waiting;
    waiting = undefined;
    void next?.run();
  });
}

/** `command`, which writes `what`, held back until the folder is trusted. */
export function whenTrusted<C extends Command>(what: string, command: C): (...args: Parameters<C>) => Promise<void> {
  return async (...args) => {
    if (vscode.workspace.isTrusted) {
      await command(...args);
      return;
    }
    waiting = { run: () => command(...args) };
    const manage = 'Manage Workspace Trust';
    const answer = await vscode.window.showWarningMessage(`Marginalia: ${what} waits until you trust this folder (Restricted Mode only reads).`, manage);
    if (answer === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  };
}
