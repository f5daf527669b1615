// Incremental equals fresh: after any sequence of edits, the analysis tracked
// through them (what the server publishes) equals a fresh analysis of the
// same text. The random slice here has a fixed seed; many more steps run with
// `node out/test/support/incrementalEdits.js <seeds> <steps>`.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, prepareArticle, prepareSidecar } from '../../server/src/core/analyze';
import type { Analysis } from '../../server/src/core/model';
import { runDifferential, visible } from '../support/incrementalEdits';
import { joinLines } from './helpers';

const PARAGRAPH = 'The council voted to keep the old bridge. Olenko said the ledgers were complete.';
const ARTICLE = joinLines('Intro line.', '', PARAGRAPH, '', 'A middle paragraph.', '', PARAGRAPH, '', 'The end came later.', '');
/** The quote is in both copies; its suffix chooses the second. */
const SIDECAR = prepareSidecar(joinLines('sources:', '  s1:', '    title: An invented ledger', 'claims:', '  - quote: Olenko said the ledgers were complete.', '    suffix: "\\n\\nThe end"', '    sources: [s1]'));

interface Edit {
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}

/** Applies the edits one at a time, tracking the analysis; after each, the tracked and fresh analyses as users see them. */
function trackThrough(article: string, edits: readonly Edit[]): { tracked: string[]; fresh: string[] }[] {
  let text = article;
  let prepared = prepareArticle(text);
  let tracked: Analysis = analyze(prepared, SIDECAR);
  return edits.map((edit) => {
    text = text.slice(0, edit.at) + edit.insert + text.slice(edit.at + edit.remove);
    prepared = prepareArticle(text, prepared);
    tracked = analyze(prepared, SIDECAR, undefined, tracked);
    return { tracked: visible(tracked), fresh: visible(analyze(prepareArticle(text), SIDECAR)) };
  });
}

const second = ARTICLE.lastIndexOf('ledgers');
const cases: { name: string; article: string; edits: Edit[] }[] = [
  {
    name: 'a keystroke inside the chosen copy of a repeated quote, then undone (defect 7)',
    article: ARTICLE,
    edits: [
      { at: second, remove: 0, insert: 'x' },
      { at: second, remove: 1, insert: '' },
    ],
  },
  {
    name: 'a typo fixed in the second copy, whose context the claim names',
    article: ARTICLE.slice(0, second) + 'ledgres' + ARTICLE.slice(second + 7),
    edits: [
      { at: second + 4, remove: 1, insert: '' },
      { at: second + 5, remove: 0, insert: 'r' },
    ],
  },
  {
    name: 'the context of the chosen copy edited away, then a third copy pasted',
    article: ARTICLE,
    edits: [
      { at: ARTICLE.lastIndexOf('The end'), remove: 3, insert: 'An' },
      { at: ARTICLE.indexOf('A middle'), remove: 0, insert: `${PARAGRAPH}\n\nThe end.\n\n` },
    ],
  },
];

for (const c of cases) {
  test(`incremental equals fresh: ${c.name}`, () => {
    trackThrough(c.article, c.edits).forEach(({ tracked, fresh }, step) => assert.deepEqual(tracked, fresh, `after edit ${step + 1}`));
  });
}

test('incremental equals fresh: 300 random edits (typing, deleting, replacing, pasting paragraphs) on invented articles with repeated paragraphs', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const divergence = runDifferential(seed, 50);
    assert.equal(divergence, undefined, divergence && `seed ${seed}, edit ${divergence.step + 1}: ${JSON.stringify(divergence.edits.at(-1))}\ntracked ${divergence.tracked.join('\n')}\nfresh ${divergence.fresh.join('\n')}`);
  }
});
