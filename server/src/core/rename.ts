// Renaming an entity or source id: every place a sidecar defines or uses it.
// Ids are shared by convention across the sidecars of a workspace (the same
// person in several articles), so the caller passes every sidecar it knows.
import type { Sidecar, Span } from './model';
import type { ReferenceTarget } from './navigation';

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export type RenameCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** The spans of one sidecar that name the id: its definition and every use. */
export function idSpans(sidecar: Sidecar, target: ReferenceTarget): Span[] {
  const defined = target.kind === 'entity' ? sidecar.entities.get(target.id) : sidecar.sources.get(target.id);
  const uses = sidecar.idUses.filter((u) => u.kind === target.kind && u.id === target.id).map((u) => u.span);
  return defined ? [defined.idSpan, ...uses] : uses;
}

export function checkNewId(sidecars: readonly Sidecar[], target: ReferenceTarget, newId: string): RenameCheck {
  if (!ID_PATTERN.test(newId)) return { ok: false, message: `'${newId}' is not a valid id: use letters, digits, '.', '_' and '-', starting with a letter or digit.` };
  const taken = sidecars.some((s) => (target.kind === 'entity' ? s.entities.has(newId) : s.sources.has(newId)) && idSpans(s, target).length > 0);
  return taken ? { ok: false, message: `A ${target.kind} '${newId}' already exists where '${target.id}' is used.` } : { ok: true };
}
