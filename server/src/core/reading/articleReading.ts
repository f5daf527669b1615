// Where the analysis meets the reading text of a Markdown article: which
// articles are read as Markdown, the names not searched (code, URLs shown as
// text), and the line index that turns reading offsets into the source's lines and columns.
import { LineIndex, type Position, type Range } from '../lineIndex';
import { LIMITS, limitMessage } from '../limits';
import type { Finding } from '../model';
import type { NameMatch } from '../nameMatcher';
import type { ArticleReading } from './readingText';

export function isMarkdownPath(filePath: string): boolean {
  return /\.(md|markdown)$/i.test(filePath);
}

/** The name matches outside code spans and URLs shown as text (the same list when none is inside). */
export function searchableMatches(matches: readonly NameMatch[], reading: ArticleReading | undefined): readonly NameMatch[] {
  if (!reading) return matches;
  const kept = matches.filter((m) => !reading.isUnsearchable(m.span.start));
  return kept.length === matches.length ? matches : kept;
}

/** Said once per article: the pieces of a Markdown article read as written because a block in them is over the inline budget. */
export function readingFindings(reading: ArticleReading | undefined): Finding[] {
  const skipped = reading?.inlineSkipped;
  if (!skipped) return [];
  const what = `${skipped.pieces === 1 ? 'a part' : `${skipped.pieces.toLocaleString('en-US')} parts`} of the article (from here) ${skipped.pieces === 1 ? 'is' : 'are'} read as written: emphasis, links and code spans are not taken apart there, and names in their URLs are searched.`;
  return [{ file: 'article', span: skipped.span, severity: 'warning', code: 'limit-exceeded', message: limitMessage(LIMITS.markdownInlineChars, what) }];
}

/** Lines and columns of the Markdown source, for offsets in the reading text. */
export class ReadingLines extends LineIndex {
  constructor(private readonly reading: ArticleReading) {
    super(reading.source);
  }

  override positionAt(offset: number): Position {
    return super.positionAt(this.reading.toSource(offset));
  }

  /** Inside markup (a link's URL, a code block, the front matter's keys) a position is at no reading offset: -1, where nothing is found. */
  override offsetAt(position: Position): number {
    const offset = super.offsetAt(position);
    return this.reading.isMarkup(offset) ? -1 : this.reading.toReading(offset);
  }

  /** A span covers the source from its first character to its last, with the markup between them. */
  override rangeOf(span: { start: number; end: number }): Range {
    const start = this.reading.toSource(span.start);
    const end = span.end > span.start ? Math.max(start, this.reading.toSourceEnd(span.end)) : start;
    return { start: super.positionAt(start), end: super.positionAt(end) };
  }
}
