// `--format text` (the default): results grouped under their file's name,
// `line:column  severity  code  message` with the message wrapped to the
// terminal, colours on a terminal, and a summary line with counts per code.
import type { Severity } from '../../core/model';
import type { PairOutcome } from '../checkPairs';
import type { CheckResult } from '../results';
import type { Summary } from '../summary';
import { wrap } from '../terminal';
import { lineColumn, type FormatContext, type Formatter } from './formatter';

const SEVERITY_WIDTH = 'information'.length;

export class TextFormatter implements Formatter {
  private printedAny = false;

  constructor(private readonly ctx: FormatContext) {}

  problems(results: readonly CheckResult[]): void {
    this.grouped(results);
  }

  pair(outcome: PairOutcome): void {
    this.grouped(outcome.results);
  }

  end(summary: Summary): void {
    const { style } = this.ctx;
    if (this.printedAny) this.ctx.out('');
    const line = summary.line();
    this.ctx.out(summary.exitCode !== 0 ? style.bold(style.red(line)) : summary.count('warning') > 0 ? style.yellow(line) : line);
    const threshold = summary.thresholdLine();
    if (threshold) this.ctx.out(style.red(threshold));
  }

  /** Consecutive results of the same file under one heading. */
  private grouped(results: readonly CheckResult[]): void {
    let file: string | undefined;
    for (const r of results) {
      if (r.location.file !== file) {
        file = r.location.file;
        if (this.printedAny) this.ctx.out('');
        this.ctx.out(this.ctx.style.underline(file));
        this.printedAny = true;
      }
      this.result(r);
    }
  }

  private result(r: CheckResult): void {
    const { style, width } = this.ctx;
    const at = lineColumn(r.location.range).padEnd(8);
    const head = `  ${at} ${r.severity.padEnd(SEVERITY_WIDTH)}  `;
    const indent = ' '.repeat(head.length);
    const lines = wrap(`${r.message}`, Math.max(20, width - head.length - r.code.length - 2));
    lines.forEach((text, i) => {
      const prefix = i === 0 ? `  ${style.dim(at)} ${this.coloured(r.severity, r.severity.padEnd(SEVERITY_WIDTH))}  ` : indent;
      this.ctx.out(`${prefix}${text}${i === 0 ? `  ${style.dim(r.code)}` : ''}`);
    });
    if (this.ctx.verbose) for (const rel of r.related) this.ctx.out(`${indent}${style.dim(`also at ${rel.file}:${lineColumn(rel.range)}`)}`);
  }

  private coloured(severity: Severity, text: string): string {
    const { style } = this.ctx;
    return severity === 'error' ? style.red(text) : severity === 'warning' ? style.yellow(text) : style.blue(text);
  }
}
