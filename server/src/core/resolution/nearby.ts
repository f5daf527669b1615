// Evidence from the settled mentions just before an ambiguous one in its
// paragraph. A candidate named nearby is likely meant again: more so in the
// same sentence than further back, and more so when it was named as the one
// acting (the subject of its clause) than as an object, an owner ("Varga's
// plan") or someone's relative ("the son of Ana Varga"). The latest subject
// of the paragraph is its "center" (the one the sentences are about, carried
// over sentences whose subject is a pronoun): it stays strong however many
// sentences back it was named, until another subject takes its place. (With
// no subject yet, the latest mention that is not a relative is the center.)
//
// Quotations are someone's words: a name inside one is no context for the
// narration, but is for the rest of the same quotation.
import { clipText } from '../limits';
import type { TextStructure } from '../textStructure';
import type { Evidence } from './evidence';
import { roleOfDraft, type Draft } from './drafts';
import { ROLE_WEIGHT } from './roles';

/** Weight of a mention in the subject role, by sentences back: same, previous, further (a-priori scale: 2 fair). */
const BY_DISTANCE = [2, 1.5, 1] as const;
/**
 * The paragraph's center: strong (3) when it is the subject of this sentence
 * or the one before (a name carried on as the subject of the next sentence is
 * the commonest way a text goes on about someone), fair (2) further back.
 */
const CENTER_NEAR = 3;
const CENTER_FAR = 2;
/** Farther than this from a quoted mention, a quoted name is not assumed to be in the same quotation. */
const SAME_QUOTATION_CHARS = 2000;

/** Nearby evidence for a draft; `before`: settled drafts of its paragraph, nearest first. */
export function nearbyEvidence(text: string, structure: TextStructure, draft: Draft, before: readonly Draft[], candidates: ReadonlySet<string>): Evidence[] {
  const usable = before.filter((other) => countsAsContext(text, draft, other));
  const center = centerOf(usable, text, structure);
  const best = new Map<string, { weight: number; reason: string }>();
  for (const other of usable) {
    const id = other.entityId!;
    if (!candidates.has(id)) continue;
    const role = roleOfDraft(other, text, structure);
    const distance = Math.min(BY_DISTANCE.length - 1, draft.sentence - other.sentence);
    const isCenter = other === center;
    const weight = isCenter ? (distance <= 1 ? CENTER_NEAR : CENTER_FAR) : BY_DISTANCE[distance]! * ROLE_WEIGHT[role];
    if ((best.get(id)?.weight ?? 0) >= weight) continue;
    best.set(id, { weight, reason: reasonFor(text, other, distance, isCenter, role) });
  }
  return [...best].map(([entityId, { weight, reason }]) => ({ entityId, weight, kind: 'nearby' as const, reason }));
}

/**
 * The paragraph's center so far: its latest subject; in a paragraph with no
 * settled subject yet, its latest mention other than a relative (a passage
 * may be about someone it only names as object: "I have known Varga for
 * years, …"). `usable`: nearest first.
 */
function centerOf(usable: readonly Draft[], text: string, structure: TextStructure): Draft | undefined {
  let fallback: Draft | undefined;
  for (const other of usable) {
    const role = roleOfDraft(other, text, structure);
    if (role === 'subject') return other;
    if (role !== 'relative') fallback ??= other;
  }
  return fallback;
}

/** Narration reads narration; a quotation reads the narration and itself. */
function countsAsContext(text: string, draft: Draft, other: Draft): boolean {
  if (!other.quoted) return true;
  return draft.quoted && sameQuotation(text, other.span.end, draft.span.start);
}

/** No quotation mark between the two (within a bounded distance). */
function sameQuotation(text: string, from: number, to: number): boolean {
  if (to - from > SAME_QUOTATION_CHARS) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x201c || c === 0x201d) return false;
  }
  return true;
}

const WHERE = ['in the same sentence', 'in the sentence before', 'earlier in the paragraph'] as const;

function reasonFor(text: string, other: Draft, distance: number, isCenter: boolean, role: keyof typeof ROLE_WEIGHT): string {
  const name = `“${clipText(text.slice(other.span.start, other.span.end), 40)}”`;
  if (isCenter) return `${name} ${WHERE[distance]}, as its subject`;
  const how = role === 'subject' ? '' : role === 'relative' ? ', named as a relative' : role === 'possessor' ? ', as an owner' : ', not as subject';
  return `${name} ${WHERE[distance]}${how}`;
}
