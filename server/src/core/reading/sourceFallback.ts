// Quotes written by hand against a Markdown article's source
// (`**most** of the valley`): not found as such in the reading text, they are
// looked for in the source, and found there exactly they anchor at the
// reading text of that place. The source searches are kept with the analysis
// and carried through the next edit the way reading-text anchors are (see
// tracking.ts), so a keystroke does not normalize the whole source again.
import { findAnchor, type AnchorResult } from '../anchor';
import { ANCHOR_LISTS, type AnchorResults } from '../anchorAll';
import type { Anchor, AnchorList, Sidecar } from '../model';
import { normalizeWithMap, type NormalizedText } from '../normalize';
import { changedRegion, changeWindow, longestWatch, trackAnchor, type ChangeWindow, type TextChange } from '../tracking';
import type { ArticleReading } from './readingText';

/** The searches of the source made for one version: by list, the item's index → its result in source offsets. */
export interface SourceAnchors {
  readonly source: string;
  readonly results: Readonly<Record<AnchorList, ReadonlyMap<number, AnchorResult>>>;
}

export interface WithSourceFallback {
  readonly anchors: AnchorResults;
  /** Kept for the next edit of the same article with the same sidecar. */
  readonly sourceAnchors?: SourceAnchors;
}

/** Characters of Markdown markup: a quote with one of them may have been copied from the source. */
const MARKUP = /[*_`~[\]<>&\\]/;
const LISTS = ANCHOR_LISTS;

/**
 * The anchors with each quote that has markup and is orphaned or drifted in
 * the reading text replaced by where it is found in the source, if it is.
 * `previous`: the source searches of an earlier version with the same sidecar.
 */
export function withSourceFallback(anchors: AnchorResults, sidecar: Sidecar, reading: ArticleReading | undefined, previous?: SourceAnchors): WithSourceFallback {
  if (!reading) return { anchors };
  const search = new SourceSearch(reading.source, previous);
  let replaced: Record<AnchorList, AnchorResult[]> | undefined;
  for (const list of LISTS) {
    const items: readonly Anchor[] = sidecar[list];
    anchors[list].forEach((result, at) => {
      const item = items[at];
      if (!item || (result.status !== 'orphaned' && result.status !== 'drifted') || !MARKUP.test(item.quote)) return;
      const found = search.anchor(list, at, item);
      if (found.status !== 'found') return;
      replaced ??= { claims: anchors.claims.slice(), mentions: anchors.mentions.slice(), notes: anchors.notes.slice() };
      replaced[list][at] = { status: 'found', span: { start: reading.toReading(found.span.start), end: reading.toReading(found.span.end) } };
    });
  }
  return { anchors: replaced ?? anchors, sourceAnchors: search.kept() };
}

/** One version's searches of the source: tracked from the previous version's where the edit allows, else searched. */
class SourceSearch {
  private readonly results: Record<AnchorList, Map<number, AnchorResult>> = { claims: new Map(), mentions: new Map(), notes: new Map() };
  private readonly change: TextChange | undefined;
  private normalized?: NormalizedText;
  private window?: ChangeWindow;

  constructor(
    private readonly source: string,
    private readonly previous: SourceAnchors | undefined,
  ) {
    this.change = previous && changedRegion(previous.source, source);
  }

  anchor(list: AnchorList, at: number, item: Anchor): AnchorResult {
    const result = this.tracked(list, at) ?? findAnchor((this.normalized ??= normalizeWithMap(this.source)), item);
    this.results[list].set(at, result);
    return result;
  }

  kept(): SourceAnchors | undefined {
    return LISTS.some((list) => this.results[list].size > 0) ? { source: this.source, results: this.results } : undefined;
  }

  private tracked(list: AnchorList, at: number): AnchorResult | undefined {
    const before = this.previous?.results[list].get(at);
    if (!before || !this.change) return before;
    const change = this.change;
    return trackAnchor(before, change, this.source.length, () => (this.window ??= changeWindow(this.source, change, longestWatched(this.previous!))));
  }
}

const longestWatches = new WeakMap<SourceAnchors, number>();

function longestWatched(anchors: SourceAnchors): number {
  let longest = longestWatches.get(anchors);
  if (longest === undefined) longestWatches.set(anchors, (longest = Math.max(...LISTS.map((list) => longestWatch(anchors.results[list].values())))));
  return longest;
}
