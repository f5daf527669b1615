// Annotations follow the article as it is edited in the editor (incremental
// changes), and drifted quotes can be refreshed on save.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, applyTextEdits, uriOf } from './lspClient';

let dir: string;
let client: LspClient;
const ARTICLE = 'Title\n\nKabul fel on 15 August. The valley held.\n';
const SIDECAR = '# keep me\nclaims:\n  - quote: Kabul fel on 15 August   # as first published\n';

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-tracking-'));
  fs.writeFileSync(path.join(dir, 'a.txt'), ARTICLE);
  fs.writeFileSync(path.join(dir, 'a.annotations.yaml'), SIDECAR);
  client = new LspClient();
  await client.initialize(dir);
});

after(async () => {
  await client.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
});

const uri = (): string => uriOf(path.join(dir, 'a.txt'));
const change = (version: number, line: number, character: number, endCharacter: number, text: string): void =>
  client.notify('textDocument/didChange', { textDocument: { uri: uri(), version }, contentChanges: [{ range: { start: { line, character }, end: { line, character: endCharacter } }, text }] });

test('the flagged claim moves with the text as the user types, and a fixed typo makes it drifted', async () => {
  client.notify('textDocument/didOpen', { textDocument: { uri: uri(), languageId: 'plaintext', version: 1, text: ARTICLE } });
  const first = await client.diagnosticsWhere(uri(), (ds) => ds.some((d) => d.code === 'unsourced-claim'));
  assert.deepEqual(first.find((d: any) => d.code === 'unsourced-claim').range.start, { line: 2, character: 0 });
  change(2, 2, 0, 0, 'Breaking: ');
  const moved = await client.diagnosticsWhere(uri(), (ds) => ds.some((d) => d.code === 'unsourced-claim' && d.range.start.character === 10));
  assert.deepEqual(moved.find((d: any) => d.code === 'unsourced-claim').range, { start: { line: 2, character: 10 }, end: { line: 2, character: 32 } });
  change(3, 2, 19, 19, 'l');
  const drifted = await client.diagnosticsWhere(uri(), (ds) => ds.some((d) => d.code === 'drifted-annotation'));
  const flagged = drifted.find((d: any) => d.code === 'unsourced-claim');
  assert.deepEqual(flagged.range, { start: { line: 2, character: 10 }, end: { line: 2, character: 33 } }, 'still flagged, on the corrected text');
});

test('on save, the drifted quote is rewritten to the current text when the setting is on', async () => {
  // As VS Code does: the new values pushed, and the same answered when the server asks per folder.
  client.settings = { refreshDriftedQuotesOnSave: true };
  client.notify('workspace/didChangeConfiguration', { settings: { marginalia: client.settings } });
  const count = client.appliedEdits.length;
  client.notify('textDocument/didSave', { textDocument: { uri: uri() } });
  const deadline = Date.now() + 5000;
  while (client.appliedEdits.length === count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const edit = client.appliedEdits.at(-1);
  const updated = applyTextEdits(SIDECAR, edit.changes[uriOf(path.join(dir, 'a.annotations.yaml'))]);
  assert.equal(updated, '# keep me\nclaims:\n  - quote: Kabul fell on 15 August   # as first published\n');
});
