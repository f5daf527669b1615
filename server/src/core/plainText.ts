// The hover cards are written in Markdown (core/hover.ts, everything from a
// sidecar escaped). A client that asks for plain text (hover contentFormat
// without markdown) gets the same card as a reader would see it rendered:
// no escapes, no emphasis marks, code spans as their text, links as
// "label (address)". Only the Markdown the cards use is undone.

/** The plain text a rendered hover card shows. Linear in the card's length. */
export function markdownToPlainText(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => (line === '---' ? '—' : plainLine(line)))
    .join('\n');
}

function plainLine(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === '\\' && i + 1 < line.length) {
      out += line[i + 1];
      i += 2;
    } else if (ch === '`') {
      const fence = /^`+/.exec(line.slice(i))![0];
      const close = line.indexOf(fence, i + fence.length);
      if (close < 0) {
        out += fence;
        i += fence.length;
        continue;
      }
      const content = line.slice(i + fence.length, close);
      out += fence.length > 1 || content.startsWith(' ') ? content.replace(/^ (.*) $/, '$1') : content;
      i = close + fence.length;
    } else if (ch === '[') {
      const link = /^\[((?:\\.|[^\]\\])*)\]\(([^)\s]*)\)/.exec(line.slice(i));
      if (!link) {
        out += ch;
        i++;
        continue;
      }
      out += `${plainLine(link[1]!)} (${decodeURIComponentSafe(link[2]!)})`;
      i += link[0].length;
    } else if (ch === '*' && line[i + 1] === '*') {
      i += 2;
    } else if (ch === '_' && (i === 0 || line[i - 1] === ' ' || i + 1 === line.length || line[i + 1] === ' ')) {
      i++;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURI(text.replace(/%28/g, '(').replace(/%29/g, ')').replace(/%5B/g, '[').replace(/%5D/g, ']').replace(/%5C/g, '\\'));
  } catch {
    return text;
  }
}
