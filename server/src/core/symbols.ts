// Outlines of both files, as a tree of named spans.
import type { Analysis, Anchor, Span } from './model';

export type SymbolKind = 'group' | 'entity' | 'source' | 'claim' | 'pin' | 'note' | 'mention';

export interface OutlineSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: SymbolKind;
  readonly span: Span;
  readonly selectionSpan: Span;
  readonly children: readonly OutlineSymbol[];
}

function group(name: string, children: OutlineSymbol[]): OutlineSymbol[] {
  if (children.length === 0) return [];
  return [{ name, kind: 'group', span: enclosing(children), selectionSpan: children[0]!.selectionSpan, children }];
}

/** The span around all the children (a loop: spreading ~120,000 of them into Math.min throws). */
function enclosing(children: readonly OutlineSymbol[]): Span {
  let start = Infinity;
  let end = -Infinity;
  for (const { span } of children) {
    if (span.start < start) start = span.start;
    if (span.end > end) end = span.end;
  }
  return { start, end };
}

function clip(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

const leaf = (name: string, kind: SymbolKind, span: Span, selectionSpan: Span = span, detail?: string): OutlineSymbol => ({ name, kind, span, selectionSpan, detail, children: [] });

export function sidecarSymbols(analysis: Analysis): OutlineSymbol[] {
  const { sidecar } = analysis;
  const anchorName = (a: Anchor): string => clip(a.quote);
  return [
    ...group('sources', [...sidecar.sources.values()].map((s) => leaf(s.id, 'source', s.span, s.idSpan, s.title))),
    ...group('entities', [...sidecar.entities.values()].map((e) => leaf(e.id, 'entity', e.span, e.idSpan, `${e.name} · ${e.type}`))),
    ...group('claims', analysis.claims.map((c) => leaf(c.claim.id?.value ?? anchorName(c.claim), 'claim', c.claim.span, c.claim.quoteSpan, c.status))),
    ...group('mentions', sidecar.mentions.map((m) => leaf(anchorName(m), 'pin', m.span, m.quoteSpan, `→ ${m.entity.value}`))),
    ...group('notes', sidecar.notes.map((n) => leaf(anchorName(n), 'note', n.span, n.quoteSpan, clip(n.text, 40)))),
  ];
}

export function articleSymbols(analysis: Analysis): OutlineSymbol[] {
  // Each entity's first mention and count, in one pass (not one pass per entity).
  const mentioned = new Map<string, { span: Span; count: number }>();
  for (const m of analysis.mentions) {
    const seen = mentioned.get(m.entityId);
    if (seen) seen.count++;
    else mentioned.set(m.entityId, { span: m.span, count: 1 });
  }
  const entities = [...mentioned].map(([id, { span, count }]) => {
    const entity = analysis.sidecar.entities.get(id);
    return leaf(entity?.name ?? id, 'entity', span, span, `${entity?.type ?? 'unknown'} · ${count}×`);
  });
  const claims = analysis.claims.flatMap((c) => (c.span ? [leaf(clip(c.claim.quote), 'claim', c.span, c.span, c.status)] : []));
  const notes = analysis.notes.flatMap((n) => (n.span ? [leaf(clip(n.annotation.text), 'note', n.span, n.span)] : []));
  return [...group('Claims', claims), ...group('Entities', entities), ...group('Notes', notes)];
}
