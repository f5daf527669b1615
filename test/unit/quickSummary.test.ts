import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { article, people, sidecar } from '../../bench/corpus';
import { seeded } from '../../bench/editCorpus';
import { quickSummary } from '../../server/src/core/quickSummary';
import { parseSidecar } from '../../server/src/core/sidecar';
import { summarizeSidecar } from '../../server/src/core/sidecarSummary';
import { REPO } from '../support/mentionAccuracy';
import { joinLines } from './helpers';

const full = (text: string) => summarizeSidecar(text, parseSidecar(text));
const SAMPLES = fs.readdirSync(path.join(REPO, 'samples')).filter((f) => f.endsWith('.annotations.yaml')).map((f) => fs.readFileSync(path.join(REPO, 'samples', f), 'utf8'));

test('quickSummary: the samples and generated sidecars take the fast way, with the same summary as the full parse', () => {
  const cast = people(30, 4);
  const generated = [1, 2, 3].map((seed) => sidecar(cast, article(20_000, cast, seed).quotes, 30));
  for (const text of [...SAMPLES, ...generated]) assert.deepEqual(quickSummary(text), full(text));
});

test('quickSummary: plain shapes are read, odd ones left to the full parse', () => {
  const accepted = [
    joinLines('entities:', '  "son": {name: Ahmad Massoud, type: person, aliases: [Massoud, "the Lion\'s son"]}', 'claims:', "  - {quote: x, sources: 'bbc', attributed-to: son}", 'sources:', '  bbc: {title: BBC}'),
    joinLines('# comment', 'entities:', '  son:   # the son', '    name: >-', '      Ahmad', '      Massoud', '    type: spy', 'mentions:', '  - quote: y', '    entity: son', '  -', 'notes:'),
    joinLines('sources:', '  s:', '    title: "  "', 'entities:', '  p:', '    name: ""', '    type: person'),
    '',
  ];
  for (const text of accepted) {
    const quick = quickSummary(text);
    if (quick === undefined && !text.includes('>-')) assert.fail(`declined: ${text}`);
    if (quick !== undefined) assert.deepEqual(quick, full(text), text);
  }
  const declined = [
    joinLines('entities:', '  son: &a {name: A, type: person}', '  dad: *a'),
    joinLines('entities:', '  son: !!map {name: A, type: person}'),
    joinLines('entities:', '  123: {name: A, type: person}'),
    joinLines('entities:', '  son: {name: A, type: person}', '  son: {name: B, type: person}'),
    joinLines('entities:', '  son: nobody'),
    joinLines('claims:', '  - {quote: x, sources: [yes]}'),
    joinLines('title: wrong key'),
    joinLines('entities: [unclosed'),
    joinLines('---', 'entities:', '...', '---', 'claims:'),
  ];
  for (const text of declined) assert.equal(quickSummary(text), undefined, text);
});

test('quickSummary: on 600 random mutilations of the samples, whatever it accepts agrees with the full parse', () => {
  const random = seeded(7);
  let accepted = 0;
  for (let i = 0; i < 600; i++) {
    const lines = SAMPLES[i % SAMPLES.length]!.split('\n');
    for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
      const at = Math.floor(random() * lines.length);
      const r = random();
      if (r < 0.3) lines.splice(at, 1);
      else if (r < 0.6) lines.splice(at, 0, lines[Math.floor(random() * lines.length)]!);
      else if (r < 0.8) lines[at] = lines[at]!.replace(/^(\s*)/, random() < 0.5 ? '$1  ' : '').replace(/:/, random() < 0.5 ? ': ' : ':');
      else lines[at] = lines[at]!.slice(0, Math.floor(random() * lines[at]!.length));
    }
    const text = lines.join('\n');
    const quick = quickSummary(text);
    if (quick === undefined) continue;
    accepted++;
    assert.deepEqual(quick, full(text), text);
  }
  assert.ok(accepted > 100, `only ${accepted} of 600 took the fast way`);
});
