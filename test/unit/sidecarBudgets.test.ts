// Hostile sidecars: each must end in a finding that names the budget it hit,
// quickly (a test timeout turns a stall into a failure), without throwing,
// and with the rest of the sidecar still read where it can be.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LIMITS, type Limit } from '../../server/src/core/limits';
import type { Analysis, Finding, Sidecar } from '../../server/src/core/model';
import { quickSummary, summarizeSidecarText } from '../../server/src/core/quickSummary';
import { parseSidecar } from '../../server/src/core/sidecar';
import { summarizeSidecar } from '../../server/src/core/sidecarSummary';
import { articleSymbols, sidecarSymbols } from '../../server/src/core/symbols';
import { joinLines } from './helpers';

const FAST = { timeout: 5000 };

function limitFindings(sidecar: Sidecar, limit: Limit): Finding[] {
  return sidecar.findings.filter((f) => f.code === 'limit-exceeded' && f.message.includes(`${limit.name} limit`));
}

function assertLimit(text: string, sidecar: Sidecar, limit: Limit, at?: string): Finding {
  const found = limitFindings(sidecar, limit);
  assert.equal(found.length, 1, `one '${limit.name}' finding, got: ${sidecar.findings.slice(0, 5).map((f) => f.message).join(' | ')}`);
  const finding = found[0]!;
  assert.ok(finding.span.end > finding.span.start && finding.span.end <= text.length, 'a visible span inside the sidecar');
  if (at !== undefined) assert.ok(text.startsWith(at, finding.span.start), `finding at '${at}', found at '${text.slice(finding.span.start, finding.span.start + 40)}'`);
  return finding;
}

const CLAIM_AFTER = joinLines('claims:', '  - quote: read after the hostile part');

function assertRestRead(sidecar: Sidecar): void {
  assert.deepEqual(sidecar.claims.map((c) => c.quote), ['read after the hostile part']);
}

/** `a` is a list of ten; each next anchor is a list of ten aliases of the one before: 10^levels nodes. */
function billionLaughs(levels: number): string {
  const lines = ['laughs:', `  a0: &a0 [${Array(10).fill('lol').join(', ')}]`];
  for (let i = 1; i <= levels; i++) lines.push(`  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  return lines.join('\n');
}

function nestedBlockMaps(levels: number): string {
  return ['deep:', ...Array.from({ length: levels }, (_, i) => `${' '.repeat(i + 1)}k${i}:`)].join('\n');
}

test('budgets: flow maps used as keys are a schema finding, never turned into text', FAST, () => {
  for (const braces of [30, 31]) {
    const text = '{'.repeat(braces);
    const sidecar = parseSidecar(text);
    assert.ok(sidecar.findings.some((f) => f.code === 'schema' && /keys must be plain text/.test(f.message)), text);
  }
  const text = joinLines('entities:', '  {a: [b, {c: d}]}: {name: Keyed by a map, type: person}', '  [x, y]: {name: Keyed by a list, type: person}', '  ok: {name: Plain Key, type: person}');
  const sidecar = parseSidecar(text);
  assert.deepEqual([...sidecar.entities.keys()], ['ok']);
  assert.equal(sidecar.findings.filter((f) => /keys must be plain text/.test(f.message)).length, 2);
});

test('budgets: nesting deeper than the budget is read as empty; far deeper, reading stops there', FAST, () => {
  const NOTE_AFTER = joinLines('notes:', '  - {quote: q, text: read after the deep part}');
  const cases = [
    { name: '1,000 open braces', deep: '{'.repeat(1000), at: '{' },
    { name: '100,000 open brackets', deep: '['.repeat(100_000), at: '[' },
    { name: '300 closed brackets', deep: `deep: ${'['.repeat(300)}${']'.repeat(300)}`, at: '[', rest: true },
    { name: '100,000 closed brackets', deep: `deep: ${'['.repeat(100_000)}${']'.repeat(100_000)}`, at: '[' },
    { name: '300 nested block lists', deep: joinLines('deep:', `  ${'- '.repeat(300)}x`), at: '- ', rest: true },
    { name: '20,000 nested block lists', deep: joinLines('deep:', `  ${'- '.repeat(20_000)}x`), at: '- ' },
    { name: '300 nested block maps', deep: nestedBlockMaps(300), at: 'k', rest: true },
    { name: '1,500 nested block maps', deep: nestedBlockMaps(1500), at: 'k' },
  ];
  for (const { name, deep, at, rest } of cases) {
    const text = joinLines('claims:', '  - quote: read before the deep part', deep, NOTE_AFTER);
    const sidecar = parseSidecar(text);
    assertLimit(text, sidecar, LIMITS.yamlDepth, at);
    assert.ok(!sidecar.findings.some((f) => /call stack/i.test(f.message)), name);
    assert.deepEqual(sidecar.claims.map((c) => c.quote), ['read before the deep part'], name);
    assert.deepEqual(sidecar.notes.map((n) => n.text), rest ? ['read after the deep part'] : [], name);
  }
  for (const text of ['{'.repeat(30_000), '['.repeat(100_000), '- '.repeat(100_000)]) assertLimit(text, parseSidecar(text), LIMITS.yamlDepth);
});

test('budgets: nesting within the budget is read as before', FAST, () => {
  const text = joinLines(nestedBlockMaps(LIMITS.yamlDepth.value - 1), CLAIM_AFTER);
  const sidecar = parseSidecar(text);
  assert.equal(limitFindings(sidecar, LIMITS.yamlDepth).length, 0);
  assertRestRead(sidecar);
});

test('budgets: a sidecar over the size budget is not read at all', FAST, () => {
  const text = `claims:\n  - quote: ${'x'.repeat(LIMITS.sidecarChars.value)}`;
  const sidecar = parseSidecar(text);
  assert.deepEqual(sidecar.findings.map((f) => f.code), ['limit-exceeded']);
  assertLimit(text, sidecar, LIMITS.sidecarChars, 'claims');
  assert.equal(sidecar.claims.length, 0);
});

test('budgets: a 5 MB single-line text value is over the text length budget, the rest is read', FAST, () => {
  const long = 'a'.repeat(5_000_000);
  const text = joinLines(`claims: [{quote: ${long}}, {quote: read after the hostile part}]`);
  const sidecar = parseSidecar(text);
  assertLimit(text, sidecar, LIMITS.valueChars, long.slice(0, 100));
  assertRestRead(sidecar);
  assert.ok(!sidecar.findings.some((f) => f.message.length > 2000), 'no message quotes the value');
});

const FLOW_LIST = `claims: [${'{quote: q}, '.repeat(450_000)}]`;

test('budgets: a 5 MB single-line flow list stops at the token budget and keeps what was read', FAST, () => {
  const text = FLOW_LIST;
  const sidecar = parseSidecar(text);
  assertLimit(text, sidecar, LIMITS.yamlTokens);
  assertLimit(text, sidecar, LIMITS.claims, '{quote: q}');
  assert.equal(sidecar.claims.length, LIMITS.claims.value);
  assert.ok(!sidecar.findings.some((f) => f.code === 'yaml-syntax'), 'stopping is not a syntax error');
});

const ALIASES = joinLines('shared: &s [one]', `uses: [${'*s,'.repeat(100_000)}]`, CLAIM_AFTER);

test('budgets: 100,000 aliases are over the alias budget, the rest is read', FAST, () => {
  const text = ALIASES;
  const sidecar = parseSidecar(text);
  const finding = assertLimit(text, sidecar, LIMITS.yamlAliases, '*s');
  assert.equal(finding.span.start, text.indexOf('*s') + '*s,'.length * LIMITS.yamlAliases.value, 'at the first alias over the budget');
  assertRestRead(sidecar);
});

test('budgets: a billion-laughs alias bomb is over the alias expansion budget, counted without expanding', FAST, () => {
  const text = joinLines(billionLaughs(9), CLAIM_AFTER);
  const sidecar = parseSidecar(text);
  assertLimit(text, sidecar, LIMITS.aliasExpansion, '*a');
  assertRestRead(sidecar);
  const small = joinLines(billionLaughs(2), CLAIM_AFTER);
  assert.equal(limitFindings(parseSidecar(small), LIMITS.aliasExpansion).length, 0, 'a thousand nodes is fine');
});

test('budgets: an overlong key is skipped with a finding, the other entries are read', FAST, () => {
  const key = 'k'.repeat(LIMITS.keyChars.value + 1);
  const text = joinLines('entities:', `  ? ${key}`, '  : {name: Long, type: person}', '  ok: {name: Plain Key, type: person}');
  const sidecar = parseSidecar(text);
  assertLimit(text, sidecar, LIMITS.keyChars, key.slice(0, 50));
  assert.deepEqual([...sidecar.entities.keys()], ['ok']);
  assert.ok(!sidecar.findings.some((f) => f.message.length > 2000), 'no message quotes the key whole');
});

test('budgets: problems past the budget are counted, not listed', FAST, () => {
  const cases = [
    { name: 'stray brackets', text: joinLines(CLAIM_AFTER, ']'.repeat(200_000)), code: 'yaml-syntax' },
    { name: 'unknown keys', text: joinLines(CLAIM_AFTER, ...Array.from({ length: 20_000 }, (_, i) => `unknown${i}: 1`)), code: 'schema' },
  ];
  for (const { name, text, code } of cases) {
    const sidecar = parseSidecar(text);
    assert.equal(sidecar.findings.filter((f) => f.code === code).length, LIMITS.sidecarProblems.value, name);
    assert.match(assertLimit(text, sidecar, LIMITS.sidecarProblems).message, /more are not listed/, name);
  }
});

/** A sidecar with `count` items in one list, to check the list's budget. */
const LIST_BUDGETS: { limit: Limit; make: (count: number) => string; at: (count: number) => string; read: (s: Sidecar) => number }[] = [
  { limit: LIMITS.entities, make: (n) => joinLines('entities:', ...Array.from({ length: n }, (_, i) => `  e${i}: {name: Person ${i}, type: person}`)), at: (n) => `e${n - 1}:`, read: (s) => s.entities.size },
  { limit: LIMITS.sources, make: (n) => joinLines('sources:', ...Array.from({ length: n }, (_, i) => `  s${i}: {title: Source ${i}}`)), at: (n) => `s${n - 1}:`, read: (s) => s.sources.size },
  { limit: LIMITS.claims, make: (n) => joinLines('claims:', ...Array.from({ length: n }, (_, i) => `  - {quote: claim ${i}}`)), at: (n) => `{quote: claim ${n - 1}}`, read: (s) => s.claims.length },
  { limit: LIMITS.mentionPins, make: (n) => joinLines('mentions:', ...Array.from({ length: n }, (_, i) => `  - {quote: pin ${i}, entity: e}`)), at: (n) => `{quote: pin ${n - 1},`, read: (s) => s.mentions.length },
  { limit: LIMITS.notes, make: (n) => joinLines('notes:', ...Array.from({ length: n }, (_, i) => `  - {quote: note ${i}, text: t}`)), at: (n) => `{quote: note ${n - 1},`, read: (s) => s.notes.length },
  { limit: LIMITS.aliasesPerEntity, make: (n) => joinLines('entities:', `  p: {name: P, type: person, aliases: [${Array.from({ length: n }, (_, i) => `alias${i}`).join(', ')}]}`), at: (n) => `alias${n - 1}]`, read: (s) => s.entities.get('p')!.aliases.length },
  {
    limit: LIMITS.aliasesTotal,
    make: (n) => joinLines('entities:', ...Array.from({ length: Math.ceil(n / 50) }, (_, e) => `  e${e}: {name: P${e}, type: person, aliases: [${Array.from({ length: Math.min(50, n - e * 50) }, (_, i) => `a${e * 50 + i}`).join(', ')}]}`)),
    at: (n) => `a${n - 1}`,
    read: (s) => [...s.entities.values()].reduce((sum, e) => sum + e.aliases.length, 0),
  },
  { limit: LIMITS.sourcesPerClaim, make: (n) => joinLines('claims:', `  - {quote: q, sources: [${Array.from({ length: n }, (_, i) => `s${i}`).join(', ')}]}`), at: (n) => `s${n - 1}]`, read: (s) => s.claims[0]!.sources.length },
];

/** Sidecars one item over each list budget, and their parse, made once for the two tests below. */
const overBudget = LIST_BUDGETS.map((budget) => {
  let parsed: Sidecar | undefined;
  const text = budget.make(budget.limit.value + 1);
  return { ...budget, text, parsed: () => (parsed ??= parseSidecar(text)) };
});

test('budgets: each list is read up to its budget, with a finding at the first item over it', FAST, () => {
  for (const { limit, text, parsed, at, read } of overBudget) {
    assertLimit(text, parsed(), limit, at(limit.value + 1));
    assert.equal(read(parsed()), limit.value, limit.name);
  }
  for (const { limit, make } of LIST_BUDGETS.filter((b) => b.limit.value <= 100)) {
    assert.equal(limitFindings(parseSidecar(make(limit.value)), limit).length, 0, `${limit.name}: at the budget, no finding`);
  }
});

test('budgets: the index summary keeps the same budgets and agrees with the full parse', FAST, () => {
  const texts = [
    '{'.repeat(30),
    '['.repeat(100_000),
    joinLines(nestedBlockMaps(1500), CLAIM_AFTER),
    joinLines(billionLaughs(9), CLAIM_AFTER),
    joinLines('entities:', `  ? ${'k'.repeat(LIMITS.keyChars.value + 1)}`, '  : {name: Long, type: person}', '  ok: {name: Plain Key, type: person}'),
    `entities:\n  p: {name: ${'n'.repeat(LIMITS.valueChars.value + 1)}, type: person}`,
  ];
  for (const text of texts) assert.deepEqual(summarizeSidecarText(text), summarizeSidecar(text, parseSidecar(text)), text.slice(0, 60));
  for (const { text, parsed } of overBudget) assert.deepEqual(summarizeSidecarText(text), summarizeSidecar(text, parsed()), text.slice(0, 60));
  assert.equal(quickSummary(ALIASES), undefined, 'over the alias budget: left to the full parse');
  assert.equal(quickSummary(FLOW_LIST), undefined, 'over the token budget: left to the full parse');
});

test('budgets: outlines of many items do not spread them into a call', FAST, () => {
  const span = (i: number) => ({ start: i * 10, end: i * 10 + 5 });
  const claims = Array.from({ length: 200_000 }, (_, i) => ({ claim: { quote: `claim ${i}`, span: span(i), quoteSpan: span(i) }, status: 'exact', span: span(i) }));
  const mentions = Array.from({ length: 200_000 }, (_, i) => ({ entityId: `e${i % 2000}`, span: span(i) }));
  const analysis = { sidecar: { sources: new Map(), entities: new Map(), mentions: [], notes: [] }, claims, mentions, notes: [] } as unknown as Analysis;
  const outline = sidecarSymbols(analysis);
  assert.deepEqual(outline[0]!.span, { start: 0, end: 199_999 * 10 + 5 });
  const article = articleSymbols(analysis);
  const entities = article.find((s) => s.name === 'Entities')!;
  assert.equal(entities.children.length, 2000);
  assert.match(entities.children[0]!.detail ?? '', /100×/);
});
