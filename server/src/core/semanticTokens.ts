// Semantic tokens of a paired file: in the article, each mention by its
// entity's type and each annotated claim by its status; in the sidecar, each
// quote by how it was found in the article. Only the analysis decides, so a
// file that is not paired has no tokens (nothing recolours other Markdown or
// YAML). Tokens never overlap and never cross a line: a claim is cut around
// the mentions inside it and at line breaks. Linear in the mentions and claims.
import type { Analysis, AnchorState, ClaimStatus, EntityType, FileRole, Span } from './model';

/** Token types: one per entity type, then claims and quotes. Clients theme them through the legend's super types. */
export const TOKEN_TYPES = ['person', 'organization', 'place', 'event', 'work', 'entity', 'claim', 'quote'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

/**
 * Modifiers: a claim's status, a mention the context did not settle
 * (`uncertain`), a quote found only approximately (`drifted`) or not at all
 * (`deprecated`, which editors strike through).
 */
export const TOKEN_MODIFIERS = ['sourced', 'attributed', 'opinion', 'unsourced', 'ambiguous', 'uncertain', 'drifted', 'deprecated'] as const;
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export interface SemanticToken {
  readonly span: Span;
  readonly type: TokenType;
  readonly modifiers: readonly TokenModifier[];
}

const ENTITY_TOKEN: Record<EntityType, TokenType> = { person: 'person', organization: 'organization', place: 'place', event: 'event', work: 'work', other: 'entity' };
const CLAIM_MODIFIER: Record<ClaimStatus, TokenModifier[]> = {
  sourced: ['sourced'],
  attributed: ['attributed'],
  opinion: ['opinion'],
  unsourced: ['unsourced'],
  ambiguous: ['ambiguous'],
  orphaned: [],
};
const QUOTE_MODIFIER: Record<AnchorState, TokenModifier[]> = { exact: [], drifted: ['drifted'], ambiguous: ['ambiguous'], orphaned: ['deprecated'] };

/** The tokens of one file of a pair, in text order. */
export function semanticTokens(analysis: Analysis, file: FileRole): SemanticToken[] {
  return file === 'article' ? articleTokens(analysis) : sidecarTokens(analysis);
}

function articleTokens(analysis: Analysis): SemanticToken[] {
  const mentions = analysis.mentions.map((m): SemanticToken => {
    const entity = analysis.sidecar.entities.get(m.entityId);
    return { span: m.span, type: entity ? ENTITY_TOKEN[entity.type] : 'entity', modifiers: m.certain ? [] : ['uncertain'] };
  });
  const claims = analysis.claims
    .filter((c) => c.span && c.status !== 'orphaned')
    .map((c): SemanticToken => ({ span: c.span!, type: 'claim', modifiers: CLAIM_MODIFIER[c.status] }))
    .sort((a, b) => a.span.start - b.span.start);
  return splitAtLineBreaks(analysis.articleText, merge(mentions, claims));
}

function sidecarTokens(analysis: Analysis): SemanticToken[] {
  const states = new Map<number, AnchorState | undefined>();
  // Claims, pins and notes each have their own anchoring; a quote is known by its place in the sidecar.
  for (const c of analysis.claims) states.set(c.claim.quoteSpan.start, c.anchor);
  for (const p of analysis.pins) states.set(p.annotation.quoteSpan.start, p.anchor);
  for (const n of analysis.notes) states.set(n.annotation.quoteSpan.start, n.anchor);
  const { claims, mentions, notes } = analysis.sidecar;
  const quotes = [...claims, ...mentions, ...notes]
    .filter((a) => a.quoteSpan.end > a.quoteSpan.start)
    .map((a): SemanticToken => ({ span: a.quoteSpan, type: 'quote', modifiers: QUOTE_MODIFIER[states.get(a.quoteSpan.start) ?? 'exact'] }))
    .sort((a, b) => a.span.start - b.span.start);
  return splitAtLineBreaks(analysis.sidecarText, withoutOverlaps(quotes));
}

/**
 * Mentions (sorted, apart) over claims (sorted by start): a claim keeps the
 * parts no mention covers; where claims overlap, the earlier one wins.
 */
function merge(mentions: readonly SemanticToken[], claims: readonly SemanticToken[]): SemanticToken[] {
  const out: SemanticToken[] = [];
  let m = 0;
  let claimedTo = 0;
  for (const claim of claims) {
    let from = Math.max(claim.span.start, claimedTo);
    const end = claim.span.end;
    for (; m < mentions.length && mentions[m]!.span.start < end; m++) {
      const mention = mentions[m]!;
      if (mention.span.start > from) out.push({ ...claim, span: { start: from, end: mention.span.start } });
      out.push(mention);
      from = Math.max(from, mention.span.end);
    }
    if (end > from) out.push({ ...claim, span: { start: from, end } });
    claimedTo = Math.max(claimedTo, end);
  }
  for (; m < mentions.length; m++) out.push(mentions[m]!);
  return withoutOverlaps(out.sort((a, b) => a.span.start - b.span.start));
}

/** Drops a token that starts before the previous one ends (sorted input). */
function withoutOverlaps(tokens: readonly SemanticToken[]): SemanticToken[] {
  const out: SemanticToken[] = [];
  let end = 0;
  for (const token of tokens) {
    if (token.span.start < end || token.span.end <= token.span.start) continue;
    out.push(token);
    end = token.span.end;
  }
  return out;
}

/** Cuts each token at the line breaks inside it (many clients draw no token across lines). Reads each token's own text only. */
function splitAtLineBreaks(text: string, tokens: readonly SemanticToken[]): SemanticToken[] {
  const out: SemanticToken[] = [];
  const piece = (token: SemanticToken, start: number, end: number): void => {
    if (end > start) out.push({ ...token, span: { start, end } });
  };
  for (const token of tokens) {
    let start = token.span.start;
    for (let i = start; i < token.span.end; i++) {
      const code = text.charCodeAt(i);
      if (code !== 10 && code !== 13) continue;
      piece(token, start, i);
      start = i + 1;
    }
    piece(token, start, token.span.end);
  }
  return out;
}
