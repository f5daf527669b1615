// The Markdown benchmark corpus: the generated article of corpus.ts (same
// paragraphs, numbered sentences, synthetic people) dressed as a site keeps
// it: front matter, a title, section headings, bold and emphasis, links with
// titles, block quotes, list items, code spans and fenced code blocks. The
// quotes of its sidecar are reading text, as annotating it would write them.
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { GFM, parser } from '@lezer/markdown';
import { parse } from 'yaml';
import { article, people, writeCorpusFiles, type Corpus, type GeneratedArticle, type Person } from './corpus';

const markdown = parser.configure(GFM);

/** Markup adds about this share of the characters: the plain article is made smaller by it. */
const MARKUP_SHARE = 0.1;

export function markdownArticle(bytes: number, cast: readonly Person[], seed = 1): GeneratedArticle {
  const plain = article(Math.round(bytes * (1 - MARKUP_SHARE)), cast, seed);
  const lines = ['---', 'title: "A generated long read"', 'date: 2021-09-10', 'author: Bench Writer', 'tags: [generated, benchmark]', '---', ''];
  plain.text
    .trim()
    .split('\n\n')
    .forEach((paragraph, i) => {
      if (i % 12 === 0) lines.push(`## Part ${i / 12 + 1}`, '');
      lines.push(...dressed(paragraph, i), '');
    });
  return { text: lines.join('\n'), quotes: plain.quotes };
}

/** One paragraph as Markdown: the kind of block and the inline markup vary with its index. */
function dressed(paragraph: string, i: number): string[] {
  const text = paragraph.replace(/^(\S+)/, '**$1**').replace(' the ', ' *the* ');
  switch (i % 10) {
    case 3:
      return [`> ${text}`];
    case 5:
      return [`- ${text}`, `- See \`record-${i}\` and [the record](https://example.org/records/${i} "Record ${i}").`];
    case 7:
      return [text, '', '```js', `const record = load(${i});`, 'console.log(record.title);', '```'];
    case 8:
      return [`${text} Read [the full record](https://example.org/records/${i}) or <https://example.org/r/${i}>.`];
    default:
      return [text];
  }
}

export type MarkdownCorpus = Corpus;

export function writeMarkdownCorpus(root: string, name: string, bytes: number, castSize: number, aliasesEach: number, claims: number): MarkdownCorpus {
  const cast = people(castSize, aliasesEach);
  return writeCorpusFiles(root, name, 'article.md', cast, markdownArticle(bytes, cast), claims);
}

/** The floor of a Markdown article: the text floor (read, yaml, one regex pass) and one parse of the whole article. */
export function markdownFloor(corpus: MarkdownCorpus, runs = 3): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const text = fs.readFileSync(corpus.articlePath, 'utf8');
    parse(fs.readFileSync(corpus.sidecarPath, 'utf8'));
    let words = 0;
    for (const _ of text.matchAll(/[\p{L}\p{N}]+/gu)) words++;
    if (markdown.parse(text).length < 0 || words < 0) throw new Error('unreachable');
    min = Math.min(min, performance.now() - start);
  }
  return min;
}
