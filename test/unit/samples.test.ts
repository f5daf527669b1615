// The samples are what a new user opens first: they must be clean (no broken
// annotations), show flagged claims, and resolve the shared names right.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, prepareArticle, prepareSidecar } from '../../server/src/core/analyze';
import { REPO, measureMentionAccuracy } from '../support/mentionAccuracy';

const SAMPLES = path.join(REPO, 'samples');
const articles = fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.txt'));

test('samples: there are four articles, each with a sidecar', () => {
  assert.equal(articles.length, 4);
  for (const article of articles) assert.ok(fs.existsSync(path.join(SAMPLES, article.replace(/\.txt$/, '.annotations.yaml'))), article);
});

for (const article of articles) {
  test(`samples: ${article} has no broken annotations and flags its unsourced claims`, () => {
    const text = fs.readFileSync(path.join(SAMPLES, article), 'utf8');
    const sidecar = fs.readFileSync(path.join(SAMPLES, article.replace(/\.txt$/, '.annotations.yaml')), 'utf8');
    const analysis = analyze(prepareArticle(text), prepareSidecar(sidecar));
    const broken = analysis.findings.filter((f) => f.severity === 'error' || f.code === 'ambiguous-anchor');
    assert.deepEqual(broken.map((f) => `${f.code}: ${f.message}`), []);
    const unsourced = analysis.claims.filter((c) => c.status === 'unsourced');
    assert.ok(unsourced.length >= 3, `${unsourced.length} unsourced claims`);
    assert.ok(analysis.claims.some((c) => c.status === 'sourced' || c.status === 'attributed'));
    assert.ok(analysis.sidecar.entities.size >= 10);
  });
}

test('samples: the father and the son are told apart in at least 90% of the shared-name mentions', () => {
  const rows = measureMentionAccuracy(false);
  const total = rows.reduce((n, r) => n + r.total, 0);
  const correct = rows.reduce((n, r) => n + r.correct, 0);
  assert.ok(total >= 30, `${total} labelled mentions`);
  assert.ok(correct / total >= 0.9, rows.flatMap((r) => r.errors).join('\n'));
});

test('samples: a wrong answer is flagged, not reported as certain (at most one in the samples)', () => {
  const rows = measureMentionAccuracy(false);
  const confidentErrors = rows.reduce((n, r) => n + r.wrongButConfident, 0);
  assert.ok(confidentErrors <= 1, rows.flatMap((r) => r.errors).join('\n'));
});
