import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseSidecar } from '../../server/src/core/sidecar';
import { summarizeSidecarText } from '../../server/src/core/quickSummary';
import { joinLines } from './helpers';

/** Findings as code@quoted-text: message-fragment, for table comparison. */
function problems(text: string): string[] {
  return parseSidecar(text).findings.map((f) => `${f.code}@${text.slice(f.span.start, f.span.end)}`);
}

const cases: { name: string; text: string; expected: string[] }[] = [
  { name: 'empty file is fine', text: '', expected: [] },
  { name: 'only comments is fine', text: '# nothing yet\n', expected: [] },
  { name: 'a list at the top', text: '- a\n- b\n', expected: ['schema@- a\n- b\n'] },
  { name: 'unknown top-level key', text: 'claim:\n  - quote: x\n', expected: ['schema@claim'] },
  { name: 'unknown key in an entity', text: joinLines('entities:', '  a:', '    name: A', '    type: person', '    born: 1989'), expected: ['schema@born'] },
  { name: 'missing name and type', text: joinLines('entities:', '  a:', '    description: x'), expected: ['schema@a', 'schema@a'] },
  { name: 'unknown entity type', text: joinLines('entities:', '  a:', '    name: A', '    type: alien'), expected: ['schema@alien'] },
  { name: 'claims must be a list', text: 'claims: yes', expected: ['schema@yes'] },
  { name: 'quote must be text', text: joinLines('claims:', '  - quote: [a, b]'), expected: ['schema@[a, b]'] },
  { name: 'occurrence must be a positive whole number', text: joinLines('claims:', '  - quote: a', '    occurrence: 0'), expected: ['schema@0'] },
  { name: 'unknown claim kind', text: joinLines('claims:', '  - quote: a', '    kind: rumour'), expected: ['schema@rumour'] },
  { name: 'duplicate source id', text: joinLines('sources:', '  a: {title: A}', '  a: {title: B}'), expected: ['duplicate-id@a'] },
  { name: 'broken YAML is a yaml-syntax finding', text: 'claims:\n  - quote: "unclosed\n', expected: ['yaml-syntax@  - quote: "unclosed'] },
  { name: 'a pin needs an entity', text: joinLines('mentions:', '  - quote: Massoud'), expected: ['schema@quote: Massoud'] },
];

for (const c of cases) {
  test(`sidecar: ${c.name}`, () => assert.deepEqual(problems(c.text), c.expected));
}

test('sidecar: reads every field with its span', () => {
  const text = joinLines(
    '# header',
    'sources:',
    '  ps: {title: Project Syndicate op-ed, url: "https://example.org/a", date: 2021-09-10}',
    'entities:',
    '  son:',
    '    name: Ahmad Massoud',
    '    type: person',
    '    aliases: [Massoud, "younger Massoud"]',
    'claims:',
    '  - id: c1',
    '    quote: Massoud was assassinated',
    '    sources: [ps]',
    '    attributed-to: son',
    '    kind: opinion',
  );
  const sidecar = parseSidecar(text);
  assert.deepEqual(sidecar.findings, []);
  assert.equal(sidecar.sources.get('ps')?.date, '2021-09-10');
  const son = sidecar.entities.get('son')!;
  assert.deepEqual(son.aliases.map((a) => a.value), ['Massoud', 'younger Massoud']);
  assert.equal(text.slice(son.idSpan.start, son.idSpan.end), 'son');
  const claim = sidecar.claims[0]!;
  assert.equal(text.slice(claim.quoteSpan.start, claim.quoteSpan.end), 'Massoud was assassinated');
  assert.equal(claim.kind, 'opinion');
  assert.deepEqual(sidecar.idUses.map((u) => `${u.kind}:${u.id}`), ['source:ps', 'entity:son']);
});

test('sidecar: a bad entry does not hide the good ones', () => {
  const sidecar = parseSidecar(joinLines('claims:', '  - just text', '  - quote: fine'));
  assert.equal(sidecar.claims.length, 1);
  assert.equal(sidecar.claims[0]!.index, 1);
});

test('sidecar: hostile input does not throw', () => {
  const inputs = ['\u0000\u0001\u0002', ': : :', '{{{{', '*alias', '&a [*a, *a]', 'x: ' + 'a'.repeat(100000), '- '.repeat(5000)];
  for (const input of inputs) assert.doesNotThrow(() => parseSidecar(input));
});

test('sidecar: no finding starts or ends between the two halves of an emoji', () => {
  const splits = (text: string, at: number) => at > 0 && at < text.length && /[\uD800-\uDBFF]/.test(text[at - 1]!) && /[\uDC00-\uDFFF]/.test(text[at]!);
  const inputs = ['😀\t😀: 😀: 😀', 'a: !😀 x', '😀: [😀', 'a: 😀\n😀: - 😀', '{😀: 😀', 'a: &😀 *😀', `${'😀'.repeat(3)}: ${'😀'.repeat(5)}\n${'😀'.repeat(2)}`];
  for (const text of inputs) {
    for (const f of parseSidecar(text).findings) assert.ok(!splits(text, f.span.start) && !splits(text, f.span.end), `${JSON.stringify(text)}: ${f.message} at ${f.span.start}–${f.span.end}`);
  }
});

test('a blank id is a schema finding, and the entry is not used (no pin or citation could name it)', () => {
  const sidecar = parseSidecar(['entities:', '  " ":', '    name: Blank Person', '    type: person', '  ok:', '    name: Fine Person', '    type: person'].join('\n'));
  assert.deepEqual([...sidecar.entities.keys()], ['ok']);
  assert.ok(sidecar.findings.some((f) => f.code === 'schema' && /must not be empty or blank/.test(f.message)));
  assert.deepEqual(summarizeSidecarText(['entities:', '  " ":', '    name: Blank Person', '    type: person'].join('\n'))?.symbols.map((s) => s.id), []);
});
