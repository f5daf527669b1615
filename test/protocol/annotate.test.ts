// Annotating from the article and renaming ids, through the real server.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { LspClient, applyTextEdits, positionOf, uriOf } from './lspClient';

let dir: string;
let client: LspClient;
const file = (name: string): string => path.join(dir, name);
const ARTICLE = 'Support Ahmad Massoud\n\nMassoud was killed in 2001. The valley held out.\n';

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-annotate-'));
  fs.writeFileSync(file('fresh.txt'), ARTICLE);
  fs.mkdirSync(file('b'));
  fs.writeFileSync(file('a.txt'), ARTICLE);
  fs.writeFileSync(file('a.annotations.yaml'), '# A\nentities:\n  son: {name: Ahmad Massoud, type: person, aliases: [Massoud]}\nclaims:\n  - {quote: The valley held out, attributed-to: son}\n');
  fs.writeFileSync(file('b/b.md'), 'Ahmad Massoud again.');
  fs.writeFileSync(file('b/b.annotations.yaml'), 'entities:\n  son:   # the son\n    name: Ahmad Massoud\n    type: person\nmentions:\n  - quote: Ahmad Massoud\n    entity: son\n');
  client = new LspClient();
  await client.initialize(dir);
});

after(async () => {
  await client.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('annotating an article without a sidecar creates it, with a header comment, in one edit', async () => {
  const uri = uriOf(file('fresh.txt'));
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: ARTICLE } });
  const position = positionOf(ARTICLE, 'killed', 1, 2);
  const result = await client.request('workspace/executeCommand', { command: 'marginalia.server.annotate', arguments: [{ uri, range: { start: position, end: position }, request: { kind: 'claim' } }] });
  assert.equal(result.applied, true);
  const edit = client.appliedEdits.at(-1);
  const [create, change] = edit.documentChanges;
  assert.deepEqual(create, { kind: 'create', uri: uriOf(file('fresh.annotations.yaml')), options: { ignoreIfExists: true } });
  const text = change.edits[0].newText;
  assert.match(text, /^# Annotations for fresh\.txt/);
  assert.deepEqual(parse(text), { claims: [{ quote: 'Massoud was killed in 2001.' }] });
});

test('selection code actions offer the annotate commands', async () => {
  const uri = uriOf(file('a.txt'));
  const range = { start: positionOf(ARTICLE, 'killed'), end: positionOf(ARTICLE, ' in 2001') };
  const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
  const titles = actions.map((a: any) => a.title);
  assert.ok(titles.includes('Annotate as claim (in a.annotations.yaml)'), titles.join(' | '));
  assert.ok(titles.includes('Annotate as entity…') && titles.includes('Add note…') && titles.includes('Pin mention to entity…'));
  const direct = actions.find((a: any) => a.title.startsWith('Annotate as claim (in'));
  const result = await client.request('workspace/executeCommand', direct.command);
  assert.equal(result.applied, true);
  const before = fs.readFileSync(file('a.annotations.yaml'), 'utf8');
  const after = applyTextEdits(before, client.appliedEdits.at(-1).changes[uriOf(file('a.annotations.yaml'))]);
  assert.ok(after.startsWith(before), 'appended; nothing before it changed');
  assert.deepEqual(parse(after).claims[1], { quote: 'killed' });
});

test('the sidecar info lists sources and entities for the pickers', async () => {
  const info = await client.request('marginalia/sidecarInfo', { uri: uriOf(file('a.txt')) });
  assert.equal(info.exists, true);
  assert.deepEqual(info.entities, [{ id: 'son', name: 'Ahmad Massoud', type: 'person' }]);
});

test('workspace symbol search finds the entity in every sidecar, from the index built at start', async () => {
  const indexed = await client.waitFor((n) => n.method === 'marginalia/indexed');
  assert.ok(indexed.params.sidecars >= 2, JSON.stringify(indexed.params));
  const symbols = await client.request('workspace/symbol', { query: 'massoud' });
  const found = symbols.map((s: any) => `${s.name} @ ${path.relative(dir, new URL(s.location.uri).pathname)}:${s.location.range.start.line} (${s.containerName})`).sort();
  assert.deepEqual(found, ['Ahmad Massoud @ a.annotations.yaml:2 (a · person · son)', 'Ahmad Massoud @ b/b.annotations.yaml:1 (b · person · son)']);
  assert.deepEqual(await client.request('workspace/symbol', { query: 'nobody-by-that-name' }), []);
});

test('rename on a mention renames the entity id in every sidecar of the workspace', async () => {
  const uri = uriOf(file('a.txt'));
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: ARTICLE } });
  const position = positionOf(ARTICLE, 'Massoud was', 1, 2);
  const prepared = await client.request('textDocument/prepareRename', { textDocument: { uri }, position });
  assert.equal(prepared.placeholder, 'son');
  const edit = await client.request('textDocument/rename', { textDocument: { uri }, position, newName: 'ahmad-massoud' });
  const a = applyTextEdits(fs.readFileSync(file('a.annotations.yaml'), 'utf8'), edit.changes[uriOf(file('a.annotations.yaml'))]);
  const b = applyTextEdits(fs.readFileSync(file('b/b.annotations.yaml'), 'utf8'), edit.changes[uriOf(file('b/b.annotations.yaml'))]);
  assert.equal(a, '# A\nentities:\n  ahmad-massoud: {name: Ahmad Massoud, type: person, aliases: [Massoud]}\nclaims:\n  - {quote: The valley held out, attributed-to: ahmad-massoud}\n');
  assert.equal(b, 'entities:\n  ahmad-massoud:   # the son\n    name: Ahmad Massoud\n    type: person\nmentions:\n  - quote: Ahmad Massoud\n    entity: ahmad-massoud\n');
});

test('rename refuses an invalid id with a message', async () => {
  const uri = uriOf(file('a.txt'));
  await assert.rejects(client.request('textDocument/rename', { textDocument: { uri }, position: positionOf(ARTICLE, 'Massoud was', 1, 2), newName: 'no spaces please' }), /not a valid id/);
});

test('code lenses count the claims of each paragraph when the setting is on', async () => {
  const uri = uriOf(file('a.txt'));
  assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri } }), []);
  // As VS Code does: the new values pushed, and the same answered when the server asks per folder.
  client.settings = { codeLens: true };
  client.notify('workspace/didChangeConfiguration', { settings: { marginalia: client.settings } });
  const lenses = await client.request('textDocument/codeLens', { textDocument: { uri } });
  assert.deepEqual(lenses.map((l: any) => `${l.range.start.line}:${l.command.title}`), ['2:1 claim · all sourced']);
});
