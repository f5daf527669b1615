// Reviewing uncertain mentions through the real server over stdio: the list,
// a choice turned into one verified pin edit, the list after it, and bad input.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, applyTextEdits, positionOf, uriOf } from './lspClient';

// Invented people: two share "Varga", two share "Kovac"; nothing in the text tells them apart.
const ARTICLE = ['Harbour report', '', 'Varga opened the meeting at noon.', '', 'Later that week Varga signed the lease.', '', 'The vote went to Kovac after a long debate.', ''].join('\n');

const SIDECAR = [
  '# Harbour people',
  'entities:',
  '  ana-varga:   # the engineer',
  '    name: Ana Varga',
  '    type: person',
  '    aliases: [Varga]',
  '    description: Harbour engineer',
  '  tomas-varga:',
  '    name: Tomas Varga',
  '    type: person',
  '    aliases: [Varga]',
  '  mira-kovac: {name: Mira Kovac, type: person, aliases: [Kovac], description: Port councillor}',
  '  luka-kovac: {name: Luka Kovac, type: person, aliases: [Kovac]}',
  '# end of the entities',
  '',
].join('\n');

let dir: string;
let client: LspClient;
const file = (name: string): string => path.join(dir, name);
const articleUri = (): string => uriOf(file('harbour.txt'));
const sidecarUri = (): string => uriOf(file('harbour.annotations.yaml'));

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-review-'));
  fs.writeFileSync(file('harbour.txt'), ARTICLE);
  fs.writeFileSync(file('harbour.annotations.yaml'), SIDECAR);
  fs.writeFileSync(file('locked.txt'), 'Varga came.\n\nVarga left.\n');
  // Valid YAML, but nested past the reader's depth budget: read, never edited.
  const deep = `${'['.repeat(80)}${']'.repeat(80)}`;
  fs.writeFileSync(file('locked.annotations.yaml'), `entities:\n  a: {name: Ana Varga, type: person, aliases: [Varga]}\n  b: {name: Tomas Varga, type: person, aliases: [Varga]}\nnotes:\n  - quote: came\n    text: ${deep}\n`);
  client = new LspClient();
  await client.initialize(dir);
  client.notify('textDocument/didOpen', { textDocument: { uri: articleUri(), languageId: 'plaintext', version: 1, text: ARTICLE } });
});

after(async () => {
  await client.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
});

const list = (params: object): Promise<any> => client.request('marginalia/uncertainMentions', params);
const choose = (params: object): Promise<any> => client.request('marginalia/pinUncertainMention', params);

test('the uncertain mentions are listed in text order, with the sentence, the guess first, and the candidates', async () => {
  const answer = await list({ uri: articleUri() });
  assert.equal(answer.ok, true, answer.message);
  assert.equal(answer.articleUri, articleUri());
  assert.equal(answer.total, 3);
  assert.equal(answer.remaining, 3);
  assert.deepEqual(
    answer.mentions.map((m: any) => [m.text, m.range.start.line, m.sentence]),
    [
      ['Varga', 2, 'Varga opened the meeting at noon.'],
      ['Varga', 4, 'Later that week Varga signed the lease.'],
      ['Kovac', 6, 'The vote went to Kovac after a long debate.'],
    ],
  );
  const first = answer.mentions[0];
  assert.equal(first.candidates[0].id, first.guess, 'the best guess comes first');
  assert.equal(first.candidates[0].bestGuess, true);
  assert.deepEqual(first.candidates.map((c: any) => c.id).sort(), ['ana-varga', 'tomas-varga']);
  assert.equal(first.candidates.find((c: any) => c.id === 'ana-varga').description, 'Harbour engineer');
  assert.ok(Array.isArray(first.evidence));
  assert.equal(first.otherCandidates, 0);
});

test('the sidecar’s URI lists the same mentions; `from` and `max` list the rest one at a time', async () => {
  const all = await list({ uri: sidecarUri() });
  assert.equal(all.total, 3);
  const rest = await list({ uri: articleUri(), from: all.mentions[0].range.end, max: 1 });
  assert.equal(rest.total, 3);
  assert.equal(rest.remaining, 2);
  assert.deepEqual(rest.mentions.map((m: any) => m.range), [all.mentions[1].range]);
});

test('the code action of an uncertain mention offers to review them all', async () => {
  const diagnostics = await client.diagnosticsWhere(articleUri(), (d) => d.some((x: any) => x.code === 'ambiguous-mention'));
  const diagnostic = diagnostics.find((d: any) => d.code === 'ambiguous-mention');
  const actions = await client.request('textDocument/codeAction', { textDocument: { uri: articleUri() }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  const review = actions.find((a: any) => a.title === 'Review all 3 uncertain mentions in this article…');
  assert.ok(review, actions.map((a: any) => a.title).join(' | '));
  assert.deepEqual(review.command, { title: review.title, command: 'marginalia.reviewUncertainMentions', arguments: [{ uri: articleUri() }] });
  assert.ok(actions.some((a: any) => a.title.startsWith('Pin “Varga” here to')), 'the pins are still offered');
});

test('a choice is one edit that adds the pin and keeps every other byte; the mention is then certain and the list shrinks', async () => {
  const before = await list({ uri: articleUri() });
  const first = before.mentions[0];
  const answer = await choose({ uri: articleUri(), range: first.range, text: first.text, entityId: 'tomas-varga' });
  assert.equal(answer.ok, true, answer.message);
  assert.equal(answer.label, 'Pin “Varga” to Tomas Varga');
  assert.deepEqual(Object.keys(answer.edit.changes), [sidecarUri()]);
  const edits = answer.edit.changes[sidecarUri()];
  assert.equal(edits.length, 1, 'one text edit: one undo');
  const after = applyTextEdits(SIDECAR, edits);
  assert.equal(after, `${SIDECAR}mentions:\n  - quote: Varga\n    prefix: "report "\n    entity: tomas-varga\n`);
  // The editor applies it: the sidecar buffer changes.
  client.notify('textDocument/didOpen', { textDocument: { uri: sidecarUri(), languageId: 'yaml', version: 1, text: after } });
  const now = await list({ uri: articleUri() });
  assert.equal(now.ok, true);
  assert.ok(!now.mentions.some((m: any) => m.range.start.line === first.range.start.line), 'the pinned mention is no longer uncertain');
  assert.ok(now.total < before.total, `${now.total} < ${before.total}`);
  const hover = await client.request('textDocument/hover', { textDocument: { uri: articleUri() }, position: positionOf(ARTICLE, 'Varga opened', 1, 2) });
  assert.match(hover.contents.value, /Tomas Varga/);
  client.notify('textDocument/didClose', { textDocument: { uri: sidecarUri() } });
});

test('bad input answers with a message, and the server keeps answering', async () => {
  const first = (await list({ uri: articleUri() })).mentions[0];
  const cases: [string, Promise<any>, RegExp][] = [
    ['no uri', list({}), /pass the URI of an article/],
    ['an unknown file', list({ uri: uriOf(file('nowhere/report.pdf')) }), /not an article or sidecar/],
    ['a bad position', list({ uri: articleUri(), from: { line: 'x' } }), /position/],
    ['a moved mention', choose({ uri: articleUri(), range: { start: { line: 2, character: 1 }, end: { line: 2, character: 6 } }, text: 'Varga', entityId: 'ana-varga' }), /no longer a mention at that place/],
    ['another text', choose({ uri: articleUri(), range: first.range, text: 'Vargas', entityId: 'ana-varga' }), /no longer a mention at that place/],
    ['not a candidate', choose({ uri: articleUri(), range: first.range, text: first.text, entityId: 'mira-kovac' }), /'mira-kovac' is not one of the entities “Varga” can name/],
    ['no range', choose({ uri: articleUri(), text: 'Varga', entityId: 'ana-varga' }), /needs the mention’s `range`/],
  ];
  for (const [what, answer, message] of cases) {
    const result = await answer;
    assert.equal(result.ok, false, what);
    assert.match(result.message, message, what);
  }
  assert.equal((await list({ uri: articleUri() })).ok, true);
});

test('a sidecar over a reading budget is listed but never edited', async () => {
  const answer = await list({ uri: uriOf(file('locked.txt')) });
  assert.equal(answer.ok, true, answer.message);
  assert.equal(answer.total, 2);
  const first = answer.mentions[0];
  const result = await choose({ uri: uriOf(file('locked.txt')), range: first.range, text: first.text, entityId: 'a' });
  assert.equal(result.ok, false);
  assert.match(result.message, /The pin was not written: the sidecar cannot be edited: .*nesting depth/);
});
