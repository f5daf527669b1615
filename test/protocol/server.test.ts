// Drives the real language server over stdio as an editor would.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, applyTextEdits, positionOf, uriOf } from './lspClient';

const ARTICLE = [
  'Support Ahmad Massoud and the resistance',
  '',
  'In the Panjshir Valley, the Northern Alliance, led by Ahmad Shah Massoud, held sway. Massoud was assassinated in a suicide bombing in 2001.',
  '',
  'I have known the younger Massoud for more than a decade. His National Resistance Front has several thousand fighters.',
  '',
].join('\n');

const SIDECAR = [
  '# Annotations for the test article',
  'sources:',
  '  fp-interview:',
  '    title: The Lion of Panjshir’s son speaks   # the interview',
  '    publisher: Foreign Policy',
  'entities:',
  '  ahmad-massoud:',
  '    name: Ahmad Massoud',
  '    type: person',
  '    aliases: [Massoud]',
  '    description: Leader of the National Resistance Front, son of Ahmad Shah Massoud.',
  '  ahmad-shah-massoud:',
  '    name: Ahmad Shah Massoud',
  '    type: person',
  '    aliases: [Massoud]',
  '    description: Commander of the Northern Alliance, father of Ahmad Massoud.',
  '  panjshir:',
  '    name: Panjshir Valley',
  '    type: place',
  'claims:',
  '  # The assassination is not sourced in the article.',
  '  - id: assassination',
  '    quote: Massoud was assassinated in a suicide bombing in 2001',
  '  - id: fighters',
  '    quote: has several thousand fighters',
  '    sources: [fp-interview]',
  '',
].join('\n');

let dir: string;
let client: LspClient;
const articlePath = (): string => path.join(dir, 'story.txt');
const sidecarPath = (): string => path.join(dir, 'story.annotations.yaml');

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-protocol-'));
  fs.writeFileSync(articlePath(), ARTICLE);
  fs.writeFileSync(sidecarPath(), SIDECAR);
  client = new LspClient();
  await client.initialize(dir);
});

after(async () => {
  await client.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
});

function open(filePath: string, languageId: string): Promise<any[]> {
  const uri = uriOf(filePath);
  const diagnostics = client.nextDiagnostics(uri);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: fs.readFileSync(filePath, 'utf8') } });
  return diagnostics;
}

test('initialize advertises the features', async () => {
  const probe = new LspClient();
  const result = await probe.initialize(os.tmpdir());
  await probe.shutdown();
  for (const capability of ['hoverProvider', 'definitionProvider', 'referencesProvider', 'codeActionProvider', 'documentSymbolProvider', 'completionProvider']) {
    assert.ok(result.capabilities[capability], capability);
  }
});

test('opening the article publishes the unsourced claim on its text', async () => {
  const diagnostics = await open(articlePath(), 'plaintext');
  const unsourced = diagnostics.filter((d) => d.code === 'unsourced-claim');
  assert.equal(unsourced.length, 1);
  assert.deepEqual(unsourced[0].range.start, positionOf(ARTICLE, 'Massoud was assassinated'));
  assert.equal(unsourced[0].severity, 2);
});

test('hover on the father and on the son gives each his own card', async () => {
  const uri = uriOf(articlePath());
  const father = await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(ARTICLE, 'Massoud was', 1, 2) });
  assert.match(father.contents.value, /\*\*Ahmad Shah Massoud\*\*/);
  assert.match(father.contents.value, /Northern Alliance/);
  const son = await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(ARTICLE, 'younger Massoud', 1, 10) });
  assert.match(son.contents.value, /\*\*Ahmad Massoud\*\*/);
  assert.match(son.contents.value, /Mentioned 2 times/);
});

test('definition goes from a mention to the entity in the sidecar, and from a quote back', async () => {
  const [location] = await client.request('textDocument/definition', { textDocument: { uri: uriOf(articlePath()) }, position: positionOf(ARTICLE, 'Panjshir Valley', 1, 3) });
  assert.equal(location.uri, uriOf(sidecarPath()));
  assert.deepEqual(location.range.start, positionOf(SIDECAR, 'panjshir:'));
  const [back] = await client.request('textDocument/definition', { textDocument: { uri: uriOf(sidecarPath()) }, position: positionOf(SIDECAR, 'has several thousand', 1, 4) });
  assert.equal(back.uri, uriOf(articlePath()));
  assert.deepEqual(back.range.start, positionOf(ARTICLE, 'has several thousand'));
});

test('references of the son list his mentions and not his father’s', async () => {
  const refs = await client.request('textDocument/references', { textDocument: { uri: uriOf(articlePath()) }, position: positionOf(ARTICLE, 'Ahmad Massoud', 1, 1), context: { includeDeclaration: true } });
  const inArticle = refs.filter((r: any) => r.uri === uriOf(articlePath())).map((r: any) => r.range.start);
  assert.deepEqual(inArticle, [positionOf(ARTICLE, 'Ahmad Massoud'), positionOf(ARTICLE, 'younger Massoud', 1, 8)]);
  assert.ok(refs.some((r: any) => r.uri === uriOf(sidecarPath())), 'includes the declaration');
});

test('document highlight marks the mentions of the same entity', async () => {
  const highlights = await client.request('textDocument/documentHighlight', { textDocument: { uri: uriOf(articlePath()) }, position: positionOf(ARTICLE, 'Ahmad Shah', 1, 1) });
  assert.equal(highlights.length, 2);
});

test('the "mark as opinion" quick fix, applied, removes the diagnostic and keeps the comments', async () => {
  const uri = uriOf(articlePath());
  const diagnostic = client.latestDiagnostics(uri)!.find((d: any) => d.code === 'unsourced-claim');
  const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  const titles = actions.map((a: any) => a.title);
  assert.ok(titles.includes('Add source: The Lion of Panjshir’s son speaks'), titles.join(' | '));
  assert.ok(titles.includes('Add a new source…'));
  assert.ok(titles.includes('Attribute to Ahmad Shah Massoud'), titles.join(' | '));
  const opinion = actions.find((a: any) => a.title === 'Mark as opinion');
  const edits = opinion.edit.changes[uriOf(sidecarPath())];
  const updated = applyTextEdits(SIDECAR, edits);
  assert.match(updated, /# The assassination is not sourced in the article\./);
  assert.match(updated, /# the interview/);
  fs.writeFileSync(sidecarPath(), updated);
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(sidecarPath()), type: 2 }] });
  await client.diagnosticsWhere(uri, (ds) => !ds.some((d) => d.code === 'unsourced-claim'));
});

test('editing the open sidecar buffer refreshes the article diagnostics', async () => {
  const sidecarUri = uriOf(sidecarPath());
  await open(sidecarPath(), 'yaml');
  const text = fs.readFileSync(sidecarPath(), 'utf8') + '  - quote: Panjshir Valley, the Northern Alliance\n';
  client.notify('textDocument/didChange', { textDocument: { uri: sidecarUri, version: 2 }, contentChanges: [{ text }] });
  const diagnostics = await client.diagnosticsWhere(uriOf(articlePath()), (ds) => ds.some((d) => d.code === 'unsourced-claim'));
  const unsourced = diagnostics.filter((d: any) => d.code === 'unsourced-claim');
  assert.equal(unsourced.length, 1);
  assert.deepEqual(unsourced[0].range.start, positionOf(ARTICLE, 'Panjshir Valley, the Northern Alliance'));
});

test('a broken sidecar gets a yaml-syntax diagnostic and the server keeps answering', async () => {
  const sidecarUri = uriOf(sidecarPath());
  client.notify('textDocument/didChange', { textDocument: { uri: sidecarUri, version: 3 }, contentChanges: [{ text: 'claims: [\n  - {quote: "x\n\u0000' }] });
  await client.diagnosticsWhere(sidecarUri, (ds) => ds.some((d) => d.code === 'yaml-syntax'));
  const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: uriOf(articlePath()) } });
  assert.ok(Array.isArray(symbols));
  const hover = await client.request('textDocument/hover', { textDocument: { uri: uriOf(articlePath()) }, position: { line: 0, character: 3 } });
  assert.equal(hover, null);
});

test('requests for unknown or odd documents answer empty', async () => {
  const unknown = 'file:///nowhere/missing.txt';
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri: unknown }, position: { line: 0, character: 0 } }), null);
  assert.deepEqual(await client.request('textDocument/definition', { textDocument: { uri: 'untitled:Untitled-1' }, position: { line: 99, character: 99 } }), []);
});
