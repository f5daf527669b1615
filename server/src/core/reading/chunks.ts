// Where a Markdown document can be cut into pieces that parse alone exactly
// as they parse together: so that a keystroke re-parses only the piece it
// falls in. A cut is made before a line that follows a blank line and starts
// with a character other than white space. There, every container has ended
// (a blank line ends a block quote and a paragraph; a line not indented ends
// a list item, an indented code block, and a fence opened inside a list
// item or a block quote), except what spans blank lines at the top level: a
// fenced code block, and the HTML blocks that end at a marker (`<script>`,
// `<pre>`, `<style>`, `<textarea>`, comments, `<?…?>`, `<!X…>`, CDATA). The
// scan follows those, line by line. Reference definitions are the one thing
// that reaches across pieces; readingText.ts gives every piece the whole
// document's set. Pieces are at least a couple of kilobytes (a cut is
// skipped while the piece is shorter): what a keystroke re-reads stays
// small, and an article of one-line paragraphs is not a hundred thousand
// pieces to keep in step.

/** Shortest piece: a cut closer than this to the previous one is not made. */
export const MIN_PIECE_CHARS = 2_000;

type Open = { readonly kind: 'fence'; readonly char: string; readonly length: number } | { readonly kind: 'html'; readonly end: RegExp };

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*\r?$/;
const HTML_STARTS: readonly { readonly start: RegExp; readonly end: RegExp }[] = [
  { start: /^ {0,3}<(script|pre|style|textarea)(\s|>|$)/i, end: /<\/(script|pre|style|textarea)>/i },
  { start: /^ {0,3}<!--/, end: /-->/ },
  { start: /^ {0,3}<\?/, end: /\?>/ },
  { start: /^ {0,3}<![A-Za-z]/, end: />/ },
  { start: /^ {0,3}<!\[CDATA\[/, end: /\]\]>/ },
];

/**
 * The offset of the next cut after `from` (a cut itself, or the start of the
 * body), or the text's length when there is none.
 */
export function nextCut(text: string, from: number, minChars = MIN_PIECE_CHARS): number {
  let open: Open | undefined;
  let previousBlank = false;
  let at = from;
  while (at < text.length) {
    const newline = text.indexOf('\n', at);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(at, end);
    const blank = isBlank(line);
    if (at > from && at - from >= minChars && !open && previousBlank && !blank && !isSpace(line.charCodeAt(0))) return at;
    open = open ? stillOpen(open, line) : opened(line);
    previousBlank = blank;
    at = end + 1;
  }
  return text.length;
}

/** The cuts of `text` from `from` on: the start of every piece. */
export function cutsFrom(text: string, from: number, minChars = MIN_PIECE_CHARS): number[] {
  const cuts: number[] = [];
  for (let at = from; at < text.length; at = nextCut(text, at, minChars)) cuts.push(at);
  return cuts;
}

function opened(line: string): Open | undefined {
  const fence = FENCE_OPEN.exec(line);
  if (fence && !(fence[1]![0] === '`' && fence[2]!.includes('`'))) return { kind: 'fence', char: fence[1]![0]!, length: fence[1]!.length };
  for (const html of HTML_STARTS) {
    const start = html.start.exec(line);
    if (start && !html.end.test(line.slice(start[0].length))) return { kind: 'html', end: html.end };
  }
  return undefined;
}

function stillOpen(open: Open, line: string): Open | undefined {
  if (open.kind === 'html') return open.end.test(line) ? undefined : open;
  const close = FENCE_CLOSE.exec(line);
  return close && close[1]![0] === open.char && close[1]!.length >= open.length ? undefined : open;
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (!isSpace(line.charCodeAt(i))) return false;
  return true;
}

/** Space, tab, carriage return (a CRLF line's last character). */
function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 13;
}
