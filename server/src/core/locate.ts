// Finding what is under the cursor in either file.
import { LineIndex } from './lineIndex';
import { ReadingLines } from './reading/articleReading';
import type { Analysis, AnchoredAnnotation, AnchoredClaim, IdUse, Mention, Note, Span } from './model';

export const contains = (span: Span, offset: number): boolean => span.start <= offset && offset <= span.end;

/** Mentions are sorted by position: binary search. */
export function mentionAt(analysis: Analysis, offset: number): Mention | undefined {
  const mentions = analysis.mentions;
  let low = 0;
  let high = mentions.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = mentions[mid]!.span;
    if (offset < span.start) high = mid - 1;
    else if (offset > span.end) low = mid + 1;
    else return mentions[mid];
  }
  return undefined;
}

export function claimAt(analysis: Analysis, offset: number): AnchoredClaim | undefined {
  return smallest(analysis.claims.filter((c) => c.span && contains(c.span, offset)), (c) => c.span!);
}

export function noteAt(analysis: Analysis, offset: number): AnchoredAnnotation<Note> | undefined {
  return smallest(analysis.notes.filter((n) => n.span && contains(n.span, offset)), (n) => n.span!);
}

function smallest<T>(items: T[], spanOf: (item: T) => Span): T | undefined {
  return items.sort((a, b) => spanOf(a).end - spanOf(a).start - (spanOf(b).end - spanOf(b).start))[0];
}

/** What an offset in the sidecar points at. */
export type SidecarTarget =
  | { readonly kind: 'entity'; readonly id: string; readonly span: Span }
  | { readonly kind: 'source'; readonly id: string; readonly span: Span }
  | { readonly kind: 'anchor'; readonly list: 'claims' | 'mentions' | 'notes'; readonly index: number; readonly span: Span };

export function sidecarTargetAt(analysis: Analysis, offset: number): SidecarTarget | undefined {
  const { sidecar } = analysis;
  const use: IdUse | undefined = sidecar.idUses.find((u) => contains(u.span, offset));
  if (use) return { kind: use.kind, id: use.id, span: use.span };
  for (const entity of sidecar.entities.values()) {
    if (contains(entity.idSpan, offset) || (entity.nameSpan && contains(entity.nameSpan, offset))) return { kind: 'entity', id: entity.id, span: entity.idSpan };
    const alias = entity.aliases.find((a) => contains(a.span, offset));
    if (alias) return { kind: 'entity', id: entity.id, span: alias.span };
  }
  for (const source of sidecar.sources.values()) {
    if (contains(source.idSpan, offset)) return { kind: 'source', id: source.id, span: source.idSpan };
  }
  const lists = [['claims', sidecar.claims], ['mentions', sidecar.mentions], ['notes', sidecar.notes]] as const;
  for (const [list, items] of lists) {
    const item = items.find((i) => contains(i.quoteSpan, offset));
    if (item) return { kind: 'anchor', list, index: item.index, span: item.quoteSpan };
  }
  return undefined;
}

/** The article span of an anchored annotation, by list and index. */
export function anchoredSpan(analysis: Analysis, list: 'claims' | 'mentions' | 'notes', index: number): Span | undefined {
  if (list === 'claims') return analysis.claims.find((c) => c.claim.index === index)?.span;
  if (list === 'mentions') return analysis.pins.find((p) => p.annotation.index === index)?.span;
  return analysis.notes.find((n) => n.annotation.index === index)?.span;
}

const lineIndexes = new WeakMap<Analysis, { article?: LineIndex; sidecar?: LineIndex }>();

/** The line index of one of the analysis' two texts, built once per analysis (a Markdown article's: of its source, for reading offsets). */
export function linesOf(analysis: Analysis, file: 'article' | 'sidecar'): LineIndex {
  let entry = lineIndexes.get(analysis);
  if (!entry) lineIndexes.set(analysis, (entry = {}));
  if (file === 'article') return (entry.article ??= analysis.reading ? new ReadingLines(analysis.reading) : new LineIndex(analysis.articleText));
  return (entry.sidecar ??= new LineIndex(analysis.sidecarText));
}
