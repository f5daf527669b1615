// Core values → LSP values. The only place that knows both.
import { DiagnosticSeverity, SymbolKind, type Diagnostic, type DocumentSymbol, type Location, type Range } from 'vscode-languageserver';
import type { Location as CoreLocation } from '../core/navigation';
import type { Analysis, FileRole, Finding, Severity, Span } from '../core/model';
import { linesOf } from '../core/locate';
import type { OutlineSymbol, SymbolKind as CoreSymbolKind } from '../core/symbols';
import type { PairAnalysis } from './workspace';

export function rangeOf(analysis: Analysis, file: FileRole, span: Span): Range {
  return linesOf(analysis, file).rangeOf(span);
}

export function offsetOf(analysis: Analysis, file: FileRole, position: { line: number; character: number }): number {
  return linesOf(analysis, file).offsetAt(position);
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(analysis: Analysis, finding: Finding): Diagnostic {
  return {
    range: rangeOf(analysis, finding.file, finding.span),
    severity: SEVERITY[finding.severity],
    code: finding.code,
    source: 'marginalia',
    message: finding.message,
    data: finding.data,
  };
}

export function toLocation(result: PairAnalysis, location: CoreLocation, uriFor: (filePath: string) => string): Location {
  const filePath = location.file === 'article' ? result.pair.article : result.pair.sidecar;
  return { uri: uriFor(filePath), range: rangeOf(result.analysis, location.file, location.span) };
}

const SYMBOL_KIND: Record<CoreSymbolKind, SymbolKind> = {
  group: SymbolKind.Namespace,
  entity: SymbolKind.Class,
  source: SymbolKind.Module,
  claim: SymbolKind.String,
  pin: SymbolKind.Key,
  note: SymbolKind.Event,
  mention: SymbolKind.Variable,
};

export function toDocumentSymbol(analysis: Analysis, file: FileRole, symbol: OutlineSymbol): DocumentSymbol {
  const range = rangeOf(analysis, file, symbol.span);
  const selection = rangeOf(analysis, file, symbol.selectionSpan);
  return {
    name: symbol.name || '(empty)',
    detail: symbol.detail,
    kind: SYMBOL_KIND[symbol.kind],
    range,
    selectionRange: within(selection, range) ? selection : range,
    children: symbol.children.map((child) => toDocumentSymbol(analysis, file, child)),
  };
}

function within(inner: Range, outer: Range): boolean {
  const before = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}
