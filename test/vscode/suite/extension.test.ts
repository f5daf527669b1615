// What a user sees in VS Code, checked through VS Code's own API: the
// extension's diagnostics, hovers, definitions and quick fixes on a sample.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

type Test = readonly [string, () => Promise<void>];

const ARTICLE = 'support-ahmad-massoud.txt';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Polls until `check` returns a value, instead of sleeping. */
async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function openArticle(): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(ARTICLE));
  await vscode.window.showTextDocument(document);
  return document;
}

function positionOf(document: vscode.TextDocument, needle: string, delta = 1): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} is in the article`);
  return document.positionAt(offset + delta);
}

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

export const tests: Test[] = [
  [
    'the article gets unsourced-claim diagnostics',
    async () => {
      const document = await openArticle();
      await eventually(() => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'unsourced-claim'), 'an unsourced-claim diagnostic');
    },
  ],
  [
    'hovering the father and the son shows each one’s card',
    async () => {
      const document = await openArticle();
      const father = await eventually(async () => {
        const text = await hoverText(document, positionOf(document, 'Massoud warned'));
        return text.includes('Ahmad Shah Massoud') ? text : undefined;
      }, 'the father’s hover card');
      assert.match(father, /person/);
      const son = await hoverText(document, positionOf(document, 'Massoud for more than a decade'));
      assert.match(son, /\*\*Ahmad Massoud\*\*/);
    },
  ],
  [
    'go to definition from a mention lands in the sidecar',
    async () => {
      const document = await openArticle();
      const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, positionOf(document, 'Ahmad Shah Massoud'));
      const uri = locations.map((l) => ('targetUri' in l ? l.targetUri : l.uri))[0];
      assert.ok(uri?.path.endsWith('support-ahmad-massoud.annotations.yaml'), String(uri));
    },
  ],
  [
    'an unsourced claim offers “Mark as opinion”, and applying it clears the diagnostic',
    async () => {
      const document = await openArticle();
      const diagnostic = await eventually(() => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'unsourced-claim'), 'an unsourced claim');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const opinion = actions.find((a) => a.title === 'Mark as opinion');
      assert.ok(opinion?.edit, actions.map((a) => a.title).join(' | '));
      const before = vscode.languages.getDiagnostics(document.uri).filter((d) => d.code === 'unsourced-claim').length;
      assert.ok(await vscode.workspace.applyEdit(opinion.edit));
      await eventually(() => vscode.languages.getDiagnostics(document.uri).filter((d) => d.code === 'unsourced-claim').length === before - 1 || undefined, 'one fewer unsourced claim');
    },
  ],
];
