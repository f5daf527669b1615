// Hover cards, as Markdown. Everything taken from the sidecar goes through
// `escapeMarkdown`/`safeLink`/`codeSpan` first, clipped, and every list is
// capped: a card stays readable (and a message small) whatever the sidecar holds.
import { LIMITS, clipText } from './limits';
import { anchoredSpan, claimAt, linesOf, mentionAt, noteAt, sidecarTargetAt } from './locate';
import { escapeMarkdown, safeLink } from './markdown';
import type { Analysis, AnchoredClaim, Entity, EntityRelation, EntityRole, Mention, Span } from './model';

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

/** Name, type, facts, description, aliases, links, mention count, and where it is defined. */
export function entityCard(analysis: Analysis, entityId: string, context: HoverContext, mention?: Mention): string {
  const entity = analysis.sidecar.entities.get(entityId);
  if (!entity) return `Unknown entity ${codeSpan(entityId)}`;
  const lines = [`**${name(entity.name)}** · _${entity.type}_`];
  const facts = factsLine(analysis, entity);
  if (facts) lines.push('', facts);
  if (entity.description) lines.push('', prose(entity.description));
  if (entity.aliases.length > 0) lines.push('', `Also: ${listed(entity.aliases, (a) => name(a.value)).join(', ')}`);
  if (entity.links.length > 0) lines.push('', `Links: ${listed(entity.links, (l) => safeLink(clipText(l, LIMITS.nameChars.value))).join(' · ')}`);
  const count = analysis.mentions.filter((m) => m.entityId === entityId).length;
  const line = linesOf(analysis, 'sidecar').positionAt(entity.idSpan.start).line + 1;
  lines.push('', `Mentioned ${count} ${count === 1 ? 'time' : 'times'} in this article · defined in ${name(context.sidecarName)}, line ${line}`);
  if (mention) lines.push(...resolutionNote(analysis, mention));
  return lines.join('\n');
}

/** "he · 1950–2011 · President (1999–2007), Governor of Veloria · father of Ana Varga": what the sidecar tells the resolver. */
function factsLine(analysis: Analysis, entity: Entity): string | undefined {
  const parts: string[] = [];
  if (entity.pronouns) parts.push(entity.pronouns.value);
  const life = lifeYears(entity.born?.value, entity.died?.value);
  if (life) parts.push(life);
  if (entity.roles && entity.roles.length > 0) parts.push(listed(latestFirst(entity.roles), roleText).join(', '));
  if (entity.relations && entity.relations.length > 0) parts.push(listed(entity.relations, (r) => relationText(analysis, r)).join(', '));
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

function lifeYears(born: number | undefined, died: number | undefined): string | undefined {
  if (born !== undefined && died !== undefined) return `${year(born)}–${year(died)}`;
  if (born !== undefined) return `born ${year(born)}`;
  return died !== undefined ? `died ${year(died)}` : undefined;
}

function year(value: number): string {
  return value < 0 ? `${-value} BCE` : String(value);
}

/** Roles with years, the latest first, then the others as written: the card leads with what the person is best known as lately. */
function latestFirst(roles: readonly EntityRole[]): EntityRole[] {
  const last = (r: EntityRole): number => r.to ?? r.from ?? Number.MIN_SAFE_INTEGER;
  return roles.slice().sort((a, b) => last(b) - last(a));
}

function roleText(role: EntityRole): string {
  const { from, to } = role;
  const years = from !== undefined && to !== undefined ? (from === to ? year(from) : `${year(from)}–${year(to)}`) : from !== undefined ? `from ${year(from)}` : to !== undefined ? `until ${year(to)}` : '';
  return years ? `${name(role.title)} (${years})` : name(role.title);
}

/** "father of Ana Varga": the key in words and the related entity's name (its id when it is not defined). */
function relationText(analysis: Analysis, relation: EntityRelation): string {
  const target = analysis.sidecar.entities.get(relation.target.value);
  return `${relation.key.replace(/-/g, ' ')} ${target ? name(target.name) : codeSpan(relation.target.value)}`;
}

const RESOLUTION_TEXT: Record<string, string> = {
  pin: 'pinned in the sidecar',
  evidence: 'from the evidence around it',
  cue: 'from a cue in the text',
  sentence: 'from the same sentence',
  paragraph: 'from the same paragraph',
  subject: 'the article’s main subject',
  guess: 'a guess',
};

/**
 * How a shared name was resolved. Certain: what decided it ("decided by
 * “Ms” before the name and “her father” after it"). Uncertain: the best
 * guess, the other candidates, and the evidence seen.
 */
function resolutionNote(analysis: Analysis, mention: Mention): string[] {
  if (mention.candidates.length < 2 && mention.resolution !== 'pin') return [];
  const nameOf = (id: string): string => name(analysis.sidecar.entities.get(id)?.name ?? id);
  const others = listed(
    mention.candidates.filter((c) => c !== mention.entityId),
    nameOf,
  );
  const evidence = mention.resolution === 'pin' ? [] : (mention.evidence ?? []);
  const how = escapeMarkdown(RESOLUTION_TEXT[mention.resolution] ?? mention.resolution);
  if (!mention.certain) {
    const guess = `⚠ Probably ${nameOf(mention.entityId)}${evidence.length > 0 ? '' : ` (${how})`}${others.length > 0 ? `; could be ${others.join(', ')}` : ''}`;
    return evidence.length > 0 ? ['', `_${guess}_`, '', `_Seen: ${inWords(evidence, ', ')}_`] : ['', `_${guess}_`];
  }
  const alternatives = others.length > 0 ? `; could also be ${others.join(', ')}` : '';
  if (evidence.length > 0) return ['', `_Decided by ${inWords(evidence, ' and ')}${alternatives}_`];
  return ['', `_resolved ${how}${alternatives}_`];
}

/** Evidence reasons, escaped and clipped, the strongest first: "A, B and C" (or "A, B, C"), and "N more" past the list budget. */
function inWords(reasons: readonly string[], last: string): string {
  const shown = listed(reasons, (r) => escapeMarkdown(clipText(r, LIMITS.nameChars.value)));
  if (shown.length < 2 || reasons.length > LIST_ITEMS) return shown.join(', ');
  return `${shown.slice(0, -1).join(', ')}${last}${shown[shown.length - 1]}`;
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
