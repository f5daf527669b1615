import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { completeInSidecar } from '../../server/src/core/completion';
import { definitionInArticle, definitionInSidecar, highlightsInArticle, referenceTargetAt, referencesOf } from '../../server/src/core/navigation';
import { articleSymbols, sidecarSymbols } from '../../server/src/core/symbols';
import { MASSOUD_ENTITIES, analyzeTexts, cursor, joinLines } from './helpers';

const ARTICLE = 'Support Ahmad Massoud.\n\nLed by Ahmad Shah Massoud. Massoud was killed in 2001.';
const SIDECAR = joinLines(MASSOUD_ENTITIES, 'sources:', '  ps: {title: PS}', 'claims:', '  - quote: Massoud was killed in 2001', '    sources: [ps]');

const at = (text: string, span: { start: number; end: number }): string => text.slice(span.start, span.end);

test('definition: from a mention to its entity id in the sidecar', () => {
  const analysis = analyzeTexts(ARTICLE, SIDECAR);
  const [location] = definitionInArticle(analysis, ARTICLE.indexOf('Shah'));
  assert.equal(location?.file, 'sidecar');
  assert.equal(at(SIDECAR, location!.span), 'father');
});

test('definition: from a claim quote in the sidecar to the article, and from a source id to its definition', () => {
  const analysis = analyzeTexts(ARTICLE, SIDECAR);
  const [toArticle] = definitionInSidecar(analysis, SIDECAR.indexOf('was killed'));
  assert.equal(toArticle?.file, 'article');
  assert.equal(at(ARTICLE, toArticle!.span), 'Massoud was killed in 2001');
  const [toSource] = definitionInSidecar(analysis, SIDECAR.lastIndexOf('ps]'));
  assert.equal(at(SIDECAR, toSource!.span), 'ps');
  assert.equal(toSource!.span.start, SIDECAR.indexOf('ps:'));
});

test('references: from the entity id in the sidecar to every mention', () => {
  const analysis = analyzeTexts(ARTICLE, SIDECAR);
  const target = referenceTargetAt(analysis, 'sidecar', SIDECAR.indexOf('father'));
  assert.deepEqual(target, { kind: 'entity', id: 'father' });
  const refs = referencesOf(analysis, target!, false).map((l) => `${l.file}:${at(l.file === 'article' ? ARTICLE : SIDECAR, l.span)}@${l.span.start}`);
  assert.deepEqual(refs, [`article:Ahmad Shah Massoud@${ARTICLE.indexOf('Ahmad Shah')}`, `article:Massoud@${ARTICLE.indexOf('Massoud was')}`]);
});

test('highlights: the mentions of the entity under the cursor only', () => {
  const analysis = analyzeTexts(ARTICLE, SIDECAR);
  assert.deepEqual(highlightsInArticle(analysis, ARTICLE.indexOf('Massoud was')).map((s) => s.start), [ARTICLE.indexOf('Ahmad Shah'), ARTICLE.indexOf('Massoud was')]);
  assert.deepEqual(highlightsInArticle(analysis, ARTICLE.indexOf('killed')), []);
});

const completionCases: { name: string; sidecar: string; expected: string[] }[] = [
  { name: 'source ids in a flow list', sidecar: joinLines('sources:', '  ps: {title: PS}', '  fp: {title: FP}', 'claims:', '  - quote: x', '    sources: [ps, |]'), expected: ['ps', 'fp'] },
  { name: 'source ids in a block list', sidecar: joinLines('sources:', '  ps: {title: PS}', 'claims:', '  - quote: x', '    sources:', '      - p|'), expected: ['ps'] },
  { name: 'entity ids after attributed-to', sidecar: joinLines(MASSOUD_ENTITIES, 'claims:', '  - quote: x', '    attributed-to: |'), expected: ['son', 'father', 'foundation'] },
  { name: 'entity types', sidecar: joinLines('entities:', '  a:', '    name: A', '    type: |'), expected: ['person', 'organization', 'place', 'event', 'work', 'other'] },
  { name: 'claim kinds', sidecar: joinLines('claims:', '  - quote: x', '    kind: o|'), expected: ['fact', 'opinion'] },
  { name: 'nothing inside a quote', sidecar: joinLines('claims:', '  - quote: Mass|'), expected: [] },
];

for (const c of completionCases) {
  test(`completion: ${c.name}`, () => {
    const { text, offset } = cursor(c.sidecar);
    assert.deepEqual(completeInSidecar(analyzeTexts('x', text), offset).map((e) => e.label), c.expected);
  });
}

test('symbols: the sidecar outline groups sources, entities and claims', () => {
  const symbols = sidecarSymbols(analyzeTexts(ARTICLE, SIDECAR));
  assert.deepEqual(symbols.map((s) => `${s.name}:${s.children.map((c) => c.name).join(',')}`), ['sources:ps', 'entities:son,father,foundation', 'claims:Massoud was killed in 2001']);
});

test('symbols: the article outline lists claims and the entities mentioned', () => {
  const symbols = articleSymbols(analyzeTexts(ARTICLE, SIDECAR));
  assert.deepEqual(symbols.map((s) => `${s.name}:${s.children.map((c) => `${c.name}(${c.detail})`).join(',')}`), [
    'Claims:Massoud was killed in 2001(sourced)',
    'Entities:Ahmad Massoud(person · 1×),Ahmad Shah Massoud(person · 2×)',
  ]);
});

const keyCases: { name: string; sidecar: string; expected: string[] }[] = [
  { name: 'top-level keys', sidecar: joinLines('sources: {}', 'cl|'), expected: ['article', 'sources', 'entities', 'claims', 'mentions', 'notes'] },
  { name: 'keys of a claim', sidecar: joinLines('claims:', '  - quote: x', '    so|'), expected: ['id', 'quote', 'prefix', 'suffix', 'occurrence', 'sources', 'attributed-to', 'kind', 'note'] },
  { name: 'keys of a new pin', sidecar: joinLines('mentions:', '  - quote: x', '    entity: son', '  - |'), expected: ['quote', 'prefix', 'suffix', 'occurrence', 'entity'] },
  { name: 'keys of a source', sidecar: joinLines('sources:', '  ps:', '    title: PS', '    |'), expected: ['title', 'url', 'publisher', 'date', 'note'] },
  { name: 'keys of an entity', sidecar: joinLines('entities:', '  son:', '    na|'), expected: ['name', 'type', 'aliases', 'description', 'links', 'pronouns', 'born', 'died', 'roles', 'relations'] },
];

for (const c of keyCases) {
  test(`completion: ${c.name}`, () => {
    const { text, offset } = cursor(c.sidecar);
    assert.deepEqual(completeInSidecar(analyzeTexts('x', text), offset).map((e) => e.label), c.expected);
  });
}

test('completion: a quote offers the article’s sentences', () => {
  const { text, offset } = cursor(joinLines('claims:', '  - quote: |'));
  const entries = completeInSidecar(analyzeTexts('Kabul fell on 15 August. The valley held out: for now.', text), offset);
  assert.deepEqual(entries.map((e) => e.insertText), ['Kabul fell on 15 August.', '"The valley held out: for now."']);
});
