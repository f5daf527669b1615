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
  const checked: CheckedFile[] = [];
  for (const pair of found.pairs) {
    const analysis = analyzer.analyze(pair, disk, DEFAULT_ANALYSIS_OPTIONS);
    if (analysis) checked.push({ pair, analysis });
    else problems.push({ file: pair.sidecar, severity: 'error', code: 'unreadable-article', message: `${pair.sidecar} could not be read.` });
  }
  if (options.format === 'json') out(JSON.stringify(jsonReport(checked, problems, cwd), null, 2));
  else {
    for (const line of textReport(checked, problems, cwd)) out(line);
    out(summary(checked, problems));
  }
  const failing = problems.length > 0 || checked.some((c) => c.analysis.findings.some((f) => f.severity === 'error' || f.severity === 'warning'));
  return failing ? 1 : 0;
}

function summary(checked: readonly CheckedFile[], problems: readonly FileProblem[]): string {
  const findings = checked.flatMap((c) => c.analysis.findings);
  const count = (severity: string): number => findings.filter((f) => f.severity === severity).length + problems.filter((p) => p.severity === severity).length;
  const claims = checked.flatMap((c) => c.analysis.claims);
  const unsourced = claims.filter((c) => c.status === 'unsourced').length;
  return `${checked.length} article(s) checked: ${claims.length} claims, ${unsourced} unsourced; ${count('error')} error(s), ${count('warning')} warning(s), ${count('information')} information.`;
}
