import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/main';

function tempTree(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-cli-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function run(args: string[], cwd: string): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(args, cwd, (l) => out.push(l), (l) => err.push(l));
  return { code, out, err };
}

const SIDECAR = 'claims:\n  - quote: Kabul fell\n';

test('cli: prints file:line:column severity code message and exits 1 on a warning', () => {
  const dir = tempTree({ 'a/story.txt': 'Title\n\nKabul fell on 15 August.', 'a/story.annotations.yaml': SIDECAR });
  const { code, out } = run(['check'], dir);
  assert.equal(code, 1);
  assert.ok(out.includes(path.join('a', 'story.txt') + ':3:1 warning unsourced-claim Unsourced claim: “Kabul fell” has no source and no attribution.'), out.join('\n'));
  assert.ok(out.includes(path.join('a', 'story.annotations.yaml') + ':2:12 warning unsourced-claim Unsourced claim: “Kabul fell” has no source and no attribution.'), out.join('\n'));
  assert.match(out.at(-1)!, /1 article\(s\) checked: 1 claims, 1 unsourced; 0 error\(s\), 2 warning\(s\)/);
});

test('cli: exits 0 when everything is sourced', () => {
  const dir = tempTree({ 'story.md': 'Kabul fell.', 'story.annotations.yaml': 'sources:\n  s: {title: S}\nclaims:\n  - {quote: Kabul fell, sources: [s]}\n' });
  assert.equal(run(['check', '.'], dir).code, 0);
});

test('cli: --format json gives LSP ranges, mentions and claims', () => {
  const dir = tempTree({
    'story.txt': 'Ahmad Massoud spoke.\nKabul fell.',
    'story.annotations.yaml': 'entities:\n  am: {name: Ahmad Massoud, type: person}\nclaims:\n  - {id: k, quote: Kabul fell}\n',
  });
  const { code, out } = run(['check', '--format', 'json'], dir);
  assert.equal(code, 1);
  const report = JSON.parse(out.join('\n'));
  const [file] = report.files;
  assert.equal(file.article, 'story.txt');
  assert.equal(file.annotations, 'story.annotations.yaml');
  assert.deepEqual(file.mentions[0], { entity: 'am', text: 'Ahmad Massoud', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 13 } }, resolution: 'name', certain: true });
  assert.deepEqual(file.claims[0], { id: 'k', quote: 'Kabul fell', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } }, kind: 'fact', sources: [], attributedTo: null, status: 'unsourced' });
  assert.ok(file.diagnostics.some((d: { code: string; file: string }) => d.code === 'unsourced-claim' && d.file === 'story.txt'));
});

test('cli: bad input gets a clear message, never a crash', () => {
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
  const { code, out } = run(['check'], dir);
  assert.equal(code, 1);
  const text = out.join('\n');
  assert.match(text, /lonely\.annotations\.yaml:1:1 error missing-article No article found for this sidecar: expected one of lonely\.md, lonely\.markdown, lonely\.txt\./);
  assert.match(text, /binary\.annotations\.yaml:1:1 error unreadable-article .*binary\.txt looks like a binary file/);
  assert.match(text, /broken\.annotations\.yaml:\d+:\d+ error yaml-syntax/);
  assert.equal((text.match(/types\.annotations\.yaml:\d+:\d+ error schema/g) ?? []).length, 4);
  assert.doesNotMatch(text, /empty\./);
});

test('cli: a missing path and a usage error', () => {
  const dir = tempTree({});
  const missing = run(['check', 'nope'], dir);
  assert.equal(missing.code, 1);
  assert.match(missing.out.join('\n'), /nope:1:1 error missing-file/);
  const usage = run(['check', '--format', 'xml'], dir);
  assert.equal(usage.code, 2);
  assert.match(usage.err.join('\n'), /--format takes text or json, not xml/);
  assert.equal(run(['frobnicate'], dir).code, 2);
});
