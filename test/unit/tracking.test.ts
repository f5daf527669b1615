import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, prepareArticle, prepareSidecar } from '../../server/src/core/analyze';
import type { Analysis } from '../../server/src/core/model';
import { changedRegion } from '../../server/src/core/tracking';
import { visible } from '../support/incrementalEdits';
import { REPO } from '../support/mentionAccuracy';
import { countingCalls, joinLines } from './helpers';

const SIDECAR = prepareSidecar(joinLines('claims:', '  - quote: Kabul fell on 15 August', '  - quote: The valley held', 'notes:', '  - quote: resistance', '    text: n'));

/** Where each claim and note is, as text. */
function anchored(analysis: Analysis): string[] {
  const at = (span?: { start: number; end: number }): string => (span ? `${span.start}:${analysis.articleText.slice(span.start, span.end)}` : '-');
  return [...analysis.claims.map((c) => `${c.anchor}@${at(c.span)}`), ...analysis.notes.map((n) => `${n.anchor}@${at(n.span)}`)];
}

test('changedRegion: the one region that differs', () => {
  assert.deepEqual(changedRegion('abcdef', 'abXYdef'), { start: 2, oldEnd: 3, newEnd: 4 });
  assert.deepEqual(changedRegion('abc', 'abc'), undefined);
  assert.deepEqual(changedRegion('aaa', 'aaaa'), { start: 3, oldEnd: 3, newEnd: 4 });
});

test('tracking: annotations move with the text through a sequence of edits', () => {
  let text = 'Kabul fell on 15 August. The valley held. The resistance grew.';
  let analysis = analyze(prepareArticle(text), SIDECAR);
  const steps: { edit: (t: string) => string; expected: string[] }[] = [
    { edit: (t) => `Breaking: ${t}`, expected: ['exact@10:Kabul fell on 15 August', 'exact@35:The valley held', 'exact@56:resistance'] },
    { edit: (t) => t.replace('valley', 'Valley'), expected: ['exact@10:Kabul fell on 15 August', 'drifted@35:The Valley held', 'exact@56:resistance'] },
    { edit: (t) => t.replace('15 August', '15 Aug.'), expected: ['drifted@10:Kabul fell on 15 Aug', 'drifted@33:The Valley held', 'exact@54:resistance'] },
    { edit: (t) => t.replace('The Valley held', 'The Valley, still free, held'), expected: ['drifted@10:Kabul fell on 15 Aug', 'orphaned@-', 'exact@67:resistance'] },
    { edit: (t) => t.replace(' The resistance grew.', ''), expected: ['drifted@10:Kabul fell on 15 Aug', 'orphaned@-', 'orphaned@-'] },
    { edit: (t) => `${t} The resistance grew again.`, expected: ['drifted@10:Kabul fell on 15 Aug', 'orphaned@-', 'exact@67:resistance'] },
  ];
  for (const step of steps) {
    text = step.edit(text);
    analysis = analyze(prepareArticle(text), SIDECAR, undefined, analysis);
    assert.deepEqual(anchored(analysis), step.expected, text);
  }
});

const EDGE_TEXT = 'Alpha beta. The valley held. Gamma delta.';
const afterPeriod = EDGE_TEXT.indexOf(' Gamma');
const edgeEdits: { name: string; at: number; insert: string; searched: boolean }[] = [
  { name: 'a word typed just past what the search of the quote read (the period after it)', at: afterPeriod, insert: '(so)', searched: false },
  { name: 'a word typed just before what it read (the space before it)', at: EDGE_TEXT.indexOf(' The valley'), insert: '(so)', searched: false },
  { name: 'a combining accent typed just past what it read (it joins the period)', at: afterPeriod, insert: '\u0301', searched: true },
  { name: 'a space typed next to the space before what it read (one run of spaces)', at: EDGE_TEXT.indexOf(' The valley'), insert: ' ', searched: true },
  { name: 'a letter typed inside what it read', at: EDGE_TEXT.indexOf('held'), insert: 'x', searched: true },
];

for (const edit of edgeEdits) {
  test(`tracking at the edge of what a search read: ${edit.name} ${edit.searched ? 'searches again' : 'moves the anchor without searching'}, as a fresh analysis finds it`, () => {
    const sidecar = prepareSidecar(joinLines('claims:', '  - quote: The valley held'));
    const before = prepareArticle(EDGE_TEXT);
    const first = analyze(before, sidecar);
    const text = EDGE_TEXT.slice(0, edit.at) + edit.insert + EDGE_TEXT.slice(edit.at);
    const { result, calls } = countingCalls('../../server/src/core/anchor', 'findAnchor', () => analyze(prepareArticle(text, before), sidecar, undefined, first));
    assert.equal(calls.length, edit.searched ? 1 : 0);
    assert.deepEqual(visible(result), visible(analyze(prepareArticle(text), sidecar)));
  });
}

test('tracking: text typed at the very start, where a search read up to the text start, searches again (found by the fuzz)', () => {
  // The second "Venn" has more of the prefix before it; typed at the start, the first one has all of it.
  const sidecar = prepareSidecar(joinLines('claims:', '  - quote: Venn', '    prefix: "Lord Dara "'));
  const text = 'Dara Venn met Dara Venn.';
  const before = prepareArticle(text);
  const first = analyze(before, sidecar);
  assert.equal(first.claims[0]!.span!.start, text.lastIndexOf('Venn'));
  const edited = `Lord ${text}`;
  const tracked = analyze(prepareArticle(edited, before), sidecar, undefined, first);
  assert.equal(tracked.claims[0]!.span!.start, edited.indexOf('Venn'));
  assert.deepEqual(visible(tracked), visible(analyze(prepareArticle(edited), sidecar)));
});

test('tracking: an edit in a letter NFC composes with its marks, before a quote drifted onto those marks, searches again (found by the fuzz)', () => {
  const article = `# Notes on Marrow${'\u0301'.repeat(40)}: the ledger was burned in March\n`;
  const sidecar = prepareSidecar(joinLines('claims:', '  - quote: "ow: the ledger w"'));
  const before = prepareArticle(article);
  const first = analyze(before, sidecar);
  const edited = `${article.slice(0, 17)}é${article.slice(28)}`;
  const tracked = analyze(prepareArticle(edited, before), sidecar, undefined, first);
  assert.deepEqual(visible(tracked), visible(analyze(prepareArticle(edited), sidecar)));
});

test('tracking: the tracked analysis equals one from scratch after every random edit on a sample (paranoid check)', () => {
  const article = fs.readFileSync(path.join(REPO, 'samples', 'support-ahmad-massoud.txt'), 'utf8');
  const sidecar = prepareSidecar(fs.readFileSync(path.join(REPO, 'samples', 'support-ahmad-massoud.annotations.yaml'), 'utf8'));
  let seed = 42;
  const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  let text = article;
  let tracked = analyze(prepareArticle(text), sidecar);
  for (let i = 0; i < 150; i++) {
    const at = random(text.length);
    const kind = random(3);
    if (kind === 0) text = text.slice(0, at) + 'xyz '.slice(0, 1 + random(4)) + text.slice(at);
    else if (kind === 1) text = text.slice(0, at) + text.slice(at + 1 + random(6));
    else text = text.slice(0, at) + text[at]!.toUpperCase() + text.slice(at + 1);
    tracked = analyze(prepareArticle(text), sidecar, undefined, tracked);
    const fresh = analyze(prepareArticle(text), sidecar);
    assert.deepEqual(anchored(tracked), anchored(fresh), `after edit ${i}`);
    assert.deepEqual(visible(tracked), visible(fresh), `findings and mentions after edit ${i}`);
    const names = (a: Analysis): string[] => a.mentions.map((m) => `${m.span.start}-${m.span.end}:${m.entityId}:${m.resolution}`);
    assert.deepEqual(names(tracked), names(fresh), `mentions after edit ${i}`);
  }
});
