// An invented little world for the fuzz inputs: people, organizations and
// places (with shared surnames, diacritics, apostrophes, astral and CJK
// letters), and articles written about them: headlines, paragraphs with
// quotations in every kind of quotation mark, Markdown, repeated paragraphs.
// None of it comes from a corpus; all of it is made up here.
import type { Random } from './random';

export interface CastMember {
  readonly id: string;
  readonly name: string;
  readonly type: 'person' | 'organization' | 'place' | 'event' | 'work' | 'other';
  readonly aliases: readonly string[];
  readonly description?: string;
  readonly links?: readonly string[];
}

export const CAST: readonly CastMember[] = [
  { id: 'ilse-marrow', name: 'Ilse Marrow', type: 'person', aliases: ['Marrow'], description: 'Harbour engineer, mother of Tam Marrow.', links: ['https://example.org/ilse'] },
  { id: 'tam-marrow', name: 'Tam Marrow', type: 'person', aliases: ['Marrow', 'Tam'], description: 'Ferry pilot, son of Ilse Marrow.' },
  { id: 'jose-okafor', name: 'José Okafor', type: 'person', aliases: ['Okafor'], description: 'Tax inspector of the eastern ward.' },
  { id: 'zoe-lindqvist', name: 'Zoë Lindqvist', type: 'person', aliases: ['Lindqvist', 'Zoë'] },
  { id: 'odile-obrannagh', name: 'Odile O’Brannagh', type: 'person', aliases: ["O'Brannagh"], description: 'Union steward; "never" a candidate.' },
  { id: 'wren-hale', name: 'Dr. Wren Hale', type: 'person', aliases: ['Hale', 'Dr Hale'], description: 'Physician at the Kelm clinic.' },
  { id: 'alma-quist', name: '𝔄lma Quist', type: 'person', aliases: ['Quist'], description: 'Printer; signs with a blackletter A.' },
  { id: 'lin-mei', name: '林美', type: 'person', aliases: ['Lin Mei'], description: 'Translator.' },
  { id: 'dara-venn', name: 'Dara Venn', type: 'person', aliases: ['Venn'], description: 'Ferry owner, father of Orla Venn.' },
  { id: 'orla-venn', name: 'Orla Venn', type: 'person', aliases: ['Venn', 'O. Venn'], description: 'Reporter, daughter of Dara Venn.' },
  { id: 'harbour-trust', name: 'Harbour Trust', type: 'organization', aliases: ['the Trust'], description: 'Owns the quays since 1904.' },
  { id: 'ferrow-sons', name: 'Ferrow & Sons', type: 'organization', aliases: ['Ferrow'] },
  { id: 'port-alder', name: 'Port Alder', type: 'place', aliases: ['Alder'] },
  { id: 'kelm-valley', name: 'Kelm Valley', type: 'place', aliases: ['the valley', 'Kelm'] },
  { id: 'alder-strike', name: 'Alder Strike', type: 'event', aliases: ['the strike'] },
  { id: 'tide-ledger', name: '“The Tide Ledger”', type: 'work', aliases: ['Tide Ledger'] },
  { id: 'un-office', name: 'U.N. Office', type: 'organization', aliases: ['U.N.'] },
];

/** Names and aliases of the cast, to write into sentences. */
function nameOf(rng: Random, member: CastMember): string {
  return rng.chance(0.6) || member.aliases.length === 0 ? member.name : rng.pick(member.aliases);
}

const QUOTE_MARKS: readonly (readonly [string, string])[] = [
  ['"', '"'],
  ['“', '”'],
  ['‘', '’'],
  ["'", "'"],
  ['«\u00A0', '\u00A0»'],
  ['„', '“'],
  ['「', '」'],
  ['‹', '›'],
  ['»', '«'],
  ['`', '´'],
];

const SAYINGS = [
  'we will not sell the quays',
  'the ledger was burned in March',
  'nobody told us about the ferry',
  'I am the son of Ilse Marrow',
  'it was never about the money',
  'the valley floods every spring',
  'she said “no” twice',
  'ask the Trust, not me',
  'the numbers do not add up',
];

const VERBS = ['met', 'called', 'accused', 'thanked', 'followed', 'interviewed', 'ignored', 'paid'];
const PLACES_TAIL = ['near the quays', 'on the night ferry', 'in a back room', 'at the clinic', 'under the old bridge'];

type Writer = (rng: Random, who: () => string) => string;

const SENTENCES: readonly Writer[] = [
  (rng, who) => `${who()} ${rng.pick(VERBS)} ${who()} ${rng.pick(PLACES_TAIL)} in ${rng.between(1890, 2030)}.`,
  (rng, who) => {
    const [open, close] = rng.pick(QUOTE_MARKS);
    return `${open}${rng.pick(SAYINGS)}${close}, ${who()} said.`;
  },
  (rng, who) => {
    const [open, close] = rng.pick(QUOTE_MARKS);
    return `${who()} told reporters that ${open}${rng.pick(SAYINGS)}${close}.`;
  },
  (_rng, who) => `The younger ${who()} denied it; the elder ${who()} did not.`,
  (rng, who) => `According to ${who()}, ${rng.between(2, 900)} workers left ${who()} after the strike.`,
  (_rng, who) => `${who()}’s report — filed late — named ${who()} and ${who()}.`,
  (_rng, who) => `Was ${who()} there? Nobody knows!`,
  (_rng, who) => `${who()}, Jr. and ${who()} Sr. share a surname…`,
  (rng, who) => `Mr. ${who()} (aged ${rng.between(20, 90)}) owns ${rng.between(1, 7)} boats.`,
  // A bare shared surname with nothing before it in the paragraph: the mention stays ambiguous.
  (rng) => `${rng.pick(['Venn', 'Marrow', 'Venn'])} ${rng.pick(['said nothing.', 'left early.', 'was not there.'])}`,
];

const MARKDOWN: readonly ((rng: Random, text: string) => string)[] = [
  (_rng, text) => `> ${text}`,
  (_rng, text) => `- ${text}`,
  (rng, text) => `${rng.between(1, 9)}. ${text}`,
  (_rng, text) => text.replace(/^(\S+)/, '*$1*'),
  (_rng, text) => text.replace(/^(\S+)/, '**$1**'),
  (_rng, text) => text.replace(/^(\S+)/, '[$1](https://example.org/a?b=c&d)'),
  (_rng, text) => text.replace(/(\S+)$/, '`$1`'),
  (_rng, text) => `${text}\n\n---`,
];

export interface ArticleOptions {
  readonly paragraphs: number;
  readonly markdown: boolean;
}

/** An article about a few members of the cast: a headline and paragraphs, some repeated. */
export function writeArticle(rng: Random, options: ArticleOptions): string {
  const cast = rng.sample(CAST, rng.between(2, 8));
  const who = (): string => nameOf(rng, rng.pick(cast));
  const headline = `${options.markdown ? '# ' : ''}${who()} and ${who()}: ${rng.pick(SAYINGS)}`;
  const paragraphs: string[] = [headline];
  for (let i = 0; i < options.paragraphs; i++) {
    if (paragraphs.length > 2 && rng.chance(0.15)) {
      paragraphs.push(rng.pick(paragraphs.slice(1)));
      continue;
    }
    const count = rng.between(1, 5);
    let text = Array.from({ length: count }, () => rng.pick(SENTENCES)(rng, who)).join(rng.chance(0.9) ? ' ' : '\n');
    if (options.markdown && rng.chance(0.3)) text = rng.pick(MARKDOWN)(rng, text);
    paragraphs.push(text);
  }
  return paragraphs.join(rng.chance(0.9) ? '\n\n' : '\n\n\n') + (rng.chance(0.7) ? '\n' : '');
}

/** Sentences of a text, as spans: the usual anchors of claims and notes. */
export function sentenceSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (const match of text.matchAll(/[^\s.!?][^.!?\n]*[.!?…]*/g)) {
    if (match[0].trim().length >= 8) spans.push({ start: match.index, end: match.index + match[0].trimEnd().length });
  }
  return spans;
}

/** Where the cast's names and aliases occur in a text: the anchors of mention pins. */
export function nameSpans(text: string): { start: number; end: number; id: string }[] {
  const spans: { start: number; end: number; id: string }[] = [];
  for (const member of CAST) {
    for (const name of [member.name, ...member.aliases]) {
      for (let at = text.indexOf(name); at >= 0 && spans.length < 200; at = text.indexOf(name, at + 1)) {
        spans.push({ start: at, end: at + name.length, id: member.id });
      }
    }
  }
  return spans;
}
