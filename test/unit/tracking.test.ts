import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, prepareArticle, prepareSidecar } from '../../server/src/core/analyze';
import type { Analysis } from '../../server/src/core/model';
import { changedRegion } from '../../server/src/core/tracking';
import { visible } from '../support/incrementalEdits';
import { REPO } from '../support/mentionAccuracy';
import { joinLines } from './helpers';

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
