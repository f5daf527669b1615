import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import * as edit from '../../server/src/core/sidecarEdit';
import { joinLines } from './helpers';

type Op = (text: string) => edit.TextEdit[];

interface Case {
  readonly name: string;
  readonly input: string;
  readonly op: Op;
  readonly expected: string;
}

const CLAIM = joinLines('claims:', '  # the key claim', '  - id: a', '    quote: Kabul fell   # checked', '');

const cases: Case[] = [
  { name: 'add a source to a claim without sources', input: CLAIM, op: (t) => edit.addClaimSource(t, 0, 'ps'), expected: joinLines('claims:', '  # the key claim', '  - id: a', '    quote: Kabul fell   # checked', '    sources: [ps]', '') },
  { name: 'add a source to a flow list', input: joinLines('claims:', '  - quote: x', '    sources: [a] # two', ''), op: (t) => edit.addClaimSource(t, 0, 'b'), expected: joinLines('claims:', '  - quote: x', '    sources: [a, b] # two', '') },
  { name: 'add a source to an empty flow list', input: joinLines('claims:', '  - quote: x', '    sources: []', ''), op: (t) => edit.addClaimSource(t, 0, 'b'), expected: joinLines('claims:', '  - quote: x', '    sources: [b]', '') },
  { name: 'add a source to a block list (4-space indent)', input: joinLines('claims:', '    -   quote: x', '        sources:', '            - a   # first', '        kind: fact', ''), op: (t) => edit.addClaimSource(t, 0, 'b'), expected: joinLines('claims:', '    -   quote: x', '        sources:', '            - a   # first', '            - b', '        kind: fact', '') },
  { name: 'add a source to an empty key', input: joinLines('claims:', '  - quote: x', '    sources:', '    kind: fact', ''), op: (t) => edit.addClaimSource(t, 0, 'b'), expected: joinLines('claims:', '  - quote: x', '    sources: [b]', '    kind: fact', '') },
  { name: 'a single source becomes a list', input: joinLines('claims:', '  - quote: x', '    sources: a', ''), op: (t) => edit.addClaimSource(t, 0, 'b'), expected: joinLines('claims:', '  - quote: x', '    sources: [a, b]', '') },
  { name: 'a source already there is not added twice', input: joinLines('claims:', '  - quote: x', '    sources: [a]', ''), op: (t) => edit.addClaimSource(t, 0, 'a'), expected: joinLines('claims:', '  - quote: x', '    sources: [a]', '') },
  { name: 'add a source to a flow claim', input: joinLines('claims:', '  - {quote: x, sources: [a]}', ''), op: (t) => edit.addClaimSource(t, 0, 'b'), expected: joinLines('claims:', '  - {quote: x, sources: [a, b]}', '') },
  { name: 'add sources key to a flow claim', input: joinLines('claims:', '  - {quote: x}', ''), op: (t) => edit.addClaimSource(t, 0, 'b'), expected: joinLines('claims:', '  - {quote: x, sources: [b]}', '') },
  { name: 'mark as opinion adds kind', input: CLAIM, op: (t) => edit.setClaimKind(t, 0, 'opinion'), expected: joinLines('claims:', '  # the key claim', '  - id: a', '    quote: Kabul fell   # checked', '    kind: opinion', '') },
  { name: 'mark as opinion replaces kind', input: joinLines('claims:', '  - quote: x', '    kind: fact # default', '  - quote: y', ''), op: (t) => edit.setClaimKind(t, 0, 'opinion'), expected: joinLines('claims:', '  - quote: x', '    kind: opinion # default', '  - quote: y', '') },
  { name: 'attribute the second claim', input: joinLines('claims:', '  - quote: x', '  - quote: y', '', '# end', ''), op: (t) => edit.setClaimAttribution(t, 1, 'son'), expected: joinLines('claims:', '  - quote: x', '  - quote: y', '    attributed-to: son', '', '# end', '') },
  { name: 'CRLF line endings are kept', input: 'claims:\r\n  - quote: x\r\n', op: (t) => edit.setClaimKind(t, 0, 'opinion'), expected: 'claims:\r\n  - quote: x\r\n    kind: opinion\r\n' },
  { name: 'no trailing newline', input: 'claims:\n  - quote: x', op: (t) => edit.setClaimKind(t, 0, 'opinion'), expected: 'claims:\n  - quote: x\n    kind: opinion' },
  { name: 'unicode before the edit point', input: joinLines('# 😀 notes\u00a0here', 'claims:', '  - quote: “Ahmad”’s 😀', ''), op: (t) => edit.setClaimKind(t, 0, 'opinion'), expected: joinLines('# 😀 notes\u00a0here', 'claims:', '  - quote: “Ahmad”’s 😀', '    kind: opinion', '') },
  { name: 'add a source under existing sources (4-space entries)', input: joinLines('sources:', '    a:', '        title: A', 'claims: []', ''), op: (t) => edit.addSource(t, 'b', { title: 'B: the sequel', url: 'https://x.org/b' }), expected: joinLines('sources:', '    a:', '        title: A', '    b:', '        title: "B: the sequel"', '        url: https://x.org/b', 'claims: []', '') },
  { name: 'add a source to a flow map', input: joinLines('sources: {a: {title: A}}', ''), op: (t) => edit.addSource(t, 'b', { title: 'B, too' }), expected: joinLines('sources: {a: {title: A}, b: {title: "B, too"}}', '') },
  { name: 'add the sources section before entities', input: joinLines('# header', '', 'entities:', '  x: {name: X, type: person}', ''), op: (t) => edit.addSource(t, 'b', { title: 'B' }), expected: joinLines('# header', '', 'sources:', '  b:', '    title: B', 'entities:', '  x: {name: X, type: person}', '') },
  { name: 'add a source to an empty document', input: '', op: (t) => edit.addSource(t, 'b', { title: 'B' }), expected: joinLines('sources:', '  b:', '    title: B', '') },
  { name: 'add a source to a comments-only document', input: '# only comments', op: (t) => edit.addSource(t, 'b', { title: 'B' }), expected: joinLines('# only comments', 'sources:', '  b:', '    title: B', '') },
  { name: 'add a source to an empty sources key', input: joinLines('sources:', 'claims: []', ''), op: (t) => edit.addSource(t, 'b', { title: 'B' }), expected: joinLines('sources:', '  b:', '    title: B', 'claims: []', '') },
  { name: 'add an entity', input: joinLines('entities:', '  a:', '    name: A', '    type: person', ''), op: (t) => edit.addEntity(t, 'b', { name: 'B', type: 'place', aliases: ['Bee', 'B, the'] }), expected: joinLines('entities:', '  a:', '    name: A', '    type: person', '  b:', '    name: B', '    type: place', '    aliases: [Bee, "B, the"]', '') },
  { name: 'add an alias', input: joinLines('entities:', '  a:', '    name: A', '    aliases: [Ay]', ''), op: (t) => edit.addAlias(t, 'a', 'Aa'), expected: joinLines('entities:', '  a:', '    name: A', '    aliases: [Ay, Aa]', '') },
  { name: 'append a pin to an existing list', input: joinLines('mentions:', '  - quote: Massoud', '    entity: son', '# trailing', ''), op: (t) => edit.appendListItem(t, 'mentions', { quote: 'Massoud', prefix: 'the elder ', entity: 'father' }), expected: joinLines('mentions:', '  - quote: Massoud', '    entity: son', '  - quote: Massoud', '    prefix: "the elder "', '    entity: father', '# trailing', '') },
  { name: 'create the mentions list at the end', input: joinLines('claims:', '  - quote: x', ''), op: (t) => edit.appendListItem(t, 'mentions', { quote: 'x: y', entity: 'e' }), expected: joinLines('claims:', '  - quote: x', 'mentions:', '  - quote: "x: y"', '    entity: e', '') },
  { name: 'append to a flow list', input: joinLines('notes: []', ''), op: (t) => edit.appendListItem(t, 'notes', { quote: 'a', text: 'b' }), expected: joinLines('notes: [{quote: a, text: b}]', '') },
  { name: 're-anchor: new quote, context set and removed', input: joinLines('claims:', '  - quote: Kabul fel # typo', '    occurrence: 2', '    sources: [a]', ''), op: (t) => edit.setAnchor(t, 'claims', 0, { quote: 'Kabul fell', prefix: 'when ' }), expected: joinLines('claims:', '  - quote: Kabul fell # typo', '    prefix: "when "', '    sources: [a]', '') },
  { name: 're-anchor a flow note', input: joinLines('notes:', '  - {quote: x, suffix: y, text: t}', ''), op: (t) => edit.setAnchor(t, 'notes', 0, { quote: 'z' }), expected: joinLines('notes:', '  - {quote: z, text: t}', '') },
  { name: 'quotes that need quoting', input: CLAIM, op: (t) => edit.setAnchor(t, 'claims', 0, { quote: '"Peace" #1: not surrender' }), expected: joinLines('claims:', '  # the key claim', '  - id: a', `    quote: '"Peace" #1: not surrender'   # checked`, '') },
  { name: 'YAML errors: no edit', input: 'claims: [\n', op: (t) => edit.setClaimKind(t, 0, 'opinion'), expected: 'claims: [\n' },
  { name: 'claims is not a list: no edit', input: 'claims: nope\n', op: (t) => edit.setClaimKind(t, 0, 'opinion'), expected: 'claims: nope\n' },
  { name: 'no such claim: no edit', input: CLAIM, op: (t) => edit.setClaimKind(t, 5, 'opinion'), expected: CLAIM },
];

/** Every input line the edit did not touch is still there, in order, byte for byte. */
function assertUntouchedLinesKept(input: string, output: string, edits: readonly edit.TextEdit[]): void {
  const touched = (lineStart: number, lineEnd: number): boolean => edits.some((e) => e.start <= lineEnd && e.end >= lineStart);
  const outputLines = output.split('\n');
  let cursor = 0;
  let offset = 0;
  for (const line of input.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    if (touched(start, start + line.length)) continue;
    const found = outputLines.indexOf(line, cursor);
    assert.ok(found >= 0, `untouched line lost: ${JSON.stringify(line)}`);
    cursor = found + 1;
  }
}

for (const c of cases) {
  test(`sidecar edit: ${c.name}`, () => {
    const edits = c.op(c.input);
    const output = edit.applyEdits(c.input, edits);
    assert.equal(output, c.expected);
    assertUntouchedLinesKept(c.input, output, edits);
    if (edits.length > 0) assert.doesNotThrow(() => parse(output), 'the result is valid YAML');
  });
}

test('sidecar edit: a real sidecar with comments and odd formatting keeps every untouched line', () => {
  const input = joinLines(
    '# Marginalia annotations — hand-written, please keep the comments',
    'article: story.txt',
    '',
    'sources:   # publications',
    '  fp:   {title: "The interview", publisher: Foreign Policy}',
    '  rfe:',
    '      title: Tajiks from Kulob   # odd indent',
    '',
    'claims:',
    '',
    '  # ---- section one ----',
    '  - id: fighters',
    "    quote: 'several thousand fighters'",
    '    sources:',
    '      - fp',
    '',
    '  - id: kulob   # unsourced for now',
    '    quote: >-',
    '      Hundreds of Tajiks',
    '      from Kulob',
    '',
    '# end of file',
    '',
  );
  let text = input;
  for (const op of [(t: string) => edit.addClaimSource(t, 1, 'rfe'), (t: string) => edit.setClaimKind(t, 0, 'fact'), (t: string) => edit.addSource(t, 'ap', { title: 'AP photo' })]) {
    const edits = op(text);
    assert.ok(edits.length > 0);
    const next = edit.applyEdits(text, edits);
    assertUntouchedLinesKept(text, next, edits);
    text = next;
  }
  const data = parse(text);
  assert.deepEqual(data.claims[1].sources, ['rfe']);
  assert.equal(data.claims[0].kind, 'fact');
  assert.equal(data.sources.ap.title, 'AP photo');
  assert.equal(data.claims[1].quote, 'Hundreds of Tajiks from Kulob');
  for (const comment of ['# Marginalia annotations', '# publications', '# odd indent', '# ---- section one ----', '# unsourced for now', '# end of file']) assert.ok(text.includes(comment), comment);
});

test('newSourceId: slug of the title, suffixed when taken', () => {
  assert.equal(edit.newSourceId(new Set(), 'The Lion’s Son Speaks: An Interview'), 'the-lion-s-son');
  assert.equal(edit.newSourceId(new Set(['the-lion-s-son']), 'The Lion’s Son Speaks'), 'the-lion-s-son-2');
  assert.equal(edit.newSourceId(new Set(), '—'), 'source');
  assert.equal(edit.newSourceId(new Set(), 'Élysée, déjà vu'), 'elysee-deja-vu');
});
