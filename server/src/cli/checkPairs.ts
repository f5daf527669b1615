// Checks article/sidecar pairs one at a time and turns each into its part of
// the report, so nothing of a pair is kept once its lines are written. The
// same function runs in the CLI's own thread and in its worker threads.
import { DEFAULT_ANALYSIS_OPTIONS } from '../core/analyze';
import type { Root } from '../core/boundary';
import type { Pair } from '../core/pairing';
import { PairAnalyzer } from '../core/pairAnalysis';
import { DiskFiles } from '../node/diskFiles';
import { DEFAULT_SETTINGS } from '../protocol';
import { jsonReport, textReport, type FileProblem } from './report';

export type Format = 'text' | 'json';

export interface CheckRequest {
  readonly pairs: readonly Pair[];
  /** The boundary: where the pairs' files may be read from (see findPairs). */
  readonly roots: readonly Root[];
  readonly format: Format;
  readonly cwd: string;
}

export interface PairOutcome {
  /** The pair's report lines (text) or its entry of `files` (json). */
  readonly lines: readonly string[];
  readonly json?: unknown;
  readonly problem?: FileProblem;
  readonly claims: number;
  readonly unsourced: number;
  readonly bySeverity: Readonly<Record<string, number>>;
}

export function checkPairs(request: CheckRequest): PairOutcome[] {
  const disk = new DiskFiles(() => DEFAULT_SETTINGS.maxArticleBytes, request.roots);
  const analyzer = new PairAnalyzer();
  return request.pairs.map((pair) => {
    const analysis = analyzer.analyze(pair, disk, DEFAULT_ANALYSIS_OPTIONS);
    for (const file of [pair.article, pair.sidecar]) {
      analyzer.forget(file);
      disk.forget(file);
    }
    if (!analysis) {
      const problem: FileProblem = { file: pair.sidecar, severity: 'error', code: 'unreadable-article', message: `${pair.sidecar} could not be read.` };
      return { lines: request.format === 'text' ? textReport([], [problem], request.cwd) : [], problem, claims: 0, unsourced: 0, bySeverity: { error: 1 } };
    }
    const checked = { pair, analysis };
    const bySeverity: Record<string, number> = {};
    for (const f of analysis.findings) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    return {
      lines: request.format === 'text' ? textReport([checked], [], request.cwd) : [],
      json: request.format === 'json' ? (jsonReport([checked], [], request.cwd) as { files: unknown[] }).files[0] : undefined,
      claims: analysis.claims.length,
      unsourced: analysis.claims.filter((c) => c.status === 'unsourced').length,
      bySeverity,
    };
  });
}
