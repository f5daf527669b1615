// The analysis of one article with its sidecar: anchors every annotation,
// finds and resolves mentions, and computes the findings. The two inputs are
// prepared separately so a caller can cache each (a keystroke in the article
// does not re-read the sidecar, and vice versa).
import type { AnchorResult } from './anchor';
import { anchorAnnotations } from './anchorAll';
import { changedRegion, type TextChange } from './tracking';
import type {
  Analysis,
  Anchor,
  AnchorList,
  AnchorState,
  AnchoredClaim,
  Claim,
  ClaimStatus,
  Finding,
  Mention,
  Severity,
  Sidecar,
  Span,
} from './model';
import { LIMITS, clipText, limitMessage } from './limits';
import { resolveMentions } from './mentions';
import { nameLimitFindings, nameMatcherFor, type NameMatcher } from './nameMatcher';
import { normalizeWithMap, renormalizeAfterEdit, type NormalizedText } from './normalize';
import { parseSidecar } from './sidecar';
import { analyzeStructure, updateStructure, type TextStructure } from './textStructure';
import { readingFindings, searchableMatches } from './reading/articleReading';
import { withSourceFallback } from './reading/sourceFallback';
import { markdownReading, type ArticleReading } from './reading/readingText';

export interface PreparedSidecar {
  readonly text: string;
  readonly sidecar: Sidecar;
  readonly matcher: NameMatcher;
}

export interface PreparedArticle {
  /** What is analysed: the file's text, or for Markdown its reading text. */
  readonly text: string;
  /** The file's text. */
  readonly source: string;
  /** Markdown only: the reading text and its map to the source. */
  readonly reading?: ArticleReading;
  readonly normalized: NormalizedText;
  readonly structure: TextStructure;
  /** The edit from the version it was prepared from, found once for both the structure and the anchors. */
  readonly edit?: { readonly from: string; readonly change: TextChange | undefined };
}

export interface AnalysisOptions {
  readonly unsourcedClaimSeverity: Severity;
  readonly reportAmbiguousMentions: boolean;
}

export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = { unsourcedClaimSeverity: 'warning', reportAmbiguousMentions: true };

export function prepareSidecar(text: string): PreparedSidecar {
  const sidecar = parseSidecar(text);
  return { text, sidecar, matcher: nameMatcherFor(sidecar.entities.values()) };
}

/**
 * The article's normalized form is computed on first use: a keystroke that
 * moves every anchor needs none. `previous`, an earlier version of the same
 * article, lets the structure be updated around the edit instead of rebuilt,
 * and the normalized form too (from the last version that computed it).
 */
export function prepareArticle(source: string, previous?: PreparedArticle, markdown = previous?.reading !== undefined): PreparedArticle {
  const reading = markdown ? markdownReading(source, previous?.reading) : undefined;
  const text = reading ? reading.text : source;
  const change = previous && changedRegion(previous.text, text);
  const normalized = lazyNormalized(text, previous && normalizedBase.get(previous));
  const article: PreparedArticle = {
    text,
    source,
    reading,
    get normalized() {
      return normalized.get();
    },
    structure: previous && !change ? previous.structure : previous && change ? updateStructure(previous.structure, text, change) : analyzeStructure(text),
    edit: previous && { from: previous.text, change },
  };
  normalizedBase.set(article, normalized);
  return article;
}

interface LazyNormalized {
  get(): NormalizedText;
  /** The normalized text of this version if computed, else the one this version would start from. */
  readonly base: () => NormalizedText | undefined;
}

/** Each prepared article's normalized form, for the next version to start from. */
const normalizedBase = new WeakMap<PreparedArticle, LazyNormalized>();

/** Computed on first use, around the edit when an earlier version's is known (one version's is kept, not a chain). */
function lazyNormalized(text: string, previous: LazyNormalized | undefined): LazyNormalized {
  let base = previous?.base();
  let normalized: NormalizedText | undefined;
  return {
    get() {
      if (!normalized) {
        const change = base && changedRegion(base.original, text);
        normalized = base && change ? renormalizeAfterEdit(base, text, change) : base && !change ? base : normalizeWithMap(text);
        base = undefined;
      }
      return normalized;
    },
    base: () => normalized ?? base,
  };
}

/**
 * `previous`: the analysis of an earlier version of the same article with the
 * same sidecar; its anchors are tracked through the edit instead of searched.
 */
export function analyze(article: PreparedArticle, prepared: PreparedSidecar, options: AnalysisOptions = DEFAULT_ANALYSIS_OPTIONS, previous?: Analysis): Analysis {
  const { sidecar } = prepared;
  const findings: Finding[] = sidecar.findings.slice();
  const before = previous?.sidecarText === prepared.text ? previous : undefined;
  const change = before && (article.edit?.from === before.articleText ? article.edit.change : changedRegion(before.articleText, article.text));
  // What the reading text gives is kept for tracking the next edit (it carries what each result depended
  // on); a quote with markup found in the Markdown source instead replaces it only for this analysis.
  const searched = anchorAnnotations(article.text, () => article.normalized, sidecar, before, change);
  const { anchors, sourceAnchors } = withSourceFallback(searched, sidecar, article.reading, before?.sourceAnchors);
  const anchorAll = <T extends Anchor>(list: AnchorList, items: readonly T[]): { item: T; result: AnchorResult }[] =>
    items.map((item, at) => {
      const result = anchors[list][at]!;
      append(findings, anchorFindings(list, item, result));
      return { item, result };
    });
  const claims = anchorAll('claims', sidecar.claims).map(({ item, result }) => anchoredClaim(item, result, sidecar));
  const pins = anchorAll('mentions', sidecar.mentions).map(({ item, result }) => ({ annotation: item, span: spanOf(result), anchor: anchorState(result) }));
  const notes = anchorAll('notes', sidecar.notes).map(({ item, result }) => ({ annotation: item, span: spanOf(result), anchor: anchorState(result) }));
  const nameMatches = searchableMatches(before?.nameMatches && change ? prepared.matcher.findAfterEdit(before.nameMatches, change, article.text) : before?.nameMatches && !change ? before.nameMatches : prepared.matcher.findAll(article.text), article.reading);
  append(findings, nameLimitFindings(prepared.matcher, nameMatches));
  append(findings, readingFindings(article.reading));
  const mentions = resolveMentions({
    text: article.text,
    matches: nameMatches,
    entities: sidecar.entities,
    pins: pins.flatMap((p) => (p.span && sidecar.entities.has(p.annotation.entity.value) ? [{ span: p.span, entityId: p.annotation.entity.value }] : [])),
    structure: article.structure,
  });
  append(findings, sidecarOnlyFindings(sidecar));
  for (const claim of claims) append(findings, unsourcedFindings(claim, options.unsourcedClaimSeverity));
  if (options.reportAmbiguousMentions) append(findings, ambiguousMentionFindings(mentions, sidecar));
  return { articleText: article.text, sidecarText: prepared.text, sidecar, mentions, claims, notes, pins, findings, anchors: searched, sourceAnchors, nameMatches, structure: article.structure, reading: article.reading };
}

/** Appends without spreading: a spread of an input-sized list into a call overflows V8's argument limit. */
function append<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}

function spanOf(result: AnchorResult): Span | undefined {
  return result.status === 'found' || result.status === 'drifted' ? result.span : undefined;
}

function anchorState(result: AnchorResult): AnchorState {
  return result.status === 'found' ? 'exact' : result.status;
}

function anchoredClaim(claim: Claim, result: AnchorResult, sidecar: Sidecar): AnchoredClaim {
  return { claim, span: spanOf(result), status: claimStatus(claim, result, sidecar), anchor: anchorState(result) };
}

/** A source id that names no source does not source the claim (its `unknown-source` finding says why). */
function claimStatus(claim: Claim, result: AnchorResult, sidecar: Sidecar): ClaimStatus {
  if (result.status === 'orphaned') return 'orphaned';
  if (result.status === 'ambiguous') return 'ambiguous';
  if (claim.kind === 'opinion') return 'opinion';
  if (claim.sources.some((s) => sidecar.sources.has(s.value))) return 'sourced';
  if (claim.attributedTo) return 'attributed';
  return 'unsourced';
}

function anchorFindings(list: AnchorList, item: Anchor, result: AnchorResult): Finding[] {
  if ((result.status === 'ambiguous' || result.status === 'orphaned') && result.limit) {
    const what = result.status === 'ambiguous' ? 'the quote occurs more times than that in the article and was not placed; an occurrence number within the limit chooses one.' : 'the quote is not in the article verbatim, and it is too long to look for approximately.';
    return [{ file: 'sidecar', span: item.quoteSpan, severity: 'warning', code: 'limit-exceeded', message: limitMessage(result.limit, what), data: { kind: 'anchor', list, index: item.index } }];
  }
  if (result.status === 'drifted') {
    const message = `The quote has changed in the article: it now reads “${clip(result.suggestion.quote)}” (${result.distance} ${result.distance === 1 ? 'character differs' : 'characters differ'}).`;
    const data = { kind: 'anchor' as const, list, index: item.index, suggestion: result.suggestion };
    return [
      { file: 'sidecar', span: item.quoteSpan, severity: 'information', code: 'drifted-annotation', message, data },
      { file: 'article', span: result.span, severity: 'information', code: 'drifted-annotation', message, data },
    ];
  }
  if (result.status === 'orphaned') {
    const hint = result.suggestion ? ` Closest text: “${clip(result.suggestion.quote)}”.` : '';
    return [{ file: 'sidecar', span: item.quoteSpan, severity: 'warning', code: 'orphaned-annotation', message: `Quote not found in the article.${hint}`, data: { kind: 'anchor', list, index: item.index, suggestion: result.suggestion } }];
  }
  if (result.status === 'ambiguous') {
    const how = item.prefix !== undefined || item.suffix !== undefined ? 'its prefix/suffix match several' : 'add a prefix, suffix or occurrence to choose one';
    return [{ file: 'sidecar', span: item.quoteSpan, severity: 'warning', code: 'ambiguous-anchor', message: `Quote found ${result.spans.length} times in the article: ${how}.`, data: { kind: 'anchor', list, index: item.index } }];
  }
  return [];
}

function clip(text: string, max = 80): string {
  return clipText(text, max);
}

const sidecarFindingsCache = new WeakMap<Sidecar, Finding[]>();

/** Findings that depend on the sidecar alone, computed once per parsed sidecar. */
function sidecarOnlyFindings(sidecar: Sidecar): Finding[] {
  let findings = sidecarFindingsCache.get(sidecar);
  if (!findings) sidecarFindingsCache.set(sidecar, (findings = [...referenceFindings(sidecar), ...duplicateClaimIds(sidecar.claims)]));
  return findings;
}

function referenceFindings(sidecar: Sidecar): Finding[] {
  const findings: Finding[] = [];
  for (const use of sidecar.idUses) {
    const known = use.kind === 'source' ? sidecar.sources.has(use.id) : sidecar.entities.has(use.id);
    if (known) continue;
    const code = use.kind === 'source' ? 'unknown-source' : 'unknown-entity';
    const section = use.kind === 'source' ? 'sources' : 'entities';
    findings.push({ file: 'sidecar', span: use.span, severity: 'error', code, message: `No ${use.kind} '${clip(use.id, LIMITS.nameChars.value)}' is defined under '${section}'.` });
  }
  return findings;
}

function duplicateClaimIds(claims: readonly Claim[]): Finding[] {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const claim of claims) {
    if (!claim.id) continue;
    if (seen.has(claim.id.value)) {
      findings.push({ file: 'sidecar', span: claim.id.span, severity: 'error', code: 'duplicate-id', message: `Duplicate claim id '${clip(claim.id.value, LIMITS.nameChars.value)}'.` });
    }
    seen.add(claim.id.value);
  }
  return findings;
}

interface UnsourcedParts {
  readonly severity: Severity;
  readonly message: string;
  readonly data: Finding['data'];
  readonly inSidecar: Finding;
}

const unsourcedCache = new WeakMap<Claim, UnsourcedParts>();

/** The sidecar's finding and the message are made once per parsed claim: a keystroke in the article only moves the article's one. */
function unsourcedFindings(claim: AnchoredClaim, severity: Severity): Finding[] {
  if (claim.status !== 'unsourced' || !claim.span) return [];
  let parts = unsourcedCache.get(claim.claim);
  if (!parts || parts.severity !== severity) {
    const why = claim.claim.sources.length > 0 ? 'cites no known source (every source id is undefined) and has no attribution' : 'has no source and no attribution';
    const message = `Unsourced claim: “${clip(claim.claim.quote, 60)}” ${why}.`;
    const data = { kind: 'claim' as const, claimIndex: claim.claim.index };
    parts = { severity, message, data, inSidecar: { file: 'sidecar', span: claim.claim.quoteSpan, severity, code: 'unsourced-claim', message, data } };
    unsourcedCache.set(claim.claim, parts);
  }
  return [{ file: 'article', span: claim.span, severity, code: 'unsourced-claim', message: parts.message, data: parts.data }, parts.inSidecar];
}

/** Candidates named in an ambiguous-mention message; the rest are counted. */
const NAMED_CANDIDATES = LIMITS.namesListed.value;
/** A name in a list is clipped shorter than alone, so ten of them still fit the message budget. */
const LISTED_NAME_CHARS = 60;

function ambiguousMentionFindings(mentions: readonly Mention[], sidecar: Sidecar): Finding[] {
  const findings: Finding[] = [];
  for (const m of mentions) {
    if (m.certain) continue;
    findings.push({
      file: 'article',
      span: m.span,
      severity: 'information',
      code: 'ambiguous-mention',
      message: ambiguityMessage(m, sidecar),
      data: { kind: 'mention', candidates: m.candidates, articleSpan: m.span },
    });
  }
  return findings;
}

/** Messages by candidate list (the name matcher shares one list per name), guess, text and reason. */
const ambiguityMessages = new WeakMap<Sidecar, WeakMap<readonly string[], Map<string, string>>>();
/** The reason quoted in the message: the strongest one, clipped (the hover lists them all). */
const WHY_CHARS = 160;

/** “Massoud”: probably Ahmad Shah Massoud; could be Ahmad Massoud — <the strongest reason>. Pin it under 'mentions'. */
function ambiguityMessage(m: Mention, sidecar: Sidecar): string {
  let bySidecar = ambiguityMessages.get(sidecar);
  if (!bySidecar) ambiguityMessages.set(sidecar, (bySidecar = new WeakMap()));
  let byCandidates = bySidecar.get(m.candidates);
  if (!byCandidates) bySidecar.set(m.candidates, (byCandidates = new Map()));
  const why = m.evidence?.[0];
  const key = `${m.entityId}\u0000${m.text}\u0000${why ?? ''}`;
  let message = byCandidates.get(key);
  if (message === undefined) {
    const nameOf = (id: string): string => clip(sidecar.entities.get(id)?.name ?? id, LISTED_NAME_CHARS);
    const named: string[] = [];
    for (const id of m.candidates) {
      if (named.length >= NAMED_CANDIDATES) break;
      if (id !== m.entityId) named.push(nameOf(id));
    }
    const rest = m.candidates.length - 1 - named.length;
    const who = rest > 0 ? `${named.join(', ')} or ${rest.toLocaleString('en-US')} other${rest === 1 ? '' : 's'}` : named.join(' or ');
    const because = why ? clip(why, WHY_CHARS) : 'nothing in the text around it decides';
    message = clip(`“${clip(m.text, LISTED_NAME_CHARS)}”: probably ${nameOf(m.entityId)}; could be ${who} — ${because}. Pin it under 'mentions'.`, LIMITS.messageChars.value);
    byCandidates.set(key, message);
  }
  return message;
}

/**
 * The analysis when the article cannot be read: the sidecar's own findings
 * and one finding that says why, instead of every quote reported as orphaned.
 */
export function analyzeWithoutArticle(prepared: PreparedSidecar, problem: Pick<Finding, 'code' | 'message' | 'severity'>): Analysis {
  const { sidecar } = prepared;
  const findings: Finding[] = [
    { file: 'sidecar', span: sidecar.article?.span ?? { start: 0, end: 0 }, ...problem },
    ...sidecar.findings,
    ...referenceFindings(sidecar),
    ...duplicateClaimIds(sidecar.claims),
  ];
  const claims = sidecar.claims.map((claim) => ({ claim, status: 'orphaned' as const }));
  return { articleText: '', sidecarText: prepared.text, sidecar, mentions: [], claims, notes: [], pins: [], findings };
}
