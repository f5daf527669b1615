// `npm run accuracy`: how often automatic mention resolution names the right
// person, and whether it says so when it is not sure. Three corpora:
//   – the samples, against the hand-labelled test/fixtures/mention-gold.json
//     (pins removed first: this measures the resolver, not the sidecar);
//   – ../shared/corpora/mentions-dev, through the CLI and that corpus's own
//     scorer (score.mjs), whose table and baselines are printed as they are;
//   – bench/corpora/mentions-extra (same gold format, same scorer, --gold).
// Each is summed up as right and certain / flagged (right or wrong) / wrong
// and certain, against the targets of issue 11. `--errors` lists every miss.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { analyze, prepareArticle, prepareSidecar } from '../../server/src/core/analyze';

export const REPO = path.resolve(__dirname, '..', '..', '..');

interface GoldItem {
  readonly offset: number;
  readonly context: string;
  readonly entity: string;
}

export interface AccuracyRow {
  readonly article: string;
  readonly total: number;
  readonly correct: number;
  readonly flaggedUncertain: number;
  readonly wrongButConfident: number;
  readonly byResolution: Record<string, number>;
  readonly errors: string[];
}

/** The three figures of the targets, as counts out of `total`. */
export interface Summary {
  readonly corpus: string;
  readonly total: number;
  readonly rightCertain: number;
  readonly flagged: number;
  readonly wrongCertain: number;
}

export function measureMentionAccuracy(withPins = false): AccuracyRow[] {
  const gold = JSON.parse(fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'mention-gold.json'), 'utf8')) as Record<string, GoldItem[]>;
  return Object.entries(gold).map(([name, items]) => {
    const articlePath = path.join(REPO, 'samples', name);
    const sidecarPath = articlePath.replace(/\.(txt|md)$/, '.annotations.yaml');
    const prepared = prepareSidecar(fs.readFileSync(sidecarPath, 'utf8'));
    const sidecar = withPins ? prepared : { ...prepared, sidecar: { ...prepared.sidecar, mentions: [] } };
    const analysis = analyze(prepareArticle(fs.readFileSync(articlePath, 'utf8')), sidecar);
    const row = { article: name, total: items.length, correct: 0, flaggedUncertain: 0, wrongButConfident: 0, byResolution: {} as Record<string, number>, errors: [] as string[] };
    for (const item of items) {
      const mention = analysis.mentions.find((m) => m.span.start <= item.offset && item.offset < m.span.end);
      const how = mention?.resolution ?? 'none';
      row.byResolution[how] = (row.byResolution[how] ?? 0) + 1;
      if (mention && !mention.certain) row.flaggedUncertain++;
      if (mention?.entityId === item.entity) row.correct++;
      else {
        if (mention?.certain) row.wrongButConfident++;
        const why = mention?.evidence?.length ? `; ${mention.evidence.join('; ')}` : '';
        row.errors.push(`${name}@${item.offset} “${item.context}”: expected ${item.entity}, got ${mention ? `${mention.entityId} (${mention.resolution}${why})` : 'no mention'}`);
      }
    }
    return row;
  });
}

/** Right and certain: right minus the right ones flagged (a flag on a right answer still costs the reader a look). */
function summarizeSamples(rows: readonly AccuracyRow[]): Summary {
  const sum = (f: (r: AccuracyRow) => number): number => rows.reduce((n, r) => n + f(r), 0);
  const flaggedRight = sum((r) => r.flaggedUncertain) - (sum((r) => r.total) - sum((r) => r.correct) - sum((r) => r.wrongButConfident));
  return { corpus: 'samples', total: sum((r) => r.total), rightCertain: sum((r) => r.correct) - flaggedRight, flagged: sum((r) => r.flaggedUncertain), wrongCertain: sum((r) => r.wrongButConfident) };
}

function printSamples(showErrors: boolean): Summary {
  const rows = measureMentionAccuracy(false);
  console.log('\n## samples (test/fixtures/mention-gold.json, pins removed)\n');
  console.log('| article | mentions | right | flagged uncertain | wrong and certain |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.article} | ${r.total} | ${r.correct} | ${r.flaggedUncertain} | ${r.wrongButConfident} |`);
  const methods: Record<string, number> = {};
  for (const r of rows) for (const [k, v] of Object.entries(r.byResolution)) methods[k] = (methods[k] ?? 0) + v;
  console.log(`\nDecided by: ${Object.entries(methods).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (showErrors) for (const r of rows) for (const e of r.errors) console.log(`  ${e}`);
  return summarizeSamples(rows);
}

/**
 * A corpus in the mentions-dev format, checked with the CLI and scored with
 * mentions-dev's score.mjs; undefined (with one line saying why) when the
 * corpus or the scorer is missing.
 */
function printScored(label: string, dir: string, gold: string | undefined, showErrors: boolean): Summary | undefined {
  const scorer = path.join(REPO, '..', 'shared', 'corpora', 'mentions-dev', 'score.mjs');
  console.log(`\n## ${label}\n`);
  if (!fs.existsSync(dir)) return void console.log(`(skipped: ${path.relative(REPO, dir)} is not there)`);
  if (!fs.existsSync(scorer)) return void console.log(`(skipped: the scorer ${path.relative(REPO, scorer)} is not there)`);
  const check = spawnSync(process.execPath, [path.join(REPO, 'bin', 'marginalia.js'), 'check', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (!check.stdout) return void console.log(`(skipped: marginalia check failed: ${check.stderr.trim().slice(0, 300)})`);
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'accuracy-')), 'report.json');
  fs.writeFileSync(report, check.stdout);
  const args = [scorer, report, ...(gold ? ['--gold', gold] : []), ...(showErrors ? ['--errors'] : [])];
  const scored = spawnSync(process.execPath, args, { encoding: 'utf8' });
  fs.rmSync(path.dirname(report), { recursive: true, force: true });
  console.log(scored.stdout.trimEnd());
  return totalsOf(label, scored.stdout);
}

/** The scorer's TOTAL row: mentions, right, of which flagged, wrong-flagged, wrong-unflagged, missed. */
function totalsOf(corpus: string, output: string): Summary | undefined {
  const row = /^TOTAL\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/m.exec(output);
  if (!row) return void console.log('(the scorer printed no TOTAL row)');
  const [total, right, rightFlagged, wrongFlagged, wrongUnflagged] = row.slice(1, 6).map(Number) as [number, number, number, number, number];
  return { corpus, total, rightCertain: right - rightFlagged, flagged: rightFlagged + wrongFlagged, wrongCertain: wrongUnflagged };
}

const percent = (n: number, total: number): string => `${((100 * n) / Math.max(1, total)).toFixed(1)}%`;

function printSummary(summaries: readonly Summary[]): void {
  const all = summaries.reduce((a, s) => ({ corpus: 'all together', total: a.total + s.total, rightCertain: a.rightCertain + s.rightCertain, flagged: a.flagged + s.flagged, wrongCertain: a.wrongCertain + s.wrongCertain }), { corpus: '', total: 0, rightCertain: 0, flagged: 0, wrongCertain: 0 });
  const devAndSamples = summaries.filter((s) => s.corpus === 'samples' || s.corpus.startsWith('mentions-dev'));
  const rows = [...summaries, ...(devAndSamples.length === 2 ? [{ ...devAndSamples.reduce((a, s) => ({ ...a, total: a.total + s.total, rightCertain: a.rightCertain + s.rightCertain, flagged: a.flagged + s.flagged, wrongCertain: a.wrongCertain + s.wrongCertain })), corpus: 'samples + mentions-dev (the targets)' }] : []), all];
  console.log('\n## Summary (targets: right and certain ≥ 85%, flagged ≤ 15%, wrong and certain ≤ 2%)\n');
  console.log('| corpus | mentions | right and certain | flagged (right or wrong) | wrong and certain |');
  console.log('|---|---:|---:|---:|---:|');
  for (const s of rows) console.log(`| ${s.corpus} | ${s.total} | ${s.rightCertain} (${percent(s.rightCertain, s.total)}) | ${s.flagged} (${percent(s.flagged, s.total)}) | ${s.wrongCertain} (${percent(s.wrongCertain, s.total)}) |`);
}

if (require.main === module) {
  const showErrors = process.argv.includes('--errors');
  const summaries: Summary[] = [printSamples(showErrors)];
  const dev = printScored('mentions-dev (../shared/corpora/mentions-dev, its score.mjs)', path.join(REPO, '..', 'shared', 'corpora', 'mentions-dev'), undefined, showErrors);
  if (dev) summaries.push({ ...dev, corpus: 'mentions-dev' });
  const extraDir = path.join(REPO, 'bench', 'corpora', 'mentions-extra');
  const extra = printScored('mentions-extra (bench/corpora/mentions-extra, scored with --gold)', extraDir, path.join(extraDir, 'gold.json'), showErrors);
  if (extra) summaries.push({ ...extra, corpus: 'mentions-extra' });
  printSummary(summaries);
}
