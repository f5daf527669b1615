// The fuzz suite's own checks, on inputs whose answer is known: a check that
// never fails proves nothing, so each is shown failing where it must.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { cursorAt, nameKey, spanProblem } from './invariants';
import { changedPlaces, renamedData } from './lspAnswers';
import { failureKind, messageShape } from './shrink';
import { changesOutside, parseYaml } from './yamlCompare';

test('a span is checked against its text and its surrogate pairs', () => {
  const text = 'a😀b';
  const cases: [number, number, string | undefined][] = [
    [0, 4, undefined],
    [1, 3, undefined],
    [2, 4, 'starts inside a surrogate pair'],
    [0, 2, 'ends inside a surrogate pair'],
    [3, 5, 'outside the text'],
    [3, 1, 'starts after it ends'],
  ];
  for (const [start, end, problem] of cases) {
    const found = spanProblem(text, { start, end });
    if (problem === undefined) assert.equal(found, undefined, `${start}-${end}`);
    else assert.match(found ?? '', new RegExp(problem), `${start}-${end}`);
  }
  // A lone half is a character of its own: a boundary next to it is fine.
  assert.equal(spanProblem('a\uD83Db', { start: 1, end: 2 }), undefined);
  assert.equal(cursorAt(text, 2), 1);
  assert.equal(cursorAt(text, 3), 3);
});

test('names compare as the matcher compares them: NFC, case, white space, typographic quotes', () => {
  const same: [string, string][] = [
    ['José Okafor', 'Jose\u0301 Okafor'],
    ['Tam Marrow', 'tam\n  MARROW'],
    ['O’Brannagh', "O'Brannagh"],
    ['U.N. Office', 'U. N.  Office'],
  ];
  for (const [a, b] of same) assert.equal(nameKey(a), nameKey(b), `${a} ~ ${b}`);
  const different: [string, string][] = [
    ['Tam Marrow', 'TamMarrow'],
    ['Marrow', 'Marrows'],
    ['José', 'Jose'],
  ];
  for (const [a, b] of different) assert.notEqual(nameKey(a), nameKey(b), `${a} ≁ ${b}`);
});

test('an edit is allowed to change only its target', () => {
  const before = parseYaml('claims:\n  - {quote: a, kind: fact}\n  - {quote: b}\nsources: {s: {title: T}}\n').value!;
  const kindChanged = parseYaml('claims:\n  - {quote: a, kind: opinion}\n  - {quote: b}\nsources: {s: {title: T}}\n').value!;
  const otherToo = parseYaml('claims:\n  - {quote: a, kind: opinion}\n  - {quote: c}\nsources: {s: {title: T}}\n').value!;
  const quoteToo = parseYaml('claims:\n  - {quote: x, kind: opinion}\n  - {quote: b}\nsources: {s: {title: T}}\n').value!;
  const target = { kind: 'item', section: 'claims', index: 0, keys: ['kind'] } as const;
  assert.deepEqual(changesOutside(before, kindChanged, target), []);
  assert.match(changesOutside(before, otherToo, target).join(), /item 1 changed/);
  assert.match(changesOutside(before, quoteToo, target).join(), /'quote' changed although the edit does not target it/);
  assert.match(changesOutside(before, kindChanged, { kind: 'append', section: 'claims' }).join(), /one more item/);
});

test('parsed sidecars keep what the reader keeps: duplicate keys apart, aliases resolved, broken YAML reported', () => {
  assert.deepEqual(Object.keys(parseYaml('claims: []\nclaims: [x]\n').value!), ['claims', 'claims\u0000again']);
  assert.deepEqual(parseYaml('a: &k fact\nb: *k\n').value, { a: 'fact', b: 'fact' });
  assert.match(parseYaml('a: *nowhere\n').unresolved ?? '', /no anchor/);
  assert.notEqual(parseYaml('a: [b\n').error, undefined);
  const bomb = Array.from({ length: 8 }, (_, i) => `l${i}: &l${i} [${Array(6).fill(i === 0 ? 'x' : `*l${i - 1}`).join(', ')}]`).join('\n');
  assert.match(parseYaml(bomb).unresolved ?? '', /expand past/);
});

test('a server edit changes one place; a rename reads back renamed everywhere', () => {
  const before = parseYaml('entities: {a: {name: A}, b: {name: B}}\nclaims:\n  - {quote: q, attributed-to: a}\n').value!;
  const renamed = parseYaml('entities: {z: {name: A}, b: {name: B}}\nclaims:\n  - {quote: q, attributed-to: z}\n').value!;
  const halfRenamed = parseYaml('entities: {z: {name: A}, b: {name: B}}\nclaims:\n  - {quote: q, attributed-to: a}\n').value!;
  assert.deepEqual(changedPlaces(renamedData(before, 'entities', 'a', 'z'), renamed), []);
  assert.deepEqual(changedPlaces(renamedData(before, 'entities', 'a', 'z'), halfRenamed), ['claims[0]']);
  const number = parseYaml('entities: {1e3: {name: A}, b: {name: B}}\nclaims:\n  - {quote: q, attributed-to: 1e3}\n').value!;
  assert.notDeepEqual(changedPlaces(renamedData(before, 'entities', 'a', '1e3'), number), []);
});

test('failures group by invariant, kind of call and message shape, not by offsets or texts', () => {
  const a = { invariant: 'range', op: 'hoverInArticle@120' } as const;
  const b = { invariant: 'range', op: 'hoverInArticle@7' } as const;
  assert.equal(failureKind(a), failureKind(b));
  assert.equal(failureKind({ invariant: 'edit-keeps', op: 'fix “Update the quote to the current text: “x”” (drifted-annotation)' }), 'edit-keeps fix Update the (drifted-annotation)');
  assert.equal(messageShape('mention "Tam" at 12 ends “in “a” word”'), messageShape('mention "Venn" at 3 ends “b”'));
});
