// Annotating from the article: turns a selection (or the word or sentence at
// the cursor) and what the user chose into sidecar edits. The anchor written
// is the selected text, with a prefix or suffix only when the text occurs
// more than once, just long enough to make it unique.
import type { Span } from './model';
import { pinContext } from './quickFixes';
import { addAlias, addEntity, appendListItem, applyEdits, newSourceId, type TextEdit } from './sidecarEdit';

import type { AnnotationRequest } from '../protocol';

export type { AnnotationRequest };

export interface AnnotationPlan {
  /** The sidecar's text after the change (the caller turns it into one edit, or a new file). */
  readonly text: string;
  /** What was annotated, for a message. */
  readonly quote: string;
  /** For a new entity: its id. */
  readonly id?: string;
}

const WORD = /[\p{L}\p{N}’'-]/u;

/** The span to annotate: the selection, else the word (entities, pins) or the sentence (claims, notes) at the cursor. */
export function annotationSpan(text: string, selection: Span, unit: 'word' | 'sentence'): Span | undefined {
  const trimmed = trimSpan(text, selection);
  if (trimmed.end > trimmed.start) return trimmed;
  return unit === 'word' ? wordAt(text, selection.start) : sentenceAt(text, selection.start);
}

export function unitFor(request: AnnotationRequest['kind']): 'word' | 'sentence' {
  return request === 'claim' || request === 'note' ? 'sentence' : 'word';
}

function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

function wordAt(text: string, offset: number): Span | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && WORD.test(text[start - 1]!)) start--;
  while (end < text.length && WORD.test(text[end]!)) end++;
  // A possessive is not part of a name: "Massoud’s" → "Massoud".
  const word = text.slice(start, end);
  const possessive = /['’]s$/.exec(word);
  if (possessive) end -= possessive[0].length;
  return end > start ? { start, end } : undefined;
}

function sentenceAt(text: string, offset: number): Span | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndAt = text.indexOf('\n', offset);
  const lineEnd = lineEndAt < 0 ? text.length : lineEndAt;
  const line = text.slice(lineStart, lineEnd);
  const boundaries = [...line.matchAll(/[.!?…]+["'”’)\]]*(\s+|$)/g)].map((m) => m.index + m[0].length);
  const local = offset - lineStart;
  const start = [0, ...boundaries].filter((b) => b <= local).at(-1)!;
  const end = boundaries.find((b) => b > local) ?? line.length;
  const span = trimSpan(text, { start: lineStart + start, end: lineStart + end });
  return span.end > span.start ? span : undefined;
}

/** The sidecar a new annotation creates, when there is none yet. */
export function newSidecarText(articleName: string): string {
  return `# Annotations for ${articleName} (Marginalia sidecar, format version 1).\n# Written by the editor; comments and order are kept when it writes again.\n`;
}

/** Applies a request to the sidecar text; undefined when the sidecar cannot be edited (invalid YAML). */
export function planAnnotation(sidecarText: string, articleText: string, span: Span, request: AnnotationRequest, existingEntityIds: ReadonlySet<string>): AnnotationPlan | undefined {
  const quote = articleText.slice(span.start, span.end).replace(/\s+/g, ' ');
  const anchor = { quote, ...pinContext(articleText, span) };
  const apply = (edits: TextEdit[]): string | undefined => (edits.length > 0 ? applyEdits(sidecarText, edits) : undefined);
  let text: string | undefined;
  let id: string | undefined;
  switch (request.kind) {
    case 'entity': {
      const name = (request.name ?? quote).trim();
      id = newSourceId(existingEntityIds, name);
      text = apply(addEntity(sidecarText, id, { name, type: request.type, description: request.description || undefined }));
      break;
    }
    case 'alias':
      text = apply(addAlias(sidecarText, request.entityId, quote));
      break;
    case 'claim':
      text = apply(appendListItem(sidecarText, 'claims', withoutEmpty({ ...anchor, sources: request.sources && request.sources.length > 0 ? [...request.sources] : undefined, kind: request.claimKind === 'opinion' ? 'opinion' : undefined })));
      break;
    case 'note':
      text = apply(appendListItem(sidecarText, 'notes', withoutEmpty({ ...anchor, text: request.text })));
      break;
    case 'pin':
      text = apply(appendListItem(sidecarText, 'mentions', withoutEmpty({ ...anchor, entity: request.entityId })));
      break;
  }
  return text === undefined ? undefined : { text, quote, id };
}

function withoutEmpty(item: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(item)) if (value !== undefined && value !== '') result[key] = value;
  return result;
}
