// The diagnostics publisher, with a stand-in workspace and connection: what
// it sends per file is within the budget, and it keeps nothing for a pair
// that is no longer open.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LIMITS } from '../../server/src/core/limits';
import type { Analysis, Finding } from '../../server/src/core/model';
import type { ServerContext } from '../../server/src/lsp/context';
import { findingsWithinBudget } from '../../server/src/lsp/diagnosticBudget';
import { DiagnosticsPublisher } from '../../server/src/lsp/diagnostics';
import { analyzeTexts, joinLines } from './helpers';

const PAIR = { article: '/w/a.txt', sidecar: '/w/a.annotations.yaml' };

interface Sent {
  readonly uri: string;
  readonly diagnostics: { code: string; severity: number; message: string }[];
}

/** A publisher over one pair whose analysis and open files the test sets. */
function publisherFor(analysis: Analysis, open: Set<string>): { publisher: DiagnosticsPublisher; sent: Sent[] } {
  const sent: Sent[] = [];
  const workspace = {
    pairOf: () => PAIR,
    analysisOf: () => ({ pair: PAIR, analysis }),
    isOpen: (file: string) => open.has(file),
    uriFor: (file: string) => `file://${file}`,
    unpairedProblem: () => undefined,
    openPaths: () => [...open],
  };
  const connection = {
    sendDiagnostics: (params: Sent) => (sent.push(params), Promise.resolve()),
    sendNotification: () => Promise.resolve(),
    console: { error: (message: string) => assert.fail(message) },
  };
  const ctx = { workspace, connection, analysisOptions: {}, configured: (findings: unknown) => findings } as unknown as ServerContext;
  return { publisher: new DiagnosticsPublisher(ctx), sent };
}

const UNSOURCED = analyzeTexts('Kabul fell on 15 August.', joinLines('claims:', '  - quote: Kabul fell'));

test('publisher: an unchanged open pair is not sent again; once nothing of the pair is open, nothing is kept to compare with', () => {
  const open = new Set([PAIR.article]);
  const { publisher, sent } = publisherFor(UNSOURCED, open);
  publisher.schedule(PAIR.article);
  publisher.flush();
  assert.equal(sent.length, 2, 'article and sidecar');
  publisher.schedule(PAIR.article);
  publisher.flush();
  assert.equal(sent.length, 2, 'unchanged while open: not sent again');
  open.clear();
  publisher.schedule(PAIR.article);
  publisher.flush();
  publisher.schedule(PAIR.article);
  publisher.flush();
  assert.equal(sent.length, 4, 'closed: the published diagnostics stand, but no copy is kept, so a refresh sends them again');
  assert.ok(sent.every((s) => s.uri !== `file://${PAIR.article}` || s.diagnostics.some((d) => d.code === 'unsourced-claim')), 'a closed pair keeps its diagnostics');
});

test('publisher: over the per-file budget, the most severe findings are sent and one diagnostic counts the rest', () => {
  const entities = Array.from({ length: 3 }, (_, i) => `  e${i}: {name: Person ${i}, type: person, aliases: [Shared]}`);
  const article = Array.from({ length: 1200 }, (_, i) => `Paragraph ${i}: Shared spoke.`).join('\n\n');
  const sidecar = joinLines('entities:', ...entities, 'claims:', '  - quote: "Paragraph 7: Shared"', '    sources: [nowhere]', '  - quote: "Paragraph 9: Shared"');
  const analysis = analyzeTexts(article, sidecar);
  const { publisher, sent } = publisherFor(analysis, new Set([PAIR.article]));
  publisher.schedule(PAIR.article, 'afterEdits');
  publisher.flush();
  const articleDiagnostics = sent.find((s) => s.uri === `file://${PAIR.article}`)!.diagnostics;
  const max = LIMITS.diagnosticsPerFile.value;
  assert.equal(articleDiagnostics.length, max + 1);
  assert.deepEqual(articleDiagnostics.slice(0, 2).map((d) => d.code), ['unsourced-claim', 'unsourced-claim'], 'warnings before information');
  const last = articleDiagnostics.at(-1)!;
  assert.equal(last.code, 'limit-exceeded');
  assert.match(last.message, /^Over the diagnostics per file limit \(1,000 diagnostics\): 202 more findings in this file are not shown/);
});

test('budget: within it every finding in order; over it errors, then warnings, information, hints', () => {
  const finding = (severity: Finding['severity'], start: number): Finding => ({ file: 'article', span: { start, end: start + 1 }, severity, code: 'schema', message: `${severity} ${start}` });
  const findings = [finding('hint', 0), finding('information', 1), finding('error', 2), finding('warning', 3), finding('error', 4)];
  assert.deepEqual(findingsWithinBudget(findings, 5), { shown: findings, omitted: 0 });
  const over = findingsWithinBudget(findings, 3);
  assert.deepEqual(over.shown.map((f) => f.message), ['error 2', 'error 4', 'warning 3']);
  assert.equal(over.omitted, 2);
});
