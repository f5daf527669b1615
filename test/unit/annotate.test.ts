import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { annotationSpan, newSidecarText, planAnnotation, unitFor, type AnnotationRequest } from '../../server/src/core/annotate';
import { analyze, prepareArticle, prepareSidecar } from '../../server/src/core/analyze';
import { idSpans, planRename } from '../../server/src/core/rename';
import { summarizeSidecar } from '../../server/src/core/sidecarSummary';
import { parseSidecar } from '../../server/src/core/sidecar';
import { cursor, joinLines } from './helpers';

const ARTICLE = joinLines('Support Ahmad Massoud', '', 'Massoud was killed in 2001. The valley held. Massoud’s son leads the resistance.', '');

const spanCases: { name: string; text: string; unit: 'word' | 'sentence'; expected: string | undefined }[] = [
  { name: 'a selection is taken as it is, trimmed', text: 'The [ valley held ]. More.', unit: 'word', expected: 'valley held' },
  { name: 'the word under the cursor', text: 'The val|ley held.', unit: 'word', expected: 'valley' },
  { name: 'a possessive is not part of the word', text: 'Mass|oud’s son', unit: 'word', expected: 'Massoud' },
  { name: 'the sentence under the cursor', text: 'First one. The val|ley held. Last one.', unit: 'sentence', expected: 'The valley held.' },
  { name: 'a sentence ends at the line', text: 'Title line|\nBody.', unit: 'sentence', expected: 'Title line' },
  { name: 'nothing on white space', text: 'a  |  b', unit: 'word', expected: undefined },
];

for (const c of spanCases) {
  test(`annotation span: ${c.name}`, () => {
    let text = c.text;
    let selection: { start: number; end: number };
    if (text.includes('[')) {
      const start = text.indexOf('[');
      text = text.replace('[', '');
      const end = text.indexOf(']');
      text = text.replace(']', '');
      selection = { start, end };
    } else {
      const at = cursor(text);
      text = at.text;
      selection = { start: at.offset, end: at.offset };
    }
    const span = annotationSpan(text, selection, c.unit);
    assert.equal(span && text.slice(span.start, span.end), c.expected);
  });
}

test('annotation span: claims and notes take the sentence, entities and pins the word', () => {
  assert.deepEqual((['claim', 'note', 'entity', 'alias', 'pin'] as const).map(unitFor), ['sentence', 'sentence', 'word', 'word', 'word']);
});

const SIDECAR = joinLines(
  '# Hand-written: keep this comment',
  'sources:',
  '  ps: {title: Project Syndicate}   # the op-ed',
  'entities:',
  '  son:',
  '    name: Ahmad Massoud',
  '    type: person',
  'claims:',
  '  - quote: The valley held   # checked',
  '',
);

function plan(request: AnnotationRequest, quote: string, nth = 1): string {
  let at = -1;
  for (let i = 0; i < nth; i++) at = ARTICLE.indexOf(quote, at + 1);
  const result = planAnnotation(SIDECAR, ARTICLE, { start: at, end: at + quote.length }, request, new Set(['son']));
  assert.ok(result);
  for (const line of SIDECAR.split('\n')) assert.ok(result.text.includes(line), `kept: ${line}`);
  return result.text;
}

test('annotate: a claim with sources, anchored with just enough context', () => {
  const text = plan({ kind: 'claim', sources: ['ps'] }, 'Massoud', 3);
  assert.deepEqual(parse(text).claims[1], { quote: 'Massoud', prefix: 'held. ', sources: ['ps'] });
  const analysis = analyze(prepareArticle(ARTICLE), prepareSidecar(text));
  assert.equal(analysis.claims[1]!.span!.start, ARTICLE.lastIndexOf('Massoud'));
});

test('annotate: a unique quote needs no context', () => {
  assert.deepEqual(parse(plan({ kind: 'claim' }, 'killed in 2001')).claims[1], { quote: 'killed in 2001' });
});

test('annotate: a new entity gets an id from its name', () => {
  const entities = parse(plan({ kind: 'entity', type: 'place', description: 'A valley.' }, 'valley')).entities;
  assert.deepEqual(entities.valley, { name: 'valley', type: 'place', description: 'A valley.' });
});

test('annotate: an alias of an existing entity', () => {
  assert.deepEqual(parse(plan({ kind: 'alias', entityId: 'son' }, 'Massoud', 2)).entities.son.aliases, ['Massoud']);
});

test('annotate: a note and a pin', () => {
  assert.deepEqual(parse(plan({ kind: 'note', text: 'Which son?' }, 'Massoud’s son')).notes, [{ quote: 'Massoud’s son', text: 'Which son?' }]);
  const pins = parse(plan({ kind: 'pin', entityId: 'son' }, 'Massoud', 2)).mentions;
  assert.equal(pins[0].entity, 'son');
  assert.ok(pins[0].prefix !== undefined || pins[0].suffix !== undefined);
});

test('annotate: a new sidecar starts with a header comment and reads back', () => {
  const start = newSidecarText('story.txt');
  const result = planAnnotation(start, ARTICLE, { start: ARTICLE.indexOf('The valley'), end: ARTICLE.indexOf('The valley') + 15 }, { kind: 'claim' }, new Set());
  assert.ok(result);
  assert.ok(result.text.startsWith('# Annotations for story.txt'));
  assert.deepEqual(parse(result.text), { claims: [{ quote: 'The valley held' }] });
});

test('annotate: an invalid sidecar is not touched', () => {
  assert.equal(planAnnotation('claims: [', ARTICLE, { start: 0, end: 7 }, { kind: 'claim' }, new Set()), undefined);
});

test('rename: the definition and every use of an id', () => {
  const text = joinLines('entities:', '  son: {name: A, type: person}', 'claims:', '  - {quote: x, attributed-to: son}', 'mentions:', '  - quote: y', '    entity: son');
  const spans = idSpans(parseSidecar(text), { kind: 'entity', id: 'son' });
  assert.deepEqual(spans.map((s) => `${s.start}:${text.slice(s.start, s.end)}`), [`${text.indexOf('son:')}:son`, `${text.indexOf('attributed-to: son') + 15}:son`, `${text.lastIndexOf('son')}:son`]);
});

test('rename: new ids must be valid and free where the old one is used; every sidecar that names it is edited', () => {
  const indexed = (file: string, ...lines: string[]) => {
    const text = joinLines(...lines);
    return { file, summary: summarizeSidecar(text, parseSidecar(text)) };
  };
  const sidecars = [
    indexed('a', 'entities:', '  son: {name: A, type: person}', '  father: {name: B, type: person}'),
    indexed('b', 'claims:', '  - {quote: x, attributed-to: son}'),
    indexed('c', 'entities:', '  other: {name: C, type: person}'),
  ];
  const son = { kind: 'entity', id: 'son' } as const;
  const plan = planRename(sidecars, son, 'ahmad-massoud');
  assert.deepEqual(plan.ok && plan.edits.map((e) => `${e.file}:${e.ranges.map((r) => `${r.start.line}.${r.start.character}`).join(',')}`), ['a:1.2', 'b:1.30']);
  assert.deepEqual(planRename(sidecars, son, 'father'), { ok: false, message: "A entity 'father' already exists where 'son' is used." });
  assert.equal(planRename(sidecars, son, 'other').ok, true, 'taken only where son is not used');
  assert.equal(planRename(sidecars, son, 'has space').ok, false);
});
