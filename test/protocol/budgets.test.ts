// Every request within a budget: a burst of edits is analysed once for its
// last text, a request cancelled while it waits is not worked on, and no
// message the server sends can grow with the input.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, positionOf, uriOf } from './lspClient';

const REQUEST_CANCELLED = -32800;

/** About 1 MB: paragraphs naming one person, each with a quotation, and an unsourced claim on the first line. */
function largeArticle(): string {
  const paragraph = 'Ada Quill walked along the harbour wall before the ferries left. She said "the tide turns at dawn" and the crews listened to her plan.';
  const lines = ['The harbour opened in spring.', ''];
  while (lines.length < 15000) lines.push(paragraph, '');
  return lines.join('\n');
}

const SIDECAR = ['entities:', '  ada: {name: Ada Quill, type: person}', 'claims:', '  - quote: The harbour opened in spring', ''].join('\n');

/** The promise's value, or a failure as soon as the server process has exited. */
function whileAlive<T>(client: LspClient, promise: Promise<T>): Promise<T> {
  let poll: NodeJS.Timeout | undefined;
  const exited = new Promise<never>((_, reject) => {
    poll = setInterval(() => client.exitCode !== null && reject(new Error(`the server exited (${client.exitCode}); stderr: ${client.stderr.slice(-2000)}`)), 200);
  });
  return Promise.race([promise, exited]).finally(() => clearInterval(poll));
}

const isPublishFor = (uri: string) => (n: { method: string; params: any }): boolean => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri;

describe('a burst of edits on a large article', () => {
  let dir: string;
  let client: LspClient;
  const article = largeArticle();
  let uri: string;
  let version = 1;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-budgets-'));
    fs.writeFileSync(path.join(dir, 'harbour.txt'), article);
    fs.writeFileSync(path.join(dir, 'harbour.annotations.yaml'), SIDECAR);
    uri = uriOf(path.join(dir, 'harbour.txt'));
    client = new LspClient();
    await client.initialize(dir);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version, text: article } });
    await client.diagnosticsWhere(uri, (ds) => ds.some((d) => d.code === 'unsourced-claim'), 60000);
  });

  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Types `count` characters at the start of the first line, one change each, without waiting. */
  function typeAtStart(count: number): void {
    for (let i = 0; i < count; i++) {
      version++;
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }] });
    }
  }

  const claimAt = (character: number) => (ds: any[]): boolean => ds.some((d) => d.code === 'unsourced-claim' && d.range.start.line === 0 && d.range.start.character === character);

  test('300 changes: a hover is answered and diagnostics are published for the last text, a few times, not 300', { timeout: 120000 }, async () => {
    const publishedBefore = client.notifications.filter(isPublishFor(uri)).length;
    typeAtStart(300);
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(article, 'Ada Quill', 3, 2) });
    assert.match(hover?.contents?.value ?? '', /\*\*Ada Quill\*\*/);
    await client.diagnosticsWhere(uri, claimAt(300), 60000);
    const published = client.notifications.filter(isPublishFor(uri)).slice(publishedBefore);
    assert.ok(published.length <= 10, `published ${published.length} times for one burst`);
    assert.ok(claimAt(300)(published.at(-1)!.params.diagnostics), 'the last publish is for the last text');
  });

  test('a request cancelled while it waits behind a burst gets RequestCancelled, and the server keeps answering', { timeout: 120000 }, async () => {
    typeAtStart(100);
    const cancelled = await client.requestThenCancel('textDocument/hover', { textDocument: { uri }, position: positionOf(article, 'Ada Quill', 3, 2) }).then(
      () => undefined,
      (error: { code?: number }) => error.code,
    );
    assert.equal(cancelled, REQUEST_CANCELLED);
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(article, 'Ada Quill', 5, 2) });
    assert.match(hover?.contents?.value ?? '', /\*\*Ada Quill\*\*/);
    await client.diagnosticsWhere(uri, claimAt(400), 60000);
  });
});

describe('many candidates for many mentions', () => {
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-budgets-'));
    client = new LspClient();
    await client.initialize(dir);
  });

  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('50,000 entities sharing one alias, 1,500 mentions: the server stays alive and publishes at most the cap, saying how many more', { timeout: 300000 }, async () => {
    const entities = Array.from({ length: 50000 }, (_, i) => `  p${i}: {name: Person Number ${i}, type: person, aliases: [Shared]}`);
    fs.writeFileSync(path.join(dir, 'crowd.annotations.yaml'), ['entities:', ...entities, ''].join('\n'));
    const text = Array.from({ length: 1500 }, (_, i) => `Paragraph ${i}: Shared met someone at the market.`).join('\n\n');
    fs.writeFileSync(path.join(dir, 'crowd.txt'), text);
    const uri = uriOf(path.join(dir, 'crowd.txt'));
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    const diagnostics = await whileAlive(client, client.diagnosticsWhere(uri, (ds) => ds.length > 0, 240000));
    assert.equal(client.exitCode, null, `the server is alive; stderr: ${client.stderr.slice(-2000)}`);
    assert.ok(diagnostics.length <= 1001, `${diagnostics.length} diagnostics`);
    const limit = diagnostics.find((d) => d.code === 'limit-exceeded');
    assert.ok(limit, 'a limit-exceeded diagnostic says findings were left out');
    assert.match(limit.message, /500 more/);
    const longest = diagnostics.slice(0, 50).reduce((most, d) => Math.max(most, JSON.stringify(d).length), 0);
    assert.ok(longest < 5000, `a diagnostic of ${longest} characters`);
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'Shared', 1, 1) });
    assert.ok((hover?.contents?.value ?? '').length <= 10000);
  });
});
