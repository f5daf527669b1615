// The npm package as a user gets it: `npm pack`, installed into a clean
// prefix (as `npm install -g` does), then both commands run from there. The
// package has no dependencies (everything is bundled into dist/), so the
// install needs no network. Needs `npm run build` first (npm test does it).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';

const REPO = path.join(__dirname, '..', '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function sh(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const env = { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false', NO_COLOR: '1' };
  return spawnSync(command, args, { cwd, encoding: 'utf8', env, timeout: 240_000, maxBuffer: 1 << 26 });
}

test('npm pack: an installable package with the two commands, bundles only, no dependencies', { timeout: 300_000, skip: !fs.existsSync(path.join(REPO, 'dist', 'cli.js')) && 'npm run build first' }, () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(pkg.private, undefined, 'not private');
  assert.equal(pkg.dependencies, undefined, 'nothing to install besides the package: the bundles hold it all');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-install-'));
  // --ignore-scripts: the bundles in dist/ are the ones just built (prepack would rebuild them under the other tests' feet).
  const packed = sh(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], REPO);
  assert.equal(packed.status, 0, packed.stderr);
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  const files = info!.files.map((f) => f.path).sort();
  for (const needed of ['bin/marginalia.js', 'bin/marginalia-language-server.js', 'dist/cli.js', 'dist/checkWorker.js', 'dist/server.js', 'dist/indexWorker.js', 'client/schemas/annotations.schema.json', 'client/schemas/marginalia-config.schema.json', 'README.md', 'LICENSE']) assert.ok(files.includes(needed), `${needed} in ${files.join(', ')}`);
  assert.deepEqual(files.filter((f) => /\.(ts|map)$|^(server|test|samples|bench)\//.test(f)), [], 'no sources, maps or tests');

  const prefix = path.join(work, 'prefix');
  const installed = sh(NPM, ['install', '--global', '--prefix', prefix, '--offline', '--ignore-scripts', path.join(work, info!.filename)], work);
  assert.equal(installed.status, 0, installed.stderr);
  const bin = (name: string): string => (process.platform === 'win32' ? path.join(prefix, `${name}.cmd`) : path.join(prefix, 'bin', name));

  const version = sh(bin('marginalia-language-server'), ['--version'], work);
  assert.equal(version.status, 0, version.stderr);
  assert.equal(version.stdout.trim(), `marginalia-language-server ${pkg.version as string}`);

  const samples = path.join(work, 'samples');
  fs.cpSync(path.join(REPO, 'samples'), samples, { recursive: true });
  const check = sh(bin('marginalia'), ['check', 'samples'], work);
  assert.equal(check.stderr, '');
  assert.equal(check.status, 1, 'the samples have unsourced claims');
  assert.match(check.stdout, /\n\d+ article\(s\) checked: \d+ claims, \d+ unsourced;/);
  const sarif = sh(bin('marginalia'), ['check', 'samples', '--format', 'sarif'], work);
  assert.equal(JSON.parse(sarif.stdout).version, '2.1.0', 'SARIF from the installed package');
});
