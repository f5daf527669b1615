// Builds an edit corpus from the samples: the article is edited at random
// (insertions, deletions, typo fixes, moved and rewritten sentences) while
// the true place of every annotation is carried through each edit, so an
// anchoring can be judged right, drifted-but-right, wrong or orphaned.
import type { Span } from '../server/src/core/model';

export interface TrackedAnnotation {
  readonly quote: string;
  readonly prefix: string;
  readonly suffix: string;
  /** Where the quote was before the edits (a position hint, as Hypothesis keeps). */
  readonly originalStart: number;
  /** Where it is after the edits; undefined when the edits removed most of it. */
  truth: Span | undefined;
}

export interface EditedArticle {
  readonly text: string;
  readonly annotations: TrackedAnnotation[];
}

/** A deterministic generator (mulberry32), so every run measures the same corpus. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILLER = ['reportedly', 'also', 'still', 'now', 'again', 'allegedly', 'however', 'in fact', 'later', 'once'];

class Editor {
  constructor(
    public text: string,
    readonly annotations: TrackedAnnotation[],
    readonly random: () => number,
  ) {}

  /** Replaces text[start, end) and maps every annotation's true span through it. */
  replace(start: number, end: number, insert: string): void {
    this.text = this.text.slice(0, start) + insert + this.text.slice(end);
    const delta = insert.length - (end - start);
    for (const a of this.annotations) {
      if (!a.truth) continue;
      // A span's start stays before text inserted at it; its end does not grow over text inserted at it.
      const map = (p: number, isEnd: boolean): number => {
        if (isEnd ? p <= start : p < start) return p;
        if (p >= end) return p + delta;
        return isEnd ? start + insert.length : start;
      };
      const original = a.quote.length;
      const next = { start: map(a.truth.start, false), end: map(a.truth.end, true) };
      a.truth = next.end - next.start >= original * 0.5 ? next : undefined;
    }
  }

  words(): Span[] {
    return [...this.text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  }

  sentences(): Span[] {
    return [...this.text.matchAll(/[^.!?\n]{20,}[.!?]/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  }

  pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[Math.floor(this.random() * items.length)];
  }

  insertWord(): void {
    const word = this.pick(this.words());
    if (word) this.replace(word.start, word.start, `${this.pick(FILLER)} `);
  }

  deleteWord(): void {
    const word = this.pick(this.words());
    if (word) this.replace(word.start, Math.min(this.text.length, word.end + 1), '');
  }

  /** A typo fixed or introduced: one character substituted, dropped or doubled. */
  typo(): void {
    const word = this.pick(this.words().filter((w) => w.end - w.start >= 4));
    if (!word) return;
    const at = word.start + 1 + Math.floor(this.random() * (word.end - word.start - 2));
    const kind = Math.floor(this.random() * 3);
    if (kind === 0) this.replace(at, at + 1, String.fromCharCode(97 + Math.floor(this.random() * 26)));
    else if (kind === 1) this.replace(at, at + 1, '');
    else this.replace(at, at, this.text[at]!);
  }

  /** A sentence cut and pasted elsewhere; the annotations inside it move with it. */
  moveSentence(): void {
    const sentence = this.pick(this.sentences());
    const target = this.pick(this.sentences());
    if (!sentence || !target || (target.start >= sentence.start && target.start <= sentence.end)) return;
    const moved = this.text.slice(sentence.start, sentence.end);
    const inside = this.annotations.filter((a) => a.truth && a.truth.start >= sentence.start && a.truth.end <= sentence.end);
    const offsets = inside.map((a) => ({ a, start: a.truth!.start - sentence.start, end: a.truth!.end - sentence.start }));
    this.replace(sentence.start, sentence.end, '');
    const at = target.start > sentence.start ? target.start - moved.length : target.start;
    this.replace(at, at, `${moved} `);
    for (const { a, start, end } of offsets) a.truth = { start: at + start, end: at + end };
  }

  /** A sentence rewritten: about half of its words replaced. */
  rewriteSentence(): void {
    const sentence = this.pick(this.sentences());
    if (!sentence) return;
    const words = this.words().filter((w) => w.start >= sentence.start && w.end <= sentence.end);
    for (const word of words.reverse()) if (this.random() < 0.5) this.replace(word.start, word.end, this.pick(FILLER)!);
  }
}

/** The article edited at `rate` (edits per word), with the annotations' true places. */
export function editArticle(text: string, quotes: readonly Span[], rate: number, random: () => number): EditedArticle {
  const annotations = quotes.map((span) => ({
    quote: text.slice(span.start, span.end),
    prefix: text.slice(Math.max(0, span.start - 32), span.start),
    suffix: text.slice(span.end, span.end + 32),
    originalStart: span.start,
    truth: span as Span | undefined,
  }));
  const editor = new Editor(text, annotations, random);
  const edits = Math.round(editor.words().length * rate);
  const operations = [() => editor.insertWord(), () => editor.deleteWord(), () => editor.typo(), () => editor.typo(), () => editor.moveSentence(), () => editor.rewriteSentence()];
  for (let i = 0; i < edits; i++) editor.pick(operations)!();
  return { text: editor.text, annotations };
}
