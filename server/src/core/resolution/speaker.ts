// "“My son will win,” Varga said": the speaker of a quotation that says "my
// son" is a parent. Only the narration right next to a quotation is read
// (the quotation closes just before the mention, or opens just after its
// "said"), and the vote is weak: who speaks is easy to misread.
import type { Evidence, MentionContext } from './evidence';
import { vote } from './nearText';
import { inverseKind, RELATION_ADJECTIVE_PATTERN as ADJ, RELATION_NOUN_PATTERN as NOUN, RELATION_NOUNS } from './words';
import type { RelationKind } from '../model';

/** Characters of the quotation read (back from its end, or on from its start). */
const QUOTATION_WINDOW = 200;
const HOLDS = 1;
const OTHER_SIDE = -1;

const QUOTE_ENDS_BEFORE = /[”"]\s*(?:,\s*)?(?:(?:said|says|added|recalled|wrote|told\s+\p{L}+)\s+)?$/u;
const QUOTE_STARTS_AFTER = /^\s+(?:said|says|added|recalled|wrote)\s*[,:]?\s*[“"]/;
const MY_NOUN = new RegExp(String.raw`\b[Mm]y\s+(?:(?:${ADJ})\s+)?(${NOUN})\b`, 'u');

export function speakerEvidence(context: MentionContext): Evidence[] {
  if (context.quoted) return [];
  const words = quotationNextTo(context);
  const m = words === undefined ? null : MY_NOUN.exec(words);
  if (!m) return [];
  // "my son": the speaker is the son's parent.
  const kind: RelationKind = inverseKind(RELATION_NOUNS.get(m[1]!)!.kind);
  if (kind === inverseKind(kind)) return [];
  const reason = `“${m[0]}” in their words`;
  const votes: Evidence[] = [];
  for (const c of context.candidates) {
    if (c.relations.some((r) => r.kind === kind)) votes.push(vote(c.id, HOLDS, 'speaker', reason));
    else if (c.relations.some((r) => r.kind === inverseKind(kind))) votes.push(vote(c.id, OTHER_SIDE, 'speaker', reason));
  }
  const differ = votes.length < context.candidates.length || votes.some((v) => v.weight !== votes[0]!.weight);
  return differ ? votes : [];
}

/** The words of a quotation closing just before the mention or opening just after "Varga said", within the paragraph. */
function quotationNextTo(context: MentionContext): string | undefined {
  const { text, span, paragraph } = context;
  const before = text.slice(Math.max(paragraph.start, span.start - 30), span.start);
  const closing = QUOTE_ENDS_BEFORE.exec(before);
  if (closing) {
    const end = span.start - before.length + closing.index;
    const words = text.slice(Math.max(paragraph.start, end - QUOTATION_WINDOW), end);
    const opener = Math.max(words.lastIndexOf('“'), words.lastIndexOf('"'));
    return opener === -1 ? undefined : words.slice(opener + 1);
  }
  const after = text.slice(span.end, Math.min(paragraph.end, span.end + 30));
  const opening = QUOTE_STARTS_AFTER.exec(after);
  if (!opening) return undefined;
  const start = span.end + opening[0].length;
  const words = text.slice(start, Math.min(paragraph.end, start + QUOTATION_WINDOW));
  const close = words.search(/[”"]/);
  return close === -1 ? words : words.slice(0, close);
}
