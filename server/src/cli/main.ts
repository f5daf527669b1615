import * as path from 'node:path';
import { DEFAULT_ANALYSIS_OPTIONS } from '../core/analyze';
import { articleCandidatesFor } from '../core/pairing';
import { PairAnalyzer } from '../core/pairAnalysis';
import { DiskFiles } from '../node/diskFiles';
import { DEFAULT_SETTINGS } from '../protocol';
import { findPairs } from './findPairs';
import { jsonReport, textReport, type CheckedFile, type FileProblem } from './report';

const USAGE = `Usage: marginalia check [PATH...] [--format text|json]

Checks the articles under PATH (default: the current folder) that have a
sidecar NAME.annotations.yaml beside them, and prints one line per problem:
  file:line:column severity code message
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

export function runCli(args: readonly string[], cwd: string, out: (line: string) => void, err: (line: string) => void): number {
  if (args.includes('--help') || args.includes('-h')) {
    out(USAGE);
    return 0;
  }
  if (args.includes('--version')) {
    out('marginalia 0.1.0');
    return 0;
  }
  const options = parseArgs(args);
  if (typeof options === 'string') {
    err(options);
    return 2;
  }
  const disk = new DiskFiles(() => DEFAULT_SETTINGS.maxArticleBytes);
  const analyzer = new PairAnalyzer();
  const found = findPairs(options.paths.map((p) => path.resolve(cwd, p)), disk, analyzer);
  const problems: FileProblem[] = [
    ...found.missing.map((file) => ({ file, severity: 'error' as const, code: 'missing-file', message: `${file} does not exist.` })),
    ...found.lonelySidecars.map((file) => ({ file, severity: 'error' as const, code: 'missing-article', message: `No article found for this sidecar: expected one of ${articleCandidatesFor(file).map((p) => path.basename(p)).join(', ')}.` })),
  ];
  // One pair at a time: its report is written (or kept as JSON) and its
  // analysis dropped, so memory does not grow with the number of articles.
  const totals = new Totals();
  const jsonFiles: unknown[] = [];
  if (options.format === 'text') for (const line of textReport([], problems, cwd)) out(line);
  for (const pair of found.pairs) {
    const analysis = analyzer.analyze(pair, disk, DEFAULT_ANALYSIS_OPTIONS);
    analyzer.forget(pair.article);
    analyzer.forget(pair.sidecar);
    if (!analysis) {
      const problem: FileProblem = { file: pair.sidecar, severity: 'error', code: 'unreadable-article', message: `${pair.sidecar} could not be read.` };
      problems.push(problem);
      if (options.format === 'text') for (const line of textReport([], [problem], cwd)) out(line);
      continue;
    }
    const checked: CheckedFile = { pair, analysis };
    totals.add(checked);
    if (options.format === 'json') jsonFiles.push(...(jsonReport([checked], [], cwd) as { files: unknown[] }).files);
    else for (const line of textReport([checked], [], cwd)) out(line);
  }
  totals.addProblems(problems);
  if (options.format === 'json') out(JSON.stringify({ files: [...jsonFiles, ...(jsonReport([], problems, cwd) as { files: unknown[] }).files] }, null, 2));
  else out(totals.summary());
  return totals.failing ? 1 : 0;
}

/** Counts for the closing line and the exit status, kept as the pairs go by. */
class Totals {
  private articles = 0;
  private claims = 0;
  private unsourced = 0;
  private readonly bySeverity = new Map<string, number>();

  add({ analysis }: CheckedFile): void {
    this.articles++;
    this.claims += analysis.claims.length;
    this.unsourced += analysis.claims.filter((c) => c.status === 'unsourced').length;
    for (const f of analysis.findings) this.bySeverity.set(f.severity, (this.bySeverity.get(f.severity) ?? 0) + 1);
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
