// The status bar item: the number of unsourced claims of the article (or its
// sidecar) in the active editor, as last reported by the server.
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/protocol';

export class ClaimStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('marginalia.status', vscode.StatusBarAlignment.Left, 50);
  /** Latest status by article URI and by sidecar URI. */
  private readonly byUri = new Map<string, StatusParams>();

  constructor() {
    this.item.name = 'Marginalia claims';
    this.item.command = 'workbench.actions.view.problems';
  }

  update(status: StatusParams, editor: vscode.TextEditor | undefined): void {
    this.byUri.set(status.uri, status);
    this.byUri.set(status.sidecarUri, status);
    this.show(editor);
  }

  show(editor: vscode.TextEditor | undefined): void {
    const status = editor && this.byUri.get(editor.document.uri.toString());
    if (!status) {
      this.item.hide();
      return;
    }
    this.item.text = status.unsourced > 0 ? `$(warning) ${status.unsourced} unsourced` : '$(check) all claims sourced';
    const orphaned = status.orphaned > 0 ? `, ${status.orphaned} not found in the article` : '';
    this.item.tooltip = `Marginalia: ${status.claims} claims, ${status.unsourced} unsourced${orphaned}. Click to open the Problems panel.`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
