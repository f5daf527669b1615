// Renaming an entity or source id: every place a sidecar defines or uses it.
// Ids are shared by convention across the sidecars of a workspace (the same
// person in several articles), so the caller passes every sidecar it knows,
// as the workspace index summarizes them.
import { isMap, isScalar, parseDocument } from 'yaml';
import type { Range } from './lineIndex';
import type { Sidecar, Span } from './model';
import type { ReferenceTarget } from './navigation';
import { definesId, idKey, type SidecarSummary } from './sidecarSummary';
import type { ParseYaml } from './sidecarText';
import { EditSession, type Verdict } from './verifyEdit';

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
  const readAs = yamlReading(newId);
  if (readAs) return { ok: false, message: notTextMessage(newId, readAs) };
  const key = idKey(target.kind, target.id);
  const using = sidecars.filter((s) => (s.summary.idRanges[key]?.length ?? 0) > 0);
  if (newId !== target.id && using.some((s) => definesId(s.summary, target.kind, newId))) return { ok: false, message: takenMessage(target, newId) };
  return { ok: true, edits: using.map((s) => ({ file: s.file, ranges: s.summary.idRanges[key]! })) };
}

/**
 * What YAML makes of the id written plain, when that is not the same text
 * (`1e3` a number, `null` nothing, `true` a boolean): every use of such an id
 * would read as another value. Asked of yaml itself, as a value and as a key.
 */
export function yamlReading(id: string): string | undefined {
  const asValue = parseDocument(id);
  const asKey = parseDocument(`${id}: x`);
  if (asValue.errors.length > 0 || asKey.errors.length > 0) return 'something other than a plain value';
  const firstKey = isMap(asKey.contents) ? asKey.contents.items[0]?.key : undefined;
  for (const read of [isScalar(asValue.contents) ? asValue.contents.value : undefined, isScalar(firstKey) ? firstKey.value : undefined]) {
    if (read === id) continue;
    return read === null || read === undefined ? 'nothing (null)' : `${typeof read === 'number' ? 'the number' : `a ${typeof read}`} ${String(read)}`;
  }
  return undefined;
}

function notTextMessage(newId: string, readAs: string): string {
  return `'${newId}' cannot be an id: YAML reads it as ${readAs}, not as the text '${newId}'. Use an id that starts with a letter, such as 'id-${newId}'.`;
}

/**
 * The rename's edits to one sidecar, verified: the text at each span is
 * replaced by the new id, and the result must differ from the old document
 * only in that id (its definition and its uses).
 */
export function renameEdits(text: string, spans: readonly Span[], target: ReferenceTarget, newId: string, parse?: ParseYaml): Verdict {
  if (newId === target.id) return { ok: true, edits: [] };
  const session = new EditSession(text, parse);
  const edits = spans.map((span) => ({ start: span.start, end: span.end, newText: newId }));
  return session.verify({ ok: true, edits, intents: [{ kind: 'rename', idKind: target.kind, from: target.id, to: newId }] });
}

function invalidIdMessage(newId: string): string {
  return `'${newId}' is not a valid id: use letters, digits, '.', '_' and '-', starting with a letter or digit.`;
}

function takenMessage(target: ReferenceTarget, newId: string): string {
  return `A ${target.kind} '${newId}' already exists where '${target.id}' is used.`;
}
