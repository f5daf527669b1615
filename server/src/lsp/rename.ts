// Rename (F2) of an entity or source id, on the id in a sidecar or on a
// mention in an article, across every sidecar of the workspace that names it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ResponseError, type Position, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { mentionAt, sidecarTargetAt } from '../core/locate';
import type { ReferenceTarget } from '../core/navigation';
import { LineIndex } from '../core/lineIndex';
import { idSpans, planRename, renameEdits } from '../core/rename';
import type { WorkspaceIndex } from '../node/workspaceIndex';
import type { ServerContext } from './context';
import { offsetOf, rangeOf } from './convert';

/** The id under the cursor and the range to show in the rename box. */
function renameTarget(ctx: ServerContext, uri: string, position: Position): { target: ReferenceTarget; range: Range } | undefined {
  const found = ctx.analysisFor(uri);
  if (!found) return undefined;
  const offset = offsetOf(found.analysis, found.file, position);
  if (found.file === 'article') {
    const mention = mentionAt(found.analysis, offset);
    return mention && { target: { kind: 'entity', id: mention.entityId }, range: rangeOf(found.analysis, 'article', mention.span) };
  }
  const target = sidecarTargetAt(found.analysis, offset);
  if (!target || target.kind === 'anchor') return undefined;
  const isId = idSpans(found.analysis.sidecar, target).some((s) => s.start <= offset && offset <= s.end);
  return isId ? { target: { kind: target.kind, id: target.id }, range: rangeOf(found.analysis, 'sidecar', target.span) } : undefined;
}

export function prepareRename(ctx: ServerContext, uri: string, position: Position): { range: Range; placeholder: string } | null {
  const found = renameTarget(ctx, uri, position);
  return found ? { range: found.range, placeholder: found.target.id } : null;
}

/** From the workspace index: the sidecars that name the id, and where, without parsing them again. */
export async function rename(ctx: ServerContext, index: WorkspaceIndex, uri: string, position: Position, newName: string): Promise<WorkspaceEdit | ResponseError<void> | null> {
  const found = renameTarget(ctx, uri, position);
  if (!found) return null;
  // The sidecar at hand may lie outside the workspace folders.
  const here = ctx.analysisFor(uri);
  if (here) index.invalidate(here.pair.sidecar);
  const plan = planRename(await index.sidecarsUsing(found.target.kind, found.target.id), found.target, newName);
  if (!plan.ok) return new ResponseError(-32803, plan.message);
  const changes: NonNullable<WorkspaceEdit['changes']> = {};
  for (const { file, ranges } of plan.edits) {
    const edits = checkedRename(ctx, file, ranges, found.target, newName);
    if (typeof edits === 'string') {
      ctx.connection.console.warn(`Marginalia: rename of '${found.target.id}' to '${newName}' refused: ${edits}`);
      return new ResponseError(-32803, edits);
    }
    changes[ctx.workspace.uriFor(file)] = edits;
  }
  return { changes };
}

/**
 * The last guard before writing into files the user may not have open: every
 * range still holds the old id, and the renamed sidecar differs from the old
 * one only in that id (core/verifyEdit.ts). A message when not.
 */
function checkedRename(ctx: ServerContext, file: string, ranges: readonly Range[], target: ReferenceTarget, newName: string): TextEdit[] | string {
  const text = currentText(ctx, file);
  if (text === undefined) return `${file} could not be read; try again.`;
  const lines = new LineIndex(text);
  const spans = ranges.map((range) => ({ start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) }));
  if (!spans.every((span) => unquoted(text.slice(span.start, span.end)) === target.id)) return `${file} changed while it was being renamed; try again.`;
  const verdict = renameEdits(text, spans, target, newName);
  if (!verdict.ok) return `${path.basename(file)} was not renamed: ${verdict.reason}.`;
  return verdict.edits.map((edit) => ({ range: lines.rangeOf(edit), newText: edit.newText }));
}

/** The open buffer, else the file as it is on disk now (not a cached read). */
function currentText(ctx: ServerContext, file: string): string | undefined {
  const document = ctx.workspace.documentFor(file);
  if (document) return document.getText();
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A YAML scalar as written, without the quotes around it (ids have no escapes). */
function unquoted(scalar: string): string {
  const quote = scalar[0];
  return (quote === '"' || quote === "'") && scalar.length >= 2 && scalar.endsWith(quote) ? scalar.slice(1, -1) : scalar;
}
