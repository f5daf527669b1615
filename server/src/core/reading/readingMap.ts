// The reading text of a piece of Markdown and its map back to the source.
// The map is a list of segments, in order on both sides: a copy segment
// maps each reading character to one source character (a soft line break
// read as a space is a copy too: one character for one); a put segment is
// text that stands for a source range of another length (a decoded
// character reference, the blank line between two blocks, which stands for
// nothing). Markup is the gaps between segments: it has no reading text.

/** A run of reading text and the source it stands for (offsets relative to its piece). */
export interface Segments {
  readonly readingStart: readonly number[];
  readonly readingLength: readonly number[];
  readonly sourceStart: readonly number[];
  readonly sourceLength: readonly number[];
  readonly copied: readonly boolean[];
}

export interface PieceReading {
  readonly text: string;
  readonly segments: Segments;
  /** Reading spans where names are not searched (code spans, URLs shown as text), as start/end pairs. */
  readonly unsearchable: readonly number[];
}

export class ReadingBuilder {
  private readonly parts: string[] = [];
  private readonly unsearchable: number[] = [];
  private readonly segments = { readingStart: [] as number[], readingLength: [] as number[], sourceStart: [] as number[], sourceLength: [] as number[], copied: [] as boolean[] };
  length = 0;

  /** Reading text that is the source's own characters, one for one (`text` may differ: a line break read as a space). */
  copy(text: string, sourceFrom: number): void {
    if (text.length === 0) return;
    const s = this.segments;
    const last = s.readingStart.length - 1;
    if (last >= 0 && s.copied[last] && s.readingStart[last]! + s.readingLength[last]! === this.length && s.sourceStart[last]! + s.sourceLength[last]! === sourceFrom) {
      s.readingLength[last] = s.readingLength[last]! + text.length;
      s.sourceLength[last] = s.sourceLength[last]! + text.length;
    } else this.push(this.length, text.length, sourceFrom, text.length, true);
    this.parts.push(text);
    this.length += text.length;
  }

  /** Reading text standing for the source range [sourceFrom, sourceTo), of whatever length. */
  put(text: string, sourceFrom: number, sourceTo: number): void {
    if (text.length === 0) return;
    this.push(this.length, text.length, sourceFrom, sourceTo - sourceFrom, false);
    this.parts.push(text);
    this.length += text.length;
  }

  markUnsearchable(start: number, end: number): void {
    if (end > start) this.unsearchable.push(start, end);
  }

  /** Drops the spaces and tabs that end the text, when copied from the source (a heading's last space before its closing marks). */
  trimEnd(): void {
    const s = this.segments;
    for (let last = this.parts.length - 1; last >= 0; last = this.parts.length - 1) {
      const part = this.parts[last]!;
      const kept = part.slice(0, endWithoutSpaces(part));
      const segment = s.readingStart.length - 1;
      if (kept.length === part.length || !s.copied[segment]) return;
      const cut = part.length - kept.length;
      this.parts[last] = kept;
      this.length -= cut;
      s.readingLength[segment] = s.readingLength[segment]! - cut;
      s.sourceLength[segment] = s.sourceLength[segment]! - cut;
      if (kept.length > 0) return;
      this.parts.pop();
      if (s.readingLength[segment] === 0) for (const list of [s.readingStart, s.readingLength, s.sourceStart, s.sourceLength, s.copied]) list.pop();
    }
  }

  build(): PieceReading {
    return { text: this.parts.join(''), segments: this.segments, unsearchable: this.unsearchable };
  }

  private push(readingStart: number, readingLength: number, sourceStart: number, sourceLength: number, copied: boolean): void {
    const s = this.segments;
    s.readingStart.push(readingStart);
    s.readingLength.push(readingLength);
    s.sourceStart.push(sourceStart);
    s.sourceLength.push(sourceLength);
    s.copied.push(copied);
  }
}

/** Index of the last entry of a sorted list that is at most `value` (-1 when none). */
export function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! <= value) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** The source offset where the reading character at `offset` comes from (past the end: where the piece's source ends). */
export function sourceOfStart(s: Segments, offset: number): number {
  const i = lastAtOrBefore(s.readingStart, offset);
  if (i < 0) return 0;
  const within = offset - s.readingStart[i]!;
  if (within < s.readingLength[i]!) return s.copied[i] ? s.sourceStart[i]! + within : s.sourceStart[i]!;
  return s.sourceStart[i]! + s.sourceLength[i]!;
}

/** The source offset just after the reading character before `offset`: where a span ending at `offset` ends. */
export function sourceOfEnd(s: Segments, offset: number): number {
  if (offset <= 0) return sourceOfStart(s, 0);
  const i = lastAtOrBefore(s.readingStart, offset - 1);
  if (i < 0) return 0;
  const within = offset - 1 - s.readingStart[i]!;
  if (within < s.readingLength[i]! && s.copied[i]) return s.sourceStart[i]! + within + 1;
  return s.sourceStart[i]! + s.sourceLength[i]!;
}

/** Whether a source offset lies strictly inside markup (not at its edges): it reads as nothing. */
export function insideMarkup(s: Segments, offset: number, pieceLength: number): boolean {
  const i = lastAtOrBefore(s.sourceStart, offset);
  const gapStart = i < 0 ? 0 : s.sourceStart[i]! + s.sourceLength[i]!;
  const gapEnd = i + 1 < s.sourceStart.length ? s.sourceStart[i + 1]! : pieceLength;
  return offset > gapStart && offset < gapEnd;
}

/** The reading offset of a source offset; inside markup, the reading offset where the markup sits. */
export function readingOf(s: Segments, offset: number): number {
  const i = lastAtOrBefore(s.sourceStart, offset);
  if (i < 0) return 0;
  const within = offset - s.sourceStart[i]!;
  if (within < s.sourceLength[i]!) return s.copied[i] ? s.readingStart[i]! + within : within === 0 ? s.readingStart[i]! : s.readingStart[i]! + s.readingLength[i]!;
  return s.readingStart[i]! + s.readingLength[i]!;
}

/**
 * Where a text's trailing spaces and tabs start, read backwards from its end
 * (the regular expression /[ \t]+$/ tries every run from its start: a run of
 * 50,000 spaces inside a line cost it a second).
 */
function endWithoutSpaces(text: string): number {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return end;
}
