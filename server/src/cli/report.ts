// The two output formats of `marginalia check`.
import * as path from 'node:path';
import { LineIndex } from '../core/lineIndex';
import { linesOf } from '../core/locate';
import type { Analysis, Finding, Severity } from '../core/model';
import type { Pair } from '../core/pairing';

export interface CheckedFile {
  readonly pair: Pair;
  readonly analysis: Analysis;
}

export interface FileProblem {
  readonly file: string;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
}

export function textReport(checked: readonly CheckedFile[], problems: readonly FileProblem[], cwd: string): string[] {
  const lines: string[] = [];
  for (const problem of problems) lines.push(`${path.relative(cwd, problem.file) || problem.file}:1:1 ${problem.severity} ${problem.code} ${problem.message}`);
  for (const { pair, analysis } of checked) {
    const indexes = { article: linesOf(analysis, 'article'), sidecar: new LineIndex(analysis.sidecarText) };
    const sorted = [...analysis.findings].sort((a, b) => (a.file === b.file ? a.span.start - b.span.start : a.file === 'article' ? -1 : 1));
    for (const finding of sorted) {
      const position = indexes[finding.file].positionAt(finding.span.start);
      const file = path.relative(cwd, finding.file === 'article' ? pair.article : pair.sidecar);
      lines.push(`${file}:${position.line + 1}:${position.character + 1} ${finding.severity} ${finding.code} ${oneLine(finding.message)}`);
    }
  }
  return lines;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

export function jsonReport(checked: readonly CheckedFile[], problems: readonly FileProblem[], cwd: string): unknown {
  const rel = (p: string): string => path.relative(cwd, p) || p;
  const files = checked.map(({ pair, analysis }) => {
    const indexes = { article: linesOf(analysis, 'article'), sidecar: new LineIndex(analysis.sidecarText) };
    const range = (file: 'article' | 'sidecar', span: { start: number; end: number }) => indexes[file].rangeOf(span);
    return {
      article: rel(pair.article),
      annotations: rel(pair.sidecar),
      diagnostics: analysis.findings.map((f: Finding) => ({ file: rel(f.file === 'article' ? pair.article : pair.sidecar), code: f.code, severity: f.severity, message: f.message, range: range(f.file, f.span) })),
      mentions: analysis.mentions.map((m) => ({ entity: m.entityId, text: m.text, range: range('article', m.span), resolution: m.resolution, certain: m.certain })),
      claims: analysis.claims.map((c) => ({
        id: c.claim.id?.value ?? null,
        quote: c.claim.quote,
        range: c.span ? range('article', c.span) : null,
        kind: c.claim.kind,
        sources: c.claim.sources.map((s) => s.value),
        attributedTo: c.claim.attributedTo?.value ?? null,
        status: c.status,
      })),
    };
  });
  const extra = problems.map((p) => ({ article: null, annotations: rel(p.file), diagnostics: [{ file: rel(p.file), code: p.code, severity: p.severity, message: p.message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }], mentions: [], claims: [] }));
  return { files: [...files, ...extra] };
}
