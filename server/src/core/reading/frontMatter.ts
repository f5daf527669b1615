// Front matter: the metadata block at the very top of a site's Markdown page,
// YAML between `---` lines (closed by `---` or `...`) or TOML between `+++`
// lines, as Hugo, Jekyll, Astro and MkDocs write it. Only what a page shows is
// read from it: the title (the page's headline), the date and the author, as
// single-line values. Keys and every other value are not prose.
import type { Span } from '../model';

export interface FrontMatterValue {
  readonly value: string;
  /** Where the value's text is in the source (inside its quotes). */
  readonly span: Span;
}

export interface FrontMatter {
  /** Source offset after the closing line: where the body starts (0 when there is no front matter). */
  readonly end: number;
  readonly title?: FrontMatterValue;
  readonly date?: FrontMatterValue;
  readonly author?: FrontMatterValue;
}

const FIELDS = ['title', 'date', 'author'] as const;
type Field = (typeof FIELDS)[number];

const NONE: FrontMatter = { end: 0 };

/** The front matter at the start of `source`; unclosed, it is not front matter (as in CommonMark with the front-matter extension). */
export function frontMatterOf(source: string): FrontMatter {
  const bom = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  // A byte-order mark is not text: the body starts after it, front matter or not.
  const none: FrontMatter = bom ? { end: bom } : NONE;
  const open = /^(---|\+\+\+)[ \t]*\r?\n/.exec(source.slice(bom, bom + 8));
  if (!open) return none;
  const toml = open[1] === '+++';
  const closing = toml ? /^\+\+\+[ \t]*$/ : /^(---|\.\.\.)[ \t]*$/;
  const fields: Partial<Record<Field, FrontMatterValue>> = {};
  let at = bom + open[0].length;
  while (at < source.length) {
    const newline = source.indexOf('\n', at);
    const lineEnd = newline < 0 ? source.length : newline;
    const line = source.slice(at, lineEnd).replace(/\r$/, '');
    if (closing.test(line)) return { end: newline < 0 ? source.length : newline + 1, ...fields };
    readField(line, at, toml, fields);
    at = lineEnd + 1;
  }
  return none;
}

const YAML_FIELD = /^(title|date|author)[ \t]*:[ \t]*/;
const TOML_FIELD = /^(title|date|author)[ \t]*=[ \t]*/;

/** A top-level `key: value` (YAML) or `key = value` (TOML) line of one of the fields read. */
function readField(line: string, lineStart: number, toml: boolean, fields: Partial<Record<Field, FrontMatterValue>>): void {
  const match = (toml ? TOML_FIELD : YAML_FIELD).exec(line);
  if (!match) return;
  const key = match[1] as Field;
  if (fields[key]) return;
  const value = scalarIn(line, match[0].length);
  if (value && value.end > value.start) fields[key] = { value: line.slice(value.start, value.end), span: { start: lineStart + value.start, end: lineStart + value.end } };
}

/** The text of a one-line scalar: inside its quotes, or plain up to a comment. */
function scalarIn(line: string, from: number): Span | undefined {
  const quote = line[from];
  if (quote === '"' || quote === "'") {
    const close = line.indexOf(quote, from + 1);
    return close < 0 ? undefined : { start: from + 1, end: close };
  }
  const comment = line.search(/[ \t]#/);
  let end = comment >= from ? comment : line.length;
  while (end > from && /\s/.test(line[end - 1]!)) end--;
  return { start: from, end };
}
