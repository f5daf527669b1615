import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { factsOf } from '../../server/src/core/resolution/facts';
import { entityMap, person } from './evidenceSupport';

test('factsOf: gender from pronouns, then a gendered relation key, then the description', () => {
  const tomas = person('tomas', 'Tomas Varga', { aliases: ['Varga'] });
  const cases: [string, ReturnType<typeof person>, 'he' | 'she' | undefined][] = [
    ['pronouns', person('x', 'Ana Varga', { pronouns: 'she', description: 'son of Tomas Varga' }), 'she'],
    ['they', person('x', 'Ana Varga', { pronouns: 'they', description: 'daughter of Tomas Varga' }), undefined],
    ['relation key', person('x', 'Ana Varga', { relations: [{ key: 'daughter-of', kind: 'child', target: 'tomas', implies: 'she' }], description: 'his heir' }), 'she'],
    ['son of', person('x', 'Emil Varga', { description: 'Engineer, son of Tomas Varga.' }), 'he'],
    ['widow of', person('x', 'Ana Varga', { description: 'Widow of Tomas Varga and a painter.' }), 'she'],
    ["'s wife", person('x', 'Ana Varga', { description: "Tomas Varga's wife since 1990." }), 'she'],
    ['pronoun', person('x', 'Ana Varga', { description: 'A painter known for her murals.' }), 'she'],
    ['first wins', person('x', 'Emil Varga', { description: 'Father of three; her paintings hang in his house.' }), 'he'],
    ['nothing', person('x', 'Emil Varga', { description: 'A painter.' }), undefined],
  ];
  for (const [name, entity, gender] of cases) assert.equal(factsOf(entity, entityMap(tomas, entity)).gender, gender, name);
});

test('factsOf: relations structured first, then read from the description by name or alias, then stated by others', () => {
  const tomas = person('tomas', 'Tomas Varga', { aliases: ['Varga'] });
  const ana = person('ana', 'Ana Lin');
  const emil = person('emil', 'Emil Varga', { aliases: ['Varga'], description: 'Politician, son of President Tomas Varga and Ana Lin.' });
  const pinned = person('pinned', 'Rosa Varga', { aliases: ['Varga'], relations: [{ key: 'spouse-of', kind: 'spouse', target: 'tomas' }], description: 'daughter of Tomas Varga' });
  const entities = entityMap(tomas, ana, emil, pinned);
  assert.deepEqual(factsOf(emil, entities).relations, [
    { kind: 'child', target: 'tomas' },
    { kind: 'child', target: 'ana' },
  ]);
  assert.deepEqual(factsOf(pinned, entities).relations, [{ kind: 'spouse', target: 'tomas' }], 'the structured relation wins over the description');
  assert.deepEqual(factsOf(tomas, entities).relations, [
    { kind: 'parent', target: 'emil' },
    { kind: 'spouse', target: 'pinned' },
  ]);
  assert.deepEqual(factsOf(ana, entities).relations, [{ kind: 'parent', target: 'emil' }]);
});

test('factsOf: a shared alias names a relative only when one other entity has it', () => {
  const tomas = person('tomas', 'Tomas Varga', { aliases: ['Varga'] });
  const emil = person('emil', 'Emil Varga', { aliases: ['Varga'], description: 'son of Varga' });
  const rosa = person('rosa', 'Rosa Varga', { aliases: ['Varga'], description: 'daughter of Varga' });
  assert.deepEqual(factsOf(emil, entityMap(tomas, emil)).relations, [{ kind: 'child', target: 'tomas' }]);
  assert.deepEqual(factsOf(emil, entityMap(tomas, emil, rosa)).relations, [], 'Varga is Tomas or Rosa');
});

test('factsOf: roles structured and from the description (not titles of someone else), lower-cased', () => {
  const tomas = person('tomas', 'Tomas Varga');
  const cases: [string, ReturnType<typeof person>, string[]][] = [
    ['structured', person('x', 'Emil Varga', { roles: [{ title: 'Governor of Ostland', from: 1990, to: 1998 }] }), ['governor of ostland']],
    ['description', person('x', 'Emil Varga', { description: 'Former governor of Ostland and senator.' }), ['governor', 'senator']],
    ['vice', person('x', 'Emil Varga', { description: 'Vice President of Ostland.' }), ['vice president']],
    ["someone else's", person('x', 'Emil Varga', { description: 'Son of President Tomas Varga; wife of the mayor.' }), []],
    ['merged', person('x', 'Emil Varga', { roles: ['Governor'], description: 'governor and general' }), ['governor', 'general']],
  ];
  for (const [name, entity, titles] of cases) assert.deepEqual(factsOf(entity, entityMap(tomas, entity)).roles.map((r) => r.title), titles, name);
  const structured = factsOf(cases[0]![1], entityMap(cases[0]![1])).roles[0];
  assert.deepEqual(structured, { title: 'governor of ostland', from: 1990, to: 1998 });
});

test('factsOf: born and died, structured first, else from the description', () => {
  const cases: [ReturnType<typeof person>, number | undefined, number | undefined][] = [
    [person('x', 'Emil Varga', { born: 1950, description: 'Painter (1940–2001).' }), 1950, 2001],
    [person('x', 'Emil Varga', { description: 'Painter (born 1962).' }), 1962, undefined],
    [person('x', 'Emil Varga', { description: 'Painter, born in May 1931 in Ostland; died 2010 in Westland.' }), 1931, 2010],
    [person('x', 'Emil Varga', { description: 'Painter.', died: 1999 }), undefined, 1999],
  ];
  for (const [entity, born, died] of cases) {
    const facts = factsOf(entity, entityMap(entity));
    assert.deepEqual([facts.born, facts.died], [born, died], entity.description);
  }
});

test('factsOf: a long description is read only at its start', () => {
  const tomas = person('tomas', 'Tomas Varga');
  const emil = person('emil', 'Emil Varga', { description: `${'A painter. '.repeat(60)}Son of Tomas Varga.` });
  const facts = factsOf(emil, entityMap(tomas, emil));
  assert.deepEqual(facts.relations, []);
  assert.equal(facts.gender, undefined);
});
