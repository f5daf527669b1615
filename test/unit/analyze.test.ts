import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LIMITS } from '../../server/src/core/limits';
import { analyzeTexts, joinLines } from './helpers';

const ARTICLE = 'The valley held. The valley held. Kabul fell on 15 August. Critics call it a betrayal.';

/** Findings as file:code@text, in a stable order. */
function findings(sidecar: string, article = ARTICLE): string[] {
  const analysis = analyzeTexts(article, sidecar);
  return analysis.findings.map((f) => `${f.file}:${f.code}@${(f.file === 'article' ? article : sidecar).slice(f.span.start, f.span.end)}`);
}

const cases: { name: string; sidecar: string; expected: string[] }[] = [
  {
    name: 'an unsourced fact is flagged in both files',
    sidecar: joinLines('claims:', '  - quote: Kabul fell on 15 August'),
    expected: ['sidecar:unsourced-claim@Kabul fell on 15 August', 'article:unsourced-claim@Kabul fell on 15 August'],
  },
  { name: 'a sourced fact is not flagged', sidecar: joinLines('sources:', '  s: {title: S}', 'claims:', '  - quote: Kabul fell', '    sources: [s]'), expected: [] },
  { name: 'an attributed fact is not flagged', sidecar: joinLines('entities:', '  k: {name: Kabul, type: place}', 'claims:', '  - quote: Kabul fell', '    attributed-to: k'), expected: [] },
  { name: 'an opinion is not flagged', sidecar: joinLines('claims:', '  - quote: a betrayal', '    kind: opinion'), expected: [] },
  {
    name: 'a claim citing only an unknown source is unknown-source and unsourced',
    sidecar: joinLines('claims:', '  - quote: Kabul fell', '    sources: [nope]'),
    expected: ['sidecar:unknown-source@nope', 'sidecar:unsourced-claim@Kabul fell', 'article:unsourced-claim@Kabul fell'],
  },
  { name: 'unknown entity in attributed-to', sidecar: joinLines('claims:', '  - quote: Kabul fell', '    attributed-to: nobody'), expected: ['sidecar:unknown-entity@nobody'] },
  { name: 'unknown entity in a pin', sidecar: joinLines('mentions:', '  - quote: Kabul', '    entity: nobody'), expected: ['sidecar:unknown-entity@nobody'] },
  {
    name: 'a quote edited a little is found and flagged as drifted, in both files',
    sidecar: joinLines('claims:', '  - quote: Kabul fel on 15 Agust', '    kind: opinion'),
    expected: ['sidecar:drifted-annotation@Kabul fel on 15 Agust', 'article:drifted-annotation@Kabul fell on 15 August'],
  },
  {
    name: 'a quote rewritten is orphaned',
    sidecar: joinLines('claims:', '  - quote: Herat surrendered in July', '    kind: opinion'),
    expected: ['sidecar:orphaned-annotation@Herat surrendered in July'],
  },
  { name: 'repeated quote is ambiguous', sidecar: joinLines('notes:', '  - quote: The valley held', '    text: duplicated'), expected: ['sidecar:ambiguous-anchor@The valley held'] },
  { name: 'occurrence settles a repeat', sidecar: joinLines('notes:', '  - quote: The valley held', '    occurrence: 2', '    text: duplicated'), expected: [] },
  {
    name: 'duplicate claim ids',
    sidecar: joinLines('claims:', '  - {id: a, quote: Kabul fell, kind: opinion}', '  - {id: a, quote: a betrayal, kind: opinion}'),
    expected: ['sidecar:duplicate-id@a'],
  },
];

for (const c of cases) {
  test(`analysis: ${c.name}`, () => assert.deepEqual(findings(c.sidecar).sort(), c.expected.sort()));
}

test('analysis: claim statuses', () => {
  const sidecar = joinLines(
    'sources:', '  s: {title: S}',
    'entities:', '  k: {name: Kabul, type: place}',
    'claims:',
    '  - {quote: Kabul fell, sources: [s]}',
    '  - {quote: on 15 August, attributed-to: k}',
    '  - {quote: a betrayal, kind: opinion}',
    '  - {quote: Critics call}',
    '  - {quote: not in the text at all}',
    '  - {quote: The valley held}',
  );
  assert.deepEqual(analyzeTexts(ARTICLE, sidecar).claims.map((c) => c.status), ['sourced', 'attributed', 'opinion', 'unsourced', 'orphaned', 'ambiguous']);
});

test('analysis: the unsourced-claim severity follows the setting', () => {
  const analysis = analyzeTexts(ARTICLE, joinLines('claims:', '  - quote: Kabul fell'), { unsourcedClaimSeverity: 'error', reportAmbiguousMentions: true });
  assert.deepEqual(analysis.findings.map((f) => f.severity), ['error', 'error']);
});

test('analysis: a claim whose every source is unknown is unsourced; one known source is enough', () => {
  const sidecar = joinLines(
    'sources:', '  s: {title: S}',
    'entities:', '  k: {name: Kabul, type: place}',
    'claims:',
    '  - {quote: Kabul fell, sources: [nope]}',
    '  - {quote: on 15 August, sources: [nope, gone]}',
    '  - {quote: a betrayal, sources: [nope, s]}',
    '  - {quote: Critics call, sources: [nope], attributed-to: k}',
  );
  const analysis = analyzeTexts(ARTICLE, sidecar);
  assert.deepEqual(analysis.claims.map((c) => c.status), ['unsourced', 'unsourced', 'sourced', 'attributed']);
  assert.equal(analysis.findings.filter((f) => f.code === 'unknown-source').length, 5, 'the unknown ids are still reported');
  const message = analysis.findings.find((f) => f.code === 'unsourced-claim' && f.file === 'article')!.message;
  assert.match(message, /no known source/);
});

test('analysis: an ambiguity message names a few candidates, short, however many share the name', () => {
  const count = 3000;
  const entities = Array.from({ length: count }, (_, i) => `  e${i}: {name: ${'Very Long Name '.repeat(30)}${i}, type: person, aliases: [Shared]}`);
  const analysis = analyzeTexts('Shared spoke.\n\nShared left.', joinLines('entities:', ...entities));
  const ambiguous = analysis.findings.filter((f) => f.code === 'ambiguous-mention');
  assert.equal(ambiguous.length, 2);
  for (const finding of ambiguous) {
    assert.ok(finding.message.length <= LIMITS.messageChars.value, `message of ${finding.message.length} characters`);
    assert.match(finding.message, /or 2,989 others/);
  }
});
