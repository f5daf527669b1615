// .marginalia.yaml in the editor: the server reads the same configuration as
// `marginalia check`; a VS Code setting the user changed wins over it.
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
const SIDECAR = 'claims:\n  - quote: Kabul fell\n  - quote: not in the article\n';
const ERROR = 1;
const WARNING = 2;

async function diagnosticsWith(config: string, settings: Record<string, unknown>, unsourcedSeverity: number): Promise<{ article: { code: string; severity: number }[]; sidecar: { code: string; severity: number }[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-projconf-'));
  fs.writeFileSync(path.join(dir, '.marginalia.yaml'), config);
  fs.writeFileSync(path.join(dir, 'story.txt'), ARTICLE);
  fs.writeFileSync(path.join(dir, 'story.annotations.yaml'), SIDECAR);
  const client = new LspClient();
  clients.push(client);
  client.settings = settings;
  await client.initialize(dir);
  const uri = uriOf(path.join(dir, 'story.txt'));
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: ARTICLE } });
  // The settings arrive after the first analysis may have been published: wait for the state they lead to.
  const article = await client.diagnosticsWhere(uri, (d) => d.some((x: { code: string; severity: number }) => x.code === 'unsourced-claim' && x.severity === unsourcedSeverity));
  const sidecar = await client.diagnosticsWhere(uriOf(path.join(dir, 'story.annotations.yaml')), (d) => d.length > 0);
  return { article, sidecar };
}

test('the server applies .marginalia.yaml severities; a changed VS Code setting overrides the file', async () => {
  const config = 'severity:\n  unsourced-claim: error\n  orphaned-annotation: error\n';
  const fromFile = await diagnosticsWith(config, {}, ERROR);
  assert.equal(fromFile.article.find((d) => d.code === 'unsourced-claim')?.severity, ERROR);
  assert.equal(fromFile.sidecar.find((d) => d.code === 'orphaned-annotation')?.severity, ERROR);
  const userSetting = await diagnosticsWith(config, { unsourcedClaimSeverity: 'information' }, 3);
  assert.equal(userSetting.article.find((d) => d.code === 'unsourced-claim')?.severity, 3);
  assert.equal(userSetting.sidecar.find((d) => d.code === 'orphaned-annotation')?.severity, ERROR);
  const none = await diagnosticsWith('', {}, WARNING);
  assert.equal(none.article.find((d) => d.code === 'unsourced-claim')?.severity, WARNING);
});

test('a change to .marginalia.yaml (as the client watches it) applies at once', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-projconf-'));
  fs.writeFileSync(path.join(dir, 'story.txt'), ARTICLE);
  fs.writeFileSync(path.join(dir, 'story.annotations.yaml'), SIDECAR);
  const client = new LspClient();
  clients.push(client);
  await client.initialize(dir);
  const uri = uriOf(path.join(dir, 'story.txt'));
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: ARTICLE } });
  await client.diagnosticsWhere(uri, (d) => d.some((x: { code: string; severity: number }) => x.code === 'unsourced-claim' && x.severity === WARNING));
  const config = path.join(dir, '.marginalia.yaml');
  fs.writeFileSync(config, 'severity:\n  unsourced-claim: error\n');
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 1 }] });
  await client.diagnosticsWhere(uri, (d) => d.some((x: { code: string; severity: number }) => x.code === 'unsourced-claim' && x.severity === ERROR));
  fs.writeFileSync(config, 'severity:\n  unsourced-claim: off\n');
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 2 }] });
  await client.diagnosticsWhere(uri, (d) => !d.some((x: { code: string }) => x.code === 'unsourced-claim'));
});
