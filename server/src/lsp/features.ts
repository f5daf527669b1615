// Read-only requests: each handler looks up the analysis, asks the core, and
// converts the answer. Unknown files get an empty answer, never an error.
import { CompletionItemKind, DocumentHighlightKind, MarkupKind, type CompletionItem, type DocumentHighlight, type DocumentSymbol, type Hover, type Location, type Position } from 'vscode-languageserver';
import { completeInSidecar } from '../core/completion';
import { hoverInArticle, hoverInSidecar } from '../core/hover';
import { definitionInArticle, definitionInSidecar, highlightsInArticle, referenceTargetAt, referencesOf } from '../core/navigation';
import { articleSymbols, sidecarSymbols } from '../core/symbols';
import type { ServerContext } from './context';
import { offsetOf, rangeOf, toDocumentSymbol, toLocation } from './convert';
import { Workspace } from './workspace';

export function hover(ctx: ServerContext, uri: string, position: Position): Hover | null {
  const found = ctx.analysisFor(uri);
  if (!found) return null;
  const offset = offsetOf(found.analysis, found.file, position);
  const context = { sidecarName: Workspace.displayName(found.pair.sidecar) };
  const result = found.file === 'article' ? hoverInArticle(found.analysis, offset, context) : hoverInSidecar(found.analysis, offset, context);
  if (!result) return null;
  return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: rangeOf(found.analysis, found.file, result.span) };
}

export function definition(ctx: ServerContext, uri: string, position: Position): Location[] {
  const found = ctx.analysisFor(uri);
  if (!found) return [];
  const offset = offsetOf(found.analysis, found.file, position);
  const locations = found.file === 'article' ? definitionInArticle(found.analysis, offset) : definitionInSidecar(found.analysis, offset);
  return locations.map((l) => toLocation(found, l, (p) => ctx.workspace.uriFor(p)));
}

export function references(ctx: ServerContext, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const found = ctx.analysisFor(uri);
  if (!found) return [];
  const target = referenceTargetAt(found.analysis, found.file, offsetOf(found.analysis, found.file, position));
  if (!target) return [];
  return referencesOf(found.analysis, target, includeDeclaration).map((l) => toLocation(found, l, (p) => ctx.workspace.uriFor(p)));
}

export function documentHighlight(ctx: ServerContext, uri: string, position: Position): DocumentHighlight[] {
  const found = ctx.analysisFor(uri);
  if (!found || found.file !== 'article') return [];
  const spans = highlightsInArticle(found.analysis, offsetOf(found.analysis, 'article', position));
  return spans.map((span) => ({ range: rangeOf(found.analysis, 'article', span), kind: DocumentHighlightKind.Text }));
}

export function documentSymbols(ctx: ServerContext, uri: string): DocumentSymbol[] {
  const found = ctx.analysisFor(uri);
  if (!found) return [];
  const symbols = found.file === 'article' ? articleSymbols(found.analysis) : sidecarSymbols(found.analysis);
  return symbols.map((s) => toDocumentSymbol(found.analysis, found.file, s));
}

const COMPLETION_KIND = { source: CompletionItemKind.Reference, entity: CompletionItemKind.Class, value: CompletionItemKind.EnumMember, key: CompletionItemKind.Property, quote: CompletionItemKind.Text } as const;

export function completion(ctx: ServerContext, uri: string, position: Position): CompletionItem[] {
  const found = ctx.analysisFor(uri);
  if (!found || found.file !== 'sidecar') return [];
  const entries = completeInSidecar(found.analysis, offsetOf(found.analysis, 'sidecar', position));
  return entries.map((e) => ({
    label: e.label,
    kind: COMPLETION_KIND[e.kind],
    detail: e.detail,
    documentation: e.documentation,
    filterText: e.kind === 'quote' ? e.documentation : undefined,
    textEdit: { range: rangeOf(found.analysis, 'sidecar', e.replace), newText: e.insertText ?? e.label },
  }));
}
