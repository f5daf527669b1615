// Setting marginalia.refreshDriftedQuotesOnSave: when an article is saved,
// the quotes of its drifted annotations are rewritten to the article's
// current text, in one workspace edit of the sidecar: planned on one parse,
// each new anchor checked to find its text again, and the whole edit checked
// once (core/verifyEdit.ts) before it is sent.
import type { Connection } from 'vscode-languageserver';
import { normalizeWithMap, type NormalizedText } from '../core/normalize';
import { contextIn } from '../core/quickFixes';
import { planAnchor } from '../core/sidecarEdit';
import { combine, EditSession, type Planned } from '../core/verifyEdit';
import { sidecarEdit } from './codeActions';
import type { ServerContext } from './context';

export async function refreshDriftedQuotes(ctx: ServerContext, connection: Connection, articleUri: string): Promise<number> {
  if (!ctx.settingsForUri(articleUri).refreshDriftedQuotesOnSave) return 0;
  const found = ctx.analysisFor(articleUri);
  if (!found || found.file !== 'article') return 0;
  const text = found.analysis.sidecarText;
  const session = new EditSession(text);
  const plans: Planned[] = [];
  let article: NormalizedText | undefined;
  for (const finding of found.analysis.findings) {
    const data = finding.data;
    if (finding.code !== 'drifted-annotation' || finding.file !== 'sidecar' || data?.kind !== 'anchor' || !data.suggestion) continue;
    const { quote, span } = data.suggestion;
    const context = contextIn((article ??= normalizeWithMap(found.analysis.articleText)), span, quote);
    const plan = context && planAnchor(session.sidecar, data.list, data.index, { quote, ...context });
    if (plan?.ok) plans.push(plan);
  }
  if (plans.length === 0) return 0;
  const verdict = session.verify(combine(...plans));
  if (!verdict.ok) {
    connection.console.warn(`Marginalia: drifted quotes not refreshed on save: ${verdict.reason}.`);
    return 0;
  }
  const count = plans.length;
  const uri = ctx.workspace.uriFor(found.pair.sidecar);
  await connection.workspace.applyEdit({ label: `Update ${count} drifted ${count === 1 ? 'quote' : 'quotes'}`, edit: sidecarEdit(uri, text, verdict.edits) });
  return count;
}
