import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { checkInOrder } from '../../server/src/cli/checkInOrder';
import { findPairs } from '../../server/src/cli/findPairs';
import { runCli } from '../../server/src/cli/main';
import { EMPTY_CONFIG } from '../../server/src/core/config';

function tempTree(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-cli-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

async function run(args: string[], cwd: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  // One line per finding (`--format compact`) unless a test asks for another format.
  const withFormat = args[0] === 'check' && !args.some((a) => a.startsWith('--format')) ? [...args, '--format', 'compact'] : args;
  const code = await runCli(withFormat, cwd, (l) => out.push(l), (l) => err.push(l));
  return { code, out, err };
}

const SIDECAR = 'claims:\n  - quote: Kabul fell\n';

test('cli: compact prints each finding once, file:line:column severity code message, located in the article; exits 1 on a warning', async () => {
  const dir = tempTree({ 'a/story.txt': 'Title\n\nKabul fell on 15 August.', 'a/story.annotations.yaml': SIDECAR });
  const { code, out } = await run(['check'], dir);
  assert.equal(code, 1);
  assert.deepEqual(out.slice(0, -1), [path.join('a', 'story.txt') + ':3:1 warning unsourced-claim Unsourced claim: “Kabul fell” has no source and no attribution.']);
  assert.equal(out.at(-1), '1 article(s) checked: 1 claims, 1 unsourced; 0 error(s), 1 warning(s), 0 information (unsourced-claim 1).');
  const verbose = await run(['check', '--verbose'], dir);
  assert.ok(verbose.out.includes(path.join('a', 'story.annotations.yaml') + ':2:12 warning unsourced-claim Unsourced claim: “Kabul fell” has no source and no attribution.'), verbose.out.join('\n'));
});

test('cli: exits 0 when everything is sourced', async () => {
  const dir = tempTree({ 'story.md': 'Kabul fell.', 'story.annotations.yaml': 'sources:\n  s: {title: S}\nclaims:\n  - {quote: Kabul fell, sources: [s]}\n' });
  assert.equal((await run(['check', '.'], dir)).code, 0);
});

test('cli: --format json gives LSP ranges, mentions and claims', async () => {
  const dir = tempTree({
    'story.txt': 'Ahmad Massoud spoke.\nKabul fell.',
    'story.annotations.yaml': 'entities:\n  am: {name: Ahmad Massoud, type: person}\nclaims:\n  - {id: k, quote: Kabul fell}\n',
  });
  const { code, out } = await run(['check', '--format', 'json'], dir);
  assert.equal(code, 1);
  const report = JSON.parse(out.join('\n'));
  const [file] = report.files;
  assert.equal(file.article, 'story.txt');
  assert.equal(file.annotations, 'story.annotations.yaml');
  assert.deepEqual(file.mentions[0], { entity: 'am', text: 'Ahmad Massoud', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 13 } }, resolution: 'name', certain: true });
  assert.deepEqual(file.claims[0], { id: 'k', quote: 'Kabul fell', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } }, kind: 'fact', sources: [], attributedTo: null, status: 'unsourced' });
  const unsourced = file.diagnostics.filter((d: { code: string }) => d.code === 'unsourced-claim');
  assert.equal(unsourced.length, 1, 'each finding once');
  assert.equal(unsourced[0].file, 'story.txt');
  assert.deepEqual(unsourced[0].related, [{ file: 'story.annotations.yaml', range: { start: { line: 3, character: 19 }, end: { line: 3, character: 29 } } }]);
  assert.match(unsourced[0].fingerprint, /^[0-9a-f]{32}:1$/);
  assert.deepEqual(report.summary, { articles: 1, claims: 1, unsourced: 1, errors: 0, warnings: 1, information: 0, hints: 0, byCode: { 'unsourced-claim': 1 }, maxWarnings: 0, exitCode: 1 });
});

test('cli: bad input gets a clear message, never a crash', async () => {
  const dir = tempTree({
    'lonely.annotations.yaml': SIDECAR,
    'binary.txt': Buffer.from([0, 1, 2, 3, 0, 255]),
    'binary.annotations.yaml': SIDECAR,
    'broken.txt': 'text',
    'broken.annotations.yaml': 'claims: [\n  - {quote: "x\n',
    'types.txt': 'text',
    'types.annotations.yaml': 'sources: 3\nentities: [a]\nclaims: {a: 1}\nnotes: "x"\n',
    'empty.txt': '',
    'empty.annotations.yaml': '',
  });
  const { code, out } = await run(['check'], dir);
  assert.equal(code, 1);
  const text = out.join('\n');
  assert.match(text, /lonely\.annotations\.yaml:1:1 error missing-article No article found for this sidecar: expected lonely\.md, lonely\.markdown, lonely\.txt beside it, or an 'article:' key naming the file\./);
  assert.match(text, /binary\.annotations\.yaml:1:1 error unreadable-article .*binary\.txt looks like a binary file/);
  assert.match(text, /broken\.annotations\.yaml:\d+:\d+ error yaml-syntax/);
  assert.equal((text.match(/types\.annotations\.yaml:\d+:\d+ error schema/g) ?? []).length, 4);
  assert.doesNotMatch(text, /empty\./);
});

test('cli: a missing path and a usage error', async () => {
  const dir = tempTree({});
  const missing = await run(['check', 'nope'], dir);
  assert.equal(missing.code, 2, 'nothing checked');
  assert.match(missing.out.join('\n'), /nope:1:1 error missing-file/);
  assert.match(missing.err.join('\n'), /No annotated article found under nope/);
  const usage = await run(['check', '--format', 'xml'], dir);
  assert.equal(usage.code, 2);
  assert.match(usage.err.join('\n'), /--format takes text, compact, json, sarif, github, gitlab, not xml/);
  assert.equal((await run(['frobnicate'], dir)).code, 2);
});

test('cli: many pairs are checked in worker threads, with the same report in the same order as in one thread', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 80; i++) {
    files[`desk${i % 3}/story${String(i).padStart(2, '0')}.txt`] = `Kabul fell on day ${i}.\n\nThe valley held.`;
    files[`desk${i % 3}/story${String(i).padStart(2, '0')}.annotations.yaml`] = `claims:\n  - quote: Kabul fell on day ${i}\n${i % 2 ? '  - quote: not in the article\n' : ''}`;
  }
  const dir = tempTree(files);
  const { pairs, roots } = findPairs([dir]);
  const outcomes = async (worker: string) => {
    const seen: string[][] = [];
    await checkInOrder({ pairs, roots, json: false, cwd: dir, config: EMPTY_CONFIG, maxArticleBytes: 1 << 26 }, (o) => seen.push(o.results.map((r) => `${r.location.file}:${r.location.range.start.line + 1}:${r.location.range.start.character + 1} ${r.severity} ${r.code}`)), worker);
    return seen;
  };
  const inWorkers = await outcomes(path.join(__dirname, '..', '..', 'server', 'src', 'cli', 'checkWorker.js'));
  assert.equal(inWorkers.length, 80);
  assert.deepEqual(inWorkers, await outcomes('/no/such/worker.js'));
  assert.match(inWorkers[79]![0]!, /^desk2\/story77\.txt:1:1 warning unsourced-claim/);
  const json = await run(['check', '.', '--format', 'json'], dir);
  const parsed = JSON.parse(json.out.join('\n'));
  assert.equal(parsed.files.length, 80);
  assert.equal(parsed.summary.articles, 80);
  assert.equal(json.out.join('\n'), JSON.stringify(parsed, null, 2));
});

const PASSWD = '/etc/passwd';

test('cli: an article outside the paths given is refused with unreadable-article, and none of its lines is printed', { skip: !fs.existsSync(PASSWD) && 'no /etc/passwd here' }, async () => {
  const dir = tempTree({
    'escape.annotations.yaml': 'article: ../../../../../../../../etc/passwd\nclaims:\n  - quote: rootx:0:0:root\n',
    'absolute.annotations.yaml': 'article: /etc/passwd\nclaims:\n  - quote: rootx:0:0:root\n',
  });
  fs.symlinkSync(PASSWD, path.join(dir, 'linked.txt'));
  fs.writeFileSync(path.join(dir, 'linked.annotations.yaml'), 'claims:\n  - quote: rootx:0:0:root\n');
  for (const format of ['compact', 'json']) {
    const { code, out } = await run(['check', '--format', format], dir);
    assert.equal(code, 1);
    const text = out.join('\n');
    for (const line of fs.readFileSync(PASSWD, 'utf8').split('\n').filter((l) => l.trim().length >= 12)) assert.ok(!text.includes(line), `printed a line of ${PASSWD}: ${line}`);
    assert.doesNotMatch(text, /drifted-annotation/);
    if (format === 'compact') {
      assert.match(text, /escape\.annotations\.yaml:1:10 error unreadable-article article: \.\.\/.*etc\/passwd is outside the workspace folder\(s\); Marginalia reads only files inside the workspace/);
      assert.match(text, /absolute\.annotations\.yaml:1:10 error unreadable-article article: \/etc\/passwd is outside/);
      assert.match(text, /linked\.annotations\.yaml:1:1 error unreadable-article linked\.txt is outside/);
    }
  }
});

test('cli: a directory, a device and a named pipe as article are refused, not read', async () => {
  const dir = tempTree({ 'folder/readme.md': 'x', 'dir.annotations.yaml': 'article: folder\nclaims: []\n', 'zero.annotations.yaml': 'article: zero\nclaims: []\n' });
  fs.symlinkSync('/dev/zero', path.join(dir, 'zero'));
  const fifo = spawnSync('mkfifo', [path.join(dir, 'pipe')]);
  if (fifo.status === 0) fs.writeFileSync(path.join(dir, 'pipe.annotations.yaml'), 'article: pipe\nclaims: []\n');
  const { out } = await run(['check'], dir);
  const text = out.join('\n');
  assert.match(text, /dir\.annotations\.yaml:1:10 error unreadable-article article: folder is a directory, not a file/);
  assert.match(text, /zero\.annotations\.yaml:1:10 error unreadable-article article: zero is outside the workspace/);
  if (fifo.status === 0) assert.match(text, /pipe\.annotations\.yaml:1:10 error unreadable-article article: pipe is a named pipe \(FIFO\), not a file/);
});

test('cli: one pairing: a sidecar naming its article pairs with it, and the same-named sidecar is told which one wins', async () => {
  const dir = tempTree({
    'story.txt': 'Kabul fell.\n',
    'notes.annotations.yaml': 'article: story.txt\nclaims:\n  - quote: Kabul fell\n',
    'story.annotations.yaml': 'claims:\n  - quote: Kabul\n',
  });
  const found = findPairs([dir]);
  assert.deepEqual(found.pairs.map((p) => [path.basename(p.article), path.basename(p.sidecar)]), [['story.txt', 'notes.annotations.yaml']]);
  const { out } = await run(['check', '--verbose'], dir);
  const text = out.join('\n');
  assert.match(text, /story\.annotations\.yaml:1:1 warning missing-article This sidecar is not used: story\.txt is annotated by notes\.annotations\.yaml/);
  assert.match(text, /story\.txt:1:1 warning unsourced-claim/);
  assert.match(text, /notes\.annotations\.yaml:3:12 warning unsourced-claim/);
  assert.doesNotMatch(text, /story\.annotations\.yaml:2/);
});

test('cli: a binary article without NUL bytes is not analysed as text', async () => {
  const bytes = Buffer.alloc(20_000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = 1 + ((i * 7919 + 13) % 255);
  const dir = tempTree({ 'blob.txt': bytes, 'blob.annotations.yaml': 'claims:\n  - quote: anything at all\n' });
  const { out } = await run(['check'], dir);
  assert.match(out.join('\n'), /blob\.annotations\.yaml:1:1 error unreadable-article .*blob\.txt looks like a binary file/);
});

test('cli: a file given pairs as its folder would: a sidecar beside it that names it wins', async () => {
  const dir = tempTree({ 'story.txt': 'Kabul fell.\n', 'notes.annotations.yaml': 'article: story.txt\nclaims:\n  - quote: Kabul fell\n', 'story.annotations.yaml': 'claims: []\n' });
  assert.deepEqual(findPairs([path.join(dir, 'story.txt')]).pairs.map((p) => path.basename(p.sidecar)), ['notes.annotations.yaml']);
  const { out } = await run(['check', 'story.txt', '--verbose'], dir);
  assert.match(out.join('\n'), /notes\.annotations\.yaml:3:12 warning unsourced-claim/);
});
