// textDocument/semanticTokens/full: the core's tokens of a paired file,
// encoded against the legend. An unpaired file gets none.
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
import { TOKEN_MODIFIERS, TOKEN_TYPES, semanticTokens } from '../core/semanticTokens';
import type { ServerContext } from './context';
import { rangeOf } from './convert';

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

const TYPE_INDEX = new Map<string, number>(TOKEN_TYPES.map((t, i) => [t, i]));
const MODIFIER_BIT = new Map<string, number>(TOKEN_MODIFIERS.map((m, i) => [m, 1 << i]));

export function semanticTokensFull(ctx: ServerContext, uri: string): SemanticTokens {
  const found = ctx.analysisFor(uri);
  if (!found) return { data: [] };
  const builder = new SemanticTokensBuilder();
  for (const token of semanticTokens(found.analysis, found.file)) {
    const range = rangeOf(found.analysis, found.file, token.span);
    // A Markdown article's token may map across source lines (markup between): left out rather than drawn wrong.
    if (range.start.line !== range.end.line) continue;
    const modifiers = token.modifiers.reduce((bits, m) => bits | (MODIFIER_BIT.get(m) ?? 0), 0);
    builder.push(range.start.line, range.start.character, range.end.character - range.start.character, TYPE_INDEX.get(token.type)!, modifiers);
  }
  return builder.build();
}

/**
 * Asks the client to request tokens again, shortly after a sidecar changed:
 * the article's tokens depend on its sidecar, which the client does not know.
 * Bursts of changes ask once. A no-op for clients without refresh support.
 */
export function tokenRefresher(refresh: () => Promise<void>, supported: () => boolean, delayMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    if (!supported() || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      refresh().catch(() => undefined);
    }, delayMs);
  };
}
