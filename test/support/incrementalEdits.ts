// A differential check of live tracking: an invented article with repeated
// paragraphs is edited at random (typing, deleting, replacing, pasting a copy
// of a paragraph), and after every edit the incrementally tracked analysis is
// compared with a fresh analysis of the same text. Used by the unit test (a
// fixed-seed slice) and runnable for thousands of steps from the command line:
//   node out/test/support/incrementalEdits.js [seeds] [steps]
import { analyze, prepareArticle, prepareSidecar, type PreparedArticle, type PreparedSidecar } from '../../server/src/core/analyze';
import { uniqueContext } from '../../server/src/core/anchor';
import type { Analysis } from '../../server/src/core/model';
import { normalizeWithMap, toNormalizedOffset } from '../../server/src/core/normalize';
import { seeded } from '../../bench/editCorpus';


const SENTENCES = [
  'Mira Olenko opened the archive at dawn.',
  'The council of the Vashti Valley voted to keep the old bridge.',
  'Olenko said the ledgers were complete.',
  'Tavish Olenko disputed every figure in the report.',
  'The Brenn Collective paid for the new roof in 1987.',
  'Nobody at the meeting mentioned the missing ledgers.',
  '“We will rebuild,” said Olenko, before the storm.',
  'Rain closed the pass for nine days 🌧 and the mill stopped.',
  'The mayor’s office denied the claim on Tuesday.',
  'Prices rose by 12 percent in a single season.',
  'A letter 𝐁 marks the second edition of the map.',
  'The ferry  ran twice a week,\nweather permitting.',
  'Brenn said the valley would hold.',
  'Olenko and Brenn signed the accord at noon.',
];

const ENTITIES = [
  'entities:',
  '  mira:',
  '    name: Mira Olenko',
  '    type: person',
  '    aliases: [Olenko]',
  '  tavish:',
  '    name: Tavish Olenko',
  '    type: person',
  '    aliases: [Olenko]',
  '  brenn:',
  '    name: Brenn Collective',
  '    type: organization',
  '    aliases: [Brenn]',
  '  vashti:',
  '    name: Vashti Valley',
  '    type: place',
  'sources:',
  '  s1:',
  '    title: Invented ledger',
];

export interface Scenario {
  readonly article: string;
  readonly sidecar: string;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Paragraphs of invented sentences; one or two of them appear twice, word for word. */
function inventArticle(random: () => number): string {
  const paragraphs: string[] = [];
  const count = 3 + Math.floor(random() * 4);
  for (let i = 0; i < count; i++) {
    const sentences = Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(random, SENTENCES));
    paragraphs.push(sentences.join(random() < 0.2 ? '  ' : ' '));
  }
  const repeats = 1 + Math.floor(random() * 2);
  for (let i = 0; i < repeats; i++) {
    const copy = pick(random, paragraphs);
    paragraphs.splice(1 + Math.floor(random() * paragraphs.length), 0, copy);
  }
  return paragraphs.join('\n\n') + '\n';
}

/** A YAML value written so that any text survives (JSON strings are YAML). */
const yaml = (text: string): string => JSON.stringify(text);

/** Claims, notes and pins on the article: unique quotes, repeated ones chosen by context or occurrence, drifted and missing ones. */
function inventSidecar(random: () => number, article: string): string {
  const normalized = normalizeWithMap(article);
  const claims: string[] = ['claims:'];
  const notes: string[] = ['notes:'];
  const pins: string[] = ['mentions:'];
  const anchorAt = (start: number, length: number, how: number): string[] => {
    const from = toNormalizedOffset(normalized, start);
    const to = toNormalizedOffset(normalized, start + length - 1) + 1;
    const quote = normalized.text.slice(from, to).trim();
    if (how === 0) {
      const context = uniqueContext(normalized.text, from, to);
      return [`quote: ${yaml(quote)}`, ...(context.prefix ? [`prefix: ${yaml(context.prefix)}`] : []), ...(context.suffix ? [`suffix: ${yaml(context.suffix)}`] : [])];
    }
    if (how === 1) return [`quote: ${yaml(quote)}`, `occurrence: ${1 + Math.floor(random() * 3)}`];
    if (how === 2) return [`quote: ${yaml(quote)}`];
    if (how === 3) {
      const at = Math.floor(random() * quote.length);
      return [`quote: ${yaml(quote.slice(0, at) + 'x' + quote.slice(at + 1))}`, `suffix: ${yaml(normalized.text.slice(to, to + 12))}`];
    }
    return [`quote: ${yaml(`${quote.slice(0, 8)} nowhere in the text at all`)}`];
  };
  const items = 4 + Math.floor(random() * 6);
  for (let i = 0; i < items; i++) {
    const sentence = pick(random, SENTENCES);
    const start = article.indexOf(sentence.slice(0, 12));
    if (start < 0) continue;
    const length = Math.min(sentence.length, 6 + Math.floor(random() * sentence.length));
    const [first, ...rest] = anchorAt(start, length, Math.floor(random() * 5));
    const list = random();
    if (list < 0.6) claims.push(`  - ${first}`, ...rest.map((l) => `    ${l}`), ...(random() < 0.5 ? ['    sources: [s1]'] : []));
    else notes.push(`  - ${first}`, ...rest.map((l) => `    ${l}`), '    text: A note.');
  }
  for (const [name, entity] of [['Olenko', 'tavish'], ['Brenn', 'brenn']] as const) {
    const at = article.indexOf(name);
    if (at >= 0 && random() < 0.7) pins.push(`  - quote: ${name}`, `    entity: ${entity}`, `    occurrence: ${1 + Math.floor(random() * 2)}`);
  }
  return [...ENTITIES, ...claims, ...notes, ...pins].join('\n') + '\n';
}

/** `padTo`: filler paragraphs are added up to this length (large articles take other paths: no closest-text suggestion, budgets). */
export function inventScenario(seed: number, padTo = 0): Scenario {
  const random = seeded(seed);
  let article = inventArticle(random);
  const filler: string[] = [];
  for (let size = article.length; size < padTo; size += filler[filler.length - 1]!.length + 2) {
    filler.push(Array.from({ length: 3 }, () => pick(random, SENTENCES)).join(' '));
  }
  if (filler.length > 0) article = `${article}\n${filler.join('\n\n')}\n`;
  return { article, sidecar: inventSidecar(random, article) };
}

const INSERTS = ['x', 'a', ' ', 'e', 'Olenko', '.', '\n', '’', '"', '🌧', 'ledgers', '  ', 'Brenn ', 'the '];

/** Moves an offset off the middle of a surrogate pair (an editor never splits one). */
function onCodePoint(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff && at > 0 ? at - 1 : at;
}

export interface Edit {
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}

export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.at) + edit.insert + text.slice(edit.at + edit.remove);
}

/** A random edit; half of them near an annotation's quote, where tracking decides most. */
export function randomEdit(random: () => number, text: string, fresh: Analysis): Edit {
  const spans = [...fresh.claims, ...fresh.notes].flatMap((a) => (a.span ? [a.span] : []));
  const near = spans.length > 0 && random() < 0.5 ? pick(random, spans) : undefined;
  const at = onCodePoint(text, near ? Math.max(0, near.start - 5 + Math.floor(random() * (near.end - near.start + 10))) : Math.floor(random() * (text.length + 1)));
  const kind = random();
  const length = 1 + Math.floor(random() * 20);
  const typed = (): string => {
    let s = '';
    while (s.length < length) s += pick(random, INSERTS);
    return s.slice(0, length).replace(/[\ud800-\udbff]$/, '');
  };
  const removable = (n: number): number => onCodePoint(text, Math.min(text.length, at + n)) - at;
  if (kind < 0.3) return { at, remove: 0, insert: typed() };
  if (kind < 0.55) return { at, remove: Math.max(0, removable(length)), insert: '' };
  if (kind < 0.8) return { at, remove: Math.max(0, removable(1 + Math.floor(random() * 3))), insert: typed() };
  // Paste a copy of a paragraph, at a paragraph break or anywhere.
  const paragraphs = text.split('\n\n');
  const copy = pick(random, paragraphs);
  const breaks = [...text.matchAll(/\n\n/g)].map((m) => m.index + 2);
  const where = breaks.length > 0 && random() < 0.6 ? pick(random, breaks) : at;
  return { at: where, remove: 0, insert: `${copy}\n\n` };
}

/** What a user sees of an analysis: findings, claims, notes, pins and mentions. */
export function visible(analysis: Analysis): string[] {
  const span = (s?: { start: number; end: number }): string => (s ? `${s.start}-${s.end}` : '-');
  const suggestion = (f: Analysis['findings'][number]): string => {
    const data = f.data;
    if (data?.kind !== 'anchor' || !data.suggestion) return '';
    const s = data.suggestion;
    return ` → ${JSON.stringify([s.quote, s.prefix, s.suffix, span(s.span)])}`;
  };
  return [
    ...analysis.findings.map((f) => `finding ${f.file} ${f.code} ${span(f.span)} ${f.message}${suggestion(f)}`),
    ...analysis.claims.map((c, i) => `claim ${i} ${c.status} ${c.anchor} ${span(c.span)}`),
    ...analysis.notes.map((n, i) => `note ${i} ${n.anchor} ${span(n.span)}`),
    ...analysis.pins.map((p, i) => `pin ${i} ${p.anchor} ${span(p.span)}`),
    ...analysis.mentions.map((m) => `mention ${span(m.span)} ${m.entityId} ${m.certain}`),
  ];
}

export interface Divergence {
  readonly seed: number;
  readonly step: number;
  readonly start: string;
  readonly edits: readonly Edit[];
  readonly tracked: readonly string[];
  readonly fresh: readonly string[];
}

/** Runs `steps` random edits on the scenario of `seed`; the first step where tracked and fresh differ, if any. */
export function runDifferential(seed: number, steps: number, padTo = 0): Divergence | undefined {
  const scenario = inventScenario(seed, padTo);
  const random = seeded(seed * 7919 + 1);
  const sidecar = prepareSidecar(scenario.sidecar);
  let text = scenario.article;
  let prepared = prepareArticle(text);
  let tracked = analyze(prepared, sidecar);
  const edits: Edit[] = [];
  for (let step = 0; step < steps; step++) {
    const edit = randomEdit(random, text, tracked);
    edits.push(edit);
    text = applyEdit(text, edit);
    if (text.length > Math.max(20_000, padTo * 1.2)) text = text.slice(0, Math.max(20_000, padTo));
    ({ prepared, tracked } = stepOnce(text, prepared, sidecar, tracked));
    const fresh = visible(analyze(prepareArticle(text), sidecar));
    const seen = visible(tracked);
    if (JSON.stringify(seen) !== JSON.stringify(fresh)) return { seed, step, start: scenario.article, edits, tracked: seen, fresh };
  }
  return undefined;
}

function stepOnce(text: string, previous: PreparedArticle, sidecar: PreparedSidecar, tracked: Analysis): { prepared: PreparedArticle; tracked: Analysis } {
  const prepared = prepareArticle(text, previous);
  return { prepared, tracked: analyze(prepared, sidecar, undefined, tracked) };
}

/** Replays edits from a start text; whether the last state diverges. */
export function replayDiverges(start: string, sidecarText: string, edits: readonly Edit[]): boolean {
  const sidecar = prepareSidecar(sidecarText);
  let text = start;
  let prepared = prepareArticle(text);
  let tracked = analyze(prepared, sidecar);
  for (const edit of edits) {
    text = applyEdit(text, edit);
    ({ prepared, tracked } = stepOnce(text, prepared, sidecar, tracked));
  }
  return JSON.stringify(visible(tracked)) !== JSON.stringify(visible(analyze(prepareArticle(text), sidecar)));
}

/** The shortest run of the divergence's last edits that still diverges, started from the text before them (for a report). */
export function shortestSuffix(divergence: Divergence, sidecarText: string): { start: string; edits: Edit[] } {
  let text = divergence.start;
  const texts = [text];
  for (const edit of divergence.edits) texts.push((text = applyEdit(text, edit)));
  for (let from = divergence.edits.length - 1; from >= 0; from--) {
    const edits = divergence.edits.slice(from);
    if (replayDiverges(texts[from]!, sidecarText, edits)) return { start: texts[from]!, edits };
  }
  return { start: divergence.start, edits: [...divergence.edits] };
}

function main(): void {
  const seeds = Number(process.argv[2] ?? 50);
  const steps = Number(process.argv[3] ?? 100);
  const padTo = Number(process.argv[4] ?? 0);
  const first = Number(process.argv[5] ?? 1);
  let divergences = 0;
  for (let seed = first; seed < first + seeds; seed++) {
    const divergence = runDifferential(seed, steps, padTo);
    if (!divergence) continue;
    divergences++;
    const shortest = shortestSuffix(divergence, inventScenario(seed, padTo).sidecar);
    const diff = divergence.tracked.filter((l) => !divergence.fresh.includes(l)).concat(divergence.fresh.filter((l) => !divergence.tracked.includes(l)).map((l) => `FRESH ${l}`));
    const shown = shortest.start.length > 3000 ? { startLength: shortest.start.length, edits: shortest.edits } : shortest;
    console.log(JSON.stringify({ seed, step: divergence.step, shortest: shown, diff }, null, 1));
  }
  console.log(`${seeds} seeds × up to ${steps} steps${padTo ? ` on ${padTo}-character articles` : ''}: ${divergences} diverging`);
}

if (require.main === module) main();
