import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseSidecar } from '../../server/src/core/sidecar';
import { summarizeSidecar, symbolScore, type IndexedSymbol } from '../../server/src/core/sidecarSummary';
import { cacheFileFor } from '../../server/src/node/indexCache';
import { stampOf } from '../../server/src/node/summarizeFiles';
import { WorkspaceIndex } from '../../server/src/node/workspaceIndex';
import { REPO } from '../support/mentionAccuracy';
import { joinLines } from './helpers';

const SIDECAR = joinLines(
  '# comment',
  'sources:',
  '  bbc: {title: BBC News, publisher: BBC}',
  'entities:',
  '  son:',
  '    name: Ahmad Massoud',
  '    type: person',
  '    aliases: [Massoud]',
  'claims:',
  '  - quote: q',
  '    sources: [bbc, reuters]',
  '    attributed-to: taliban',
);

test('summarizeSidecar: entities and sources with where their ids are, and every id defined or used', () => {
  const summary = summarizeSidecar(SIDECAR, parseSidecar(SIDECAR));
  assert.deepEqual(
    summary.symbols.map((s) => [s.kind, s.id, s.name, s.detail, s.aliases, s.range.start]),
    [
      ['entity', 'son', 'Ahmad Massoud', 'person', ['Massoud'], { line: 4, character: 2 }],
      ['source', 'bbc', 'BBC News', 'BBC', [], { line: 2, character: 2 }],
    ],
  );
  assert.deepEqual(Object.keys(summary.idRanges).sort(), ['entity:son', 'entity:taliban', 'source:bbc', 'source:reuters']);
  assert.deepEqual(summary.idRanges['source:bbc']!.map((r) => r.start), [{ line: 2, character: 2 }, { line: 10, character: 14 }]);
});

test('symbolScore: name prefix, then substring or alias, then id, then characters in order', () => {
  const symbol: IndexedSymbol = { kind: 'entity', id: 'nrf', name: 'National Resistance Front', detail: 'organization', aliases: ['NRF of Afghanistan'], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  const cases: [string, number][] = [
    ['', 1],
    ['nat', 4],
    ['resistance', 3],
    ['of afgh', 3],
    ['nrf', 3],
    ['nrsf', 1],
    ['taliban', 0],
  ];
  for (const [query, score] of cases) assert.equal(symbolScore(symbol, query), score, query);
});

function workspaceOf(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-index-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const fromDisk = (file: string) => (fs.existsSync(file) ? { summary: summarizeSidecar(fs.readFileSync(file, 'utf8'), parseSidecar(fs.readFileSync(file, 'utf8'))), stamp: stampOf(file) } : undefined);
const WORKER = path.join(__dirname, '..', '..', 'server', 'src', 'node', 'indexWorker.js');
const NO_WORKER = '/no/such/worker.js';

for (const [how, worker] of [['in this thread', NO_WORKER], ['in worker threads', WORKER]] as const) {
  test(`WorkspaceIndex ${how}: finds every sidecar's symbols, skips node_modules, and follows changes`, async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 120; i++) many[`desk/${i}.annotations.yaml`] = `entities:\n  p${i}: {name: Person ${i}, type: person}\n`;
    const dir = workspaceOf({ ...many, 'a.annotations.yaml': SIDECAR, 'node_modules/x.annotations.yaml': SIDECAR, 'broken.annotations.yaml': 'entities: [unclosed' });
    const index = new WorkspaceIndex(fromDisk, worker);
    const stats = await index.build([dir], 1 << 20);
    assert.equal(stats.sidecars, 122);
    assert.equal(stats.workers > 0, worker === WORKER);
    assert.deepEqual((await index.search('massoud', 10)).map((h) => [path.basename(h.file), h.symbol.id]), [['a.annotations.yaml', 'son']]);
    assert.equal((await index.search('Person 11', 10))[0]?.symbol.id, 'p11');
    assert.deepEqual((await index.sidecarsUsing('source', 'reuters')).map((s) => path.basename(s.file)), ['a.annotations.yaml']);
    // Changed on disk with no word to the index: a rename still sees the new text.
    fs.writeFileSync(path.join(dir, 'desk', '3.annotations.yaml'), '# moved down\nentities:\n  p3: {name: Person 3, type: person}\n  extra: {name: E, type: other}\n');
    fs.utimesSync(path.join(dir, 'desk', '3.annotations.yaml'), new Date(), new Date(Date.now() + 5000));
    assert.deepEqual((await index.sidecarsUsing('entity', 'p3')).map((s) => s.summary.idRanges['entity:p3']![0]!.start.line), [2]);
    fs.writeFileSync(path.join(dir, 'desk', '7.annotations.yaml'), 'entities:\n  p7: {name: Renamed Person, type: person}\n');
    fs.rmSync(path.join(dir, 'a.annotations.yaml'));
    index.invalidate(path.join(dir, 'desk', '7.annotations.yaml'));
    index.invalidate(path.join(dir, 'a.annotations.yaml'));
    assert.deepEqual(await index.search('massoud', 10), []);
    assert.equal((await index.search('renamed', 10))[0]?.symbol.id, 'p7');
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

test('WorkspaceIndex over the samples: every sample sidecar, the son and the father both found', async () => {
  const index = new WorkspaceIndex(fromDisk, WORKER);
  await index.build([path.join(REPO, 'samples')], 1 << 20);
  assert.equal(index.size, 5);
  const names = new Set((await index.search('Massoud', 500)).map((h) => h.symbol.name));
  assert.ok(names.has('Ahmad Massoud') && names.has('Ahmad Shah Massoud'), [...names].join(', '));
});

test('WorkspaceIndex cache: a restart parses only the sidecars that changed; a broken cache is ignored', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 30; i++) files[`${i}.annotations.yaml`] = `entities:\n  p${i}: {name: Person ${i}, type: person}\n`;
  const dir = workspaceOf(files);
  const cacheFile = cacheFileFor(fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-cache-')), [dir]);
  const build = () => new WorkspaceIndex(fromDisk, NO_WORKER).build([dir], 1 << 20, cacheFile);
  assert.deepEqual(pick(await build()), { sidecars: 30, parsed: 30 });
  assert.deepEqual(pick(await build()), { sidecars: 30, parsed: 0 });
  fs.writeFileSync(path.join(dir, '4.annotations.yaml'), 'entities:\n  p4: {name: Someone Else, type: person}\n');
  fs.utimesSync(path.join(dir, '4.annotations.yaml'), new Date(), new Date(Date.now() + 5000));
  fs.rmSync(path.join(dir, '5.annotations.yaml'));
  const index = new WorkspaceIndex(fromDisk, NO_WORKER);
  assert.deepEqual(pick(await index.build([dir], 1 << 20, cacheFile)), { sidecars: 29, parsed: 1 });
  assert.equal((await index.search('someone', 5))[0]?.symbol.id, 'p4');
  fs.writeFileSync(cacheFile, '{"version": 1, "entries": {"x": 3}');
  assert.deepEqual(pick(await build()), { sidecars: 29, parsed: 29 });
});

function pick(stats: { sidecars: number; parsed: number }): { sidecars: number; parsed: number } {
  return { sidecars: stats.sidecars, parsed: stats.parsed };
}
