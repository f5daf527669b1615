// Settings per workspace folder: the server asks for each folder's settings
// (workspace/configuration with its scopeUri), a document takes its folder's,
// each folder reads its own .marginalia.yaml, and a settings change is pulled
// again for every folder.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, uriOf } from './lspClient';

const clients: LspClient[] = [];
after(async () => {
  for (const c of clients) await c.shutdown();
});

const ARTICLE = 'Kabul fell.\n\nAna Varga spoke.\n';
const SIDECAR = 'claims:\n  - quote: Kabul fell\n';
const [ERROR, WARNING, INFORMATION, HINT] = [1, 2, 3, 4];

/** A parent folder (a repository: .marginalia.yaml is not looked for above it) with folders `a` and `b`, each with one article and its sidecar. */
function twoFolders(configOfB?: string): { a: string; b: string } {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-folders-'));
  fs.mkdirSync(path.join(parent, '.git'));
  const folders = { a: path.join(parent, 'a'), b: path.join(parent, 'b') };
  for (const folder of Object.values(folders)) {
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'story.txt'), ARTICLE);
    fs.writeFileSync(path.join(folder, 'story.annotations.yaml'), SIDECAR);
  }
  if (configOfB !== undefined) fs.writeFileSync(path.join(folders.b, '.marginalia.yaml'), configOfB);
  return folders;
}

async function started(folders: { a: string; b: string }, configure: (client: LspClient) => void): Promise<{ client: LspClient; uriA: string; uriB: string }> {
  const client = new LspClient();
  clients.push(client);
  configure(client);
  await client.initialize(folders.a, undefined, { folders: [folders.a, folders.b] });
  const [uriA, uriB] = [folders.a, folders.b].map((f) => uriOf(path.join(f, 'story.txt'))) as [string, string];
  for (const uri of [uriA, uriB]) client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: ARTICLE } });
  return { client, uriA, uriB };
}

const unsourcedIs = (severity: number) => (diagnostics: { code: string; severity: number }[]) => diagnostics.some((d) => d.code === 'unsourced-claim' && d.severity === severity);

test('two folders whose settings differ: each article gets its folder’s severity; a change is pulled again per folder', { timeout: 30_000 }, async () => {
  const folders = twoFolders();
  const { client, uriA, uriB } = await started(folders, (c) => {
    c.folderSettings = { [uriOf(folders.a)]: { unsourcedClaimSeverity: 'error' }, [uriOf(folders.b)]: { unsourcedClaimSeverity: 'hint' } };
  });
  await client.diagnosticsWhere(uriA, unsourcedIs(ERROR));
  await client.diagnosticsWhere(uriB, unsourcedIs(HINT));
  // The sidecars follow their folders too.
  await client.diagnosticsWhere(uriOf(path.join(folders.b, 'story.annotations.yaml')), unsourcedIs(HINT));

  client.folderSettings = { [uriOf(folders.a)]: { unsourcedClaimSeverity: 'information' } };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  await client.diagnosticsWhere(uriA, unsourcedIs(INFORMATION));
  await client.diagnosticsWhere(uriB, unsourcedIs(WARNING), 10_000);

  // VS Code's client pushes the window's values; the folder's own still win once asked for.
  client.settings = { unsourcedClaimSeverity: 'error' };
  client.folderSettings = { [uriOf(folders.a)]: { unsourcedClaimSeverity: 'hint' } };
  client.notify('workspace/didChangeConfiguration', { settings: { marginalia: client.settings } });
  await client.diagnosticsWhere(uriB, unsourcedIs(ERROR));
  await client.diagnosticsWhere(uriA, unsourcedIs(HINT));
});

test('each folder reads its own .marginalia.yaml; a folder’s own setting still wins over its file', { timeout: 30_000 }, async () => {
  const folders = twoFolders('severity:\n  unsourced-claim: error\n');
  const { client, uriA, uriB } = await started(folders, () => {});
  await client.diagnosticsWhere(uriA, unsourcedIs(WARNING));
  await client.diagnosticsWhere(uriB, unsourcedIs(ERROR));

  client.folderSettings = { [uriOf(folders.b)]: { unsourcedClaimSeverity: 'information' } };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  await client.diagnosticsWhere(uriB, unsourcedIs(INFORMATION));
  assert.ok(unsourcedIs(WARNING)(client.latestDiagnostics(uriA) ?? []), 'folder a keeps the default');
});
