// Optional code lenses (setting marginalia.codeLens): above each paragraph
// with claims, how many there are and how many are unsourced.
import type { CodeLens } from 'vscode-languageserver';
import { LIMITS } from '../core/limits';
import { linesOf } from '../core/locate';
import { analyzeStructure } from '../core/textStructure';
import type { ServerContext } from './context';

export function codeLenses(ctx: ServerContext, uri: string): CodeLens[] {
  if (!ctx.settingsForUri(uri).codeLens) return [];
  const found = ctx.analysisFor(uri);
  if (!found || found.file !== 'article') return [];
  const { analysis } = found;
  const structure = analysis.structure ?? analyzeStructure(analysis.articleText);
  const byParagraph = new Map<number, { claims: number; unsourced: number; start: number }>();
  for (const claim of analysis.claims) {
    if (!claim.span) continue;
    const index = structure.paragraphOf(claim.span.start);
    const entry = byParagraph.get(index) ?? { claims: 0, unsourced: 0, start: structure.paragraphs[index]!.start };
    entry.claims++;
    if (claim.status === 'unsourced') entry.unsourced++;
    byParagraph.set(index, entry);
  }
  const lines = linesOf(analysis, 'article');
  return [...byParagraph.values()].slice(0, LIMITS.codeLenses.value).map(({ claims, unsourced, start }) => {
    const position = lines.positionAt(start);
    const title = `${claims} ${claims === 1 ? 'claim' : 'claims'}${unsourced > 0 ? ` · ${unsourced} unsourced` : ' · all sourced'}`;
    return { range: { start: position, end: position }, command: { title, command: unsourced > 0 ? 'workbench.actions.view.problems' : '' } };
  });
}
