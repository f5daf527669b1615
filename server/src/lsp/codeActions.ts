// Quick fixes and the server-side commands they may call. Every change to a
// sidecar is checked (core/verifyEdit.ts) before it is offered or applied,
// and sent as one workspace edit, so it is one undo in the editor. A request
// parses the sidecar once for all its fixes; a fix the check rejects is left
// out and logged.
import { CodeActionKind, type ClientCapabilities, type CodeAction, type CodeActionParams, type Connection, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { LIMITS, limitMessage } from '../core/limits';
import { LineIndex } from '../core/lineIndex';
import type { Analysis, Finding } from '../core/model';
import { quickFixesFor, quickFixSpecs, resolveQuickFix, type FixContext, type FixSpec, type QuickFix } from '../core/quickFixes';
import { combine, EditSession } from '../core/verifyEdit';
import { newSourceId, planAddSource, planClaimSource, type TextEdit } from '../core/sidecarEdit';
import { asOneEdit } from '../core/sidecarText';
import { CLIENT_COMMANDS, type AddNewSourceArgs } from '../protocol';
import type { FileAnalysis, ServerContext } from './context';
import { rangeOf } from './convert';
import { reviewAllAction } from './reviewMentions';

/** Whether the client fills in a code action's edit only when it is chosen (`codeAction/resolve`). */
export function resolvesCodeActionEdits(capabilities: ClientCapabilities): boolean {
  const codeAction = capabilities.textDocument?.codeAction;
  return codeAction?.dataSupport === true && (codeAction.resolveSupport?.properties ?? []).includes('edit');
}

/**
 * The quick fixes of the findings in range. On a small sidecar each fix is
 * checked before it is offered; on a larger one, when the client can resolve
 * code actions, only titles are sent (no parse at all) and the fix the user
 * chooses is planned and checked then (`resolveCodeAction`).
 */
export function codeActions(ctx: ServerContext, params: CodeActionParams, resolveEdits = false): CodeAction[] {
  const found = ctx.analysisFor(params.textDocument.uri);
  if (!found) return [];
  const wanted = new Set((params.context.diagnostics ?? []).map((d) => String(d.code)));
  const findings = found.analysis.findings.filter((f) => f.file === found.file && overlaps(found.analysis, f, params.range) && (wanted.size === 0 || wanted.has(f.code)));
  if (findings.length === 0) return [];
  const lazy = resolveEdits && found.analysis.sidecarText.length > LIMITS.eagerFixChars.value;
  const warnings = new Set<string>();
  const context: FixContext = { session: new EditSession(found.analysis.sidecarText, undefined, LIMITS.editChecks.value), warn: (m) => warnings.add(m) };
  const toAction = actionMaker(ctx, found, params.textDocument.uri);
  const actions: CodeAction[] = [];
  for (const finding of findings) {
    const fixes = lazy ? quickFixSpecs(found.analysis, finding) : quickFixesFor(found.analysis, finding, context);
    for (const fix of fixes) actions.push(toAction(fix));
    if (actions.length >= LIMITS.codeActions.value) {
      warnings.add(limitMessage(LIMITS.codeActions, 'further quick fixes of this request were not offered.'));
      break;
    }
  }
  for (const warning of warnings) ctx.connection.console.warn(`Marginalia: ${warning}`);
  // The review of every uncertain mention comes after the pins, and is kept when the pins fill the budget.
  const review = reviewAllAction(ctx, found, findings);
  return review ? [...actions.slice(0, LIMITS.codeActions.value - 1), review] : actions.slice(0, LIMITS.codeActions.value);
}

/** What a code action sent without its edit carries, to find its fix again when chosen. */
interface FixData {
  readonly marginaliaFix: { readonly uri: string; readonly code: string; readonly file: string; readonly start: number; readonly end: number; readonly title: string };
}

/** Plans and checks the chosen fix (one parse of the sidecar, one of the edited text); without an edit, and a message, when it cannot be made safely. */
export function resolveCodeAction(ctx: ServerContext, action: CodeAction): CodeAction {
  const fix = (action.data as Partial<FixData> | undefined)?.marginaliaFix;
  if (!fix || action.edit) return action;
  const found = ctx.analysisFor(fix.uri);
  const finding = found?.analysis.findings.find((f) => f.code === fix.code && f.file === fix.file && f.span.start === fix.start && f.span.end === fix.end);
  const verdict = found && finding ? resolveQuickFix(found.analysis, finding, fix.title, new EditSession(found.analysis.sidecarText)) : undefined;
  if (!found || !verdict?.ok) {
    const reason = verdict && !verdict.ok ? verdict.reason : 'the file changed since the fix was offered';
    ctx.connection.console.warn(`Marginalia: “${fix.title}” not applied: ${reason}.`);
    void ctx.connection.window.showWarningMessage(`Marginalia: “${fix.title}” was not applied: ${reason}.`);
    return action;
  }
  return { ...action, edit: sidecarEdit(ctx.workspace.uriFor(found.pair.sidecar), found.analysis.sidecarText, verdict.edits) };
}

function overlaps(analysis: Analysis, finding: Finding, range: CodeActionParams['range']): boolean {
  const r = rangeOf(analysis, finding.file, finding.span);
  const before = (a: typeof r.start, b: typeof r.start): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(r.start, range.end) && before(range.start, r.end);
}

/** Turns fixes into code actions, with one line index of the sidecar for all of them; a fix without edits yet carries what finds it again. */
function actionMaker(ctx: ServerContext, found: FileAnalysis, uri: string): (fix: QuickFix | FixSpec) => CodeAction {
  const sidecarUri = ctx.workspace.uriFor(found.pair.sidecar);
  let lines: LineIndex | undefined;
  return (fix) => {
    const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: fix.preferred };
    if ('edits' in fix && fix.edits) action.edit = sidecarEdit(sidecarUri, found.analysis.sidecarText, fix.edits, (lines ??= new LineIndex(found.analysis.sidecarText)));
    else if ('edit' in fix && fix.edit) {
      const data: FixData = { marginaliaFix: { uri, code: fix.finding.code, file: fix.finding.file, start: fix.finding.span.start, end: fix.finding.span.end, title: fix.title } };
      action.data = data;
    }
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
