// The indexing progress reports: what they say, and how often they are sent.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { progressReport, ThrottledReporter, type ProgressReport } from '../../server/src/lsp/indexProgress';

test('progress reports: found while walking, then indexed / found with a percentage', () => {
  assert.deepEqual(progressReport({ walking: true, found: 1200, indexed: 0 }), { message: '1,200 sidecars found so far' });
  assert.deepEqual(progressReport({ walking: false, found: 2000, indexed: 120 }), { message: '120 / 2,000 sidecars', percentage: 6 });
  assert.deepEqual(progressReport({ walking: false, found: 1, indexed: 1 }), { message: '1 / 1 sidecar', percentage: 100 });
  assert.deepEqual(progressReport({ walking: false, found: 0, indexed: 0 }), { message: '0 / 0 sidecars', percentage: 100 });
});

test('throttled reporter: the first at once, then at most one per interval (the latest held back), nothing after stop', async () => {
  let now = 0;
  const sent: string[] = [];
  const reporter = new ThrottledReporter((r: ProgressReport) => sent.push(r.message), 20, () => now);
  reporter.report({ message: 'a' });
  reporter.report({ message: 'b' });
  reporter.report({ message: 'c' });
  assert.deepEqual(sent, ['a'], 'b and c are held back');
  now = 20;
  await new Promise((resolve) => setTimeout(resolve, 40));
  assert.deepEqual(sent, ['a', 'c'], 'only the latest held back is sent');
  now = 30;
  reporter.report({ message: 'd' });
  reporter.stop();
  await new Promise((resolve) => setTimeout(resolve, 40));
  assert.deepEqual(sent, ['a', 'c'], 'stopped: d is dropped');
  now = 100;
  reporter.report({ message: 'e' });
  assert.deepEqual(sent, ['a', 'c', 'e']);
});
