// Quick fixes and the server-side commands they may call. Every change to a
// sidecar is sent as one workspace edit, so it is one undo in the editor.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Connection, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Analysis, Finding } from '../core/model';
import { quickFixesFor, type QuickFix } from '../core/quickFixes';
import { addClaimSource, addSource, applyEdits, newSourceId, type TextEdit } from '../core/sidecarEdit';
import { diffEdit } from '../core/textDiff';
import { CLIENT_COMMANDS, type AddNewSourceArgs } from '../protocol';
import type { FileAnalysis, ServerContext } from './context';
import { rangeOf } from './convert';
import { LineIndex } from '../core/lineIndex';

export function codeActions(ctx: ServerContext, params: CodeActionParams): CodeAction[] {
  const found = ctx.analysisFor(params.textDocument.uri);
  if (!found) return [];
  const wanted = new Set((params.context.diagnostics ?? []).map((d) => String(d.code)));
  const findings = found.analysis.findings.filter((f) => f.file === found.file && overlaps(found.analysis, f, params.range) && (wanted.size === 0 || wanted.has(f.code)));
  return findings.flatMap((finding) => quickFixesFor(found.analysis, finding).map((fix) => toCodeAction(ctx, found, fix)));
}

function overlaps(analysis: Analysis, finding: Finding, range: CodeActionParams['range']): boolean {
  const r = rangeOf(analysis, finding.file, finding.span);
  const before = (a: typeof r.start, b: typeof r.start): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(r.start, range.end) && before(range.start, r.end);
}

function toCodeAction(ctx: ServerContext, found: FileAnalysis, fix: QuickFix): CodeAction {
  const sidecarUri = ctx.workspace.uriFor(found.pair.sidecar);
  const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: fix.preferred };
  if (fix.edits) action.edit = sidecarEdit(sidecarUri, found.analysis.sidecarText, fix.edits);
  if (fix.command) action.command = { title: fix.title, command: CLIENT_COMMANDS.promptNewSource, arguments: [{ sidecarUri, claimIndex: fix.command.claimIndex }] };
  return action;
}

export function sidecarEdit(uri: string, text: string, edits: readonly TextEdit[]): WorkspaceEdit {
  const lines = new LineIndex(text);
  const lspEdits: LspTextEdit[] = edits.map((e) => ({ range: lines.rangeOf(e), newText: e.newText }));
  return { changes: { [uri]: lspEdits } };
}

/** Adds a new source to the sidecar and to the claim, as one edit. */
export async function addNewSource(ctx: ServerContext, connection: Connection, args: AddNewSourceArgs): Promise<boolean> {
  const found = ctx.analysisFor(args.sidecarUri);
  if (!found) return false;
  const text = found.analysis.sidecarText;
  const id = newSourceId(new Set(found.analysis.sidecar.sources.keys()), args.title);
  const withSource = applyEdits(text, addSource(text, id, { title: args.title, url: args.url }));
  const final = applyEdits(withSource, addClaimSource(withSource, args.claimIndex, id));
  if (final === text) return false;
  const result = await connection.workspace.applyEdit({ label: `Add source ${id}`, edit: sidecarEdit(ctx.workspace.uriFor(found.pair.sidecar), text, [diffEdit(text, final)]) });
  return result.applied;
}
