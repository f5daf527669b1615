// Deterministic benchmark corpora generated from the samples: articles of any
// size made of the samples' paragraphs (each sentence numbered so quotes are
// unique), synthetic people with aliases mentioned in them, and sidecars with
// as many claims as asked.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { seeded } from './editCorpus';

const REPO = path.resolve(__dirname, '..', '..');
const FIRST = ['Amina', 'Bashir', 'Farida', 'Ghulam', 'Habib', 'Jamila', 'Karim', 'Latifa', 'Mahmud', 'Nadia', 'Omar', 'Parwin', 'Qasim', 'Rahima', 'Sami', 'Tahir', 'Wahid', 'Yasmin', 'Zahir', 'Zarlasht'];
const LAST = ['Ahmadi', 'Barakzai', 'Durrani', 'Faizi', 'Haidari', 'Jalali', 'Karimi', 'Ludin', 'Mohseni', 'Nazari', 'Popal', 'Qaderi', 'Rahimi', 'Sadat', 'Tarzi', 'Wardak', 'Yusufzai', 'Zaman', 'Hotak', 'Safi', 'Amiri', 'Baheer', 'Noori', 'Sharifi', 'Osmani'];

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly aliases: string[];
}

/** `count` people with `aliasesEach` aliases; names are unique, some aliases shared (as "Massoud" is). */
export function people(count: number, aliasesEach: number): Person[] {
  return Array.from({ length: count }, (_, i) => {
    const first = FIRST[i % FIRST.length]!;
    const last = `${LAST[Math.floor(i / FIRST.length) % LAST.length]}${i >= FIRST.length * LAST.length ? `-${i}` : ''}`;
    const name = `${first} ${last}`;
    const aliases = [last, `${first[0]}. ${last}`, `${name} Khan`, `Commander ${last}`, `${first} ${last} Jr`].slice(0, aliasesEach);
    return { id: `p${i}`, name, aliases };
  });
}

function sampleParagraphs(): string[] {
  const dir = path.join(REPO, 'samples');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split(/\n\s*\n/))
    .map((p) => p.trim())
    .filter((p) => p.length > 80);
}

export interface GeneratedArticle {
  readonly text: string;
  /** Quotes that occur exactly once. */
  readonly quotes: string[];
}

/** An article of about `bytes` characters, mentioning `cast` now and then. */
export function article(bytes: number, cast: readonly Person[], seed = 1): GeneratedArticle {
  const random = seeded(seed);
  const paragraphs = sampleParagraphs();
  const parts: string[] = [];
  const quotes: string[] = [];
  let size = 0;
  let n = 0;
  while (size < bytes) {
    const paragraph = paragraphs[Math.floor(random() * paragraphs.length)]!;
    const numbered = paragraph.replace(/([.!?])(\s|$)/g, (_m, end: string, space: string) => ` (${++n})${end}${space}`);
    const person = cast.length > 0 ? cast[Math.floor(random() * cast.length)]! : undefined;
    const names = person ? [person.name, ...person.aliases] : [];
    const text = person ? `${names[Math.floor(random() * names.length)]} said: ${numbered}` : numbered;
    for (const m of numbered.matchAll(/[^.!?]{25,}\(\d+\)/g)) quotes.push(m[0].trim().slice(-40).trim());
    parts.push(text);
    size += text.length + 2;
  }
  return { text: parts.join('\n\n') + '\n', quotes };
}

/** A sidecar with the cast as entities, `claims` claims on the article's quotes (a third unsourced) and 20 sources. */
export function sidecar(cast: readonly Person[], quotes: readonly string[], claims: number): string {
  const lines = ['# Generated benchmark sidecar', 'sources:'];
  for (let i = 0; i < 20; i++) lines.push(`  s${i}:`, `    title: Source ${i}`, `    url: https://example.org/${i}`);
  lines.push('entities:');
  for (const p of cast) lines.push(`  ${p.id}:`, `    name: ${p.name}`, '    type: person', `    aliases: [${p.aliases.join(', ')}]`, `    description: Generated person ${p.id}.`);
  lines.push('claims:');
  const step = Math.max(1, Math.floor(quotes.length / Math.max(1, claims)));
  for (let i = 0; i < claims && i * step < quotes.length; i++) {
    lines.push(`  - id: c${i}`, `    quote: ${JSON.stringify(quotes[i * step])}`);
    if (i % 3 !== 0) lines.push(`    sources: [s${i % 20}]`);
  }
  return lines.join('\n') + '\n';
}

/** An article and its sidecar written to `root/name/`, with what the benchmarks need to know of them. */
export interface Corpus {
  readonly name: string;
  readonly dir: string;
  readonly articlePath: string;
  readonly sidecarPath: string;
  readonly text: string;
  readonly cast: readonly Person[];
}

/** Writes a generated article as `root/name/articleName` and its sidecar (with `claims` claims) beside it. */
export function writeCorpusFiles(root: string, name: string, articleName: string, cast: readonly Person[], generated: GeneratedArticle, claims: number): Corpus {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  const articlePath = path.join(dir, articleName);
  const sidecarPath = path.join(dir, 'article.annotations.yaml');
  fs.writeFileSync(articlePath, generated.text);
  fs.writeFileSync(sidecarPath, sidecar(cast, generated.quotes, claims));
  return { name, dir, articlePath, sidecarPath, text: generated.text, cast };
}
