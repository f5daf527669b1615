// Read-only requests: each handler looks up the analysis, asks the core, and
// converts the answer. Unknown files get an empty answer, never an error.
import { CompletionItemKind, DocumentHighlightKind, MarkupKind, type CompletionItem, type CompletionList, type DocumentHighlight, type DocumentSymbol, type Hover, type Location, type Position } from 'vscode-languageserver';
import { completeInSidecar, type CompletionEntry } from '../core/completion';
import { hoverInArticle, hoverInSidecar } from '../core/hover';
import { markdownToPlainText } from '../core/plainText';
import { definitionInArticle, definitionInSidecar, highlightsInArticle, referenceTargetAt, referencesOf } from '../core/navigation';
import { articleSymbols, sidecarSymbols } from '../core/symbols';
import type { ServerContext } from './context';
import { LIMITS } from '../core/limits';
import { offsetOf, rangeOf, toDocumentSymbols, toLocation } from './convert';
import { Workspace } from './workspace';

export function hover(ctx: ServerContext, uri: string, position: Position): Hover | null {
  const found = ctx.analysisFor(uri);
  if (!found) return null;
  const offset = offsetOf(found.analysis, found.file, position);
  const context = { sidecarName: Workspace.displayName(found.pair.sidecar) };
  const result = found.file === 'article' ? hoverInArticle(found.analysis, offset, context) : hoverInSidecar(found.analysis, offset, context);
  if (!result) return null;
  const contents = ctx.hoverPlainText ? { kind: MarkupKind.PlainText, value: markdownToPlainText(result.markdown) } : { kind: MarkupKind.Markdown, value: result.markdown };
  return { contents, range: rangeOf(found.analysis, found.file, result.span) };
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
  const locations = referencesOf(found.analysis, target, includeDeclaration).slice(0, LIMITS.locations.value);
  return locations.map((l) => toLocation(found, l, (p) => ctx.workspace.uriFor(p)));
}

export function documentHighlight(ctx: ServerContext, uri: string, position: Position): DocumentHighlight[] {
  const found = ctx.analysisFor(uri);
  if (!found || found.file !== 'article') return [];
  const spans = highlightsInArticle(found.analysis, offsetOf(found.analysis, 'article', position)).slice(0, LIMITS.locations.value);
  return spans.map((span) => ({ range: rangeOf(found.analysis, 'article', span), kind: DocumentHighlightKind.Text }));
}

export function documentSymbols(ctx: ServerContext, uri: string): DocumentSymbol[] {
  const found = ctx.analysisFor(uri);
  if (!found) return [];
  const symbols = found.file === 'article' ? articleSymbols(found.analysis) : sidecarSymbols(found.analysis);
  return toDocumentSymbols(found.analysis, found.file, symbols);
}

const COMPLETION_KIND = { source: CompletionItemKind.Reference, entity: CompletionItemKind.Class, value: CompletionItemKind.EnumMember, key: CompletionItemKind.Property, quote: CompletionItemKind.Text } as const;

/** Over the budget, a list marked incomplete: the editor asks again as the user types, and the typed text narrows it. */
export function completion(ctx: ServerContext, uri: string, position: Position): CompletionItem[] | CompletionList {
  const found = ctx.analysisFor(uri);
  if (!found || found.file !== 'sidecar') return [];
  const all = completeInSidecar(found.analysis, offsetOf(found.analysis, 'sidecar', position));
  const max = LIMITS.completionItems.value;
  const entries = all.length <= max ? all : matchingTyped(all, found.analysis.sidecarText).slice(0, max);
  const items = entries.map((e): CompletionItem => ({
    label: e.label,
    kind: COMPLETION_KIND[e.kind],
    detail: e.detail,
    documentation: e.documentation,
    filterText: e.kind === 'quote' ? e.documentation : undefined,
    textEdit: { range: rangeOf(found.analysis, 'sidecar', e.replace), newText: e.insertText ?? e.label },
  }));
  return entries.length < all.length ? { isIncomplete: true, items } : items;
}

/** The entries that contain what is typed before the cursor (case-insensitive), those starting with it first. */
function matchingTyped(entries: readonly CompletionEntry[], sidecarText: string): CompletionEntry[] {
  const typed = entries[0] ? sidecarText.slice(entries[0].replace.start, entries[0].replace.end).toLowerCase() : '';
  const starting: CompletionEntry[] = [];
  const containing: CompletionEntry[] = [];
  for (const entry of entries) {
    const text = (entry.kind === 'quote' ? (entry.documentation ?? entry.label) : entry.label).toLowerCase();
    if (text.startsWith(typed)) starting.push(entry);
    else if (text.includes(typed)) containing.push(entry);
  }
  return starting.concat(containing);
}
