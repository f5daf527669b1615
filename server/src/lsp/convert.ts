// Core values → LSP values. The only place that knows both.
import { DiagnosticSeverity, SymbolKind, type Diagnostic, type DocumentSymbol, type Location, type Range } from 'vscode-languageserver';
import type { Location as CoreLocation } from '../core/navigation';
import { LIMITS, clipText } from '../core/limits';
import type { Analysis, FileRole, Finding, FindingData, Severity, Span } from '../core/model';
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
    message: clipText(finding.message, LIMITS.messageChars.value),
    data: wireData(finding.data),
  };
}

/**
 * What a diagnostic carries for the client to hand back: the candidates of a
 * mention shared by 50,000 entities are not all sent (with 1,500 such mentions
 * that alone was longer than any string V8 can build). The server's quick
 * fixes read the core's findings, not this.
 */
function wireData(data: FindingData | undefined): FindingData | undefined {
  if (data?.kind !== 'mention' || data.candidates.length <= LIMITS.namesListed.value) return data;
  return { ...data, candidates: data.candidates.slice(0, LIMITS.namesListed.value) };
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

/**
 * An outline as LSP symbols, at most `max` of them at every level together:
 * level by level, so a long first group does not starve the next ones of
 * their entry in the outline.
 */
export function toDocumentSymbols(analysis: Analysis, file: FileRole, symbols: readonly OutlineSymbol[], max: number = LIMITS.documentSymbols.value): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  let left = max;
  let level: { readonly from: readonly OutlineSymbol[]; readonly into: DocumentSymbol[] }[] = [{ from: symbols, into: roots }];
  while (level.length > 0 && left > 0) {
    const next: typeof level = [];
    for (const { from, into } of level) {
      for (const symbol of from) {
        if (left-- <= 0) break;
        const converted = toDocumentSymbol(analysis, file, symbol);
        into.push(converted);
        if (symbol.children.length > 0) next.push({ from: symbol.children, into: (converted.children = []) });
      }
    }
    level = next;
  }
  return roots;
}

function toDocumentSymbol(analysis: Analysis, file: FileRole, symbol: OutlineSymbol): DocumentSymbol {
  const range = rangeOf(analysis, file, symbol.span);
  const selection = rangeOf(analysis, file, symbol.selectionSpan);
  return {
    name: clipText(symbol.name, LIMITS.nameChars.value) || '(empty)',
    detail: symbol.detail === undefined ? undefined : clipText(symbol.detail, LIMITS.nameChars.value),
    kind: SYMBOL_KIND[symbol.kind],
    range,
    selectionRange: within(selection, range) ? selection : range,
  };
}

function within(inner: Range, outer: Range): boolean {
  const before = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}
