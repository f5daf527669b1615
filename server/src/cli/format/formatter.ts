// The output formats of `marginalia check`. Each is fed the file problems
// first, then each pair's results in path order, then the summary, and writes
// as it goes (memory stays flat however many articles there are).
import type { PairOutcome } from '../checkPairs';
import type { CheckResult } from '../results';
import type { Summary } from '../summary';
import type { Style } from '../terminal';

export interface Formatter {
  problems(results: readonly CheckResult[]): void;
  pair(outcome: PairOutcome): void;
  end(summary: Summary): void;
}

export interface FormatContext {
  readonly out: (line: string) => void;
  readonly style: Style;
  readonly width: number;
  readonly verbose: boolean;
  /** The folder results' paths are relative to (SARIF's %SRCROOT%). */
  readonly cwd: string;
}

/** 1-based line:column of a range's start. */
export function lineColumn(range: CheckResult['location']['range']): string {
  return `${range.start.line + 1}:${range.start.character + 1}`;
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
