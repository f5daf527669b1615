// `--format gitlab`: a GitLab Code Quality report (the Code Climate subset
// GitLab reads from `artifacts: reports: codequality`), so a merge request
// shows the findings it adds or fixes. An array written one finding at a time.
// https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
import type { Severity } from '../../core/model';
import type { PairOutcome } from '../checkPairs';
import type { CheckResult } from '../results';
import type { Summary } from '../summary';
import { lineColumn, type FormatContext, type Formatter } from './formatter';

export class GitlabFormatter implements Formatter {
  private count = 0;

  constructor(private readonly ctx: FormatContext) {
    ctx.out('[');
  }

  problems(results: readonly CheckResult[]): void {
    for (const r of results) this.add(r);
  }

  pair(outcome: PairOutcome): void {
    for (const r of outcome.results) this.add(r);
  }

  end(_summary: Summary): void {
    this.ctx.out(this.count > 0 ? '\n]' : ']');
  }

  private add(r: CheckResult): void {
    const text = `  ${JSON.stringify(codeQualityIssue(r))}`;
    this.ctx.out(this.count++ === 0 ? text : `,\n${text}`);
  }
}

export function codeQualityIssue(r: CheckResult): unknown {
  const also = r.related.map((at) => ` (also ${at.file}:${lineColumn(at.range)})`).join('');
  return {
    type: 'issue',
    description: `${r.message}${also}`,
    check_name: r.code,
    fingerprint: r.fingerprint,
    severity: severityOf(r.severity),
    location: { path: r.location.file.split('\\').join('/'), lines: { begin: r.location.range.start.line + 1 } },
  };
}

/** As ESLint's GitLab formatters map them: errors major, warnings minor, the rest info. */
function severityOf(severity: Severity): 'major' | 'minor' | 'info' {
  return severity === 'error' ? 'major' : severity === 'warning' ? 'minor' : 'info';
}
