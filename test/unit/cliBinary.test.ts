// The two tools as a user runs them: the real binaries (bin/*.js on the
// bundles in dist/, so `npm run build` first), never a stack trace.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { HOMEPAGE, VERSION } from '../../server/src/cli/version';

const REPO = path.join(__dirname, '..', '..', '..');
const CLI = path.join(REPO, 'bin', 'marginalia.js');
const SERVER = path.join(REPO, 'bin', 'marginalia-language-server.js');

function runBin(bin: string, args: string[], cwd = REPO): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const NO_TRACE = /\n\s+at |Error:|node:internal/;

test('the package version is the one both tools print', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string; homepage: string };
  assert.equal(VERSION, pkg.version);
  assert.equal(`${HOMEPAGE}#readme`, pkg.homepage);
  assert.equal(runBin(CLI, ['--version']).stdout.trim(), `marginalia ${VERSION}`);
  assert.equal(runBin(SERVER, ['--version']).stdout.trim(), `marginalia-language-server ${VERSION}`);
});

test('language server: --help prints usage and exits 0; nothing, or an unknown argument, prints usage and exits 2', () => {
  const cases: { args: string[]; status: number; says: RegExp }[] = [
    { args: ['--help'], status: 0, says: /^Usage: marginalia-language-server --stdio/ },
    { args: [], status: 2, says: /No transport given\.[\s\S]*Usage:/ },
    { args: ['--frobnicate'], status: 2, says: /Unknown argument '--frobnicate'\.[\s\S]*Usage:/ },
    { args: ['--socket'], status: 2, says: /--socket needs a value/ },
    { args: ['--clientProcessId=1'], status: 2, says: /No transport given/ },
  ];
  for (const { args, status, says } of cases) {
    const r = runBin(SERVER, args);
    assert.equal(r.status, status, `${args.join(' ')}: ${r.stderr}`);
    const said = status === 0 ? r.stdout : r.stderr;
    assert.match(said, says, args.join(' '));
    assert.doesNotMatch(r.stdout + r.stderr, NO_TRACE, args.join(' '));
  }
});

test('language server: --stdio with --clientProcessId still starts (answers initialize)', { timeout: 60_000 }, async () => {
  const child = spawn(process.execPath, [SERVER, '--stdio', `--clientProcessId=${process.pid}`], { stdio: ['pipe', 'pipe', 'pipe'] });
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
  child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  const reply = await new Promise<string>((resolve) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (seen.includes('"capabilities"')) resolve(seen);
    });
  });
  child.kill();
  assert.match(reply, /"id":1/);
});

test('check: a reader that goes away (| head -1) ends the CLI quietly, status 141, no stack trace', { timeout: 60_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-pipe-'));
  for (let i = 0; i < 40; i++) {
    fs.writeFileSync(path.join(dir, `s${i}.txt`), 'Kabul fell.\n'.repeat(200));
    fs.writeFileSync(path.join(dir, `s${i}.annotations.yaml`), 'claims:\n' + Array.from({ length: 50 }, (_, k) => `  - {quote: Kabul fell, occurrence: ${k + 1}}\n`).join(''));
  }
  const child = spawn(process.execPath, [CLI, 'check', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdout.once('data', () => child.stdout.destroy());
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  assert.equal(stderr, '');
  assert.equal(status, 141);
});

test('check: usage errors print usage on stderr and exit 2, no stack trace', () => {
  for (const args of [['check', '--format', 'xml'], ['frobnicate'], ['check', '--max-warnings', 'many']]) {
    const r = runBin(CLI, args);
    assert.equal(r.status, 2, args.join(' '));
    assert.doesNotMatch(r.stderr, NO_TRACE);
  }
});
