// .marginalia.yaml: what it may hold (its JSON Schema and the reader agree),
// where it is found, and what `marginalia check` does with it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { applySeverities, CHECK_CODES, parseConfig } from '../../server/src/core/config';
import { DIAGNOSTIC_CODES } from '../../server/src/core/model';
import { compileGlobs } from '../../server/src/core/configGlob';
import { findConfigFile } from '../../server/src/node/configFile';
import { runCli } from '../../server/src/cli/main';

const REPO = path.join(__dirname, '..', '..', '..');

function tempTree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-config-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, cwd, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const CASES: { yaml: string; valid: boolean }[] = [
  { yaml: '', valid: true },
  { yaml: 'severity:\n  unsourced-claim: error\n  ambiguous-mention: off\n', valid: true },
  { yaml: 'severity:\n  misnamed-sidecar: error\n', valid: true },
  { yaml: 'ignore:\n  - drafts/\n  - "**/*.draft.md"\nmaxWarnings: 10\nmaxArticleBytes: 1000\n', valid: true },
  { yaml: 'severity:\n  unsourced-claim: loud\n', valid: false },
  { yaml: 'severity:\n  no-such-code: error\n', valid: false },
  { yaml: 'severity: error\n', valid: false },
  { yaml: 'ignore: drafts/\n', valid: false },
  { yaml: 'ignore:\n  - ""\n', valid: false },
  { yaml: 'ignore:\n  - 3\n', valid: false },
  { yaml: 'maxWarnings: -1\n', valid: false },
  { yaml: 'maxWarnings: 2.5\n', valid: false },
  { yaml: 'maxWarnings: "3"\n', valid: false },
  { yaml: 'maxArticleBytes: 0\n', valid: false },
  { yaml: 'colour: red\n', valid: false },
  { yaml: '- a list\n', valid: false },
];

test('config: the JSON Schema and the reader give the same verdict', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'client', 'schemas', 'marginalia-config.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ strict: false }).compile(schema);
  for (const { yaml, valid } of CASES) {
    assert.equal(validate(parse(yaml) ?? null), valid, `schema: ${yaml}`);
    assert.equal(parseConfig(yaml).errors.length === 0, valid, `reader: ${yaml} ${JSON.stringify(parseConfig(yaml).errors)}`);
  }
});

test('config: the schema lists exactly the codes the reader accepts', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'client', 'schemas', 'marginalia-config.schema.json'), 'utf8'));
  const pattern = Object.keys(schema.properties.severity.patternProperties)[0]!;
  assert.deepEqual(/^\^\((.*)\)\$$/.exec(pattern)![1]!.split('|').sort(), [...DIAGNOSTIC_CODES, ...CHECK_CODES].sort());
});

test('config: errors name the line and column and what is expected', () => {
  const { errors } = parseConfig('severity:\n  unsourced-claim: loud\nfoo: 1\n');
  assert.deepEqual(errors.map((e) => [e.line, e.column]), [[2, 20], [3, 1]]);
  assert.match(errors[0]!.message, /must be one of error, warning, information, hint, off/);
  assert.match(errors[1]!.message, /Unknown key 'foo'/);
  assert.match(parseConfig('severity: [').errors[0]!.message, /./);
});

test('config: severities are applied per code; off drops the code', () => {
  const { config } = parseConfig('severity:\n  unsourced-claim: error\n  ambiguous-mention: off\n');
  const findings = [
    { code: 'unsourced-claim', severity: 'warning' as const },
    { code: 'ambiguous-mention', severity: 'information' as const },
    { code: 'schema', severity: 'error' as const },
  ];
  assert.deepEqual(applySeverities(findings, config), [{ code: 'unsourced-claim', severity: 'error' }, { code: 'schema', severity: 'error' }]);
});

test('config: ignore patterns read as .gitignore reads them', () => {
  const cases: [string, string, boolean][] = [
    ['drafts/', 'drafts/a.md', true],
    ['drafts/', 'news/drafts/a.md', true],
    ['drafts', 'drafts', true],
    ['/drafts', 'news/drafts/a.md', false],
    ['news/*.md', 'news/a.md', true],
    ['news/*.md', 'news/x/a.md', false],
    ['news/**/*.md', 'news/x/y/a.md', true],
    ['**/archive/*.txt', 'a/b/archive/c.txt', true],
    ['*.draft.md', 'deep/in/x.draft.md', true],
    ['a?c.txt', 'abc.txt', true],
    ['a?c.txt', 'a/c.txt', false],
    ['x.txt', 'ax.txt', false],
  ];
  for (const [pattern, file, ignored] of cases) assert.equal(compileGlobs([pattern])(file), ignored, `${pattern} ${file}`);
});

test('config: found upwards from the path checked, not above the repository root', () => {
  const dir = tempTree({ '.marginalia.yaml': 'maxWarnings: 1\n', 'repo/.git/HEAD': 'x', 'repo/news/deep/a.txt': '', 'other/news/a.txt': '' });
  assert.equal(findConfigFile(path.join(dir, 'repo', 'news', 'deep')), undefined, 'stops at the .git');
  assert.equal(findConfigFile(path.join(dir, 'other', 'news')), path.join(dir, '.marginalia.yaml'));
  fs.writeFileSync(path.join(dir, 'repo', '.marginalia.yaml'), '');
  assert.equal(findConfigFile(path.join(dir, 'repo', 'news', 'deep')), path.join(dir, 'repo', '.marginalia.yaml'));
});

const STORY = { 'news/story.txt': 'Kabul fell.\n\nAna Varga spoke.\n', 'news/story.annotations.yaml': 'entities:\n  a: {name: Ana Varga, type: person}\n  b: {name: Tomas Varga, type: person, aliases: [Varga]}\n  c: {name: Ana Varga Senior, type: person, aliases: [Ana Varga]}\nclaims:\n  - quote: Kabul fell\n' };

test('check: the configuration sets severities, ignores paths and sets the warning budget; flags override it', async () => {
  const dir = tempTree({ ...STORY, 'drafts/d.txt': 'Kabul fell.', 'drafts/d.annotations.yaml': 'claims:\n  - quote: Kabul fell\n' });
  const before = await run(['check', '--format', 'compact'], dir);
  assert.equal(before.code, 1);
  assert.match(before.out, /drafts\/d\.txt:1:1 warning unsourced-claim/);
  fs.writeFileSync(path.join(dir, '.marginalia.yaml'), 'severity:\n  unsourced-claim: error\n  ambiguous-mention: off\nignore:\n  - drafts/\n');
  const configured = await run(['check', '--format', 'compact'], dir);
  assert.match(configured.out, /news\/story\.txt:1:1 error unsourced-claim/);
  assert.doesNotMatch(configured.out, /drafts|ambiguous-mention/);
  fs.writeFileSync(path.join(dir, '.marginalia.yaml'), 'maxWarnings: 2\n');
  assert.equal((await run(['check', '--format', 'compact'], dir)).code, 0, 'two warnings are within the budget');
  const over = await run(['check', '--format', 'compact', '--max-warnings', '1'], dir);
  assert.match(over.out, /2 warnings: more than the 1 allowed/);
  assert.equal(over.code, 1, '--max-warnings overrides the file');
  fs.writeFileSync(path.join(dir, 'strict.yaml'), 'severity:\n  unsourced-claim: error\n');
  const quiet = await run(['check', '--config', 'strict.yaml', '--quiet', '--format', 'compact'], dir);
  assert.equal(quiet.code, 1);
  for (const line of quiet.out.split('\n').slice(0, -1)) assert.match(line, /^\S+:\d+:\d+ error /, 'errors only');
  assert.equal((await run(['check', '--quiet', '--format', 'compact'], dir)).code, 0, 'with --quiet warnings do not fail');
});

test('check: a configuration error is a usage error (exit 2) naming file, line and column', async () => {
  const dir = tempTree({ ...STORY, '.marginalia.yaml': 'severity:\n  unsourced-claim: loud\n' });
  const { code, err, out } = await run(['check'], dir);
  assert.equal(code, 2);
  assert.equal(out, '');
  assert.match(err, /^\.marginalia\.yaml:2:20: The severity of 'unsourced-claim' must be one of/);
  const missing = await run(['check', '--config', 'nope.yaml'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /nope\.yaml:1:1: cannot be read: ENOENT/);
});

test('check: nothing to check is exit 2 with a message, unless --allow-empty; misnamed sidecars are named with the expected name', async () => {
  const dir = tempTree({ 'a.txt': 'x', 'a.annotations.yml': 'claims: []\n', 'b.md': 'x', 'b.annotation.yaml': 'claims: []\n', 'c.txt': 'x', 'c.Annotations.YAML': 'claims: []\n', 'notes.txt': 'x' });
  const { code, out, err } = await run(['check', '--format', 'compact'], dir);
  assert.equal(code, 2);
  assert.match(out, /^a\.annotations\.yml:1:1 warning misnamed-sidecar a\.annotations\.yml is not read: a sidecar is named NAME\.annotations\.yaml; rename it to a\.annotations\.yaml\.$/m);
  assert.match(out, /^b\.annotation\.yaml:1:1 warning misnamed-sidecar .*rename it to b\.annotations\.yaml\.$/m);
  assert.match(out, /^c\.Annotations\.YAML:1:1 warning misnamed-sidecar .*rename it to c\.annotations\.yaml\.$/m);
  assert.match(err, /No annotated article found under \. \(3 misnamed sidecar\(s\), see above\): nothing was checked/);
  const allowed = await run(['check', '--allow-empty', '--format', 'compact'], dir);
  assert.equal(allowed.code, 1, 'the misnamed sidecars are still warnings');
  assert.equal((await run(['check', '--allow-empty'], tempTree({ 'x.txt': 'x' }))).code, 0);
  assert.equal((await run(['check'], tempTree({ 'x.txt': 'x' }))).code, 2);
});
