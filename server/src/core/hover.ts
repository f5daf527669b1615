// Hover cards, as Markdown. Everything taken from the sidecar goes through
// `escapeMarkdown`/`safeLink`/`codeSpan` first, clipped, and every list is
// capped: a card stays readable (and a message small) whatever the sidecar holds.
import { LIMITS, clipText } from './limits';
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
  if (note) parts.push(`**Note** — ${prose(note.annotation.text)}`);
  const span = mention?.span ?? claim?.span ?? note?.span;
  return span && parts.length > 0 ? { markdown: clipMarkdown(parts.join('\n\n---\n\n')), span } : undefined;
}

export function hoverInSidecar(analysis: Analysis, offset: number, context: HoverContext): HoverResult | undefined {
  const target = sidecarTargetAt(analysis, offset);
  if (!target) return undefined;
  if (target.kind === 'entity') return analysis.sidecar.entities.has(target.id) ? { markdown: clipMarkdown(entityCard(analysis, target.id, context)), span: target.span } : undefined;
  if (target.kind === 'source') {
    const source = analysis.sidecar.sources.get(target.id);
    return source ? { markdown: clipMarkdown(sourceLines(analysis, [target.id]).join('\n')), span: target.span } : undefined;
  }
  return { markdown: clipMarkdown(anchorCard(analysis, target.list, target.index)), span: target.span };
}

/** Name, type, description, aliases, links, mention count, and where it is defined. */
export function entityCard(analysis: Analysis, entityId: string, context: HoverContext, mention?: Mention): string {
  const entity = analysis.sidecar.entities.get(entityId);
  if (!entity) return `Unknown entity ${codeSpan(entityId)}`;
  const lines = [`**${name(entity.name)}** · _${entity.type}_`];
  if (entity.description) lines.push('', prose(entity.description));
  if (entity.aliases.length > 0) lines.push('', `Also: ${listed(entity.aliases, (a) => name(a.value)).join(', ')}`);
  if (entity.links.length > 0) lines.push('', `Links: ${listed(entity.links, (l) => safeLink(clipText(l, LIMITS.nameChars.value))).join(' · ')}`);
  const count = analysis.mentions.filter((m) => m.entityId === entityId).length;
  const line = linesOf(analysis, 'sidecar').positionAt(entity.idSpan.start).line + 1;
  lines.push('', `Mentioned ${count} ${count === 1 ? 'time' : 'times'} in this article · defined in ${name(context.sidecarName)}, line ${line}`);
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
  const others = listed(
    mention.candidates.filter((c) => c !== mention.entityId),
    (c) => name(analysis.sidecar.entities.get(c)?.name ?? c),
  );
  const how = RESOLUTION_TEXT[mention.resolution] ?? mention.resolution;
  const warning = mention.certain ? '' : '⚠ Uncertain: ';
  const alternatives = others.length > 0 ? `; could also be ${others.join(', ')}` : '';
  return ['', `_${warning}resolved ${escapeMarkdown(how)}${alternatives}_`];
}

export function claimCard(analysis: Analysis, anchored: AnchoredClaim): string {
  const { claim } = anchored;
  const title = claim.id ? `**Claim** ${codeSpan(claim.id.value)}` : '**Claim**';
  const lines = [`${title} · _${claim.kind}_ · ${STATUS_TEXT[anchored.status]}`];
  if (claim.sources.length > 0) lines.push('', ...sourceLines(analysis, claim.sources.map((s) => s.value)));
  if (claim.attributedTo) {
    const entity = analysis.sidecar.entities.get(claim.attributedTo.value);
    lines.push('', `Attributed to **${name(entity?.name ?? claim.attributedTo.value)}**`);
  }
  if (anchored.status === 'unsourced') lines.push('', claim.sources.length > 0 ? 'No known source and no attribution.' : 'No source and no attribution.');
  if (claim.note) lines.push('', `Note: ${prose(claim.note)}`);
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
  const lines = ids.slice(0, LIST_ITEMS).map((id) => {
    const source = analysis.sidecar.sources.get(id);
    if (!source) return `- ${codeSpan(id)}: unknown source`;
    const title = source.url ? safeLink(clipText(source.url, PROSE_CHARS), clipText(source.title ?? id, LIMITS.nameChars.value)) : `_${name(source.title ?? id)}_`;
    const details = [source.publisher, source.date].filter((d): d is string => !!d).map(name);
    const note = source.note ? ` — ${prose(source.note)}` : '';
    return `- ${title}${details.length > 0 ? ` (${details.join(', ')})` : ''}${note}`;
  });
  if (ids.length > LIST_ITEMS) lines.push(`- and ${(ids.length - LIST_ITEMS).toLocaleString('en-US')} more`);
  return lines;
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

/** Items shown of any list (aliases, links, sources, other candidates); the rest are counted. */
const LIST_ITEMS = LIMITS.namesListed.value;
/** A description or note: a paragraph, not a document. */
const PROSE_CHARS = 2000;

/** The first items of a list, rendered, and "and N more" for the rest. */
function listed<T>(items: readonly T[], render: (item: T) => string): string[] {
  const shown = items.slice(0, LIST_ITEMS).map(render);
  if (items.length > LIST_ITEMS) shown.push(`and ${(items.length - LIST_ITEMS).toLocaleString('en-US')} more`);
  return shown;
}

function name(text: string): string {
  return escapeMarkdown(clipText(text, LIMITS.nameChars.value));
}

function prose(text: string): string {
  return escapeMarkdown(clipText(text, PROSE_CHARS));
}

/**
 * Text shown as code, literally: inside a code span a backslash escape is
 * shown as is, so the text is not escaped; the fence is one backtick longer
 * than the longest run of backticks in it, which nothing inside can close.
 * Whitespace is collapsed: a line break could start a new block.
 */
export function codeSpan(text: string): string {
  const content = clipText(text.replace(/\s+/g, ' ').trim(), LIMITS.nameChars.value);
  const fence = '`'.repeat(longestBacktickRun(content) + 1);
  // A space on each side keeps a backtick at either end from joining the fence (one is stripped when rendered).
  const pad = content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = text.charCodeAt(i) === 96 ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/** The last guard: a card over the budget is cut at a line break, never inside a line's Markdown. */
function clipMarkdown(markdown: string): string {
  const max = LIMITS.hoverChars.value;
  if (markdown.length <= max) return markdown;
  const cut = markdown.lastIndexOf('\n', max - 2);
  return `${markdown.slice(0, cut > 0 ? cut : max - 2)}\n…`;
}
