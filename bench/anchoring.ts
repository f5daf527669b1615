// `npm run bench:anchoring`: how many annotations survive edits to the
// article, for Marginalia's anchoring and, side by side in the same run, for
// the approach web annotators use (the approx-string-match package driving a
// TextQuoteSelector search scored as in the Hypothesis client).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { findAnchor } from '../server/src/core/anchor';
import { editDistance } from '../server/src/core/fuzzy';
import { normalizeWithMap } from '../server/src/core/normalize';
import { parseSidecar } from '../server/src/core/sidecar';
import type { Span } from '../server/src/core/model';
import { editArticle, seeded, type TrackedAnnotation } from './editCorpus';

const REPO = path.resolve(__dirname, '..', '..');
const RATES = [0.005, 0.01, 0.02, 0.05, 0.1];
const TRIALS = 12;

type Outcome = 'right' | 'drifted' | 'wrong' | 'orphaned';
type Result = { span: Span; exact: boolean } | undefined;
type Anchorer = (text: string, a: TrackedAnnotation) => Result;
type Search = (text: string, pattern: string, maxErrors: number) => { start: number; end: number; errors: number }[];

/** Every annotation of the samples (claims, pins, notes) where its quote is found exactly today. */
function sampleCorpus(): { text: string; quotes: Span[] }[] {
  const dir = path.join(REPO, 'samples');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).map((name) => {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const sidecar = parseSidecar(fs.readFileSync(path.join(dir, name.replace(/\.txt$/, '.annotations.yaml')), 'utf8'));
    const normalized = normalizeWithMap(text);
    const quotes = [...sidecar.claims, ...sidecar.mentions, ...sidecar.notes].flatMap((a) => {
      const found = findAnchor(normalized, a);
      return found.status === 'found' ? [found.span] : [];
    });
    return { text, quotes };
  });
}

const marginalia: Anchorer = (text, a) => {
  const result = findAnchor(normalizeWithMap(text), a, a.originalStart);
  if (result.status === 'found') return { span: result.span, exact: true };
  if (result.status === 'drifted') return { span: result.span, exact: false };
  return undefined;
};

/** Hypothesis' matchQuote: every match within quote.length / 2 errors, scored by quote, prefix, suffix and position. */
function hypothesis(search: Search): Anchorer {
  const contextScore = (text: string, context: string): number => {
    if (context.length === 0 || text.length === 0) return 0;
    const best = search(text, context, context.length)[0];
    return best ? 1 - best.errors / context.length : 0;
  };
  return (text, a) => {
    const matches = search(text, a.quote, Math.min(256, Math.floor(a.quote.length / 2)));
    let best: { start: number; end: number; errors: number; score: number } | undefined;
    for (const m of matches) {
      const quoteScore = 1 - m.errors / a.quote.length;
      const prefixScore = a.prefix ? contextScore(text.slice(Math.max(0, m.start - a.prefix.length), m.start), a.prefix) : 1;
      const suffixScore = a.suffix ? contextScore(text.slice(m.end, m.end + a.suffix.length), a.suffix) : 1;
      const positionScore = 1 - Math.abs(m.start - a.originalStart) / text.length;
      const score = 50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * positionScore;
      if (!best || score > best.score) best = { ...m, score };
    }
    return best && { span: { start: best.start, end: best.end }, exact: best.errors === 0 };
  };
}

function judge(result: Result, truth: Span | undefined): Outcome {
  if (!result) return 'orphaned';
  if (!truth) return 'wrong';
  const overlap = Math.min(result.span.end, truth.end) - Math.max(result.span.start, truth.start);
  const needed = 0.5 * Math.min(result.span.end - result.span.start, truth.end - truth.start);
  if (overlap < needed) return 'wrong';
  return result.exact ? 'right' : 'drifted';
}

interface Row {
  rate: number;
  annotations: number;
  recoverable: number;
  ours: Record<Outcome, number> & { microsPerAnnotation: number };
  web: Record<Outcome, number> & { microsPerAnnotation: number };
}

function measure(corpus: ReturnType<typeof sampleCorpus>, rate: number, anchorers: { ours: Anchorer; web: Anchorer }): Row {
  const empty = (): Record<Outcome, number> & { microsPerAnnotation: number } => ({ right: 0, drifted: 0, wrong: 0, orphaned: 0, microsPerAnnotation: 0 });
  const row: Row = { rate, annotations: 0, recoverable: 0, ours: empty(), web: empty() };
  const time = { ours: 0, web: 0 };
  for (let trial = 0; trial < TRIALS; trial++) {
    corpus.forEach((article, index) => {
      const edited = editArticle(article.text, article.quotes, rate, seeded(1000 * trial + index + Math.round(rate * 1e4)));
      for (const a of edited.annotations) {
        // A quote rewritten beyond half of its characters is gone: orphaned is then the right answer.
        if (a.truth && editDistance(a.quote, edited.text.slice(a.truth.start, a.truth.end)) > a.quote.length / 2) a.truth = undefined;
        row.annotations++;
        if (a.truth) row.recoverable++;
        for (const who of ['ours', 'web'] as const) {
          const start = performance.now();
          const result = anchorers[who](edited.text, a);
          time[who] += performance.now() - start;
          row[who][judge(result, a.truth)]++;
        }
      }
    });
  }
  row.ours.microsPerAnnotation = (1000 * time.ours) / row.annotations;
  row.web.microsPerAnnotation = (1000 * time.web) / row.annotations;
  return row;
}

const percent = (n: number, total: number): string => `${((100 * n) / total).toFixed(1)}%`;

function table(rows: Row[]): string[] {
  const lines = [
    '| edits per word | annotations (recoverable) | Marginalia: right · drifted but right · **wrong** · orphaned | µs | approx-string-match (Hypothesis-style): right · drifted but right · **wrong** · orphaned | µs |',
    '|---:|---:|---|---:|---|---:|',
  ];
  for (const r of rows) {
    const cells = (o: Row['ours']): string => `${percent(o.right, r.annotations)} · ${percent(o.drifted, r.annotations)} · **${percent(o.wrong, r.annotations)}** · ${percent(o.orphaned, r.annotations)}`;
    lines.push(`| ${r.rate} | ${r.annotations} (${r.recoverable}) | ${cells(r.ours)} | ${r.ours.microsPerAnnotation.toFixed(0)} | ${cells(r.web)} | ${r.web.microsPerAnnotation.toFixed(0)} |`);
  }
  return lines;
}

async function main(): Promise<void> {
  // approx-string-match is an ES module; this file is compiled to CommonJS.
  const load = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default: Search }>;
  const search = (await load('approx-string-match')).default;
  const corpus = sampleCorpus();
  const rows = RATES.map((rate) => measure(corpus, rate, { ours: marginalia, web: hypothesis(search) }));
  const lines = table(rows);
  console.log(`Anchoring after random edits: ${corpus.reduce((n, c) => n + c.quotes.length, 0)} annotations of the 4 samples × ${TRIALS} edited copies per rate`);
  console.log(`Machine: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, Node ${process.version}\n`);
  for (const line of lines) console.log(line);
  const out = path.join(REPO, 'bench', 'results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'anchoring.json'), JSON.stringify({ machine: os.cpus()[0]?.model, node: process.version, trials: TRIALS, rows }, null, 2) + '\n');
}

void main();
