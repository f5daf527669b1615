// The machine formats of `marginalia check`: SARIF 2.1.0 (validated against
// its JSON Schema), GitHub Actions annotations, JSON's summary; and the
// terminal format (grouping, colour, wrapping).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { runCli } from '../../server/src/cli/main';
import { annotation, escapeData, escapeProperty } from '../../server/src/cli/format/github';
import { RULES } from '../../server/src/cli/rules';
import { DIAGNOSTIC_CODES } from '../../server/src/core/model';
import { CHECK_CODES } from '../../server/src/core/config';
import { wrap } from '../../server/src/cli/terminal';

const REPO = path.join(__dirname, '..', '..', '..');

function tempTree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-formats-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

async function run(args: string[], cwd: string, terminal?: Parameters<typeof runCli>[4]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, cwd, (l) => out.push(l), (l) => err.push(l), terminal);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const STORY = 'Kabul fell on 15 August.\n\nAna Varga spoke.\nThe valley held, said Ana Varga.\n';
const SIDECAR = 'sources:\n  s: {title: A source}\nentities:\n  av: {name: Ana Varga, type: person}\nclaims:\n  - quote: Kabul fell\n  - {quote: The valley held, sources: [s]}\n  - quote: not in the article at all\n  - {quote: Ana Varga spoke, sources: [nope]}\n';

function validateSarif(): (data: unknown) => boolean {
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'schemas', 'sarif-2.1.0.json'), 'utf8')) as object;
  const validate = ajv.compile(schema);
  return (data) => {
    const ok = validate(data) as boolean;
    if (!ok) assert.fail(JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    return ok;
  };
}

test('sarif: valid SARIF 2.1.0 (schema), a rule per code with help, each finding once with the sidecar as related location', async () => {
  const dir = tempTree({ 'news/story.txt': STORY, 'news/story.annotations.yaml': SIDECAR, 'lonely.annotations.yaml': 'claims: []\n' });
  const { code, out } = await run(['check', '--format', 'sarif'], dir);
  assert.equal(code, 1);
  const log = JSON.parse(out);
  assert.ok(validateSarif()(log));
  const run0 = log.runs[0];
  assert.deepEqual(run0.tool.driver.rules.map((r: { id: string }) => r.id).sort(), [...DIAGNOSTIC_CODES, ...CHECK_CODES].sort());
  for (const rule of run0.tool.driver.rules) assert.ok(rule.help.text.length > 20, rule.id);
  const unsourced = run0.results.filter((r: { ruleId: string }) => r.ruleId === 'unsourced-claim');
  assert.equal(unsourced.length, 2, 'once each, not once per file');
  assert.equal(unsourced[0].level, 'warning');
  assert.deepEqual(unsourced[0].locations[0].physicalLocation, { artifactLocation: { uri: 'news/story.txt', uriBaseId: 'SRCROOT' }, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 11 } });
  assert.equal(unsourced[0].relatedLocations[0].physicalLocation.artifactLocation.uri, 'news/story.annotations.yaml');
  assert.equal(unsourced[0].relatedLocations[0].physicalLocation.region.startLine, 6);
  assert.equal(run0.tool.driver.rules[unsourced[0].ruleIndex].id, 'unsourced-claim');
  const codes = run0.results.map((r: { ruleId: string }) => r.ruleId).sort();
  assert.deepEqual(codes, ['missing-article', 'orphaned-annotation', 'unknown-source', 'unsourced-claim', 'unsourced-claim']);
  assert.equal(run0.invocations[0].exitCode, 1);
});

test('sarif: fingerprints are the same from run to run and when the finding moves to another line', async () => {
  const dir = tempTree({ 'story.txt': STORY, 'story.annotations.yaml': SIDECAR });
  const prints = async (): Promise<Map<string, string>> => {
    const log = JSON.parse((await run(['check', '--format', 'sarif'], dir)).out);
    return new Map(log.runs[0].results.map((r: { ruleId: string; message: { text: string }; partialFingerprints: Record<string, string> }) => [`${r.ruleId} ${r.message.text}`, r.partialFingerprints['marginalia/v1']!]));
  };
  const first = await prints();
  assert.deepEqual(await prints(), first);
  fs.writeFileSync(path.join(dir, 'story.txt'), `A new first paragraph.\n\n${STORY}`);
  fs.writeFileSync(path.join(dir, 'story.annotations.yaml'), `# a comment on top\n${SIDECAR}`);
  const moved = await prints();
  assert.equal(first.size, 4);
  assert.deepEqual(moved, first);
  assert.equal(new Set(first.values()).size, first.size, 'different findings, different fingerprints');
});

test('sarif: an empty check is still a valid log', async () => {
  const dir = tempTree({ 'story.txt': 'Kabul fell.', 'story.annotations.yaml': 'sources:\n  s: {title: S}\nclaims:\n  - {quote: Kabul fell, sources: [s]}\n' });
  const { code, out } = await run(['check', '--format', 'sarif'], dir);
  assert.equal(code, 0);
  const log = JSON.parse(out);
  assert.ok(validateSarif()(log));
  assert.deepEqual(log.runs[0].results, []);
});

test('github: one workflow command per finding, severities mapped, properties and data escaped', async () => {
  const dir = tempTree({ 'a,b/story.txt': STORY, 'a,b/story.annotations.yaml': SIDECAR });
  const { out } = await run(['check', '--format', 'github'], dir);
  const lines = out.split('\n');
  assert.ok(lines.includes('::warning file=a%2Cb/story.txt,line=1,col=1,endColumn=10,title=marginalia unsourced-claim::Unsourced claim: “Kabul fell” has no source and no attribution. (also a,b/story.annotations.yaml:6:12)'), out);
  assert.ok(lines.some((l) => l.startsWith('::error file=a%2Cb/story.annotations.yaml,line=9,') && l.includes('title=marginalia unknown-source::')), out);
  assert.match(lines.at(-1)!, /^1 article\(s\) checked/);
  const cases: [string, string, string][] = [
    ['100% sure\r\nnext', '100%25 sure%0D%0Anext', '100%25 sure%0D%0Anext'],
    ['a:b,c', 'a:b,c', 'a%3Ab%2Cc'],
  ];
  for (const [text, data, property] of cases) {
    assert.equal(escapeData(text), data);
    assert.equal(escapeProperty(text), property);
  }
  const info = annotation({ code: 'ambiguous-mention', severity: 'information', message: 'line one\nline two', location: { file: 'x.txt', range: { start: { line: 2, character: 4 }, end: { line: 3, character: 1 } } }, related: [], fingerprint: 'f' });
  assert.equal(info, '::notice file=x.txt,line=3,col=5,endLine=4,title=marginalia ambiguous-mention::line one%0Aline two');
});

test('json: the files as before plus a summary object with counts per severity and code and the exit status', async () => {
  const dir = tempTree({ 'story.txt': STORY, 'story.annotations.yaml': SIDECAR });
  const report = JSON.parse((await run(['check', '--format', 'json', '--max-warnings', '5'], dir)).out);
  assert.deepEqual(Object.keys(report), ['files', 'summary']);
  assert.deepEqual(Object.keys(report.files[0]), ['article', 'annotations', 'diagnostics', 'mentions', 'claims']);
  assert.deepEqual(report.summary, { articles: 1, claims: 4, unsourced: 2, errors: 1, warnings: 3, information: 0, hints: 0, byCode: { 'unsourced-claim': 2, 'orphaned-annotation': 1, 'unknown-source': 1 }, maxWarnings: 5, exitCode: 1 });
});

test('text: grouped by file, severity and code on each line, summary with counts per code; no colour off a terminal or with NO_COLOR', async () => {
  const dir = tempTree({ 'story.txt': STORY, 'story.annotations.yaml': SIDECAR });
  const plain = await run(['check'], dir, { isTTY: false, env: {} });
  const wide = await run(['check'], dir, { isTTY: true, columns: 200, env: { NO_COLOR: '1' } });
  assert.equal(plain.out.split('\n')[0], 'story.txt');
  assert.match(wide.out, /^ {2}1:1 +warning +Unsourced claim: “Kabul fell” has no source and no attribution\. {2}unsourced-claim$/m);
  assert.match(plain.out, /\n\nstory\.annotations\.yaml\n {2}8:12 +warning +Quote not found/);
  assert.match(plain.out, /1 article\(s\) checked: 4 claims, 2 unsourced; 1 error\(s\), 3 warning\(s\), 0 information \(unsourced-claim 2, orphaned-annotation 1, unknown-source 1\)\.$/);
  assert.doesNotMatch(plain.out, /\u001b\[/);
  const tty = { isTTY: true, columns: 120, env: {} };
  assert.match((await run(['check'], dir, tty)).out, /\u001b\[33mwarning/);
  for (const off of [['check', '--no-color'], ['check']]) {
    const env = off.length === 1 ? { NO_COLOR: '1' } : {};
    assert.doesNotMatch((await run(off, dir, { ...tty, env })).out, /\u001b\[/, off.join(' '));
  }
  assert.match((await run(['check', '--color'], dir)).out, /\u001b\[/);
  const verbose = await run(['check', '--verbose'], dir);
  assert.match(verbose.out, /attribution\.\n +also at story\.annotations\.yaml:6:12\n/);
});

test('text: long messages are wrapped to the terminal width, continuation lines under the message', async () => {
  assert.deepEqual(wrap('one two three four', 9), ['one two', 'three', 'four']);
  assert.deepEqual(wrap('averyveryverylongword x', 5), ['averyveryverylongword', 'x']);
  const dir = tempTree({ 'story.txt': STORY, 'story.annotations.yaml': SIDECAR });
  const narrow = await run(['check'], dir, { isTTY: true, columns: 60, env: { NO_COLOR: '1' } });
  const lines = narrow.out.split('\n').filter((l) => l.startsWith('  '));
  assert.ok(lines.length > 4);
  for (const line of lines) assert.ok(line.length <= 60 + 'unsourced-claim'.length, line);
  assert.match(narrow.out, /\n {24}\S/, 'a continuation line starts under the message');
});

test('the rules cover every code the CLI reports', () => {
  assert.deepEqual(RULES.map((r) => r.id).sort(), [...DIAGNOSTIC_CODES, ...CHECK_CODES].sort());
});

test('compact: the problem matcher the extension contributes ($marginalia) reads every line', async () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const matcher = pkg.contributes.problemMatchers.find((m: { name: string }) => m.name === 'marginalia');
  const regexp = new RegExp(matcher.pattern.regexp);
  const dir = tempTree({ 'news/story.txt': STORY, 'news/story.annotations.yaml': SIDECAR, 'b.txt': 'Ana Varga met Ana Varga.', 'b.annotations.yaml': 'entities:\n  a: {name: Ana Varga, type: person}\n  b: {name: Ana Varga Senior, type: person, aliases: [Ana Varga]}\n' });
  const lines = (await run(['check', '--format', 'compact'], dir)).out.split('\n').slice(0, -1);
  assert.ok(lines.length >= 5);
  const severities = new Set<string>();
  for (const line of lines) {
    const m = regexp.exec(line);
    assert.ok(m, line);
    assert.ok(fs.existsSync(path.join(dir, m[matcher.pattern.file])), line);
    severities.add(m[matcher.pattern.severity]!);
  }
  // VS Code knows error, warning and info.
  assert.ok([...severities].every((s) => ['error', 'warning', 'info', 'hint'].includes(s)), [...severities].join());
  assert.ok(severities.has('info'));
});

test('gitlab: a Code Quality report, one issue per finding with a unique fingerprint', async () => {
  const dir = tempTree({ 'news/story.txt': STORY, 'news/story.annotations.yaml': SIDECAR });
  const issues = JSON.parse((await run(['check', '--format', 'gitlab'], dir)).out) as { check_name: string; severity: string; fingerprint: string; location: { path: string; lines: { begin: number } }; description: string }[];
  assert.equal(issues.length, 4);
  const kabul = issues.find((i) => i.description.includes('Kabul fell'))!;
  assert.deepEqual({ ...kabul, fingerprint: undefined }, { type: 'issue', description: 'Unsourced claim: “Kabul fell” has no source and no attribution. (also news/story.annotations.yaml:6:12)', check_name: 'unsourced-claim', fingerprint: undefined, severity: 'minor', location: { path: 'news/story.txt', lines: { begin: 1 } } });
  assert.equal(issues.find((i) => i.check_name === 'unknown-source')?.severity, 'major');
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
  const clean = tempTree({ 'story.txt': 'Kabul fell.', 'story.annotations.yaml': 'claims: []\n' });
  assert.deepEqual(JSON.parse((await run(['check', '--format', 'gitlab'], clean)).out), []);
});
