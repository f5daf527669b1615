// The diagnostics of one file stay within a budget: a sidecar with thousands
// of ambiguous names once made one publishDiagnostics message longer than the
// longest string V8 can build, and the server exited. Over the budget, the
// most severe findings are shown and one diagnostic counts the rest.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { LIMITS, limitMessage } from '../core/limits';
import type { Finding, Severity } from '../core/model';

const MOST_SEVERE_FIRST: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export interface Budgeted {
  readonly shown: readonly Finding[];
  /** How many findings were left out. */
  readonly omitted: number;
}

/** All the findings within the budget; over it, errors first, then warnings, information and hints, in their order. */
export function findingsWithinBudget(findings: readonly Finding[], max: number = LIMITS.diagnosticsPerFile.value): Budgeted {
  if (findings.length <= max) return { shown: findings, omitted: 0 };
  const shown: Finding[] = [];
  for (const severity of MOST_SEVERE_FIRST) {
    for (const finding of findings) {
      if (shown.length >= max) break;
      if (finding.severity === severity) shown.push(finding);
    }
  }
  return { shown, omitted: findings.length - shown.length };
}

/** The one diagnostic that says how many findings of the file are not shown. */
export function omittedDiagnostic(omitted: number): Diagnostic {
  const what = `${omitted.toLocaleString('en-US')} more ${omitted === 1 ? 'finding' : 'findings'} in this file ${omitted === 1 ? 'is' : 'are'} not shown (the most severe are shown first).`;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    code: 'limit-exceeded',
    source: 'marginalia',
    message: limitMessage(LIMITS.diagnosticsPerFile, what),
  };
}
