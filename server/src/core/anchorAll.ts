// Anchors every annotation of a sidecar in an article: tracked from the
// previous analysis where the edit allows, and the rest searched together,
// with one pass over the text for all their quotes.
import { findAnchor, type AnchorResult } from './anchor';
import type { Anchor, AnchorList, Sidecar, Span } from './model';
import { normalizeString, normalizeWithMap, type NormalizedText } from './normalize';
import { findAllOccurrences } from './quoteIndex';
import { changedRegion, changeWindow, trackAnchor, type TextChange } from './tracking';

export interface PreviousAnchors {
  readonly articleText: string;
  readonly anchors?: ReadonlyMap<string, AnchorResult>;
}

interface Pending {
  readonly key: string;
  readonly item: Anchor;
  readonly hint?: number;
}

export function anchorKey(list: AnchorList, index: number): string {
  return `${list}:${index}`;
}

/** Results by `list:index`. `normalized` is only computed when something must be searched. */
export function anchorAnnotations(text: string, normalized: () => NormalizedText, sidecar: Sidecar, previous?: PreviousAnchors, change = previous && changedRegion(previous.articleText, text)): Map<string, AnchorResult> {
  const results = new Map<string, AnchorResult>();
  const pending: Pending[] = [];
  const window = change && changeWindow(text, change, longestQuote(sidecar));
  const lists = [['claims', sidecar.claims], ['mentions', sidecar.mentions], ['notes', sidecar.notes]] as const;
  for (const [list, items] of lists) {
    for (const item of items) {
      const key = anchorKey(list, item.index);
      const before = previous?.anchors?.get(key);
      const tracked = before && (change && window ? trackAnchor(before, change, normalizedQuote(item), window) : before);
      const local = !tracked && before && change ? reanchorNearby(text, before, change, item) : undefined;
      if (tracked ?? local) results.set(key, (tracked ?? local)!);
      else pending.push({ key, item, hint: before && change ? hintAfter(before, change) : undefined });
    }
  }
  if (pending.length === 0) return results;
  const article = normalized();
  const quotes = pending.map((p) => normalizedQuote(p.item));
  const occurrences = findAllOccurrences(article.text, quotes);
  pending.forEach((p, i) => results.set(p.key, findAnchor(article, p.item, p.hint, occurrences.get(quotes[i]!))));
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
