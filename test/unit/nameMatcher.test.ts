import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { NameMatcher } from '../../server/src/core/nameMatcher';

function matches(names: Record<string, string[]>, text: string): string[] {
  const matcher = new NameMatcher();
  for (const [id, list] of Object.entries(names)) for (const name of list) matcher.add(name, id);
  return matcher.findAll(text).map((m) => `${text.slice(m.span.start, m.span.end)}=${m.entityIds.join('|')}`);
}

const MASSOUDS = { son: ['Ahmad Massoud', 'Massoud'], father: ['Ahmad Shah Massoud', 'Massoud'], foundation: ['Massoud Foundation'] };

const cases: { name: string; names: Record<string, string[]>; text: string; expected: string[] }[] = [
  { name: 'longest match wins', names: MASSOUDS, text: 'the Massoud Foundation and Ahmad Shah Massoud', expected: ['Massoud Foundation=foundation', 'Ahmad Shah Massoud=father'] },
  { name: 'a shared alias lists every entity', names: MASSOUDS, text: 'Massoud said', expected: ['Massoud=son|father'] },
  { name: 'whole words only', names: { afg: ['Afghan'] }, text: 'Afghanistan and Afghans, an Afghan', expected: ['Afghan=afg'] },
  { name: 'possessive with a typographic apostrophe', names: MASSOUDS, text: 'Massoud’s home', expected: ['Massoud=son|father'] },
  { name: 'typographic apostrophe inside a name', names: { lod: ["O'Donnell"] }, text: 'Lynne O’Donnell writes', expected: ['O’Donnell=lod'] },
  { name: 'no-break space and line break inside a name', names: MASSOUDS, text: 'Ahmad\u00a0Shah\nMassoud', expected: ['Ahmad\u00a0Shah\nMassoud=father'] },
  { name: 'a blank line ends a name', names: MASSOUDS, text: 'Ahmad Shah\n\nMassoud', expected: ['Massoud=son|father'] },
  { name: 'indentation after a line break stays inside a name', names: MASSOUDS, text: 'Ahmad Shah\n        Massoud', expected: ['Ahmad Shah\n        Massoud=father'] },
  { name: 'more white space than a name may hold ends it', names: MASSOUDS, text: `Ahmad Shah${' '.repeat(40)}Massoud`, expected: ['Massoud=son|father'] },
  { name: 'falls back to a shorter name when the longer is cut', names: MASSOUDS, text: 'Ahmad Shah and Ahmad Massoud', expected: ['Ahmad Massoud=son'] },
  { name: 'hyphenated names', names: { mz: ['Mazar-e-Sharif'] }, text: 'in Mazar-e-Sharif.', expected: ['Mazar-e-Sharif=mz'] },
  { name: 'case matters', names: { tal: ['Taliban'] }, text: 'TALIBAN taliban Taliban*', expected: ['Taliban=tal'] },
  { name: 'names without letters are ignored', names: { x: ['***'] }, text: '***', expected: [] },
];

for (const c of cases) {
  test(`name matcher: ${c.name}`, () => assert.deepEqual(matches(c.names, c.text), c.expected));
}

test('name matcher: five thousand names in one trie still match exactly', () => {
  const matcher = new NameMatcher();
  for (let i = 0; i < 5000; i++) matcher.add(`Name${i} Person`, `e${i}`);
  const text = 'Name42 Person met Name4999 Person and Name7 Other.';
  assert.deepEqual(matcher.findAll(text).map((m) => m.entityIds[0]), ['e42', 'e4999']);
});
