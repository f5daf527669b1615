// The real server on the Markdown sample, as an editor drives it: every range
// it sends is in the Markdown source, quotes are the text a reader sees, and
// a keystroke keeps the ranges in step.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, REPO, applyTextEdits, positionOf, uriOf } from './lspClient';

let dir: string;
let client: LspClient;
const ARTICLE = 'who-is-ahmad-massoud-page.md';
const SIDECAR = 'who-is-ahmad-massoud-page.annotations.yaml';
const file = (name: string): string => path.join(dir, name);
let text: string;
let diagnostics: any[];

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-markdown-'));
  for (const name of [ARTICLE, SIDECAR]) fs.copyFileSync(path.join(REPO, 'samples', name), file(name));
  client = new LspClient();
  await client.initialize(dir);
  text = fs.readFileSync(file(ARTICLE), 'utf8');
  const uri = uriOf(file(ARTICLE));
  const published = client.nextDiagnostics(uri);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  diagnostics = await published;
});

after(async () => {
  await client.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The source text an LSP range covers. */
function covered(source: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = source.split('\n');
  const offset = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return source.slice(offset(range.start), offset(range.end));
}

test('Markdown sample: diagnostics are on the source text of each claim, markup inside them included', () => {
  const unsourced = diagnostics.filter((d) => d.code === 'unsourced-claim').map((d) => covered(text, d.range));
  assert.ok(unsourced.includes('they do **not** have full control of the country'), unsourced.join(' | '));
  assert.ok(unsourced.includes('legendary military commander [Ahmad Shah Massoud](https://en.wikipedia.org/wiki/Ahmad_Shah_Massoud "Ahmad Shah Massoud on Wikipedia") successfully defended it during the Soviet invasion and the civil war with the Taliban'));
  assert.ok(unsourced.includes('The Taliban\\* proclaimed victory and the end of violence in Afghanistan on 15 August after seizing Kabul without a fight'));
  assert.deepEqual(diagnostics.filter((d) => d.code === 'drifted-annotation' || d.code === 'orphaned-annotation'), []);
});

test('Markdown sample: hover on a name in link text shows its card; on its URL, nothing of that name', async () => {
  const uri = uriOf(file(ARTICLE));
  const onName = await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '[Ahmad Shah Massoud]', 1, 8) });
  assert.match(onName.contents.value, /\*\*Ahmad Shah Massoud\*\*/);
  assert.equal(covered(text, onName.range), 'Ahmad Shah Massoud');
  const onUrl = await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'wiki/Ahmad_Shah_Massoud', 1, 20) });
  assert.ok(!onUrl || !/\*\*Ahmad/.test(onUrl.contents.value), JSON.stringify(onUrl));
});

test('Markdown sample: the front matter title is the headline, its names are mentions; its tags are not', async () => {
  const uri = uriOf(file(ARTICLE));
  const highlights = await client.request('textDocument/documentHighlight', { textDocument: { uri }, position: positionOf(text, 'Ahmad Massoud has promised', 1, 2) });
  const places = highlights.map((h: any) => h.range.start.line);
  assert.ok(places.includes(1), `title line in ${places.join(',')}`);
  assert.ok(!places.includes(4), 'the tags line is not a mention');
});

test('Markdown sample: annotating a selection across **bold** writes the text a reader sees', async () => {
  const uri = uriOf(file(ARTICLE));
  const start = positionOf(text, 'do **not** have');
  const end = positionOf(text, ' have full control', 1, 5);
  const result = await client.request('workspace/executeCommand', { command: 'marginalia.server.annotate', arguments: [{ uri, range: { start, end }, request: { kind: 'claim' } }] });
  assert.equal(result.applied, true);
  assert.equal(result.quote, 'do not have');
  const written = applyTextEdits(fs.readFileSync(file(SIDECAR), 'utf8'), client.appliedEdits.at(-1).changes[uriOf(file(SIDECAR))]);
  assert.match(written, /quote: do not have\n/);
});

test('Markdown sample: after a keystroke before a claim, its diagnostic moves with the source', async () => {
  const uri = uriOf(file(ARTICLE));
  const edited = text.replace('Despite the Taliban', 'Despite *the* Taliban');
  const published = client.nextDiagnostics(uri);
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
  const after = await published;
  const unsourced = after.filter((d) => d.code === 'unsourced-claim').map((d) => covered(edited, d.range));
  assert.ok(unsourced.includes('they do **not** have full control of the country'), unsourced.join(' | '));
});
