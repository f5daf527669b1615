// The real server on a copy of the samples, as a user meets them.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, REPO, applyTextEdits, positionOf, uriOf } from './lspClient';

let dir: string;
let client: LspClient;
const file = (name: string): string => path.join(dir, name);
const ARTICLE = 'support-ahmad-massoud.txt';
const SIDECAR = 'support-ahmad-massoud.annotations.yaml';

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-samples-'));
  fs.cpSync(path.join(REPO, 'samples'), dir, { recursive: true });
  client = new LspClient();
  await client.initialize(dir);
});

after(async () => {
  await client.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function openFile(name: string, languageId: string): Promise<any[]> {
  const uri = uriOf(file(name));
  const diagnostics = client.nextDiagnostics(uri);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: fs.readFileSync(file(name), 'utf8') } });
  return diagnostics;
}

const hover = (name: string, position: { line: number; character: number }): Promise<any> => client.request('textDocument/hover', { textDocument: { uri: uriOf(file(name)) }, position });

test('the sample article: father and son in the same article get the right cards', async () => {
  const text = fs.readFileSync(file(ARTICLE), 'utf8');
  const diagnostics = await openFile(ARTICLE, 'plaintext');
  assert.ok(diagnostics.filter((d) => d.code === 'unsourced-claim').length >= 5);
  const father = await hover(ARTICLE, positionOf(text, 'Massoud warned', 1, 3));
  assert.match(father.contents.value, /\*\*Ahmad Shah Massoud\*\*/);
  assert.match(father.contents.value, /_Decided by “Ahmad Shah Massoud” in the sentence before, as its subject/);
  const son = await hover(ARTICLE, positionOf(text, 'younger Massoud', 1, 10));
  assert.match(son.contents.value, /\*\*Ahmad Massoud\*\*/);
  assert.match(son.contents.value, /_Decided by “the younger” before the name/);
});

test('the status notification counts the unsourced claims', async () => {
  const status = await client.waitFor((n) => n.method === 'marginalia/status' && n.params.uri === uriOf(file(ARTICLE)));
  assert.equal(status.params.sidecarUri, uriOf(file(SIDECAR)));
  assert.ok(status.params.unsourced >= 5 && status.params.unsourced < status.params.claims);
});

test('the drifted note is updated to the current text by its quick fix', async () => {
  const sidecarText = fs.readFileSync(file(SIDECAR), 'utf8');
  const diagnostics = await openFile(SIDECAR, 'yaml');
  const drifted = diagnostics.find((d) => d.code === 'drifted-annotation');
  assert.ok(drifted, JSON.stringify(diagnostics.map((d) => d.code)));
  assert.equal(drifted.severity, 3);
  const actions = await client.request('textDocument/codeAction', { textDocument: { uri: uriOf(file(SIDECAR)) }, range: drifted.range, context: { diagnostics: [drifted] } });
  const update = actions.find((a: any) => a.title.startsWith('Update the quote to the current text'));
  assert.ok(update, actions.map((a: any) => a.title).join(' | '));
  const updated = applyTextEdits(sidecarText, update.edit.changes[uriOf(file(SIDECAR))]);
  assert.match(updated, /quote: Massoud’s ancestral home in the Panjshir Valley\n/);
  client.notify('textDocument/didChange', { textDocument: { uri: uriOf(file(SIDECAR)), version: 2 }, contentChanges: [{ text: updated }] });
  await client.diagnosticsWhere(uriOf(file(SIDECAR)), (ds) => !ds.some((d) => d.code === 'drifted-annotation'));
});

test('an orphaned quote is re-anchored to the closest text by its quick fix', async () => {
  const uri = uriOf(file(SIDECAR));
  const text = fs.readFileSync(file(SIDECAR), 'utf8').replace(/\n$/, '') + '\n  - quote: Prestigious Sandhurst Military Academy, Royal\n    text: rewritten\n';
  client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
  const diagnostics = await client.diagnosticsWhere(uri, (ds) => ds.some((d) => d.code === 'orphaned-annotation'));
  const orphan = diagnostics.find((d: any) => d.code === 'orphaned-annotation');
  assert.match(orphan.message, /Closest text: “prestigious Sandhurst Royal Military Academy/);
  const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: orphan.range, context: { diagnostics: [orphan] } });
  const reanchor = actions.find((a: any) => a.title.startsWith('Re-anchor to the closest text'));
  assert.ok(reanchor, actions.map((a: any) => a.title).join(' | '));
  const updated = applyTextEdits(text, reanchor.edit.changes[uri]);
  client.notify('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text: updated }] });
  await client.diagnosticsWhere(uri, (ds) => !ds.some((d) => d.code === 'orphaned-annotation'));
});

test('“Add a new source…” runs the server command, which sends one edit that sources the claim', async () => {
  const uri = uriOf(file(SIDECAR));
  const before = client.appliedEdits.length;
  const applied = await client.request('workspace/executeCommand', { command: 'marginalia.server.addNewSource', arguments: [{ sidecarUri: uri, claimIndex: 0, title: 'Reuters: Taliban enter Panjshir', url: 'https://example.org/reuters' }] });
  assert.equal(applied, true);
  assert.equal(client.appliedEdits.length, before + 1);
  const edits = client.appliedEdits.at(-1).changes[uri];
  assert.equal(edits.length, 1, 'one edit: one undo');
  const textBefore = fs.readFileSync(file(SIDECAR), 'utf8').replace("quote: Massoud's ancestral home in the Panjshir Vally", 'quote: Massoud’s ancestral home in the Panjshir Valley') + '  - quote: prestigious Sandhurst Royal Military Academy and\n    text: rewritten\n';
  const after = applyTextEdits(textBefore, edits);
  assert.match(after, /  reuters-taliban-enter-panjshir:\n    title: "Reuters: Taliban enter Panjshir"\n    url: https:\/\/example.org\/reuters\n/);
  assert.match(after, /  - id: towns-fallen\n    quote: Although some of the towns of Panjshir have fallen to the Taliban\n    sources: \[reuters-taliban-enter-panjshir\]\n/);
  assert.ok(after.startsWith(textBefore.slice(0, textBefore.indexOf('sources:'))), 'the header comment is kept');
});

test('completion in the sidecar offers the source ids after sources: [', async () => {
  const uri = uriOf(file(SIDECAR));
  const text = fs.readFileSync(file(SIDECAR), 'utf8').replace('  - id: towns-fallen\n', '  - id: towns-fallen\n    sources: [\n');
  client.notify('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text }] });
  const items = await client.request('textDocument/completion', { textDocument: { uri }, position: positionOf(text, 'sources: [\n', 1, 'sources: ['.length) });
  const labels = items.map((i: any) => i.label);
  assert.deepEqual(labels.sort(), ['911-commission', 'ps-alam-2021', 'wikipedia-ahmad-massoud', 'wikipedia-taliban']);
});

test('document symbols outline the sidecar', async () => {
  const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: uriOf(file('who-is-ahmad-massoud.annotations.yaml')) } });
  assert.deepEqual(symbols.map((s: any) => s.name), ['sources', 'entities', 'claims', 'notes']);
});
