// Measures how often automatic mention resolution names the right person on
// the samples, against the hand-labelled test/fixtures/mention-gold.json.
// Pins are removed first: this measures the resolver, not the sidecar.
import * as fs from 'node:fs';
import * as path from 'node:path';
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
        row.errors.push(`${name}@${item.offset} “${item.context}”: expected ${item.entity}, got ${mention ? `${mention.entityId} (${mention.resolution})` : 'no mention'}`);
      }
    }
    return row;
  });
}

if (require.main === module) {
  for (const withPins of [false, true]) {
    const rows = measureMentionAccuracy(withPins);
    console.log(`\nShared-name mentions resolved ${withPins ? 'with the samples’ pins' : 'automatically (pins removed)'}:`);
    console.log('| article | mentions | right | flagged uncertain | wrong and not flagged |');
    console.log('|---|---:|---:|---:|---:|');
    for (const r of rows) console.log(`| ${r.article} | ${r.total} | ${r.correct} | ${r.flaggedUncertain} | ${r.wrongButConfident} |`);
    const sum = (f: (r: AccuracyRow) => number): number => rows.reduce((n, r) => n + f(r), 0);
    const total = sum((r) => r.total);
    console.log(`| **all** | ${total} | ${sum((r) => r.correct)} (${((100 * sum((r) => r.correct)) / Math.max(1, total)).toFixed(1)}%) | ${sum((r) => r.flaggedUncertain)} | ${sum((r) => r.wrongButConfident)} |`);
    const methods: Record<string, number> = {};
    for (const r of rows) for (const [k, v] of Object.entries(r.byResolution)) methods[k] = (methods[k] ?? 0) + v;
    console.log(`\nDecided by: ${Object.entries(methods).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    for (const r of rows) for (const e of r.errors) console.log(`  ${e}`);
  }
}
