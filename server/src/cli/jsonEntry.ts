// A file's entry of `--format json`: its results as `diagnostics` (each
// finding once; `related` holds its other location), its mentions and claims.
// The fields of earlier versions are kept as they were: others read them.
import { linesOf } from '../core/locate';
import type { Analysis } from '../core/model';
import type { Pair } from '../core/pairing';
import { relativePath, type CheckResult } from './results';

export function jsonDiagnostic(r: CheckResult): unknown {
  const d = { file: r.location.file, code: r.code, severity: r.severity, message: r.message, range: r.location.range, fingerprint: r.fingerprint };
  return r.related.length > 0 ? { ...d, related: r.related } : d;
}

export function jsonPairEntry(pair: Pair, analysis: Analysis, results: readonly CheckResult[], cwd: string): unknown {
  const article = linesOf(analysis, 'article');
  return {
    article: relativePath(cwd, pair.article),
    annotations: relativePath(cwd, pair.sidecar),
    diagnostics: results.map(jsonDiagnostic),
    mentions: analysis.mentions.map((m) => ({ entity: m.entityId, text: m.text, range: article.rangeOf(m.span), resolution: m.resolution, certain: m.certain })),
    claims: analysis.claims.map((c) => ({
      id: c.claim.id?.value ?? null,
      quote: c.claim.quote,
      range: c.span ? article.rangeOf(c.span) : null,
      kind: c.claim.kind,
      sources: c.claim.sources.map((s) => s.value),
      attributedTo: c.claim.attributedTo?.value ?? null,
      status: c.status,
    })),
  };
}

/** A file problem's entry: no article, one diagnostic at the file's start. */
export function jsonProblemEntry(result: CheckResult): unknown {
  return { article: null, annotations: result.location.file, diagnostics: [jsonDiagnostic(result)], mentions: [], claims: [] };
}

