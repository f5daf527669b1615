// Anchors every annotation of a sidecar in an article: tracked from the
// previous analysis where the edit allows, and the rest searched together,
// with one pass over the text for all their quotes.
import { findAnchor, type AnchorResult } from './anchor';
import type { Anchor, AnchorList, Sidecar, Span } from './model';
import { normalizeString, normalizeWithMap, type NormalizedText } from './normalize';
import { findAllOccurrences } from './quoteIndex';
import { changedRegion, changeWindow, trackAnchor, type TextChange } from './tracking';

/** Each list's results, in the order of the sidecar's list. */
export type AnchorResults = Readonly<Record<AnchorList, readonly AnchorResult[]>>;

export interface PreviousAnchors {
  readonly articleText: string;
  readonly anchors?: AnchorResults;
}

interface Pending {
  readonly results: AnchorResult[];
  readonly at: number;
  readonly item: Anchor;
  readonly hint?: number;
}

const LISTS: readonly AnchorList[] = ['claims', 'mentions', 'notes'];

/** `normalized` is only computed when something must be searched. */
export function anchorAnnotations(text: string, normalized: () => NormalizedText, sidecar: Sidecar, previous?: PreviousAnchors, change = previous && changedRegion(previous.articleText, text)): AnchorResults {
  const results: Record<AnchorList, AnchorResult[]> = { claims: [], mentions: [], notes: [] };
  const pending: Pending[] = [];
  const window = change && changeWindow(text, change, longestQuote(sidecar));
  for (const list of LISTS) {
    const items: readonly Anchor[] = sidecar[list];
    const listResults = results[list];
    const previousResults = previous?.anchors?.[list];
    for (let at = 0; at < items.length; at++) {
      const item = items[at]!;
      const before = previousResults?.[at];
      const tracked = before && (change && window ? trackAnchor(before, change, normalizedQuote(item), window) : before);
      const found = tracked ?? (before && change ? reanchorNearby(text, before, change, item) : undefined);
      if (found) listResults.push(found);
      else {
        listResults.push({ status: 'orphaned' });
        pending.push({ results: listResults, at, item, hint: before && change ? hintAfter(before, change) : undefined });
      }
    }
  }
  if (pending.length === 0) return results;
  const article = normalized();
  const quotes = pending.map((p) => normalizedQuote(p.item));
  const occurrences = findAllOccurrences(article.text, quotes);
  pending.forEach((p, i) => (p.results[p.at] = findAnchor(article, p.item, p.hint, occurrences.get(quotes[i]!))));
  return results;
}

const normalizedQuotes = new WeakMap<Anchor, string>();

/** An annotation's quote, normalized once per parsed sidecar. */
function normalizedQuote(item: Anchor): string {
  let quote = normalizedQuotes.get(item);
  if (quote === undefined) normalizedQuotes.set(item, (quote = normalizeString(item.quote).trim()));
  return quote;
}

const longestQuotes = new WeakMap<Sidecar, number>();

function longestQuote(sidecar: Sidecar): number {
  let longest = longestQuotes.get(sidecar);
  if (longest !== undefined) return longest;
  longest = 0;
  for (const list of [sidecar.claims, sidecar.mentions, sidecar.notes]) for (const item of list) longest = Math.max(longest, item.quote.length);
  longestQuotes.set(sidecar, longest);
  return longest;
}

/**
 * An annotation the edit touched, found again around its old place only: it
 * was the quote's one occurrence, and the edit changed nothing elsewhere, so
 * the neighbourhood decides. Undefined when it is not there (then the whole
 * article is searched).
 */
function reanchorNearby(text: string, before: AnchorResult, change: TextChange, item: Anchor): AnchorResult | undefined {
  if (before.status !== 'found' && before.status !== 'drifted') return undefined;
  const margin = item.quote.length + 64;
  const delta = change.newEnd - change.oldEnd;
  const from = Math.max(0, Math.min(before.span.start, change.start) - margin);
  const to = Math.min(text.length, Math.max(before.span.end + (before.span.end > change.start ? delta : 0), change.newEnd) + margin);
  const window = normalizeWithMap(text.slice(from, to));
  const result = findAnchor(window, item, Math.max(0, hintAfter(before, change)! - from));
  const shift = (span: Span): Span => ({ start: span.start + from, end: span.end + from });
  if (result.status === 'found' && before.status === 'found') return { status: 'found', span: shift(result.span) };
  if (result.status === 'drifted') return { ...result, span: shift(result.span), suggestion: { ...result.suggestion, span: shift(result.suggestion.span) } };
  return undefined;
}

/** Where an annotation found before the change would be after it. */
function hintAfter(before: AnchorResult, change: TextChange): number | undefined {
  if (before.status !== 'found' && before.status !== 'drifted') return undefined;
  const old = before.span.start;
  return old <= change.start ? old : old + change.newEnd - change.oldEnd;
}
