// The entity facts of the sidecar (pronouns, born, died, roles, relations)
// beyond reading them (sidecar.test.ts): completion of their keys and values,
// and relation targets as id uses in the workspace index and in a rename.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { completeInSidecar } from '../../server/src/core/completion';
import { quickSummary } from '../../server/src/core/quickSummary';
import { planRename, renameEdits } from '../../server/src/core/rename';
import { parseSidecar } from '../../server/src/core/sidecar';
import { FACT_KEYS, RELATION_KEY_NAMES, YEAR_RANGE } from '../../server/src/core/sidecarFacts';
import { summarizeSidecar } from '../../server/src/core/sidecarSummary';
import { applyEdits } from '../../server/src/core/sidecarText';
import { analyzeTexts, cursor, joinLines } from './helpers';

const PEOPLE = ['  ana-varga: {name: Ana Varga, type: person}', '  mira-varga: {name: Mira Varga, type: person}'];

/** `tomas-varga` with these lines (the cursor among them), then Ana and Mira. */
function tomas(...lines: string[]): string {
  return joinLines('entities:', '  tomas-varga:', '    name: Tomas Varga', '    type: person', ...lines.map((l) => `    ${l}`), ...PEOPLE);
}

const completionCases: { name: string; sidecar: string; expected: string[] }[] = [
  { name: 'an entity offers the fact keys', sidecar: tomas('pr|'), expected: ['name', 'type', 'aliases', 'description', 'links', 'pronouns', 'born', 'died', 'roles', 'relations'] },
  { name: 'pronouns values', sidecar: tomas('pronouns: |'), expected: ['he', 'she', 'they'] },
  { name: 'relation keys', sidecar: tomas('relations:', '  fa|'), expected: ['child-of', 'son-of', 'daughter-of', 'parent-of', 'father-of', 'mother-of', 'spouse-of', 'husband-of', 'wife-of', 'sibling-of', 'brother-of', 'sister-of'] },
  { name: 'relation targets are the other entities', sidecar: tomas('relations:', '  father-of: |'), expected: ['ana-varga', 'mira-varga'] },
  { name: 'relation targets in a flow list', sidecar: tomas('relations:', '  spouse-of: [ana-varga, m|]'), expected: ['ana-varga', 'mira-varga'] },
  { name: 'relation targets in a block list', sidecar: tomas('relations:', '  parent-of:', '    - a|'), expected: ['ana-varga', 'mira-varga'] },
  { name: 'relation targets in a flow mapping', sidecar: tomas('relations: {sibling-of: |}'), expected: ['ana-varga', 'mira-varga'] },
  { name: 'keys of a role', sidecar: tomas('roles:', '  - title: President', '    f|'), expected: ['title', 'from', 'to'] },
  { name: 'nothing for a year', sidecar: tomas('born: 19|'), expected: [] },
];

for (const c of completionCases) {
  test(`completion: ${c.name}`, () => {
    const { text, offset } = cursor(c.sidecar);
    assert.deepEqual(completeInSidecar(analyzeTexts('x', text), offset).map((e) => e.label), c.expected);
  });
}

test('completion: relation keys say what they mean', () => {
  const { text, offset } = cursor(tomas('relations:', '  |'));
  const entries = completeInSidecar(analyzeTexts('x', text), offset);
  assert.equal(entries.find((e) => e.label === 'son-of')?.detail, 'child of the entity named (implies he)');
  assert.equal(entries.find((e) => e.label === 'spouse-of')?.detail, 'spouse of the entity named');
  assert.equal(entries.find((e) => e.label === 'son-of')?.insertText, 'son-of: ');
});

const FAMILY = joinLines(
  'entities:',
  '  tomas-varga:',
  '    name: Tomas Varga',
  '    type: person',
  '    relations:',
  '      father-of: ana-varga',
  '      spouse-of: [mira-varga, ana-varga]',
  '  ana-varga: {name: Ana Varga, type: person, relations: {daughter-of: tomas-varga}}',
  '  mira-varga: {name: Mira Varga, type: person}',
  'claims:',
  '  - {quote: x, attributed-to: ana-varga}',
  '',
);

test('index: the fast summary reads relation targets as the full parse does', () => {
  const quick = quickSummary(FAMILY);
  assert.ok(quick, 'a plain sidecar with relations takes the fast way');
  assert.deepEqual(quick, summarizeSidecar(FAMILY, parseSidecar(FAMILY)));
  assert.equal(quick.idRanges['entity:ana-varga']?.length, 4, 'the definition, two relations and the attribution');
});

test('index: an unknown relation key, a blank target or a nested target is left to the full parse', () => {
  for (const relation of ['uncle-of: ana-varga', 'son-of: ""', 'son-of: [[ana-varga]]', 'son-of: {id: ana-varga}']) {
    const text = joinLines('entities:', '  tomas-varga:', '    name: Tomas Varga', '    type: person', '    relations:', `      ${relation}`, ...PEOPLE);
    assert.equal(quickSummary(text), undefined, relation);
  }
});

test('rename: an entity id is renamed in the relations that name it, and the edit is verified', () => {
  const plan = planRename([{ file: 'family', summary: quickSummary(FAMILY)! }], { kind: 'entity', id: 'ana-varga' }, 'ana-lima');
  assert.ok(plan.ok);
  const spans = parseSidecar(FAMILY).idUses.filter((u) => u.id === 'ana-varga').map((u) => u.span);
  const definition = FAMILY.indexOf('ana-varga:');
  const verdict = renameEdits(FAMILY, [{ start: definition, end: definition + 'ana-varga'.length }, ...spans], { kind: 'entity', id: 'ana-varga' }, 'ana-lima');
  assert.ok(verdict.ok, verdict.ok ? '' : verdict.reason);
  assert.equal(plan.edits[0]!.ranges.length, 4);
  assert.equal(applyEdits(FAMILY, verdict.edits), FAMILY.replaceAll('ana-varga', 'ana-lima'));
});

test('rename: a relation target left out of the edit is caught by the check', () => {
  const definition = FAMILY.indexOf('ana-varga:');
  const attribution = parseSidecar(FAMILY).idUses.filter((u) => u.id === 'ana-varga' && u.span.start > FAMILY.indexOf('claims:')).map((u) => u.span);
  assert.equal(attribution.length, 1);
  const verdict = renameEdits(FAMILY, [{ start: definition, end: definition + 'ana-varga'.length }, ...attribution], { kind: 'entity', id: 'ana-varga' }, 'ana-lima');
  assert.equal(verdict.ok, false);
  assert.match(verdict.ok ? '' : verdict.reason, /would not read back as intended/);
});

test('schema: the JSON Schema describes every fact field and relation key the reader knows', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'client', 'schemas', 'annotations.schema.json'), 'utf8'));
  const entity = schema.properties.entities.additionalProperties.properties;
  for (const key of FACT_KEYS) assert.ok(entity[key]?.description, `${key} is described`);
  assert.deepEqual(Object.keys(entity.relations.properties), RELATION_KEY_NAMES);
  assert.equal(entity.born.oneOf[0].minimum, YEAR_RANGE.min);
  assert.equal(entity.born.oneOf[0].maximum, YEAR_RANGE.max);
  const pronouns = new RegExp(entity.pronouns.pattern);
  for (const ok of ['he', 'she/her', 'they/them']) assert.ok(pronouns.test(ok), ok);
  for (const bad of ['it', 'he/her', '']) assert.ok(!pronouns.test(bad), bad);
});
