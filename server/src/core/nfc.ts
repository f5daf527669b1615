// Unicode NFC for long texts, with a map back to the original offsets.
// Most texts are NFC already, and one read shows it: only characters that can
// change under NFC (a mark that composes with the character before it, a
// Hangul jamo, a character NFC replaces) are looked at more closely, and
// every character below U+0300 is stable. A text that is not NFC is composed
// a cluster at a time (a character with the marks that follow it), checking
// stretches of a few thousand characters with one native call each.

const STABLE = 1;
/** NFC replaces the character, even alone. */
const CHANGES = 2;
/** The character can compose with the one before it (a mark, a Hangul vowel or final jamo). */
const FOLLOWER = 3;

/** NFC classes of BMP characters (0: not yet looked at), each worked out on first sight. */
const bmpClasses = new Uint8Array(0x10000);
/** Astral blocks of 256 code points (0: not yet): STABLE when no character in the block can change (emoji, most scripts). */
const astralBlocks = new Uint8Array(0x1100);
const COMBINING = /^\p{M}$/u;

function classify(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if ((cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11a8 && cp <= 0x11c2) || COMBINING.test(ch)) return FOLLOWER;
  return ch.normalize('NFC') === ch ? STABLE : CHANGES;
}

/** The NFC class of a code point. */
function nfcClass(cp: number): number {
  if (cp < 0x300) return STABLE;
  if (cp <= 0xffff) return bmpClasses[cp] || (bmpClasses[cp] = classify(cp));
  const block = cp >> 8;
  if (astralBlocks[block] === 0) astralBlocks[block] = blockIsStable(block) ? STABLE : CHANGES;
  return astralBlocks[block] === STABLE ? STABLE : classify(cp);
}

function blockIsStable(block: number): boolean {
  for (let cp = block << 8; cp < (block + 1) << 8; cp++) if (classify(cp) !== STABLE) return false;
  return true;
}

/**
 * Whether a text may differ from its NFC form: it has a character that
 * composes with the one before it, or that NFC replaces. A Latin text is
 * read once and nothing more.
 */
export function mayChangeUnderNfc(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x300) continue;
    const cp = code >= 0xd800 && code <= 0xdbff ? text.codePointAt(i)! : code;
    if (nfcClass(cp) !== STABLE) return true;
    if (cp > 0xffff) i++;
  }
  return false;
}

/** Stretches of text checked for NFC at once; one that changes is composed cluster by cluster. */
const NFC_CHUNK = 4096;

/**
 * The NFC form of a text with, for each of its units, the original offset it
 * comes from; undefined when the text is NFC already. A cluster (a character
 * and the marks or jamo that follow it) composes on its own, so stretches of
 * about NFC_CHUNK units ending at a cluster boundary are checked with one
 * native call, and only a stretch that changes is composed cluster by
 * cluster. In a cluster that changes, the first unit of its NFC form maps to
 * the cluster's start and the others to its end: a span can then hold a whole
 * cluster or none of it, never half a character.
 */
export function composeWithMap(original: string): { text: string; starts: Int32Array } | undefined {
  const out = new ComposedText(original.length);
  let changed = false;
  for (let from = 0; from < original.length; ) {
    const to = clusterBoundaryAfter(original, Math.min(original.length, from + NFC_CHUNK));
    const chunk = original.slice(from, to);
    if (chunk.normalize('NFC') === chunk) out.copy(original, from, to);
    else {
      composeClusters(original, from, to, out);
      changed = true;
    }
    from = to;
  }
  return changed ? out.finish(original.length) : undefined;
}

/** The first cluster boundary at or after `at`: not inside a surrogate pair, and not before a mark or jamo that joins the character before. */
function clusterBoundaryAfter(text: string, at: number): number {
  let i = at;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const low = cp >= 0xdc00 && cp <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff;
    if (!low && nfcClass(cp) !== FOLLOWER) return i;
    i += cp > 0xffff ? 2 : 1;
  }
  return text.length;
}

/** Composes the clusters of [from, to): unchanged runs are copied, changed clusters replaced. */
function composeClusters(text: string, from: number, to: number, out: ComposedText): void {
  let copied = from;
  for (let start = from; start < to; ) {
    const first = text.codePointAt(start)!;
    const end = clusterBoundaryAfter(text, start + (first > 0xffff ? 2 : 1));
    if (first >= 0x300 || end - start > 1) {
      const cluster = text.slice(start, end);
      const nfc = cluster.normalize('NFC');
      if (nfc !== cluster) {
        out.copy(text, copied, start);
        out.replace(start, end, nfc);
        copied = end;
      }
    }
    start = end;
  }
  out.copy(text, copied, to);
}

/** The composed text as it is built, with its map to the original. */
class ComposedText {
  private readonly parts: string[] = [];
  private starts: Int32Array;
  private length = 0;

  constructor(originalLength: number) {
    this.starts = new Int32Array(originalLength + 1);
  }

  /** Original [from, to), unit for unit. */
  copy(original: string, from: number, to: number): void {
    if (from >= to) return;
    this.parts.push(original.slice(from, to));
    this.reserve(to - from);
    for (let i = from; i < to; i++) this.starts[this.length++] = i;
  }

  /** Original [start, end) composed into `nfc`. */
  replace(start: number, end: number, nfc: string): void {
    this.parts.push(nfc);
    this.reserve(nfc.length);
    this.starts[this.length++] = start;
    for (let k = 1; k < nfc.length; k++) this.starts[this.length++] = end;
  }

  finish(originalLength: number): { text: string; starts: Int32Array } {
    this.reserve(1);
    this.starts[this.length] = originalLength;
    return { text: this.parts.join(''), starts: this.starts.subarray(0, this.length + 1) };
  }

  /** Room for `more` units and the final entry (NFC rarely lengthens a text, but can). */
  private reserve(more: number): void {
    if (this.length + more + 1 <= this.starts.length) return;
    const grown = new Int32Array(Math.max(this.starts.length * 2, this.length + more + 1));
    grown.set(this.starts.subarray(0, this.length));
    this.starts = grown;
  }
}
