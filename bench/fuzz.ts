// `npm run fuzz`: the property-based fuzz suite at full size (test/fuzz/ has
// the generator, the invariants and the runner; `npm test` runs a small
// fixed-seed slice of it). Prints checks and failures per invariant and one
// minimal reproduction per kind of failure, writes bench/results/fuzz.json,
// and exits non-zero when anything failed.
//
//   npm run fuzz -- --inputs 100000 --seed 1 [--server N] [--workers N] [--budget ms] [--shrink kinds]
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FuzzCase } from '../test/fuzz/generate';
import { formatReport, runFuzz, type RunReport } from '../test/fuzz/runner';

const REPO = path.resolve(__dirname, '..', '..');

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number, not ${process.argv[at + 1]}`);
  return value;
}

/** Inputs kept in the JSON are clipped to this many characters per file (the full ones are made again from their seeds). */
const KEEP_CHARS = 8_000;

/** The JSON written: the report, with each failure kind's minimal input, or its first input when it could not be shrunk. */
function toJson(report: RunReport, argv: string[]): unknown {
  const clip = (input: FuzzCase | undefined): unknown =>
    input && { ...input, article: input.article.slice(0, KEEP_CHARS), sidecar: input.sidecar.slice(0, KEEP_CHARS), clipped: input.article.length > KEEP_CHARS || input.sidecar.length > KEEP_CHARS };
  return {
    command: `npm run fuzz -- ${argv.join(' ')}`.trim(),
    date: new Date().toISOString(),
    node: process.version,
    ...report,
    groups: report.groups.map((g) => ({
      ...g,
      example: { ...g.example, input: g.minimal ? undefined : clip(g.example.input) },
      minimal: g.minimal && { ...g.minimal, input: clip(g.minimal.input) },
    })),
  };
}

async function main(): Promise<void> {
  const inputs = argument('inputs', 100_000);
  const seed = argument('seed', 1);
  const server = argument('server', Math.min(3000, Math.round(inputs * 0.03)));
  const report = await runFuzz({
    seed,
    coreInputs: Math.max(0, inputs - server),
    serverInputs: server,
    workers: argument('workers', 2),
    check: { budgetMs: argument('budget', 1000) },
    maxArticle: 64 * 1024,
    hangMs: 60_000,
    shrinkKinds: argument('shrink', 40),
    shrinkEvaluations: 600,
    shrinkMs: 30_000,
    log: (line) => console.log(line),
  });
  console.log(formatReport(report));
  const out = path.join(REPO, 'bench', 'results', 'fuzz.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(toJson(report, process.argv.slice(2)), null, 1) + '\n');
  console.log(`\nWrote ${path.relative(REPO, out)}`);
  const failed = Object.values(report.failures).reduce((a, b) => a + b, 0) + report.harnessErrors.length;
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
