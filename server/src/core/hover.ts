// Hover cards, as Markdown. Everything taken from the sidecar goes through
// `escapeMarkdown`/`safeLink` first.
import { anchoredSpan, claimAt, linesOf, mentionAt, noteAt, sidecarTargetAt } from './locate';
import { escapeMarkdown, safeLink } from './markdown';
import type { Analysis, AnchoredClaim, Mention, Span } from './model';

export interface HoverContext {
  /** The sidecar's file name, shown as where an entity is defined. */
  readonly sidecarName: string;
}

export interface HoverResult {
  readonly markdown: string;
  readonly span: Span;
}

export function hoverInArticle(analysis: Analysis, offset: number, context: HoverContext): HoverResult | undefined {
  const mention = mentionAt(analysis, offset);
  const claim = claimAt(analysis, offset);
  const note = noteAt(analysis, offset);
  const parts: string[] = [];
  if (mention) parts.push(entityCard(analysis, mention.entityId, context, mention));
  if (claim) parts.push(claimCard(analysis, claim));
  if (note) parts.push(`**Note** — ${escapeMarkdown(note.annotation.text)}`);
  const span = mention?.span ?? claim?.span ?? note?.span;
  return span && parts.length > 0 ? { markdown: parts.join('\n\n---\n\n'), span } : undefined;
}

export function hoverInSidecar(analysis: Analysis, offset: number, context: HoverContext): HoverResult | undefined {
  const target = sidecarTargetAt(analysis, offset);
  if (!target) return undefined;
  if (target.kind === 'entity') return analysis.sidecar.entities.has(target.id) ? { markdown: entityCard(analysis, target.id, context), span: target.span } : undefined;
  if (target.kind === 'source') {
    const source = analysis.sidecar.sources.get(target.id);
    return source ? { markdown: sourceLines(analysis, [target.id]).join('\n'), span: target.span } : undefined;
  }
  return { markdown: anchorCard(analysis, target.list, target.index), span: target.span };
}

/** Name, type, description, aliases, links, mention count, and where it is defined. */
export function entityCard(analysis: Analysis, entityId: string, context: HoverContext, mention?: Mention): string {
  const entity = analysis.sidecar.entities.get(entityId);
  if (!entity) return `Unknown entity \`${escapeMarkdown(entityId)}\``;
  const lines = [`**${escapeMarkdown(entity.name)}** · _${entity.type}_`];
  if (entity.description) lines.push('', escapeMarkdown(entity.description));
  if (entity.aliases.length > 0) lines.push('', `Also: ${entity.aliases.map((a) => escapeMarkdown(a.value)).join(', ')}`);
  if (entity.links.length > 0) lines.push('', `Links: ${entity.links.map((l) => safeLink(l)).join(' · ')}`);
  const count = analysis.mentions.filter((m) => m.entityId === entityId).length;
  const line = linesOf(analysis, 'sidecar').positionAt(entity.idSpan.start).line + 1;
  lines.push('', `Mentioned ${count} ${count === 1 ? 'time' : 'times'} in this article · defined in ${escapeMarkdown(context.sidecarName)}, line ${line}`);
  if (mention) lines.push(...resolutionNote(analysis, mention));
  return lines.join('\n');
}

const RESOLUTION_TEXT: Record<string, string> = {
  pin: 'pinned in the sidecar',
  cue: 'from a cue in the text',
  sentence: 'from the same sentence',
  paragraph: 'from the same paragraph',
  subject: 'the article’s main subject',
  guess: 'a guess',
};

function resolutionNote(analysis: Analysis, mention: Mention): string[] {
  if (mention.candidates.length < 2 && mention.resolution !== 'pin') return [];
  const others = mention.candidates.filter((c) => c !== mention.entityId).map((c) => escapeMarkdown(analysis.sidecar.entities.get(c)?.name ?? c));
  const how = RESOLUTION_TEXT[mention.resolution] ?? mention.resolution;
  const warning = mention.certain ? '' : '⚠ Uncertain: ';
  const alternatives = others.length > 0 ? `; could also be ${others.join(', ')}` : '';
  return ['', `_${warning}resolved ${escapeMarkdown(how)}${alternatives}_`];
}

export function claimCard(analysis: Analysis, anchored: AnchoredClaim): string {
  const { claim } = anchored;
  const title = claim.id ? `**Claim** \`${escapeMarkdown(claim.id.value)}\`` : '**Claim**';
  const lines = [`${title} · _${claim.kind}_ · ${STATUS_TEXT[anchored.status]}`];
  if (claim.sources.length > 0) lines.push('', ...sourceLines(analysis, claim.sources.map((s) => s.value)));
  if (claim.attributedTo) {
    const entity = analysis.sidecar.entities.get(claim.attributedTo.value);
    lines.push('', `Attributed to **${escapeMarkdown(entity?.name ?? claim.attributedTo.value)}**`);
  }
  if (anchored.status === 'unsourced') lines.push('', 'No source and no attribution.');
  if (claim.note) lines.push('', `Note: ${escapeMarkdown(claim.note)}`);
  return lines.join('\n');
}

const STATUS_TEXT: Record<AnchoredClaim['status'], string> = {
  sourced: 'sourced',
  attributed: 'attributed',
  opinion: 'opinion',
  unsourced: '**unsourced**',
  orphaned: 'quote not found in the article',
  ambiguous: 'quote found several times',
};

function sourceLines(analysis: Analysis, ids: readonly string[]): string[] {
  return ids.map((id) => {
    const source = analysis.sidecar.sources.get(id);
    if (!source) return `- \`${escapeMarkdown(id)}\`: unknown source`;
    const title = source.url ? safeLink(source.url, source.title ?? id) : `_${escapeMarkdown(source.title ?? id)}_`;
    const details = [source.publisher, source.date].filter((d): d is string => !!d).map(escapeMarkdown);
    const note = source.note ? ` — ${escapeMarkdown(source.note)}` : '';
    return `- ${title}${details.length > 0 ? ` (${details.join(', ')})` : ''}${note}`;
  });
}

function anchorCard(analysis: Analysis, list: 'claims' | 'mentions' | 'notes', index: number): string {
  const span = anchoredSpan(analysis, list, index);
  const where = span ? `line ${linesOf(analysis, 'article').positionAt(span.start).line + 1} of the article` : 'not found in the article';
  if (list === 'claims') {
    const claim = analysis.claims.find((c) => c.claim.index === index);
    return claim ? `${claimCard(analysis, claim)}\n\nQuote: ${where}` : `Quote: ${where}`;
  }
  return `Quote: ${where}`;
}
