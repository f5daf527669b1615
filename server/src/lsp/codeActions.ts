// Quick fixes and the server-side commands they may call. Every change to a
// sidecar is checked (core/verifyEdit.ts) before it is offered or applied,
// and sent as one workspace edit, so it is one undo in the editor. A request
// parses the sidecar once for all its fixes; a fix the check rejects is left
// out and logged.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Connection, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { LIMITS, limitMessage } from '../core/limits';
import { LineIndex } from '../core/lineIndex';
import type { Analysis, Finding } from '../core/model';
import { quickFixesFor, type FixContext, type QuickFix } from '../core/quickFixes';
import { combine, EditSession } from '../core/verifyEdit';
import { newSourceId, planAddSource, planClaimSource, type TextEdit } from '../core/sidecarEdit';
import { asOneEdit } from '../core/sidecarText';
import { CLIENT_COMMANDS, type AddNewSourceArgs } from '../protocol';
import type { FileAnalysis, ServerContext } from './context';
import { rangeOf } from './convert';

export function codeActions(ctx: ServerContext, params: CodeActionParams): CodeAction[] {
  const found = ctx.analysisFor(params.textDocument.uri);
  if (!found) return [];
  const wanted = new Set((params.context.diagnostics ?? []).map((d) => String(d.code)));
  const findings = found.analysis.findings.filter((f) => f.file === found.file && overlaps(found.analysis, f, params.range) && (wanted.size === 0 || wanted.has(f.code)));
  if (findings.length === 0) return [];
  const warnings = new Set<string>();
  const context: FixContext = { session: new EditSession(found.analysis.sidecarText, undefined, LIMITS.editChecks.value), warn: (m) => warnings.add(m) };
  const toAction = actionMaker(ctx, found);
  const actions: CodeAction[] = [];
  for (const finding of findings) {
    for (const fix of quickFixesFor(found.analysis, finding, context)) actions.push(toAction(fix));
    if (actions.length >= LIMITS.codeActions.value) {
      warnings.add(limitMessage(LIMITS.codeActions, 'further quick fixes of this request were not offered.'));
      break;
    }
  }
  for (const warning of warnings) ctx.connection.console.warn(`Marginalia: ${warning}`);
  return actions.slice(0, LIMITS.codeActions.value);
}

function overlaps(analysis: Analysis, finding: Finding, range: CodeActionParams['range']): boolean {
  const r = rangeOf(analysis, finding.file, finding.span);
  const before = (a: typeof r.start, b: typeof r.start): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(r.start, range.end) && before(range.start, r.end);
}

/** Turns fixes into code actions, with one line index of the sidecar for all of them. */
function actionMaker(ctx: ServerContext, found: FileAnalysis): (fix: QuickFix) => CodeAction {
  const sidecarUri = ctx.workspace.uriFor(found.pair.sidecar);
  let lines: LineIndex | undefined;
  return (fix) => {
    const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: fix.preferred };
    if (fix.edits) action.edit = sidecarEdit(sidecarUri, found.analysis.sidecarText, fix.edits, (lines ??= new LineIndex(found.analysis.sidecarText)));
    if (fix.command) action.command = { title: fix.title, command: CLIENT_COMMANDS.promptNewSource, arguments: [{ sidecarUri, claimIndex: fix.command.claimIndex }] };
    return action;
  };
}

/** Verified edits (non-overlapping, in offsets of the text `lines` indexes) as a workspace edit of one text edit: one undo in any editor. */
export function sidecarEdit(uri: string, text: string, edits: readonly TextEdit[], lines = new LineIndex(text)): WorkspaceEdit {
  const lspEdits: LspTextEdit[] = asOneEdit(text, edits).map((e) => ({ range: lines.rangeOf(e), newText: e.newText }));
  return { changes: { [uri]: lspEdits } };
}

/** Adds a new source to the sidecar and to the claim, as one checked edit. */
export async function addNewSource(ctx: ServerContext, connection: Connection, args: AddNewSourceArgs): Promise<boolean> {
  const found = ctx.analysisFor(args.sidecarUri);
  if (!found) return false;
  const text = found.analysis.sidecarText;
  const id = newSourceId(new Set(found.analysis.sidecar.sources.keys()), args.title);
  const session = new EditSession(text);
  const verdict = session.verify(combine(planAddSource(session.sidecar, id, { title: args.title, url: args.url }), planClaimSource(session.sidecar, args.claimIndex, id)));
  if (!verdict.ok) {
    connection.console.warn(`Marginalia: source '${id}' not added: ${verdict.reason}.`);
    void connection.window.showWarningMessage(`Marginalia: the source was not added: ${verdict.reason}.`);
    return false;
  }
  const result = await connection.workspace.applyEdit({ label: `Add source ${id}`, edit: sidecarEdit(ctx.workspace.uriFor(found.pair.sidecar), text, verdict.edits) });
  return result.applied;
}
