// Quick fixes for findings, as sidecar text edits (the LSP layer wraps them in
// one workspace edit, so each fix is one undoable step). Every edit passes
// the verification (verifyEdit.ts) before it is offered; a fix that fails it
// is left out and its reason reported through `warn`. All the fixes of a
// request are planned on one parse of the sidecar (an `EditSession`), and
// fixes that differ only in an id (one per candidate entity or source) are
// verified once as a family, so the cost does not grow with the candidates.
import { findAnchor, uniqueContext } from './anchor';
import type { Analysis, AnchoredClaim, EntityType, Finding, Span } from './model';
import { normalizeString, normalizeWithMap, toNormalizedOffset, type NormalizedText } from './normalize';
import { occurrencesOf } from './quoteIndex';
import { planAnchor, planClaimAttribution, planClaimKind, planClaimSource, planListItem, type TextEdit } from './sidecarEdit';
import { EditSession, PLACEHOLDER_ID, type Planned, type Verdict } from './verifyEdit';

export interface QuickFix {
  readonly title: string;
  readonly finding: Finding;
  readonly edits?: readonly TextEdit[];
  /** A client command that asks the user for more before editing. */
  readonly command?: { readonly name: 'promptNewSource'; readonly claimIndex: number };
  readonly preferred?: boolean;
}

/** What the fixes of one request share: one parse of the sidecar, and where to report a fix left out. */
export interface FixContext {
  readonly session: EditSession;
  readonly warn: (message: string) => void;
}

/** Only these can be said to have made a claim. */
const AUTHOR_TYPES: readonly EntityType[] = ['person', 'organization'];

export function quickFixesFor(analysis: Analysis, finding: Finding, context: FixContext = { session: new EditSession(analysis.sidecarText), warn: () => {} }): QuickFix[] {
  const data = finding.data;
  if (!data) return [];
  if (finding.code === 'unsourced-claim' && data.kind === 'claim') return unsourcedClaimFixes(analysis, finding, data.claimIndex, context);
  if ((finding.code === 'orphaned-annotation' || finding.code === 'drifted-annotation') && data.kind === 'anchor' && data.suggestion) {
    const { quote, prefix, suffix } = data.suggestion;
    const title = finding.code === 'orphaned-annotation' ? `Re-anchor to the closest text: “${clip(quote)}”` : `Update the quote to the current text: “${clip(quote)}”`;
    const verdict = context.session.verify(planAnchor(context.session.sidecar, data.list, data.index, { quote, prefix, suffix }));
    return offered(context, verdict, { title, finding, preferred: true });
  }
  if (finding.code === 'ambiguous-mention' && data.kind === 'mention') return pinFixes(analysis, finding, data.candidates, data.articleSpan, context);
  return [];
}

/** The fix with its verified edits; nothing (and a logged reason, when the check rejected it) otherwise. */
function offered(context: FixContext, verdict: Verdict, fix: Omit<QuickFix, 'edits'>): QuickFix[] {
  if (verdict.ok) return [{ ...fix, edits: verdict.edits }];
  if (verdict.checked) context.warn(`“${fix.title}” not offered: ${verdict.reason}.`);
  return [];
}

/** One fix per value, from a family verified once; a rejected template is reported once, not per candidate. */
function family(context: FixContext, template: Planned, values: readonly string[], fixFor: (value: string) => Omit<QuickFix, 'edits'>): QuickFix[] {
  if (values.length === 0) return [];
  const verdicts = context.session.verifyFamily(template, values);
  const first = verdicts[0]!;
  if (!first.ok && verdicts.every((v) => v === first)) return offered(context, first, fixFor(values[0]!));
  return values.flatMap((value, i) => offered(context, verdicts[i]!, fixFor(value)));
}

function clip(text: string, max = 50): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function unsourcedClaimFixes(analysis: Analysis, finding: Finding, claimIndex: number, context: FixContext): QuickFix[] {
  const claim = analysis.claims.find((c) => c.claim.index === claimIndex);
  if (!claim) return [];
  const s = context.session.sidecar;
  const cited = new Set(claim.claim.sources.map((source) => source.value));
  const sources = [...analysis.sidecar.sources.values()].filter((source) => !cited.has(source.id));
  const fromSources = family(context, planClaimSource(s, claimIndex, PLACEHOLDER_ID), sources.map((source) => source.id), (id) => {
    const source = analysis.sidecar.sources.get(id);
    return { title: `Add source: ${clip(source?.title ?? id)}`, finding };
  });
  const authors = entitiesInSentence(analysis, claim).filter((id) => AUTHOR_TYPES.includes(analysis.sidecar.entities.get(id)?.type ?? 'other'));
  const attributions = family(context, planClaimAttribution(s, claimIndex, PLACEHOLDER_ID), authors, (id) => ({ title: `Attribute to ${analysis.sidecar.entities.get(id)?.name ?? id}`, finding }));
  return [
    ...fromSources,
    { title: 'Add a new source…', finding, command: { name: 'promptNewSource', claimIndex } },
    ...offered(context, context.session.verify(planClaimKind(s, claimIndex, 'opinion')), { title: 'Mark as opinion', finding }),
    ...attributions,
  ];
}

/** Entities mentioned in the sentence(s) the claim's text lies in, in order of first mention. */
function entitiesInSentence(analysis: Analysis, claim: AnchoredClaim): string[] {
  if (!claim.span) return [];
  const sentence = sentenceAround(analysis.articleText, claim.span);
  const ids: string[] = [];
  for (const mention of analysis.mentions) {
    if (mention.span.start >= sentence.start && mention.span.end <= sentence.end && !ids.includes(mention.entityId)) ids.push(mention.entityId);
  }
  return ids;
}

function sentenceAround(text: string, span: Span): Span {
  const before = text.slice(0, span.start);
  const boundary = Math.max(before.search(/[.!?]\s+[^.!?]*$/), before.lastIndexOf('\n'));
  const start = boundary < 0 ? 0 : boundary + 1;
  const after = /[.!?](\s|$)|\n/.exec(text.slice(span.end));
  const end = after ? span.end + after.index + 1 : text.length;
  return { start, end };
}

/** One fix per candidate: a pin with just enough context to be unique, all planned and verified once. */
function pinFixes(analysis: Analysis, finding: Finding, candidates: readonly string[], span: Span, context: FixContext): QuickFix[] {
  const quote = analysis.articleText.slice(span.start, span.end);
  const anchor = pinContext(analysis.articleText, span, quote);
  if (!anchor) {
    context.warn(`Pins for “${clip(quote)}” not offered: no anchor finds this occurrence again.`);
    return [];
  }
  const template = planListItem(context.session.sidecar, 'mentions', { quote, ...anchor, entity: PLACEHOLDER_ID });
  return family(context, template, candidates, (id) => ({ title: `Pin “${quote}” here to ${analysis.sidecar.entities.get(id)?.name ?? id}`, finding }));
}

export interface AnchorContext {
  readonly prefix?: string;
  readonly suffix?: string;
  readonly occurrence?: number;
}

/**
 * What to write beside a quote so that it finds this occurrence, and only
 * it: the shortest unique prefix or suffix in the article's own words; when
 * no context up to the search's reach is unique (a passage repeated word for
 * word), the occurrence's number. Checked by anchoring it as the analysis
 * will; undefined when even that does not find the span again.
 */
export function pinContext(articleText: string, span: Span, quote = articleText.slice(span.start, span.end).replace(/\s+/g, ' ')): AnchorContext | undefined {
  const article = normalizeWithMap(articleText);
  const start = toNormalizedOffset(article, span.start);
  const end = toNormalizedOffset(article, Math.max(span.start, span.end - 1)) + 1;
  const context = uniqueContext(article.text, start, end);
  if (findsAt(article, { quote, ...context }, span)) return withoutEmpty(context);
  const nth = occurrencesOf(article.text, normalizeString(quote).trim()).starts.indexOf(start) + 1;
  return nth > 0 && findsAt(article, { quote, occurrence: nth }, span) ? { occurrence: nth } : undefined;
}

function findsAt(article: NormalizedText, selector: { quote: string } & AnchorContext, span: Span): boolean {
  const result = findAnchor(article, selector);
  return result.status === 'found' && result.span.start === span.start;
}

function withoutEmpty(context: AnchorContext): AnchorContext {
  return Object.fromEntries(Object.entries(context).filter((e) => e[1] !== undefined && e[1] !== '')) as AnchorContext;
}
