// `--format json`: `{"files": [...], "summary": {...}}`, written one file at a
// time (the same text as stringifying it whole). A file's entry is made in
// the worker (jsonEntry.ts); the file problems are listed after the pairs.
import type { PairOutcome } from '../checkPairs';
import { jsonProblemEntry } from '../jsonEntry';
import type { CheckResult } from '../results';
import type { Summary } from '../summary';
import type { FormatContext, Formatter } from './formatter';

export class JsonFormatter implements Formatter {
  private started = false;
  /** One file is held back for its trailing comma. */
  private pending?: string;
  private fileProblems: readonly CheckResult[] = [];

  constructor(private readonly ctx: FormatContext) {}

  problems(results: readonly CheckResult[]): void {
    this.fileProblems = results;
  }

  pair(outcome: PairOutcome): void {
    if (outcome.json !== undefined) this.add(outcome.json);
  }

  end(summary: Summary): void {
    for (const r of this.fileProblems) this.add(jsonProblemEntry(r));
    const summaryText = indent(JSON.stringify(summary.values(), null, 2), '  ');
    if (this.pending === undefined) this.ctx.out('{\n  "files": [],');
    else {
      this.ctx.out(this.pending);
      this.ctx.out('  ],');
    }
    this.ctx.out(`  "summary": ${summaryText.trimStart()}`);
    this.ctx.out('}');
  }

  private add(file: unknown): void {
    if (!this.started) this.ctx.out('{\n  "files": [');
    this.started = true;
    if (this.pending !== undefined) this.ctx.out(`${this.pending},`);
    this.pending = indent(JSON.stringify(file, null, 2), '    ');
  }
}

function indent(text: string, by: string): string {
  return text.replace(/^/gm, by);
}
