// Everything that comes from a sidecar is untrusted: a description could try
// to inject a link, an image, HTML or a command URI into a hover card. Text is
// escaped; links are rendered only for plain http(s) URLs.

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&"'$:=]/g;

/** Escapes text so Markdown renders it literally, on one paragraph. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(MARKDOWN_SPECIAL, (ch) => `\\${ch}`);
}

/** A Markdown link for a safe http(s) URL; anything else as escaped text. */
export function safeLink(url: string, label?: string): string {
  const trimmed = url.trim();
  if (!/^https?:\/\/[^\s<>"'`]+$/i.test(trimmed)) return escapeMarkdown(trimmed);
  const target = trimmed.replace(/[()[\]\\]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${escapeMarkdown(label ?? hostOf(trimmed))}](${target})`;
}

function hostOf(url: string): string {
  const match = /^https?:\/\/([^/?#]+)(.*)$/i.exec(url);
  if (!match) return url;
  const rest = match[2]!.replace(/\/$/, '');
  return rest.length > 40 ? `${match[1]}${rest.slice(0, 39)}…` : `${match[1]}${rest}`;
}
