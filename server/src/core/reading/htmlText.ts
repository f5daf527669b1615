// The text a reader sees in a raw HTML block: the tags, their attributes,
// comments and the content of `<script>` and `<style>` are skipped; a block
// tag (`<p>`, `<div>`, `<li>`, `<td>`…) between two runs of text separates
// them as two blocks. Character references are decoded. One pass with
// `indexOf`: an unclosed tag or comment ends the text, it is never searched
// for again.
import { decodeHTML } from 'entities';
import type { ReadingBuilder } from './readingMap';

const BLOCK_TAGS = /^<\/?(p|div|li|ul|ol|h[1-6]|table|tr|td|th|thead|tbody|blockquote|section|article|header|footer|aside|figure|figcaption|br|hr|dl|dt|dd|pre|details|summary|nav|main)\b/i;
const RAW_CONTENT = /^<(script|style)\b/i;
const SCRIPT_CLOSE = /<\/script/gi;
const STYLE_CLOSE = /<\/style/gi;
const ENTITY = /&(#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][A-Za-z\d]{0,31});/g;

export function htmlBlockText(text: string, from: number, to: number, out: ReadingBuilder): void {
  let at = from;
  let pendingBreak = false;
  const startLength = out.length;
  while (at < to) {
    const open = text.indexOf('<', at);
    const textEnd = open < 0 || open >= to ? to : open;
    if (/\S/.test(text.slice(at, textEnd))) {
      let start = at;
      if (pendingBreak || out.length === startLength) while (/\s/.test(text[start]!)) start++;
      if (pendingBreak && out.length > startLength) out.put('\n\n', start, start);
      pendingBreak = false;
      readHtmlText(text, start, textEnd, out);
    }
    if (textEnd >= to) return;
    const tagEnd = endOfTag(text, open, to);
    if (BLOCK_TAGS.test(text.slice(open, open + 12))) pendingBreak = true;
    at = tagEnd;
  }
}

/** Where the tag, comment or raw element starting at `open` ends (`to` when it does not). */
function endOfTag(text: string, open: number, to: number): number {
  const within = (index: number, length: number): number => (index < 0 || index + length > to ? to : index + length);
  if (text.startsWith('<!--', open)) return within(text.indexOf('-->', open + 4), 3);
  const raw = RAW_CONTENT.exec(text.slice(open, open + 8));
  if (raw) {
    const close = raw[1]!.toLowerCase() === 'script' ? SCRIPT_CLOSE : STYLE_CLOSE;
    close.lastIndex = open;
    return within(close.exec(text)?.index ?? -1, 0);
  }
  return within(text.indexOf('>', open + 1), 1);
}

/** Text between tags: white space runs read as one space, character references decoded. */
function readHtmlText(text: string, from: number, to: number, out: ReadingBuilder): void {
  const piece = text.slice(from, to);
  let start = 0;
  ENTITY.lastIndex = 0;
  for (let match = ENTITY.exec(piece); match; match = ENTITY.exec(piece)) {
    copyCollapsed(piece, start, match.index, from, out);
    const decoded = decodeHTML(match[0]);
    if (decoded === match[0]) out.copy(match[0], from + match.index);
    else out.put(decoded, from + match.index, from + match.index + match[0].length);
    start = match.index + match[0].length;
  }
  copyCollapsed(piece, start, piece.length, from, out);
}

function copyCollapsed(piece: string, start: number, end: number, base: number, out: ReadingBuilder): void {
  let runStart = start;
  for (let i = start; i < end; i++) {
    if (piece[i] !== '\n' && piece[i] !== '\r') continue;
    out.copy(piece.slice(runStart, i), base + runStart);
    if (piece[i] === '\n') out.copy(' ', base + i);
    runStart = i + 1;
  }
  out.copy(piece.slice(runStart, end), base + runStart);
}
