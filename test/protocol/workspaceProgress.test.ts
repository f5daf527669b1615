// Indexing progress over the protocol: a client that supports
// workDoneProgress sees begin, reports with counts as batches come back
// ("50 / 300 sidecars", percentages that only grow), and end, after a report
// with the totals.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient } from './lspClient';

const clients: LspClient[] = [];
after(async () => {
  for (const c of clients) await c.shutdown();
});

const SIDECARS = 300;

function workspaceOf(count: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-progress-'));
  for (let i = 0; i < count; i++) {
    const sub = path.join(dir, `part-${Math.floor(i / 100)}`);
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `story-${i}.annotations.yaml`), `entities:\n  person-${i}:\n    name: Person ${i}\n    type: person\nclaims:\n  - quote: Person ${i} spoke\n`);
  }
  return dir;
}

interface ProgressValue {
  readonly kind: 'begin' | 'report' | 'end';
  readonly message?: string;
  readonly percentage?: number;
}

test('indexing 300 sidecars reports begin, counts as it goes, the totals, and end', { timeout: 60_000 }, async () => {
  const dir = workspaceOf(SIDECARS);
  const client = new LspClient();
  clients.push(client);
  await client.initialize(dir, undefined, { window: { workDoneProgress: true } });
  await client.waitFor((n) => n.method === '$/progress' && n.params.value.kind === 'end', 30_000);
  const values: ProgressValue[] = client.notifications.filter((n) => n.method === '$/progress').map((n) => n.params.value);
  assert.equal(values[0]!.kind, 'begin');
  assert.equal(values.at(-1)!.kind, 'end');
  const reports = values.filter((v) => v.kind === 'report');
  const counts = reports.flatMap((r) => /^(\d[\d,]*) \/ 300 sidecars$/.exec(r.message ?? '')?.[1] ?? []).map((n) => Number(n.replace(/,/g, '')));
  assert.ok(counts.length >= 1, `a report with a count: ${JSON.stringify(reports)}`);
  assert.ok(counts.every((n, i) => n <= SIDECARS && (i === 0 || n >= counts[i - 1]!)), `counts only grow: ${counts.join(', ')}`);
  const percentages = reports.flatMap((r) => r.percentage ?? []);
  assert.ok(percentages.every((p, i) => i === 0 || p >= percentages[i - 1]!), `percentages only grow: ${percentages.join(', ')}`);
  assert.ok(percentages[0]! < 100, 'a report before the end');
  assert.deepEqual(reports.at(-1), { kind: 'report', message: '300 sidecars indexed (300 read again)', percentage: 100 });
  assert.ok(reports.length <= 10, `throttled: ${reports.length} reports`);
});

test('a client without workDoneProgress gets no progress notifications', { timeout: 60_000 }, async () => {
  const dir = workspaceOf(3);
  const client = new LspClient();
  clients.push(client);
  await client.initialize(dir);
  await client.waitFor((n) => n.method === 'marginalia/indexed', 30_000);
  assert.equal(client.notifications.filter((n) => n.method === '$/progress').length, 0);
});
