import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findAnchor, uniqueContext } from '../../server/src/core/anchor';
import { normalizeWithMap } from '../../server/src/core/normalize';

type Selector = { quote: string; prefix?: string; suffix?: string; occurrence?: number };

/** The article text the anchor lands on, or its status. */
function anchorText(article: string, selector: Selector): string {
  const result = findAnchor(normalizeWithMap(article), selector);
  if (result.status !== 'found') return `<${result.status}>`;
  return `${result.span.start}:${article.slice(result.span.start, result.span.end)}`;
}

const cases: { name: string; article: string; selector: Selector; expected: string }[] = [
  { name: 'exact quote', article: 'The valley held. It fell.', selector: { quote: 'It fell' }, expected: '17:It fell' },
  { name: 'no-break space and newline equal a space', article: 'Ahmad\u00a0Shah\nMassoud  led', selector: { quote: 'Ahmad Shah Massoud led' }, expected: '0:Ahmad\u00a0Shah\nMassoud  led' },
  { name: 'typographic apostrophe equals ASCII', article: 'Afghanistan’s fall', selector: { quote: "Afghanistan's fall" }, expected: "0:Afghanistan’s fall" },
  { name: 'ASCII quote equals typographic', article: 'he said "no"', selector: { quote: 'said “no”' }, expected: '3:said "no"' },
  { name: 'leading and trailing spaces of the quote are ignored', article: 'a b c', selector: { quote: '  b ' }, expected: '2:b' },
  { name: 'repeat without context is ambiguous', article: 'war. war.', selector: { quote: 'war' }, expected: '<ambiguous>' },
  { name: 'occurrence picks the n-th', article: 'war. war.', selector: { quote: 'war', occurrence: 2 }, expected: '5:war' },
  { name: 'occurrence past the end is orphaned', article: 'war. war.', selector: { quote: 'war', occurrence: 3 }, expected: '<orphaned>' },
  { name: 'prefix chooses', article: 'first war. second war.', selector: { quote: 'war', prefix: 'second ' }, expected: '18:war' },
  { name: 'suffix chooses', article: 'war is over. war goes on.', selector: { quote: 'war', suffix: ' goes' }, expected: '13:war' },
  { name: 'edited prefix still chooses by the longest agreement', article: 'the first war. the second war.', selector: { quote: 'war', prefix: 'a second ' }, expected: '26:war' },
  { name: 'missing quote is orphaned', article: 'nothing here', selector: { quote: 'something else entirely' }, expected: '<orphaned>' },
  { name: 'empty quote is orphaned', article: 'text', selector: { quote: '   ' }, expected: '<orphaned>' },
];

for (const c of cases) {
  test(`anchor: ${c.name}`, () => assert.equal(anchorText(c.article, c.selector), c.expected));
}

const ACADEMY = 'He studied at the United Kingdom’s prestigious Sandhurst Royal Military Academy and later at King’s College.';

test('anchor: a quote with a typo fixed since is found approximately, as drifted', () => {
  const result = findAnchor(normalizeWithMap(ACADEMY), { quote: 'prestigious Sandhurst Royal Military Acadmy' });
  assert.equal(result.status, 'drifted');
  assert.ok(result.status === 'drifted');
  assert.equal(result.distance, 1);
  assert.equal(ACADEMY.slice(result.span.start, result.span.end), 'prestigious Sandhurst Royal Military Academy');
  assert.equal(result.suggestion.quote, 'prestigious Sandhurst Royal Military Academy');
});

test('anchor: drift is measured in proportion to the quote', () => {
  const text = 'In the end the narrow valley held out against the Taliban.';
  assert.equal(findAnchor(normalizeWithMap(text), { quote: 'the narow valey held out' }).status, 'drifted');
  assert.equal(findAnchor(normalizeWithMap(text), { quote: 'the nxrxw vxlxy hxld' }).status, 'orphaned');
});

test('anchor: a short quote drifts only where its context agrees ("Massound" is not any "Massoud")', () => {
  const text = 'Massoud spoke first. Then Massoud replied.';
  assert.equal(findAnchor(normalizeWithMap(text), { quote: 'Massound' }).status, 'orphaned');
  const result = findAnchor(normalizeWithMap(text), { quote: 'Massound', prefix: 'Then ' });
  assert.ok(result.status === 'drifted' && result.span.start === text.lastIndexOf('Massoud'));
});

test('anchor: prefix and suffix choose among approximate matches', () => {
  const text = 'First, Massoud warned them. Later, Massoud warned us.';
  const result = findAnchor(normalizeWithMap(text), { quote: 'Massoud warnd', prefix: 'Later, ' });
  assert.equal(result.status, 'drifted');
  assert.ok(result.status === 'drifted' && result.span.start === text.lastIndexOf('Massoud'));
});

test('anchor: the last known position breaks a tie between equal approximate matches', () => {
  const text = 'Massoud warned them. Massoud warned them.';
  const second = text.lastIndexOf('Massoud');
  const result = findAnchor(normalizeWithMap(text), { quote: 'Massoud warnd them' }, second);
  assert.ok(result.status === 'drifted' && result.span.start === second);
});

test('anchor: a rewritten quote is orphaned, with the closest text suggested', () => {
  const result = findAnchor(normalizeWithMap(ACADEMY), { quote: 'Prestigious Sandhurst Military Academy, Royal' });
  assert.equal(result.status, 'orphaned');
  assert.ok(result.status === 'orphaned' && result.suggestion);
  assert.match(result.suggestion.quote, /^prestigious Sandhurst Royal Military Academy\b/);
});

test('anchor: a quote with nothing close gets no suggestion', () => {
  const result = findAnchor(normalizeWithMap('The valley held out against the Taliban.'), { quote: 'Quarterly earnings rose by 4 percent' });
  assert.deepEqual(result, { status: 'orphaned', suggestion: undefined });
});

test('uniqueContext: shortest prefix that makes a repeat unique', () => {
  const text = 'Massoud said. The younger Massoud said.';
  const start = text.lastIndexOf('Massoud');
  const context = uniqueContext(text, start, start + 7);
  assert.ok(context.prefix !== undefined || context.suffix !== undefined);
  const found = findAnchor(normalizeWithMap(text), { quote: 'Massoud', ...context });
  assert.deepEqual(found, { status: 'found', span: { start, end: start + 7 } });
});
