// Completion in the sidecar: source ids, entity ids, entity types, claim
// kinds, from what the current line says is expected at the cursor.
import { CLAIM_KINDS, ENTITY_TYPES, type Analysis, type Span } from './model';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: 'source' | 'entity' | 'value';
  readonly detail?: string;
  readonly documentation?: string;
  /** The text the completion replaces (the partial word before the cursor). */
  readonly replace: Span;
}

type Expected = 'source' | 'entity' | 'type' | 'kind';

const ID_CHARS = /[A-Za-z0-9._-]*$/;

export function completeInSidecar(analysis: Analysis, offset: number): CompletionEntry[] {
  const text = analysis.sidecarText;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const expected = expectedAt(text, lineStart, before);
  if (!expected) return [];
  const partial = ID_CHARS.exec(before)![0];
  const replace = { start: offset - partial.length, end: offset };
  return entriesFor(analysis, expected).map((e) => ({ ...e, replace }));
}

function expectedAt(text: string, lineStart: number, before: string): Expected | undefined {
  if (/(^|[\s{,])sources:\s*(\[\s*([A-Za-z0-9._-]+\s*,\s*)*)?[A-Za-z0-9._-]*$/.test(before)) return 'source';
  if (/(^|[\s{,])(attributed-to|entity):\s*[A-Za-z0-9._-]*$/.test(before)) return 'entity';
  if (/(^|[\s{,])type:\s*[a-z]*$/.test(before)) return 'type';
  if (/(^|[\s{,])kind:\s*[a-z]*$/.test(before)) return 'kind';
  if (/^\s*-\s+[A-Za-z0-9._-]*$/.test(before) && parentKey(text, lineStart, before) === 'sources') return 'source';
  return undefined;
}

/** The key of the nearest earlier line indented less than this one. */
function parentKey(text: string, lineStart: number, before: string): string | undefined {
  const indent = /^\s*/.exec(before)![0].length;
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    const lineIndent = /^\s*/.exec(line)![0].length;
    if (line.trim() !== '' && !line.trim().startsWith('#') && lineIndent < indent) return /^\s*(?:-\s+)?([A-Za-z-]+):/.exec(line)?.[1];
    end = start - 1;
  }
  return undefined;
}

function entriesFor(analysis: Analysis, expected: Expected): Omit<CompletionEntry, 'replace'>[] {
  const { sidecar } = analysis;
  switch (expected) {
    case 'source':
      return [...sidecar.sources.values()].map((s) => ({ label: s.id, kind: 'source', detail: s.title, documentation: [s.publisher, s.date, s.url].filter(Boolean).join(' · ') }));
    case 'entity':
      return [...sidecar.entities.values()].map((e) => ({ label: e.id, kind: 'entity', detail: `${e.name} · ${e.type}`, documentation: e.description }));
    case 'type':
      return ENTITY_TYPES.map((t) => ({ label: t, kind: 'value' }));
    case 'kind':
      return CLAIM_KINDS.map((k) => ({ label: k, kind: 'value', detail: k === 'fact' ? 'checkable; needs a source or attribution' : 'a view, not flagged when unsourced' }));
  }
}
