// Renaming an entity or source id: every place a sidecar defines or uses it.
// Ids are shared by convention across the sidecars of a workspace (the same
// person in several articles), so the caller passes every sidecar it knows,
// as the workspace index summarizes them.
import type { Range } from './lineIndex';
import type { Sidecar, Span } from './model';
import type { ReferenceTarget } from './navigation';
import { definesId, idKey, type SidecarSummary } from './sidecarSummary';

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The spans of one sidecar that name the id: its definition and every use. */
export function idSpans(sidecar: Sidecar, target: ReferenceTarget): Span[] {
  const defined = target.kind === 'entity' ? sidecar.entities.get(target.id) : sidecar.sources.get(target.id);
  const uses = sidecar.idUses.filter((u) => u.kind === target.kind && u.id === target.id).map((u) => u.span);
  return defined ? [defined.idSpan, ...uses] : uses;
}

export interface IndexedSidecar {
  readonly file: string;
  readonly summary: SidecarSummary;
}

export type RenamePlan = { readonly ok: true; readonly edits: { readonly file: string; readonly ranges: readonly Range[] }[] } | { readonly ok: false; readonly message: string };

/** The rename from the workspace index: every place each sidecar writes the id, unless the new id is taken where it is used. */
export function planRename(sidecars: readonly IndexedSidecar[], target: ReferenceTarget, newId: string): RenamePlan {
  if (!ID_PATTERN.test(newId)) return { ok: false, message: invalidIdMessage(newId) };
  const key = idKey(target.kind, target.id);
  const using = sidecars.filter((s) => (s.summary.idRanges[key]?.length ?? 0) > 0);
  if (newId !== target.id && using.some((s) => definesId(s.summary, target.kind, newId))) return { ok: false, message: takenMessage(target, newId) };
  return { ok: true, edits: using.map((s) => ({ file: s.file, ranges: s.summary.idRanges[key]! })) };
}

function invalidIdMessage(newId: string): string {
  return `'${newId}' is not a valid id: use letters, digits, '.', '_' and '-', starting with a letter or digit.`;
}

function takenMessage(target: ReferenceTarget, newId: string): string {
  return `A ${target.kind} '${newId}' already exists where '${target.id}' is used.`;
}
