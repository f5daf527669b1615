// Rename (F2) of an entity or source id, on the id in a sidecar or on a
// mention in an article, across every sidecar of the workspace that names it.
import { ResponseError, type Position, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import { LineIndex } from '../core/lineIndex';
import { mentionAt, sidecarTargetAt } from '../core/locate';
import type { Sidecar } from '../core/model';
import type { ReferenceTarget } from '../core/navigation';
import { isSidecarPath } from '../core/pairing';
import { checkNewId, idSpans } from '../core/rename';
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

/** Reads only the sidecars the workspace index says define or use the id, and the open ones. */
export async function rename(ctx: ServerContext, index: WorkspaceIndex, uri: string, position: Position, newName: string): Promise<WorkspaceEdit | ResponseError<void> | null> {
  const found = renameTarget(ctx, uri, position);
  if (!found) return null;
  const candidates = new Set([...(await index.sidecarsUsing(found.target.kind, found.target.id)), ...ctx.workspace.openPaths().filter(isSidecarPath)]);
  const here = ctx.analysisFor(uri);
  if (here) candidates.add(here.pair.sidecar);
  const sidecars = [...candidates].map((p) => ({ path: p, read: ctx.workspace.read(p) }));
  const parsed: { path: string; text: string; sidecar: Sidecar }[] = sidecars.flatMap(({ path: p, read }) => (read.ok ? [{ path: p, text: read.text, sidecar: ctx.workspace.analyzer.sidecar(p, read.text).sidecar }] : []));
  const check = checkNewId(parsed.map((p) => p.sidecar), found.target, newName);
  if (!check.ok) return new ResponseError(-32803, check.message);
  const changes: NonNullable<WorkspaceEdit['changes']> = {};
  for (const { path: p, text, sidecar } of parsed) {
    const spans = idSpans(sidecar, found.target);
    if (spans.length === 0) continue;
    const lines = new LineIndex(text);
    changes[ctx.workspace.uriFor(p)] = spans.map((span) => ({ range: lines.rangeOf(span), newText: newName }));
  }
  return { changes };
}
