// Bad input gets a clear diagnostic, never a crash, and the server keeps answering.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, applyTextEdits, positionOf, uriOf } from './lspClient';

let dir: string;
let client: LspClient;
const file = (name: string): string => path.join(dir, name);

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-bad-'));
  client = new LspClient();
  await client.initialize(dir);
});

after(async () => {
  await client.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
});

function openText(name: string, text: string, languageId = 'yaml'): Promise<any[]> {
  fs.writeFileSync(file(name), text);
  const uri = uriOf(file(name));
  const diagnostics = client.nextDiagnostics(uri);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  return diagnostics;
}

async function stillAnswers(): Promise<void> {
  const result = await client.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere.txt' }, position: { line: 0, character: 0 } });
  assert.equal(result, null);
  assert.equal(client.exitCode, null, `the server is alive; stderr: ${client.stderr}`);
}

test('a sidecar with no article says what it expected', async () => {
  const diagnostics = await openText('lonely.annotations.yaml', 'claims: []\n');
  assert.equal(diagnostics[0].code, 'missing-article');
  assert.match(diagnostics[0].message, /expected lonely\.md, lonely\.markdown, lonely\.txt beside it/);
  await stillAnswers();
});

test('a binary article is reported on its sidecar', async () => {
  fs.writeFileSync(file('photo.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]));
  const diagnostics = await openText('photo.annotations.yaml', 'claims:\n  - quote: x\n');
  assert.equal(diagnostics[0].code, 'unreadable-article');
  assert.match(diagnostics[0].message, /looks like a binary file/);
  await stillAnswers();
});

test('wrong types everywhere give schema diagnostics, not a crash', async () => {
  fs.writeFileSync(file('types.txt'), 'Some text.');
  const diagnostics = await openText('types.annotations.yaml', 'sources: [1, 2]\nentities: 7\nclaims:\n  - 3\n  - quote: [x]\n    occurrence: -1\nmentions: {a: b}\nnotes: true\nextra: 1\n');
  assert.ok(diagnostics.length >= 6, JSON.stringify(diagnostics.map((d) => d.message)));
  assert.ok(diagnostics.every((d) => d.code === 'schema'));
  await stillAnswers();
});

test('hostile strings stay text in hover cards', async () => {
  fs.writeFileSync(file('evil.txt'), 'Meet Mallory today.');
  await openText('evil.annotations.yaml', 'entities:\n  m:\n    name: Mallory\n    type: person\n    description: "[run](command:workbench.action.terminal.new) <script>alert(1)</script>"\n    links: ["command:evil", "javascript:alert(1)"]\n');
  const result = await client.request('textDocument/hover', { textDocument: { uri: uriOf(file('evil.txt')) }, position: { line: 0, character: 6 } });
  assert.ok(result, 'hover on the mention');
  assert.doesNotMatch(result.contents.value, /\]\((command|javascript):/);
  assert.doesNotMatch(result.contents.value, /(^|[^\\])<script>/);
});

test('a 20 MB article is analysed and the server keeps answering', async () => {
  const paragraph = 'Ahmad Shah Massoud led the Northern Alliance. Massoud was killed in 2001. ';
  fs.writeFileSync(file('huge.txt'), paragraph.repeat(Math.ceil(20e6 / paragraph.length)) + '\n\nThe end is near.');
  const diagnostics = await openText('huge.annotations.yaml', 'entities:\n  f: {name: Ahmad Shah Massoud, type: person, aliases: [Massoud]}\nclaims:\n  - quote: The end is near\n', 'yaml');
  assert.ok(diagnostics.some((d) => d.code === 'unsourced-claim'));
  await stillAnswers();
});

test('an ambiguous mention is pinned by its quick fix', async () => {
  const article = 'Ahmad Massoud and Ahmad Shah Massoud.\n\nMassoud spoke.';
  fs.writeFileSync(file('pin.txt'), article);
  const sidecar = 'entities:\n  son: {name: Ahmad Massoud, type: person, aliases: [Massoud]}\n  father: {name: Ahmad Shah Massoud, type: person, aliases: [Massoud]}\n';
  fs.writeFileSync(file('pin.annotations.yaml'), sidecar);
  const uri = uriOf(file('pin.txt'));
  const diagnostics = client.nextDiagnostics(uri);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: article } });
  const ambiguous = (await diagnostics).find((d: any) => d.code === 'ambiguous-mention');
  assert.ok(ambiguous);
  assert.deepEqual(ambiguous.range.start, positionOf(article, 'Massoud spoke'));
  const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: ambiguous.range, context: { diagnostics: [ambiguous] } });
  const pin = actions.find((a: any) => a.title === 'Pin “Massoud” here to Ahmad Shah Massoud');
  assert.ok(pin, actions.map((a: any) => a.title).join(' | '));
  const updated = applyTextEdits(sidecar, pin.edit.changes[uriOf(file('pin.annotations.yaml'))]);
  assert.ok(updated.startsWith(sidecar));
  fs.writeFileSync(file('pin.annotations.yaml'), updated);
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file('pin.annotations.yaml')), type: 2 }] });
  await client.diagnosticsWhere(uri, (ds) => !ds.some((d) => d.code === 'ambiguous-mention'));
  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(article, 'Massoud spoke', 1, 2) });
  assert.match(hover.contents.value, /\*\*Ahmad Shah Massoud\*\*/);
  assert.match(hover.contents.value, /pinned in the sidecar/);
});
