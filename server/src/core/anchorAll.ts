// Anchors every annotation of a sidecar in an article: tracked from the
// previous analysis where the edit cannot have changed the result (see
// tracking.ts), and the rest searched together, with one pass over the text
// for all their quotes. Tracked or searched, each result equals what a fresh
// analysis of the same text finds.
import { findAnchor, seedPiecesOf, type AnchorResult } from './anchor';
import { searchEach, type PieceOccurrences } from './fuzzyAnchor';
import type { Anchor, AnchorList, Sidecar } from './model';
import { normalizeString, type NormalizedText } from './normalize';
import { findAllOccurrences } from './quoteIndex';
import { changedRegion, changeWindow, longestWatch, trackAnchor, type ChangeWindow, type TextChange } from './tracking';

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
}

/** The sidecar's lists of anchored annotations, in the order results are kept. */
export const ANCHOR_LISTS: readonly AnchorList[] = ['claims', 'mentions', 'notes'];
const LISTS = ANCHOR_LISTS;

/** `normalized` is only computed when something must be searched. */
export function anchorAnnotations(text: string, normalized: () => NormalizedText, sidecar: Sidecar, previous?: PreviousAnchors, change = previous && changedRegion(previous.articleText, text)): AnchorResults {
  const results: Record<AnchorList, AnchorResult[]> = { claims: [], mentions: [], notes: [] };
  const pending: Pending[] = [];
  let window: ChangeWindow | undefined;
  const windowAround = (edit: TextChange) => (): ChangeWindow => (window ??= changeWindow(text, edit, longestWatched(previous?.anchors)));
  for (const list of LISTS) {
    const items: readonly Anchor[] = sidecar[list];
    const listResults = results[list];
    const previousResults = previous?.anchors?.[list];
    for (let at = 0; at < items.length; at++) {
      const item = items[at]!;
      const before = previousResults?.[at];
      const tracked = before && (change ? trackAnchor(before, change, text.length, windowAround(change)) : before);
      if (tracked) listResults.push(tracked);
      else {
        listResults.push({ status: 'orphaned' });
        pending.push({ results: listResults, at, item });
      }
    }
  }
  if (pending.length === 0) return results;
  const article = normalized();
  const quotes = pending.map((p) => normalizedQuote(p.item));
  const occurrences = findAllOccurrences(article.text, quotes);
  // The quotes not in the text are looked for approximately: their seed pieces are found together too.
  const approximate = pending.filter((_, i) => occurrences.get(quotes[i]!)?.starts.length === 0);
  const pieces = piecesLookup(article.text, approximate.flatMap((p) => seedPiecesOf(p.item)));
  pending.forEach((p, i) => (p.results[p.at] = findAnchor(article, p.item, undefined, occurrences.get(quotes[i]!), pieces)));
  return results;
}

/** The occurrences of every piece, found in one pass; a piece not asked for is searched alone. */
function piecesLookup(text: string, pieces: readonly string[]): PieceOccurrences | undefined {
  if (pieces.length === 0) return undefined;
  const found = findAllOccurrences(text, pieces);
  const alone = searchEach(text);
  return (piece, limit) => {
    const starts = found.get(piece)?.starts;
    return starts ? starts.slice(0, limit) : alone(piece, limit);
  };
}

const normalizedQuotes = new WeakMap<Anchor, string>();

/** An annotation's quote, normalized once per parsed sidecar. */
function normalizedQuote(item: Anchor): string {
  let quote = normalizedQuotes.get(item);
  if (quote === undefined) normalizedQuotes.set(item, (quote = normalizeString(item.quote).trim()));
  return quote;
}

const longestWatches = new WeakMap<AnchorResults, number>();

/** The longest string any result watches: how far from an edit an occurrence overlapping it can start. */
function longestWatched(results: AnchorResults | undefined): number {
  if (!results) return 0;
  let longest = longestWatches.get(results);
  if (longest !== undefined) return longest;
  longest = Math.max(...LISTS.map((list) => longestWatch(results[list])));
  longestWatches.set(results, longest);
  return longest;
}
