// `--format compact`: one `file:line:column severity code message` line per
// finding (what editors' problem matchers and grep read); --verbose adds a
// line for each related location.
import type { PairOutcome } from '../checkPairs';
import type { CheckResult } from '../results';
import type { Summary } from '../summary';
import { lineColumn, oneLine, type FormatContext, type Formatter } from './formatter';

export class CompactFormatter implements Formatter {
  constructor(private readonly ctx: FormatContext) {}

  problems(results: readonly CheckResult[]): void {
    this.write(results);
  }

  pair(outcome: PairOutcome): void {
    this.write(outcome.results);
  }

  end(summary: Summary): void {
    this.ctx.out(summary.line());
    const threshold = summary.thresholdLine();
    if (threshold) this.ctx.out(threshold);
  }

  private write(results: readonly CheckResult[]): void {
    for (const r of results) {
      const message = oneLine(r.message);
      this.ctx.out(`${r.location.file}:${lineColumn(r.location.range)} ${r.severity} ${r.code} ${message}`);
      if (this.ctx.verbose) for (const at of r.related) this.ctx.out(`${at.file}:${lineColumn(at.range)} ${r.severity} ${r.code} ${message}`);
    }
  }
}
