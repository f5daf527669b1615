// Rename (F2) of an entity or source id, on the id in a sidecar or on a
// mention in an article, across every sidecar of the workspace that names it.
import { ResponseError, type Position, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import { mentionAt, sidecarTargetAt } from '../core/locate';
import type { ReferenceTarget } from '../core/navigation';
import { idSpans, planRename } from '../core/rename';
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
  for (const { file, ranges } of plan.edits) changes[ctx.workspace.uriFor(file)] = ranges.map((range) => ({ range, newText: newName }));
  return { changes };
}
