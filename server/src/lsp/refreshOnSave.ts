// Setting marginalia.refreshDriftedQuotesOnSave: when an article is saved,
// the quotes of its drifted annotations are rewritten to the article's
// current text, in one workspace edit of the sidecar.
import type { Connection } from 'vscode-languageserver';
import { LineIndex } from '../core/lineIndex';
import { setAnchor, applyEdits } from '../core/sidecarEdit';
import { diffEdit } from '../core/textDiff';
import type { ServerContext } from './context';

export async function refreshDriftedQuotes(ctx: ServerContext, connection: Connection, articleUri: string): Promise<number> {
  if (!ctx.settings.refreshDriftedQuotesOnSave) return 0;
  const found = ctx.analysisFor(articleUri);
  if (!found || found.file !== 'article') return 0;
  const before = found.analysis.sidecarText;
  let text = before;
  let count = 0;
  for (const finding of found.analysis.findings) {
    const data = finding.data;
    if (finding.code !== 'drifted-annotation' || finding.file !== 'sidecar' || data?.kind !== 'anchor' || !data.suggestion) continue;
    const { quote, prefix, suffix } = data.suggestion;
    const edits = setAnchor(text, data.list, data.index, { quote, prefix, suffix });
    if (edits.length === 0) continue;
    text = applyEdits(text, edits);
    count++;
  }
  if (count === 0) return 0;
  const edit = diffEdit(before, text);
  const uri = ctx.workspace.uriFor(found.pair.sidecar);
  await connection.workspace.applyEdit({ label: `Update ${count} drifted ${count === 1 ? 'quote' : 'quotes'}`, edit: { changes: { [uri]: [{ range: new LineIndex(before).rangeOf(edit), newText: edit.newText }] } } });
  return count;
}
