import * as path from 'node:path';
import { VERSION } from './version';
import { DEFAULT_SETTINGS } from '../protocol';
import type { PairOutcome } from './checkPairs';
import { checkInOrder } from './checkInOrder';
import { findPairs } from './findPairs';
import { jsonReport, textReport, type FileProblem } from './report';

const USAGE = `Usage: marginalia check [PATH...] [--format text|json]

Checks the articles under PATH (default: the current folder) that have a
sidecar NAME.annotations.yaml beside them (or a sidecar whose 'article:' key
names them), and prints one line per problem:
  file:line:column severity code message
Only files inside the PATHs given are read (for a file given: its folder);
an 'article:' that points elsewhere is reported, not read.
Exit status: 0 when there is no error or warning, 1 when there is, 2 on a usage error.`;

interface Options {
  readonly paths: string[];
  readonly format: 'text' | 'json';
}

function parseArgs(args: readonly string[]): Options | string {
  if (args[0] !== 'check') return args.length === 0 ? USAGE : `Unknown command '${args[0]}'.\n\n${USAGE}`;
  const paths: string[] = [];
  let format: 'text' | 'json' = 'text';
  for (let i = 1; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--format') {
      const value = args[++i];
      if (value !== 'text' && value !== 'json') return `--format takes text or json, not ${value ?? 'nothing'}.`;
      format = value;
    } else if (arg.startsWith('--format=')) {
      const value = arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json') return `--format takes text or json, not ${value}.`;
      format = value;
    } else if (arg.startsWith('-')) return `Unknown option '${arg}'.\n\n${USAGE}`;
    else paths.push(arg);
  }
  return { paths: paths.length > 0 ? paths : ['.'], format };
}

export async function runCli(args: readonly string[], cwd: string, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    out(USAGE);
    return 0;
  }
  if (args.includes('--version')) {
    out(`marginalia ${VERSION}`);
    return 0;
  }
  const options = parseArgs(args);
  if (typeof options === 'string') {
    err(options);
    return 2;
  }
  const found = findPairs(
    options.paths.map((p) => path.resolve(cwd, p)),
    DEFAULT_SETTINGS.maxArticleBytes,
  );
  const problems: FileProblem[] = [...found.missing.map((file) => ({ file, severity: 'error' as const, code: 'missing-file', message: `${file} does not exist.` })), ...found.unused];
  const totals = new Totals();
  const json = options.format === 'json' ? new JsonFilesWriter(out) : undefined;
  if (!json) for (const line of textReport([], problems, cwd)) out(line);
  totals.addProblems(problems);
  // Pairs whose article could not be read: counted with their pair, listed with the problems in JSON.
  const unreadable: FileProblem[] = [];
  await checkInOrder({ pairs: found.pairs, roots: found.roots, format: options.format, cwd }, (outcome) => {
    totals.add(outcome);
    if (outcome.problem) unreadable.push(outcome.problem);
    if (json && outcome.json) json.add(outcome.json);
    for (const line of outcome.lines) out(line);
  });
  if (json) {
    for (const file of (jsonReport([], [...problems, ...unreadable], cwd) as { files: unknown[] }).files) json.add(file);
    json.end();
  } else out(totals.summary());
  return totals.failing ? 1 : 0;
}

/**
 * The `{"files": [...]}` document written one file at a time, the same text
 * as stringifying it whole; one file is held back for its trailing comma.
 */
class JsonFilesWriter {
  private started = false;
  private pending?: string;

  constructor(private readonly out: (line: string) => void) {}

  add(file: unknown): void {
    if (!this.started) this.out('{\n  "files": [');
    this.started = true;
    if (this.pending !== undefined) this.out(`${this.pending},`);
    this.pending = JSON.stringify(file, null, 2).replace(/^/gm, '    ');
  }

  end(): void {
    if (this.pending === undefined) return this.out('{\n  "files": []\n}');
    this.out(this.pending);
    this.out('  ]\n}');
  }
}

/** Counts for the closing line and the exit status, kept as the pairs go by. */
class Totals {
  private articles = 0;
  private claims = 0;
  private unsourced = 0;
  private readonly bySeverity = new Map<string, number>();

  add(outcome: PairOutcome): void {
    if (!outcome.problem) this.articles++;
    this.claims += outcome.claims;
    this.unsourced += outcome.unsourced;
    for (const [severity, count] of Object.entries(outcome.bySeverity)) this.bySeverity.set(severity, (this.bySeverity.get(severity) ?? 0) + count);
  }

  addProblems(problems: readonly FileProblem[]): void {
    for (const p of problems) this.bySeverity.set(p.severity, (this.bySeverity.get(p.severity) ?? 0) + 1);
  }

  get failing(): boolean {
    return (this.bySeverity.get('error') ?? 0) + (this.bySeverity.get('warning') ?? 0) > 0;
  }

  summary(): string {
    const n = (severity: string): number => this.bySeverity.get(severity) ?? 0;
    return `${this.articles} article(s) checked: ${this.claims} claims, ${this.unsourced} unsourced; ${n('error')} error(s), ${n('warning')} warning(s), ${n('information')} information.`;
  }
}
