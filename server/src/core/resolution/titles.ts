// "President Varga", "Gov. Varga", "Varga, the former governor,": a title
// names an office, and the candidate who held it is meant. When the sentence
// is dated ("In 1998, …") and the sidecar says when each held it, the years
// decide between two who held the same office. A title is written to say who
// is meant, so a holder gains a strong vote; a candidate whose roles are
// known and do not include it loses a weak one (the sidecar may be
// incomplete); one whose roles are unknown gets nothing.
import type { CandidateFacts, Evidence, MentionContext } from './evidence';
import { quoted, textAfter, textBefore, vote, yearNear } from './nearText';
import { RELATION_NOUNS, titleAt, titlesIn, wordsOf } from './words';

/** Characters read before the name ("Lieutenant Governor ") and after it (", the former prime minister of …"). */
const TITLE_WINDOW_BEFORE = 32;
const TITLE_WINDOW_AFTER = 48;
/** Words of an apposition that may come before its title (", the country's former president"). */
const APPOSITION_LEAD_WORDS = 3;
const HELD = 3;
const HELD_AT_ANOTHER_TIME = -2;
const NOT_AMONG_KNOWN_ROLES = -1;

const TITLE_BEFORE = /((?:\p{Lu}[\p{L}-]*\.?\s+){1,2})$/u;

interface TitleCue {
  readonly title: string;
  readonly reason: string;
}

export function titleEvidence(context: MentionContext): Evidence[] {
  const cue = titleBefore(textBefore(context, TITLE_WINDOW_BEFORE)) ?? titleInApposition(textAfter(context, TITLE_WINDOW_AFTER));
  if (!cue) return [];
  const year = yearNear(context);
  const votes = context.candidates.flatMap((c) => {
    const weight = titleWeight(c, cue.title, year);
    return weight === 0 ? [] : [vote(c.id, weight, 'title', cue.reason)];
  });
  const differ = votes.length < context.candidates.length || votes.some((v) => v.weight !== votes[0]!.weight);
  return differ ? votes : [];
}

/** The capitalized title right before the name: its last one or two words ("Prime Minister", "Lt. Gov."). */
function titleBefore(before: string): TitleCue | undefined {
  const match = TITLE_BEFORE.exec(before);
  if (!match) return undefined;
  const words = wordsOf(match[1]!, 2);
  for (let first = 0; first < words.length; first++) {
    const hit = titleAt(words, first);
    if (hit && first + hit.length === words.length) return { title: hit.title, reason: `${quoted(lastWords(match[1]!, hit.length))} before the name` };
  }
  return undefined;
}

/** ", the president," / ", a former senator from …": a title within the first words of an apposition. */
function titleInApposition(after: string): TitleCue | undefined {
  if (!/^,\s/.test(after)) return undefined;
  const words = wordsOf(after, APPOSITION_LEAD_WORDS + 2);
  const start = words[0] === 'the' || words[0] === 'a' || words[0] === 'an' ? 1 : 0;
  for (let i = start; i < Math.min(words.length, start + APPOSITION_LEAD_WORDS); i++) {
    if (RELATION_NOUNS.has(words[i]!)) return undefined;
    const hit = titleAt(words, i);
    if (hit) return { title: hit.title, reason: `${quoted(after.slice(0, phraseEnd(after)))} after the name` };
  }
  return undefined;
}

function titleWeight(candidate: CandidateFacts, title: string, year: number | undefined): number {
  const held = candidate.roles.filter((r) => titlesIn(r.title).includes(title));
  if (held.length === 0) return candidate.roles.length > 0 ? NOT_AMONG_KNOWN_ROLES : 0;
  const dated = held.filter((r) => r.from !== undefined || r.to !== undefined);
  if (year === undefined || dated.length === 0) return HELD;
  return dated.some((r) => (r.from ?? -Infinity) <= year && year <= (r.to ?? Infinity)) ? HELD : HELD_AT_ANOTHER_TIME;
}

function lastWords(text: string, count: number): string {
  return text.trim().split(/\s+/).slice(-count).join(' ');
}

/** The apposition up to its closing comma or the window's end. */
function phraseEnd(after: string): number {
  const comma = after.indexOf(',', 1);
  return comma === -1 ? after.length : comma + 1;
}
