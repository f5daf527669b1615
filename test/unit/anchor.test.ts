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

test('anchor: an orphaned quote suggests the closest text', () => {
  const article = 'He studied at the United Kingdom’s prestigious Sandhurst Royal Military Academy and later at King’s College.';
  const result = findAnchor(normalizeWithMap(article), { quote: 'prestigious Sandhurst Royal Military Acadmy' });
  assert.equal(result.status, 'orphaned');
  assert.ok(result.status === 'orphaned' && result.suggestion);
  assert.equal(result.suggestion.quote, 'prestigious Sandhurst Royal Military Academy');
  assert.equal(article.slice(result.suggestion.span.start, result.suggestion.span.end), 'prestigious Sandhurst Royal Military Academy');
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
