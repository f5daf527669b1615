// The workspace boundary and one pairing, as an editor sees them over stdio:
// nothing of a file outside the workspace reaches any answer; a sidecar that
// names its article works in the article; a too-large open buffer is not analysed.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, positionOf, uriOf } from './lspClient';

let dir: string;
let client: LspClient;
const file = (name: string): string => path.join(dir, name);

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-boundary-'));
  client = new LspClient();
  await client.initialize(dir);
});

after(async () => {
  await client.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
});

function open(name: string, text: string, languageId: string): string {
  fs.mkdirSync(path.dirname(file(name)), { recursive: true });
  fs.writeFileSync(file(name), text);
  const uri = uriOf(file(name));
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  return uri;
}

/** Tells the server a file appeared on disk, as an editor's file watcher does. */
function created(name: string): void {
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file(name)), type: 1 }] });
}

/** Lines of the file outside the workspace that must never be seen (long enough not to occur by chance). */
function secretLines(outside: string): string[] {
  return fs
    .readFileSync(outside, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length >= 12);
}

const PASSWD = '/etc/passwd';

test('article: ../../../../etc/passwd: an unreadable-article error naming the rule, and no line of it in any answer', { skip: !fs.existsSync(PASSWD) && 'no /etc/passwd here' }, async () => {
  // A quote close to passwd's first line, so that any analysis of it would offer "Update the quote" with the real line.
  const sidecar = ['article: ../../../../../../../../etc/passwd', 'claims:', '  - quote: rootx:0:0:root', '    sources: [s]', 'sources:', '  s: {title: S}', ''].join('\n');
  const uri = open('escape.annotations.yaml', sidecar, 'yaml');
  const diagnostics = await client.diagnosticsWhere(uri, (d) => d.length > 0);
  const unreadable = diagnostics.find((d) => d.code === 'unreadable-article');
  assert.ok(unreadable, JSON.stringify(diagnostics));
  assert.equal(unreadable.severity, 1);
  assert.match(unreadable.message, /^article: \.\.\/.*etc\/passwd is outside the workspace folder\(s\); Marginalia reads only files inside the workspace/);
  assert.deepEqual(unreadable.range.start, positionOf(sidecar, '../'));

  const quoteAt = positionOf(sidecar, 'rootx', 1, 2);
  const completion = await client.request('textDocument/completion', { textDocument: { uri }, position: positionOf(sidecar, 'quote: ', 1, 'quote: '.length) });
  const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } }, context: { diagnostics } });
  const definition = await client.request('textDocument/definition', { textDocument: { uri }, position: quoteAt });
  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: quoteAt });
  const answers = JSON.stringify({ diagnostics: client.notifications, completion, actions, definition, hover });
  for (const line of secretLines(PASSWD)) assert.ok(!answers.includes(line) && !answers.includes(JSON.stringify(line).slice(1, -1)), `a line of ${PASSWD} reached an answer: ${line}`);
  assert.doesNotMatch(answers, /file:\/\/\/etc\/passwd"[^}]*"range"/, 'no location in /etc/passwd');
});

test('a symlink inside the workspace that points outside is refused like the path itself', { skip: !fs.existsSync(PASSWD) && 'no /etc/passwd here' }, async () => {
  fs.symlinkSync(PASSWD, file('linked.txt'));
  const sidecar = 'claims:\n  - quote: rootx:0:0:root\n';
  const uri = open('linked.annotations.yaml', sidecar, 'yaml');
  const diagnostics = await client.diagnosticsWhere(uri, (d) => d.some((x: { code: string }) => x.code === 'unreadable-article' || x.code === 'missing-article'));
  const answers = JSON.stringify(client.notifications);
  for (const line of secretLines(PASSWD)) assert.ok(!answers.includes(line), `a line of ${PASSWD} reached a message: ${line}`);
  assert.ok(diagnostics.some((d) => /outside the workspace/.test(d.message)), JSON.stringify(diagnostics));
});

test('a sidecar with another name that declares its article: diagnostics in both files and hover in the article', async () => {
  const article = 'Karim Farahi spoke in Kabul.\n\nThe valley held out for weeks.\n';
  fs.writeFileSync(file('story.txt'), article);
  fs.writeFileSync(file('notes.annotations.yaml'), ['article: story.txt', 'entities:', '  kf: {name: Karim Farahi, type: person, description: A made-up speaker.}', 'claims:', '  - quote: The valley held out', ''].join('\n'));
  created('notes.annotations.yaml');
  const sidecarUri = uriOf(file('notes.annotations.yaml'));
  const articleUri = open('story.txt', article, 'plaintext');
  const articleDiagnostics = await client.diagnosticsWhere(articleUri, (d) => d.some((x: { code: string }) => x.code === 'unsourced-claim'));
  assert.ok(articleDiagnostics.length > 0);
  const sidecarDiagnostics = await client.diagnosticsWhere(sidecarUri, (d) => d.some((x: { code: string }) => x.code === 'unsourced-claim'));
  assert.ok(sidecarDiagnostics.length > 0);
  const hover = await client.request('textDocument/hover', { textDocument: { uri: articleUri }, position: positionOf(article, 'Farahi') });
  assert.ok(hover, 'a hover card on the mention');
  assert.match(hover.contents.value, /Karim Farahi.*person/);
});

test('both a declaring sidecar and the same-named one: the declaring one wins, the other is told so', async () => {
  const article = 'Lena Okafor opened the bridge.\n';
  fs.writeFileSync(file('bridge.md'), article);
  fs.writeFileSync(file('review.annotations.yaml'), 'article: bridge.md\nclaims:\n  - quote: opened the bridge\n');
  created('review.annotations.yaml');
  const sameNamed = open('bridge.annotations.yaml', 'claims:\n  - quote: Lena Okafor\n', 'yaml');
  const diagnostics = await client.diagnosticsWhere(sameNamed, (d) => d.length > 0);
  assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
  assert.equal(diagnostics[0].severity, 2);
  assert.match(diagnostics[0].message, /bridge\.md is annotated by review\.annotations\.yaml/);
  const articleUri = open('bridge.md', article, 'markdown');
  const articleDiagnostics = await client.diagnosticsWhere(articleUri, (d) => d.length > 0);
  assert.ok(articleDiagnostics.every((d) => /opened the bridge/.test(d.message)), JSON.stringify(articleDiagnostics));
});

test('marginalia.maxArticleBytes applies to an open buffer: a larger article sent by didOpen is not analysed', async () => {
  client.settings = { maxArticleBytes: 4096 };
  client.notify('workspace/didChangeConfiguration', { settings: { marginalia: client.settings } });
  const article = 'Karim Farahi spoke. '.repeat(1000);
  fs.writeFileSync(file('big.txt'), 'small on disk');
  fs.writeFileSync(file('big.annotations.yaml'), 'claims:\n  - quote: Karim Farahi spoke\n');
  const uri = uriOf(file('big.txt'));
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: article } });
  const diagnostics = await client.diagnosticsWhere(uriOf(file('big.annotations.yaml')), (d) => d.length > 0);
  assert.equal(diagnostics[0].code, 'limit-exceeded', JSON.stringify(diagnostics));
  assert.match(diagnostics[0].message, /marginalia\.maxArticleBytes/);
  assert.ok(!diagnostics.some((d) => d.code === 'unsourced-claim'), 'the claim was not analysed');
  client.settings = {};
  client.notify('workspace/didChangeConfiguration', { settings: { marginalia: {} } });
});
