// Annotating from the article: turns a selection (or the word or sentence at
// the cursor) and what the user chose into sidecar edits. The anchor written
// is the selected text, with a prefix or suffix only when the text occurs
// more than once, just long enough to make it unique.
import type { Span } from './model';
import { pinContext, type AnchorContext } from './quickFixes';
import { applyEdits, newSourceId, planAddAlias, planAddEntity, planListItem } from './sidecarEdit';
import type { ParseYaml } from './sidecarText';
import { EditSession, type Planned } from './verifyEdit';

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

export type CheckedAnnotation = ({ readonly ok: true } & AnnotationPlan) | { readonly ok: false; readonly reason: string };

const WORD = /[\p{L}\p{N}’'-]/u;

/** The span to annotate: the selection, else the word (entities, pins) or the sentence (claims, notes) at the cursor. */
export function annotationSpan(text: string, selection: Span, unit: 'word' | 'sentence'): Span | undefined {
  const trimmed = trimSpan(text, wholeCodePoints(text, selection));
  if (trimmed.end > trimmed.start) return trimmed;
  return unit === 'word' ? wordAt(text, selection.start) : sentenceAt(text, selection.start);
}

export function unitFor(request: AnnotationRequest['kind']): 'word' | 'sentence' {
  return request === 'claim' || request === 'note' ? 'sentence' : 'word';
}

/** A selection widened so it never starts or ends between the two halves of a character outside the BMP (an emoji, 𝔄): no lone surrogate is ever written. */
function wholeCodePoints(text: string, span: Span): Span {
  const splits = (at: number): boolean => at > 0 && at < text.length && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at));
  return { start: splits(span.start) ? span.start - 1 : span.start, end: splits(span.end) ? span.end + 1 : span.end };
}

const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

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

/**
 * A run of sentence marks, closing quotes or brackets, then a space or the
 * line's end. A match starts only where a run starts (the lookbehind): else
 * every position inside a long run of dots would retry the whole run, which is
 * quadratic in the run.
 */
const SENTENCE_END = /(?<![.!?…])[.!?…]+(?![.!?…])["'”’)\]]*(?:\s+|$)/g;

function sentenceAt(text: string, offset: number): Span | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndAt = text.indexOf('\n', offset);
  const lineEnd = lineEndAt < 0 ? text.length : lineEndAt;
  const line = text.slice(lineStart, lineEnd);
  const boundaries = [...line.matchAll(SENTENCE_END)].map((m) => m.index + m[0].length);
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

/** Applies a request to the sidecar text; undefined when it cannot be done safely (`checkAnnotation` says why). */
export function planAnnotation(sidecarText: string, articleText: string, span: Span, request: AnnotationRequest, existingEntityIds: ReadonlySet<string>): AnnotationPlan | undefined {
  const checked = checkAnnotation(sidecarText, articleText, span, request, existingEntityIds);
  return checked.ok ? checked : undefined;
}

/** Applies a request to the sidecar text, verified (verifyEdit.ts); refused with a reason when it cannot be done safely. */
export function checkAnnotation(sidecarText: string, articleText: string, span: Span, request: AnnotationRequest, existingEntityIds: ReadonlySet<string>, parse?: ParseYaml): CheckedAnnotation {
  const quote = articleText.slice(span.start, span.end).replace(/\s+/g, ' ');
  const session = new EditSession(sidecarText, parse);
  const s = session.sidecar;
  let plan: Planned;
  let id: string | undefined;
  if (request.kind === 'entity') {
    const name = (request.name ?? quote).trim();
    id = newSourceId(existingEntityIds, name);
    plan = planAddEntity(s, id, { name, type: request.type, description: request.description || undefined });
  } else if (request.kind === 'alias') {
    plan = planAddAlias(s, request.entityId, quote);
  } else {
    const context = pinContext(articleText, span, quote);
    if (!context) return { ok: false, reason: 'no anchor could be written that finds this text again' };
    plan = planListItem(s, LISTS[request.kind], itemFor(request, { quote, ...context }));
  }
  const verdict = session.verify(plan);
  return verdict.ok ? { ok: true, text: applyEdits(sidecarText, verdict.edits), quote, id } : { ok: false, reason: verdict.reason };
}

const LISTS = { claim: 'claims', note: 'notes', pin: 'mentions' } as const;

type AnchorItem = { quote: string } & AnchorContext;

function itemFor(request: Extract<AnnotationRequest, { kind: 'claim' | 'note' | 'pin' }>, anchor: AnchorItem): Record<string, string | number | string[]> {
  switch (request.kind) {
    case 'claim':
      return withoutEmpty({ ...anchor, sources: request.sources && request.sources.length > 0 ? [...request.sources] : undefined, kind: request.claimKind === 'opinion' ? 'opinion' : undefined });
    case 'note':
      return withoutEmpty({ ...anchor, text: request.text });
    case 'pin':
      return withoutEmpty({ ...anchor, entity: request.entityId });
  }
}

function withoutEmpty(item: Record<string, string | number | string[] | undefined>): Record<string, string | number | string[]> {
  const result: Record<string, string | number | string[]> = {};
  for (const [key, value] of Object.entries(item)) if (value !== undefined && value !== '') result[key] = value;
  return result;
}
