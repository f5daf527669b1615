import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findAnchor, uniqueContext } from '../../server/src/core/anchor';
import { isLowSurrogateAt } from '../../server/src/core/codePoints';
import { LIMITS } from '../../server/src/core/limits';
import { normalizeWithMap } from '../../server/src/core/normalize';
import { findAllOccurrences, occurrencesOf } from '../../server/src/core/quoteIndex';
import { analyzeTexts, joinLines } from './helpers';

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

/** No lone surrogate (String.prototype.isWellFormed is newer than the compiler's lib). */
const wellFormed = (text: string): boolean => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

test('anchor: an approximate match never starts or ends inside an emoji (defect 10)', () => {
  const cases = [
    { article: 'Then 😀assoud was killed in the valley in 2001.', quote: 'Xassoud was killed in the valley in 2001.' },
    { article: 'Reports said the valley fell 😀😀 on Tuesday.', quote: 'Reports said the valley fell X' },
    { article: 'A flag 🏳 was raised over the old fort at dawn.', quote: 'flag Y was raised over the old fort at dawn' },
  ];
  for (const c of cases) {
    const result = findAnchor(normalizeWithMap(c.article), { quote: c.quote });
    assert.ok(result.status === 'drifted', `${c.quote}: ${result.status}`);
    assert.ok(!isLowSurrogateAt(c.article, result.span.start) && !isLowSurrogateAt(c.article, result.span.end), `${c.quote}: ${JSON.stringify(result.span)}`);
    assert.ok(wellFormed(result.suggestion.quote), `lone surrogate in ${JSON.stringify(result.suggestion.quote)}`);
  }
});

test('uniqueContext: a prefix or suffix never cuts an emoji in two', () => {
  const text = '🌧🌧🌧 rain fell. 🌧🌧🌧 rain fell.';
  const start = text.lastIndexOf('rain fell');
  const context = uniqueContext(text, start, start + 'rain fell'.length);
  for (const part of [context.prefix ?? '', context.suffix ?? '']) assert.ok(wellFormed(part), JSON.stringify(part));
});

test('anchor: a quote repeated 200,000 times is over the occurrences limit, not a crash (defect 4)', () => {
  const article = normalizeWithMap('war. '.repeat(200_000));
  const result = findAnchor(article, { quote: 'war', prefix: 'the ', suffix: ' ended' });
  assert.equal(result.status, 'ambiguous');
  assert.ok(result.status === 'ambiguous');
  assert.equal(result.limit, LIMITS.anchorOccurrences);
  // An occurrence within the limit still places it.
  const third = findAnchor(article, { quote: 'war', occurrence: 3 });
  assert.ok(third.status === 'found' && third.span.start === 10);
});

test('analysis: a quote over the occurrences limit gets a limit-exceeded finding; the other annotations are analysed (defect 4)', () => {
  const article = `${'war. '.repeat(200_000)}The valley held out.`;
  const sidecar = joinLines('claims:', '  - quote: war', '    prefix: "the "', '    suffix: " ended"', '  - quote: The valley held out', 'notes:', '  - quote: war', '    occurrence: 2', '    text: The second one.');
  const analysis = analyzeTexts(article, sidecar);
  const limits = analysis.findings.filter((f) => f.code === 'limit-exceeded');
  assert.equal(limits.length, 1);
  assert.match(limits[0]!.message, /occurrences of a quote limit \(10,000 occurrences\)/);
  assert.deepEqual(limits[0]!.data, { kind: 'anchor', list: 'claims', index: 0 });
  assert.deepEqual(analysis.claims.map((c) => c.anchor), ['ambiguous', 'exact']);
  assert.equal(analysis.notes[0]!.span?.start, 5);
});

test('analysis: a 10,000-character quote inside a 1 MB run of one character finishes, over the occurrences limit (defect 12)', { timeout: 20_000 }, () => {
  const analysis = analyzeTexts('a'.repeat(1_000_000), joinLines('notes:', `  - quote: ${'a'.repeat(10_000)}`, '    text: A long one.'));
  assert.deepEqual(analysis.findings.map((f) => f.code), ['limit-exceeded']);
  assert.equal(analysis.notes[0]!.anchor, 'ambiguous');
});

test('anchor: a long quote not in a run of one character is not searched approximately past the budget', { timeout: 20_000 }, () => {
  const article = normalizeWithMap('a'.repeat(1_000_000));
  const result = findAnchor(article, { quote: `${'a'.repeat(5_000)}b${'a'.repeat(4_999)}` });
  assert.ok(result.status === 'orphaned' && result.limit === LIMITS.approximateSearch, JSON.stringify({ ...result, suggestion: undefined }));
});

test('occurrences: the one-pass index (many quotes) and the native search (a few) find every start, linearly, up to the limit', () => {
  const run = 'a'.repeat(200_000);
  const texts = [run, `${run}b${run}`, 'abcabcabcabc abc abcab cabc', 'war. '.repeat(30_000), `${'ab'.repeat(40)}c ${'ab'.repeat(40)}`];
  const quotes = ['a'.repeat(10_000), `${'a'.repeat(50)}b`, 'abcabc', 'abc', 'war. war', 'a', 'cab', `${'ab'.repeat(20)}c`, `${'ab'.repeat(20)}`, 'war. '.repeat(8), 'c ab', 'bab'];
  for (const text of texts) {
    for (const asked of [quotes, quotes.slice(0, 3)]) {
      const all = findAllOccurrences(text, asked);
      for (const quote of asked) assert.deepEqual(all.get(quote), occurrencesOf(text, quote), `${asked.length} quotes: ${quote.slice(0, 20)} in ${text.slice(0, 20)}`);
    }
    for (const quote of quotes) {
      const single = occurrencesOf(text, quote);
      assert.ok(single.starts.length <= LIMITS.anchorOccurrences.value);
      const naive: number[] = [];
      for (let at = text.indexOf(quote); at !== -1 && naive.length <= LIMITS.anchorOccurrences.value; at = text.indexOf(quote, at + 1)) naive.push(at);
      assert.deepEqual(single.starts, naive.slice(0, LIMITS.anchorOccurrences.value));
      assert.equal(single.complete, naive.length <= LIMITS.anchorOccurrences.value);
    }
  }
});

test('uniqueContext: shortest prefix that makes a repeat unique', () => {
  const text = 'Massoud said. The younger Massoud said.';
  const start = text.lastIndexOf('Massoud');
  const context = uniqueContext(text, start, start + 7);
  assert.ok(context.prefix !== undefined || context.suffix !== undefined);
  const found = findAnchor(normalizeWithMap(text), { quote: 'Massoud', ...context });
  assert.equal(found.status, 'found');
  assert.ok(found.status === 'found');
  assert.deepEqual(found.span, { start, end: start + 7 });
});
