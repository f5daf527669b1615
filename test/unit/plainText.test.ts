// Plain-text hovers: the Markdown of a card undone as a reader sees it rendered.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { codeSpan } from '../../server/src/core/hover';
import { escapeMarkdown, safeLink } from '../../server/src/core/markdown';
import { markdownToPlainText } from '../../server/src/core/plainText';

const cases: [string, string, string][] = [
  ['escaped years and punctuation', `**${escapeMarkdown('Ana Varga')}** · _person_ ${escapeMarkdown('(1953–2001)')}`, 'Ana Varga · person (1953–2001)'],
  ['an id in a code span', `**Claim** ${codeSpan('towns-fallen')}`, 'Claim towns-fallen'],
  ['a code span with a backtick', `Unknown entity ${codeSpan('a`b')}`, 'Unknown entity a`b'],
  ['a link', `Links: ${safeLink('https://example.org/wiki/Ana_(engineer)')}`, 'Links: example.org/wiki/Ana_(engineer) (https://example.org/wiki/Ana_(engineer))'],
  ['an emphasised note', `_Decided by ${escapeMarkdown('“Ms” before the name')}_`, 'Decided by “Ms” before the name'],
  ['a separator', 'one\n\n---\n\ntwo', 'one\n\n—\n\ntwo'],
];

for (const [what, markdown, plain] of cases) {
  test(`plain-text hover: ${what}`, () => assert.equal(markdownToPlainText(markdown), plain));
}

test('plain-text hover: any escaped text reads as itself', () => {
  const texts = ['a_b*c', '[not](a link)', '`code` and \\ backslash', '# heading? 1. list - item', '<b>html</b> & "quotes" $(icon)'];
  for (const text of texts) assert.equal(markdownToPlainText(escapeMarkdown(text)), text);
});
