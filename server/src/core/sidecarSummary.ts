// What the workspace index keeps of each sidecar: its entities and sources
// (for workspace symbol search) and where it writes each id it defines or
// uses (so a rename edits the workspace without parsing it again). Small and plain, so it can be
// made in a worker thread and sent back, and thousands fit in memory.
import { LineIndex, type Range } from './lineIndex';
import type { Sidecar } from './model';

export type IdKind = 'entity' | 'source';

export interface IndexedSymbol {
  readonly kind: IdKind;
  readonly id: string;
  /** The entity's name, or the source's title (its id when it has none). */
  readonly name: string;
  /** The entity's type, or the source's publisher. */
  readonly detail: string;
  readonly aliases: readonly string[];
  /** Where the id is defined in the sidecar. */
  readonly range: Range;
}

export interface SidecarSummary {
  readonly symbols: readonly IndexedSymbol[];
  /** For `kind:id` of every id the sidecar defines or uses: where it is written, the definition first. */
  readonly idRanges: Readonly<Record<string, readonly Range[]>>;
}

export function idKey(kind: IdKind, id: string): string {
  return `${kind}:${id}`;
}

export function summarizeSidecar(text: string, sidecar: Sidecar): SidecarSummary {
  const lines = new LineIndex(text);
  const symbols: IndexedSymbol[] = [];
  for (const e of sidecar.entities.values()) symbols.push({ kind: 'entity', id: e.id, name: e.name || e.id, detail: e.type, aliases: e.aliases.map((a) => a.value), range: lines.rangeOf(e.idSpan) });
  for (const s of sidecar.sources.values()) symbols.push({ kind: 'source', id: s.id, name: s.title || s.id, detail: s.publisher ?? '', aliases: [], range: lines.rangeOf(s.idSpan) });
  const idRanges: Record<string, Range[]> = {};
  for (const s of symbols) idRanges[idKey(s.kind, s.id)] = [s.range];
  for (const use of sidecar.idUses) (idRanges[idKey(use.kind, use.id)] ??= []).push(lines.rangeOf(use.span));
  return { symbols, idRanges };
}

/** Whether the sidecar defines the id (not only uses it). */
export function definesId(summary: SidecarSummary, kind: IdKind, id: string): boolean {
  return summary.symbols.some((s) => s.kind === kind && s.id === id);
}

/**
 * How well a symbol answers a workspace symbol query: the query's characters
 * in order (case-insensitive) in its name, an alias or its id, as editors
 * match symbols. 0 is no match; a name that starts with the query ranks first.
 */
export function symbolScore(symbol: IndexedSymbol, query: string): number {
  const q = query.toLowerCase();
  if (q === '') return 1;
  const { name, id, aliases } = lowered(symbol);
  if (name.startsWith(q)) return 4;
  if (name.includes(q) || aliases.some((a) => a.includes(q))) return 3;
  if (id.includes(q)) return 2;
  return [name, id, ...aliases].some((t) => isSubsequence(q, t)) ? 1 : 0;
}

const loweredForms = new WeakMap<IndexedSymbol, { name: string; id: string; aliases: string[] }>();

/** A symbol's texts in lower case, made once: a query is typed a character at a time. */
function lowered(symbol: IndexedSymbol): { name: string; id: string; aliases: string[] } {
  let forms = loweredForms.get(symbol);
  if (!forms) loweredForms.set(symbol, (forms = { name: symbol.name.toLowerCase(), id: symbol.id.toLowerCase(), aliases: symbol.aliases.map((a) => a.toLowerCase()) }));
  return forms;
}

function isSubsequence(needle: string, haystack: string): boolean {
  let at = 0;
  for (const ch of haystack) if (ch === needle[at] && ++at === needle.length) return true;
  return needle.length === 0;
}
