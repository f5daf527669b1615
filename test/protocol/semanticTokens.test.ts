// Semantic tokens through the real server over stdio: mentions by entity
// type, claims by status (cut around the mentions and at line breaks), quotes
// in the sidecar by how they were found; nothing in files that are not paired.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, uriOf } from './lspClient';

// Invented people and places.
const ARTICLE = ['Harbour report', '', 'Ana Varga met the Port Council in Lindholm. She said the dock', 'will open in May. Tomas Varga disagreed.', ''].join('\n');
const SIDECAR = [
  'entities:',
  '  ana-varga: {name: Ana Varga, type: person}',
  '  tomas-varga: {name: Tomas Varga, type: person}',
  '  port-council: {name: Port Council, type: organization}',
  '  lindholm: {name: Lindholm, type: place}',
  'sources:',
  '  minutes: {title: Council minutes}',
  'claims:',
  '  - quote: Ana Varga met the Port Council in Lindholm.',
  '    sources: [minutes]',
  '  - quote: the dock will open in May.',
  '  - quote: a sentence that is not in the article',
  '',
].join('\n');

interface Token {
  readonly text: string;
  readonly type: string;
  readonly modifiers: string[];
}

let dir: string;
let client: LspClient;
let legend: { tokenTypes: string[]; tokenModifiers: string[] };
const file = (name: string): string => path.join(dir, name);

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-tokens-'));
  fs.writeFileSync(file('harbour.txt'), ARTICLE);
  fs.writeFileSync(file('harbour.annotations.yaml'), SIDECAR);
  fs.writeFileSync(file('notes.md'), '# Notes\n\nAna Varga said "42" things.\n');
  fs.writeFileSync(file('ci.yaml'), 'jobs:\n  test:\n    type: other\n');
  client = new LspClient();
  const init = await client.initialize(dir);
  legend = init.capabilities.semanticTokensProvider.legend;
  for (const [name, languageId] of [['harbour.txt', 'plaintext'], ['harbour.annotations.yaml', 'yaml'], ['notes.md', 'markdown'], ['ci.yaml', 'yaml']] as const) {
    client.notify('textDocument/didOpen', { textDocument: { uri: uriOf(file(name)), languageId, version: 1, text: fs.readFileSync(file(name), 'utf8') } });
  }
});

after(async () => {
  await client.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The tokens of a file, decoded from the relative encoding into their text, type and modifiers. */
async function tokensOf(name: string): Promise<Token[]> {
  const { data } = await client.request('textDocument/semanticTokens/full', { textDocument: { uri: uriOf(file(name)) } });
  const lines = fs.readFileSync(file(name), 'utf8').split('\n');
  const tokens: Token[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, bits] = data.slice(i, i + 5) as number[];
    line += deltaLine!;
    character = deltaLine === 0 ? character + deltaStart! : deltaStart!;
    const modifiers = legend.tokenModifiers.filter((_, bit) => (bits! & (1 << bit)) !== 0);
    tokens.push({ text: lines[line]!.slice(character, character + length!), type: legend.tokenTypes[type!]!, modifiers });
  }
  return tokens;
}

test('the legend has a type per entity type, claims and quotes, and the claim statuses as modifiers', () => {
  assert.deepEqual(legend.tokenTypes, ['person', 'organization', 'place', 'event', 'work', 'entity', 'claim', 'quote']);
  for (const status of ['sourced', 'attributed', 'opinion', 'unsourced', 'uncertain', 'deprecated']) assert.ok(legend.tokenModifiers.includes(status), status);
});

test('in the article: mentions by entity type, claims by status, cut around the mentions and at the line break', async () => {
  const tokens = await tokensOf('harbour.txt');
  assert.deepEqual(tokens, [
    { text: 'Ana Varga', type: 'person', modifiers: [] },
    { text: ' met the ', type: 'claim', modifiers: ['sourced'] },
    { text: 'Port Council', type: 'organization', modifiers: [] },
    { text: ' in ', type: 'claim', modifiers: ['sourced'] },
    { text: 'Lindholm', type: 'place', modifiers: [] },
    { text: '.', type: 'claim', modifiers: ['sourced'] },
    { text: 'the dock', type: 'claim', modifiers: ['unsourced'] },
    { text: 'will open in May.', type: 'claim', modifiers: ['unsourced'] },
    { text: 'Tomas Varga', type: 'person', modifiers: [] },
  ]);
});

test('in the sidecar: each quote, a quote not found in the article struck through (deprecated)', async () => {
  const tokens = await tokensOf('harbour.annotations.yaml');
  assert.deepEqual(tokens, [
    { text: 'Ana Varga met the Port Council in Lindholm.', type: 'quote', modifiers: [] },
    { text: 'the dock will open in May.', type: 'quote', modifiers: [] },
    { text: 'a sentence that is not in the article', type: 'quote', modifiers: ['deprecated'] },
  ]);
});

test('files that are not paired get no tokens: other Markdown and YAML keep their own colours', async () => {
  assert.deepEqual(await tokensOf('notes.md'), []);
  assert.deepEqual(await tokensOf('ci.yaml'), []);
});
