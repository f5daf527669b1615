// Counts kept as the pairs go by: for the closing line, the JSON summary,
// and the exit status.
import type { PairOutcome } from './checkPairs';
import type { CheckResult } from './results';

export interface SummaryValues {
  readonly articles: number;
  readonly claims: number;
  readonly unsourced: number;
  readonly errors: number;
  readonly warnings: number;
  readonly information: number;
  readonly hints: number;
  /** Results per code, most frequent first. */
  readonly byCode: Readonly<Record<string, number>>;
  readonly maxWarnings: number;
  readonly exitCode: number;
}

export class Summary {
  private articles = 0;
  private claims = 0;
  private unsourced = 0;
  private readonly bySeverity = new Map<string, number>();
  private readonly byCode = new Map<string, number>();

  constructor(readonly maxWarnings: number) {}

  addPair(outcome: PairOutcome): void {
    if (!outcome.unreadable) this.articles++;
    this.claims += outcome.claims;
    this.unsourced += outcome.unsourced;
  }

  addResults(results: readonly CheckResult[]): void {
    for (const r of results) {
      this.bySeverity.set(r.severity, (this.bySeverity.get(r.severity) ?? 0) + 1);
      this.byCode.set(r.code, (this.byCode.get(r.code) ?? 0) + 1);
    }
  }

  get checkedArticles(): number {
    return this.articles;
  }

  count(severity: string): number {
    return this.bySeverity.get(severity) ?? 0;
  }

  get tooManyWarnings(): boolean {
    return this.count('warning') > this.maxWarnings;
  }

  /** 1 when there is an error or more warnings than allowed. */
  get exitCode(): number {
    return this.count('error') > 0 || this.tooManyWarnings ? 1 : 0;
  }

  /** Codes and counts, most frequent first, then by name. */
  codeCounts(): [string, number][] {
    return [...this.byCode].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }

  values(): SummaryValues {
    return {
      articles: this.articles,
      claims: this.claims,
      unsourced: this.unsourced,
      errors: this.count('error'),
      warnings: this.count('warning'),
      information: this.count('information'),
      hints: this.count('hint'),
      byCode: Object.fromEntries(this.codeCounts()),
      maxWarnings: this.maxWarnings,
      exitCode: this.exitCode,
    };
  }

  /** "3 article(s) checked: 60 claims, 35 unsourced; 0 error(s), 35 warning(s), 4 information (unsourced-claim 35, ambiguous-mention 4)." */
  line(): string {
    const codes = this.codeCounts().map(([code, n]) => `${code} ${n}`);
    const hints = this.count('hint') > 0 ? `, ${this.count('hint')} hint(s)` : '';
    return `${this.articles} article(s) checked: ${this.claims} claims, ${this.unsourced} unsourced; ${this.count('error')} error(s), ${this.count('warning')} warning(s), ${this.count('information')} information${hints}${codes.length > 0 ? ` (${codes.join(', ')})` : ''}.`;
  }

  /** Why the status is 1 although nothing is an error, or nothing. */
  thresholdLine(): string | undefined {
    if (this.count('error') > 0 || !this.tooManyWarnings) return undefined;
    return this.maxWarnings === 0 ? undefined : `${this.count('warning')} warnings: more than the ${this.maxWarnings} allowed (--max-warnings / maxWarnings).`;
  }
}
