// A second, independent LSP client: Neovim's built-in client drives the same
// server binary over stdio and gets hover text, a definition and diagnostics.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './workbench.mjs';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const skip = nvim.status !== 0 ? 'Neovim is not installed (apt-get install -y neovim)' : false;
if (skip) console.log(`neovim test skipped: ${skip}`);

test('Neovim gets hover text, a definition and the diagnostics for a sample', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-nvim-'));
  cpSync(join(ROOT, 'samples'), dir, { recursive: true });
  const article = join(dir, 'support-ahmad-massoud.txt');
  const text = readFileSync(article, 'utf8');
  const offset = text.indexOf('Massoud warned') + 2;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  const out = join(dir, 'result.json');
  const run = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${join(ROOT, 'test', 'e2e', 'nvim', 'check.lua')}`], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, MARGINALIA_ARTICLE: article, MARGINALIA_SERVER: join(ROOT, 'bin', 'marginalia-language-server.js'), MARGINALIA_OUT: out, MARGINALIA_LINE: String(line), MARGINALIA_CHARACTER: String(character) },
  });
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(result.error, undefined, result.error);
  assert.match(result.hover, /\*\*Ahmad Shah Massoud\*\* · _person_/);
  const [location] = result.definition;
  assert.ok((location.uri ?? location.targetUri).endsWith('/support-ahmad-massoud.annotations.yaml'), JSON.stringify(location));
  assert.ok(result.diagnostics.includes('unsourced-claim'), JSON.stringify(result.diagnostics));
});
