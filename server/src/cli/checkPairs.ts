// Checks article/sidecar pairs one at a time and turns each into its results,
// so nothing of a pair is kept once its report is made. The same function
// runs in the CLI's own thread and in its worker threads.
import type { AnalysisOptions } from '../core/analyze';
import type { Root } from '../core/boundary';
import { applySeverities, type Config } from '../core/config';
import type { Pair } from '../core/pairing';
import { PairAnalyzer } from '../core/pairAnalysis';
import { DiskFiles } from '../node/diskFiles';
import { jsonPairEntry, jsonProblemEntry } from './jsonEntry';
import { pairResults, problemResult, type CheckResult } from './results';

export interface CheckRequest {
  readonly pairs: readonly Pair[];
  /** The boundary: where the pairs' files may be read from (see findPairs). */
  readonly roots: readonly Root[];
  /** Whether to build each pair's entry of `--format json`. */
  readonly json: boolean;
  readonly cwd: string;
  readonly config: Config;
  readonly maxArticleBytes: number;
}

export interface PairOutcome {
  readonly results: readonly CheckResult[];
  /** The pair's entry of `files` (--format json). */
  readonly json?: unknown;
  /** The article could not be read: the pair is not counted as checked. */
  readonly unreadable?: boolean;
  readonly claims: number;
  readonly unsourced: number;
}

export function checkPairs(request: CheckRequest): PairOutcome[] {
  const disk = new DiskFiles(() => request.maxArticleBytes, request.roots);
  const analyzer = new PairAnalyzer();
  const options = analysisOptions(request.config);
  return request.pairs.map((pair) => {
    const analysis = analyzer.analyze(pair, disk, options);
    for (const file of [pair.article, pair.sidecar]) {
      analyzer.forget(file);
      disk.forget(file);
    }
    if (!analysis) {
      const result = problemResult({ file: pair.sidecar, severity: 'error', code: 'unreadable-article', message: `${pair.sidecar} could not be read.` }, request.cwd);
      return { results: [result], json: request.json ? jsonProblemEntry(result) : undefined, unreadable: true, claims: 0, unsourced: 0 };
    }
    const results = pairResults(pair, analysis, applySeverities(analysis.findings, request.config), request.cwd);
    return {
      results,
      json: request.json ? jsonPairEntry(pair, analysis, results, request.cwd) : undefined,
      claims: analysis.claims.length,
      unsourced: analysis.claims.filter((c) => c.status === 'unsourced').length,
    };
  });
}

/** Findings the configuration turns off are not computed at all where the analysis can skip them. */
function analysisOptions(config: Config): AnalysisOptions {
  const unsourced = config.severity['unsourced-claim'];
  return { unsourcedClaimSeverity: unsourced && unsourced !== 'off' ? unsourced : 'warning', reportAmbiguousMentions: config.severity['ambiguous-mention'] !== 'off' };
}
