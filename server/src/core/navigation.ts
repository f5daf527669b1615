// Go to definition, find references and document highlights, between the
// article's mentions and quotes and the sidecar's entries.
import { anchoredSpan, claimAt, contains, mentionAt, noteAt, sidecarTargetAt } from './locate';
import type { Analysis, FileRole, Span } from './model';

export interface Location {
  readonly file: FileRole;
  readonly span: Span;
}

/** From a mention to its entity; from a claim or note quote to its sidecar entry. */
export function definitionInArticle(analysis: Analysis, offset: number): Location[] {
  const mention = mentionAt(analysis, offset);
  const entity = mention && analysis.sidecar.entities.get(mention.entityId);
  if (entity) return [{ file: 'sidecar', span: entity.idSpan }];
  const claim = claimAt(analysis, offset);
  if (claim) return [{ file: 'sidecar', span: claim.claim.quoteSpan }];
  const note = noteAt(analysis, offset);
  return note ? [{ file: 'sidecar', span: note.annotation.quoteSpan }] : [];
}

/** From a quote to the article; from an id used in the sidecar to where it is defined. */
export function definitionInSidecar(analysis: Analysis, offset: number): Location[] {
  const target = sidecarTargetAt(analysis, offset);
  if (!target) return [];
  if (target.kind === 'anchor') {
    const span = anchoredSpan(analysis, target.list, target.index);
    return span ? [{ file: 'article', span }] : [];
  }
  const defined = target.kind === 'entity' ? analysis.sidecar.entities.get(target.id) : analysis.sidecar.sources.get(target.id);
  if (!defined) return [];
  // On the definition itself, go to the first mention instead: the one
  // useful jump from there.
  if (contains(defined.idSpan, offset) && target.kind === 'entity') {
    const first = analysis.mentions.find((m) => m.entityId === target.id);
    return first ? [{ file: 'article', span: first.span }] : [];
  }
  return [{ file: 'sidecar', span: defined.idSpan }];
}

export type ReferenceTarget = { readonly kind: 'entity' | 'source'; readonly id: string };

export function referenceTargetAt(analysis: Analysis, file: FileRole, offset: number): ReferenceTarget | undefined {
  if (file === 'article') {
    const mention = mentionAt(analysis, offset);
    return mention ? { kind: 'entity', id: mention.entityId } : undefined;
  }
  const target = sidecarTargetAt(analysis, offset);
  return target && target.kind !== 'anchor' ? { kind: target.kind, id: target.id } : undefined;
}

/** Every mention of an entity in the article, and every use of the id in the sidecar. */
export function referencesOf(analysis: Analysis, target: ReferenceTarget, includeDeclaration: boolean): Location[] {
  const locations: Location[] = [];
  if (includeDeclaration) {
    const defined = target.kind === 'entity' ? analysis.sidecar.entities.get(target.id) : analysis.sidecar.sources.get(target.id);
    if (defined) locations.push({ file: 'sidecar', span: defined.idSpan });
  }
  for (const use of analysis.sidecar.idUses) {
    if (use.kind === target.kind && use.id === target.id) locations.push({ file: 'sidecar', span: use.span });
  }
  if (target.kind === 'entity') {
    for (const mention of analysis.mentions) if (mention.entityId === target.id) locations.push({ file: 'article', span: mention.span });
  }
  return locations;
}

/** The mentions of the entity under the cursor, in the article. */
export function highlightsInArticle(analysis: Analysis, offset: number): Span[] {
  const mention = mentionAt(analysis, offset);
  if (!mention) return [];
  return analysis.mentions.filter((m) => m.entityId === mention.entityId).map((m) => m.span);
}
