// The normalized text after an edit, made from the one before it around the
// edit only, must equal the normalized text made from scratch: same text,
// same map back to every original offset. Edits here join or split space
// runs, make and unmake NFC clusters, cut surrogate pairs and quotes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { normalizeWithMap, renormalizeAfterEdit, type NormalizedText } from '../../server/src/core/normalize';
import { changedRegion } from '../../server/src/core/tracking';
import { seeded } from '../../bench/editCorpus';

function plain(n: NormalizedText): { text: string; starts: number[]; original: string } {
  return { text: n.text, starts: Array.from(n.starts), original: n.original };
}

function edited(text: string, at: number, remove: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at + remove);
}

function checkEdit(before: string, after: string, label: string): void {
  const change = changedRegion(before, after);
  if (!change) return;
  const incremental = renormalizeAfterEdit(normalizeWithMap(before), after, change);
  assert.deepEqual(plain(incremental), plain(normalizeWithMap(after)), label);
}

const BASE = 'Mira Kovac said: “the ferry runs   twice”.\n\nIt was café\u00a0time — and e\u0301clairs ’n’ tea 😀 here.';

const cases: { name: string; at: number; remove: number; insert: string }[] = [
  { name: 'typing a letter inside a word', at: BASE.indexOf('ferry') + 2, remove: 0, insert: 'x' },
  { name: 'a space that joins a run of spaces', at: BASE.indexOf('twice'), remove: 0, insert: ' ' },
  { name: 'deleting the word between two spaces (runs join)', at: BASE.indexOf('runs'), remove: 4, insert: '' },
  { name: 'a letter that splits a run of spaces', at: BASE.indexOf('runs') + 5, remove: 0, insert: 'a' },
  { name: 'a combining accent after a letter (NFC composes it)', at: BASE.indexOf('time'), remove: 0, insert: '\u0301' },
  { name: 'deleting the base letter of a decomposed é', at: BASE.indexOf('e\u0301clairs'), remove: 1, insert: '' },
  { name: 'a letter between a base and its accent', at: BASE.indexOf('\u0301clairs'), remove: 0, insert: 'z' },
  { name: 'half of an emoji removed', at: BASE.indexOf('😀'), remove: 1, insert: '' },
  { name: 'typographic quotes typed', at: BASE.indexOf('said'), remove: 0, insert: '‘quoted’ “twice” ' },
  { name: 'a paragraph break typed in a word', at: BASE.indexOf('Kovac') + 2, remove: 0, insert: '\n\n' },
  { name: 'everything replaced', at: 0, remove: BASE.length, insert: 'New text.' },
  { name: 'typing at the very start', at: 0, remove: 0, insert: ' ' },
  { name: 'typing at the very end', at: BASE.length, remove: 0, insert: ' \u0301' },
  { name: 'a no-break space next to a space', at: BASE.indexOf('\u00a0'), remove: 0, insert: ' ' },
];

for (const c of cases) {
  test(`renormalizeAfterEdit: ${c.name} gives the text and map of a fresh normalization`, () => {
    checkEdit(BASE, edited(BASE, c.at, c.remove, c.insert), c.name);
  });
}

test('renormalizeAfterEdit: no safe place to cut near the edit (a long run of spaces, a script above U+0300) falls back to a whole normalization', () => {
  const spaces = `a${' '.repeat(10_000)}b`;
  checkEdit(spaces, edited(spaces, 5_000, 0, 'x'), 'in a long run of spaces');
  const greek = 'αβγδε '.repeat(2_000);
  checkEdit(greek, edited(greek, 6_000, 1, 'ζ'), 'in Greek text');
});

test('renormalizeAfterEdit: 2,000 random edits, each from the previous incremental result, equal a fresh normalization', () => {
  const next = seeded(11);
  const random = (n: number): number => Math.floor(next() * n);
  const pieces = ['a', 'É', 'e', '\u0301', '\u0308', ' ', '  ', '\n', '\u00a0', '“', '’', '😀', '\ud83d', 'ﬁ', '한', '\u1161', 'Ω', '.'];
  let text = BASE.repeat(3);
  let normalized = normalizeWithMap(text);
  for (let step = 0; step < 2_000; step++) {
    const at = random(text.length + 1);
    const insert = Array.from({ length: random(4) }, () => pieces[random(pieces.length)]!).join('');
    const next = edited(text, at, random(3), insert);
    const change = changedRegion(text, next);
    if (change) normalized = renormalizeAfterEdit(normalized, next, change);
    text = next;
    assert.deepEqual(plain(normalized), plain(normalizeWithMap(text)), `step ${step}`);
  }
});
