// The walkthrough's sample: what ships (an article and a sidecar that pair,
// with the source's attribution), and how it is copied (into a new folder,
// never over anything).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copySample, isInside, SAMPLE_ARTICLE, SAMPLE_DIRECTORY } from '../../client/src/sampleCopy';
import { analyzeTexts } from './helpers';

const REPO = path.join(__dirname, '..', '..', '..');
const SAMPLE = path.join(REPO, SAMPLE_DIRECTORY);
const SIDECAR = SAMPLE_ARTICLE.replace(/\.txt$/, '.annotations.yaml');

test('the sample: one article and its sidecar, the sidecar naming where the text comes from', () => {
  assert.deepEqual(fs.readdirSync(SAMPLE).sort(), [SIDECAR, SAMPLE_ARTICLE]);
  const header = fs.readFileSync(path.join(SAMPLE, SIDECAR), 'utf8').split('\nsources:')[0]!;
  assert.match(header, /Homeland Security Today, 31 August 2021/);
  assert.match(header, /An excerpt/);
  // An excerpt, verbatim: every paragraph is one of the full sample's.
  const full = fs.readFileSync(path.join(REPO, 'samples', SAMPLE_ARTICLE), 'utf8');
  for (const paragraph of fs.readFileSync(path.join(SAMPLE, SAMPLE_ARTICLE), 'utf8').trim().split('\n\n')) assert.ok(full.includes(paragraph), paragraph);
});

test('the sample shows each step of the walkthrough: claims to fix, a shared name to hover, no broken annotation', () => {
  const analysis = analyzeTexts(fs.readFileSync(path.join(SAMPLE, SAMPLE_ARTICLE), 'utf8'), fs.readFileSync(path.join(SAMPLE, SIDECAR), 'utf8'));
  const codes = analysis.findings.map((f) => f.code);
  assert.equal(codes.filter((c) => c === 'unsourced-claim').length / 2, 4, 'four unsourced claims (each on both files)');
  assert.ok(codes.includes('ambiguous-mention'), 'a "Massoud" the context does not settle: father or son');
  assert.deepEqual(analysis.findings.filter((f) => f.severity === 'error'), []);
  assert.deepEqual([...new Set(codes)].sort(), ['ambiguous-mention', 'unsourced-claim']);
});

test('copySample: a new folder each time (marginalia-sample, -2), the parent made if need be, nothing overwritten', () => {
  const parent = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-sample-')), 'not', 'yet');
  const first = copySample(SAMPLE, parent);
  assert.equal(first, path.join(parent, 'marginalia-sample'));
  assert.deepEqual(fs.readdirSync(first).sort(), [SIDECAR, SAMPLE_ARTICLE]);
  assert.equal(fs.readFileSync(path.join(first, SAMPLE_ARTICLE), 'utf8'), fs.readFileSync(path.join(SAMPLE, SAMPLE_ARTICLE), 'utf8'));
  fs.writeFileSync(path.join(first, SAMPLE_ARTICLE), 'edited by the user');
  const second = copySample(SAMPLE, parent);
  assert.equal(second, path.join(parent, 'marginalia-sample-2'));
  assert.equal(fs.readFileSync(path.join(first, SAMPLE_ARTICLE), 'utf8'), 'edited by the user', 'the first copy is left alone');
  // A file (not a folder) with the name is passed over too.
  fs.writeFileSync(path.join(parent, 'marginalia-sample-3'), '');
  assert.equal(copySample(SAMPLE, parent), path.join(parent, 'marginalia-sample-4'));
});

test('isInside: a file in a workspace folder (or below), not the folder itself nor a neighbour', () => {
  assert.ok(isInside('/w/a/marginalia-sample/x.txt', ['/w/b', '/w/a']));
  assert.ok(!isInside('/w/ab/x.txt', ['/w/a']));
  assert.ok(!isInside('/w/a', ['/w/a']));
  assert.ok(!isInside('/elsewhere/x.txt', []));
});
