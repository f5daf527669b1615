// Quick fixes for findings, as sidecar text edits (the LSP layer wraps them in
// one workspace edit, so each fix is one undoable step).
import { uniqueContext } from './anchor';
import type { Analysis, AnchoredClaim, Finding, Span } from './model';
import { normalizeString } from './normalize';
import { addClaimSource, appendListItem, setAnchor, setClaimAttribution, setClaimKind, type TextEdit } from './sidecarEdit';

export interface QuickFix {
  readonly title: string;
  readonly finding: Finding;
  readonly edits?: readonly TextEdit[];
  /** A client command that asks the user for more before editing. */
  readonly command?: { readonly name: 'promptNewSource'; readonly claimIndex: number };
  readonly preferred?: boolean;
}

export function quickFixesFor(analysis: Analysis, finding: Finding): QuickFix[] {
  const data = finding.data;
  if (!data) return [];
  if (finding.code === 'unsourced-claim' && data.kind === 'claim') return unsourcedClaimFixes(analysis, finding, data.claimIndex);
  if (finding.code === 'orphaned-annotation' && data.kind === 'anchor' && data.suggestion) {
    const { quote, prefix, suffix } = data.suggestion;
    const edits = setAnchor(analysis.sidecarText, data.list, data.index, { quote, prefix, suffix });
    return nonEmpty({ title: `Re-anchor to the closest text: “${clip(quote)}”`, finding, edits, preferred: true });
  }
  if (finding.code === 'drifted-annotation' && data.kind === 'anchor' && data.suggestion) {
    const { quote, prefix, suffix } = data.suggestion;
    const edits = setAnchor(analysis.sidecarText, data.list, data.index, { quote, prefix, suffix });
    return nonEmpty({ title: `Update the quote to the current text: “${clip(quote)}”`, finding, edits, preferred: true });
  }
  if (finding.code === 'ambiguous-mention' && data.kind === 'mention') return pinFixes(analysis, finding, data.candidates, data.articleSpan);
  return [];
}

function nonEmpty(fix: QuickFix): QuickFix[] {
  return fix.edits && fix.edits.length === 0 ? [] : [fix];
}

function clip(text: string, max = 50): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function unsourcedClaimFixes(analysis: Analysis, finding: Finding, claimIndex: number): QuickFix[] {
  const text = analysis.sidecarText;
  const claim = analysis.claims.find((c) => c.claim.index === claimIndex);
  if (!claim) return [];
  const fromSources = [...analysis.sidecar.sources.values()].flatMap((source) =>
    nonEmpty({ title: `Add source: ${clip(source.title ?? source.id)}`, finding, edits: addClaimSource(text, claimIndex, source.id) }),
  );
  const attributions = entitiesInSentence(analysis, claim).flatMap((id) => {
    const name = analysis.sidecar.entities.get(id)?.name ?? id;
    return nonEmpty({ title: `Attribute to ${name}`, finding, edits: setClaimAttribution(text, claimIndex, id) });
  });
  return [
    ...fromSources,
    { title: 'Add a new source…', finding, command: { name: 'promptNewSource', claimIndex } },
    ...nonEmpty({ title: 'Mark as opinion', finding, edits: setClaimKind(text, claimIndex, 'opinion') }),
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

/** One fix per candidate: a pin with just enough context to be unique. */
function pinFixes(analysis: Analysis, finding: Finding, candidates: readonly string[], span: Span): QuickFix[] {
  const quote = analysis.articleText.slice(span.start, span.end);
  const context = pinContext(analysis.articleText, span);
  return candidates.flatMap((id) => {
    const name = analysis.sidecar.entities.get(id)?.name ?? id;
    const item: Record<string, string> = { quote, ...context, entity: id };
    return nonEmpty({ title: `Pin “${quote}” here to ${name}`, finding, edits: appendListItem(analysis.sidecarText, 'mentions', item) });
  });
}

/** Prefix/suffix in the article's own words that make this occurrence unique under normalization. */
export function pinContext(articleText: string, span: Span): { prefix?: string; suffix?: string } {
  // Work on a normalized copy of a window, which matches how anchors are searched.
  const normalizedBefore = normalizeString(articleText.slice(0, span.start));
  const normalizedQuote = normalizeString(articleText.slice(span.start, span.end));
  const normalizedAll = normalizedBefore + normalizedQuote + normalizeString(articleText.slice(span.end));
  const start = normalizedBefore.length;
  return uniqueContext(normalizedAll, start, start + normalizedQuote.length);
}
