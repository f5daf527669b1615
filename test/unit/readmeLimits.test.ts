// The README's Safety section is where users learn the limits: it must list
// every budget the code enforces, with the value the code uses.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LIMITS } from '../../server/src/core/limits';
import { DIAGNOSTIC_CODES } from '../../server/src/core/model';

const README = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');

function section(heading: string): string {
  const start = README.indexOf(`## ${heading}`);
  assert.ok(start >= 0, `README has a "${heading}" section`);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

test('the README lists every limit with the value the code enforces', () => {
  const safety = section('Safety');
  for (const limit of Object.values(LIMITS)) {
    const row = `| ${limit.name} | ${limit.value.toLocaleString('en-US')} ${limit.unit} |`;
    assert.ok(safety.includes(row), `README's Safety section lists ${row}`);
  }
});

test('the README explains every diagnostic code', () => {
  for (const code of DIAGNOSTIC_CODES) assert.ok(README.includes(`| \`${code}\` |`), `README has a row for ${code}`);
});
