// `--format github`: GitHub Actions workflow commands, one annotation per
// finding (`::warning file=…,line=…,col=…,title=…::message`), shown on the
// pull request's diff; escaped as the runner's toolkit escapes them.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import type { PairOutcome } from '../checkPairs';
import type { CheckResult } from '../results';
import type { Summary } from '../summary';
import { lineColumn, type FormatContext, type Formatter } from './formatter';

export class GithubFormatter implements Formatter {
  constructor(private readonly ctx: FormatContext) {}

  problems(results: readonly CheckResult[]): void {
    for (const r of results) this.ctx.out(annotation(r));
  }

  pair(outcome: PairOutcome): void {
    for (const r of outcome.results) this.ctx.out(annotation(r));
  }

  end(summary: Summary): void {
    this.ctx.out(summary.line());
    const threshold = summary.thresholdLine();
    if (threshold) this.ctx.out(`::error title=marginalia::${escapeData(threshold)}`);
  }
}

export function annotation(r: CheckResult): string {
  const command = r.severity === 'error' ? 'error' : r.severity === 'warning' ? 'warning' : 'notice';
  const { start, end } = r.location.range;
  const props = [`file=${escapeProperty(r.location.file.split('\\').join('/'))}`, `line=${start.line + 1}`, `col=${start.character + 1}`];
  if (end.line !== start.line) props.push(`endLine=${end.line + 1}`);
  // The last column covered (1-based, inclusive): the character before the LSP end.
  else if (end.character > start.character + 1) props.push(`endColumn=${end.character}`);
  props.push(`title=${escapeProperty(`marginalia ${r.code}`)}`);
  const also = r.related.map((at) => ` (also ${at.file}:${lineColumn(at.range)})`).join('');
  return `::${command} ${props.join(',')}::${escapeData(r.message + also)}`;
}

/** The toolkit's escapeData: %, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** The toolkit's escapeProperty: also ':' and ','. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
