// Builders for the evidence tests: invented people, and a mention context
// from a sentence written with markers: [Varga] is the ambiguous mention,
// {Ana Lin|ana} a settled mention of the entity `ana`.
import type { Entity, EntityRelation, EntityRole, Pronouns, RelationKind } from '../../server/src/core/model';
import type { CandidateFacts, Evidence, MentionContext, SettledMention } from '../../server/src/core/resolution/evidence';
import { factsOf } from '../../server/src/core/resolution/facts';
import { analyzeStructure } from '../../server/src/core/textStructure';

const NO_SPAN = { start: 0, end: 0 };

export interface PersonOptions {
  readonly aliases?: readonly string[];
  readonly description?: string;
  readonly pronouns?: Pronouns;
  readonly born?: number;
  readonly died?: number;
  readonly roles?: readonly (string | { title: string; from?: number; to?: number })[];
  readonly relations?: readonly { key: string; kind: RelationKind; target: string; implies?: 'he' | 'she' }[];
}

export function person(id: string, name: string, options: PersonOptions = {}): Entity {
  const roles: EntityRole[] = (options.roles ?? []).map((r) => (typeof r === 'string' ? { title: r, span: NO_SPAN } : { ...r, span: NO_SPAN }));
  const relations: EntityRelation[] = (options.relations ?? []).map((r) => ({
    kind: r.kind,
    key: r.key,
    ...(r.implies && { implies: r.implies }),
    target: { value: r.target, span: NO_SPAN },
  }));
  return {
    id,
    idSpan: NO_SPAN,
    span: NO_SPAN,
    name,
    type: 'person',
    aliases: (options.aliases ?? []).map((value) => ({ value, span: NO_SPAN })),
    links: [],
    ...(options.description !== undefined && { description: options.description }),
    ...(options.pronouns && { pronouns: { value: options.pronouns, span: NO_SPAN } }),
    ...(options.born !== undefined && { born: { value: options.born, span: NO_SPAN } }),
    ...(options.died !== undefined && { died: { value: options.died, span: NO_SPAN } }),
    ...(roles.length > 0 && { roles }),
    ...(relations.length > 0 && { relations }),
  };
}

export function entityMap(...entities: Entity[]): Map<string, Entity> {
  return new Map(entities.map((e) => [e.id, e]));
}

/** Facts of every entity of a collection, in its order. */
export function allFacts(entities: ReadonlyMap<string, Entity>): CandidateFacts[] {
  return [...entities.values()].map((e) => factsOf(e, entities));
}

/**
 * The context of the mention written [so] in `marked`, with `{Name|id}`
 * written for settled mentions in its paragraph.
 */
export function contextOf(marked: string, candidates: readonly CandidateFacts[]): MentionContext {
  let text = '';
  let span: { start: number; end: number } | undefined;
  const settled: { start: number; end: number; entityId: string }[] = [];
  const pattern = /\[([^\]]+)\]|\{([^|}]+)\|([^}]+)\}/g;
  let last = 0;
  for (let m = pattern.exec(marked); m; m = pattern.exec(marked)) {
    text += marked.slice(last, m.index);
    const start = text.length;
    text += m[1] ?? m[2]!;
    if (m[1] !== undefined) span = { start, end: text.length };
    else settled.push({ start, end: text.length, entityId: m[3]! });
    last = m.index + m[0].length;
  }
  text += marked.slice(last);
  if (!span) throw new Error(`no [mention] in ${marked}`);
  const structure = analyzeStructure(text);
  const sentences = structure.sentences;
  const s = structure.sentenceOf(span.start);
  const paragraph = structure.paragraphs[structure.paragraphOf(span.start)]!;
  const inParagraph = (i: number) => i >= 0 && i < sentences.length && sentences[i]!.start >= paragraph.start && sentences[i]!.end <= paragraph.end;
  return {
    text,
    span,
    sentence: sentences[s]!,
    ...(inParagraph(s - 1) && { previousSentence: sentences[s - 1]! }),
    ...(inParagraph(s + 1) && { nextSentence: sentences[s + 1]! }),
    paragraph,
    quoted: structure.isQuoted(span.start),
    candidates,
    settled: settled.map(
      (m): SettledMention => ({ span: { start: m.start, end: m.end }, entityId: m.entityId, quoted: structure.isQuoted(m.start) }),
    ),
  };
}

/** Votes summed per candidate id (only those with a vote), for asserting who gains and who loses. */
export function tally(evidence: readonly Evidence[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const e of evidence) sums[e.entityId] = (sums[e.entityId] ?? 0) + e.weight;
  return sums;
}

/** The candidate with the highest sum (no vote counts as 0), when it is strictly ahead of every other. */
export function leader(evidence: readonly Evidence[], candidates: readonly CandidateFacts[]): string | undefined {
  const sums = tally(evidence);
  const ranked = candidates.map((c) => [c.id, sums[c.id] ?? 0] as const).sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0 || evidence.length === 0) return undefined;
  return ranked.length === 1 || ranked[0]![1] > ranked[1]![1] ? ranked[0]![0] : undefined;
}
