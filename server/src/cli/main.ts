// `marginalia check`: finds the pairs, reads the configuration, checks the
// pairs (in worker threads) and hands the results to the format asked for.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applySeverities, ignoreMatcher } from '../core/config';
import { loadConfigFile, loadConfigFor, type LoadedConfig } from '../node/configFile';
import { DEFAULT_SETTINGS } from '../protocol';
import { checkInOrder } from './checkInOrder';
import { findPairs, type FoundFiles } from './findPairs';
import { CompactFormatter } from './format/compact';
import type { FormatContext, Formatter } from './format/formatter';
import { GithubFormatter } from './format/github';
import { GitlabFormatter } from './format/gitlab';
import { JsonFormatter } from './format/json';
import { SarifFormatter } from './format/sarif';
import { TextFormatter } from './format/text';
import { parseCheckArgs, USAGE, type CheckOptions, type Format } from './options';
import { problemResult, relativePath, type CheckResult, type FileProblem } from './results';
import { Summary } from './summary';
import { NOT_A_TERMINAL, styleFor, widthOf, type Terminal } from './terminal';
import { VERSION } from './version';

/** Exit statuses: documented in USAGE and the README. */
export const EXIT = { clean: 0, findings: 1, usage: 2 } as const;

export async function runCli(args: readonly string[], cwd: string, out: (line: string) => void, err: (line: string) => void, terminal: Terminal = NOT_A_TERMINAL): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    out(USAGE);
    return EXIT.clean;
  }
  if (args.includes('--version')) {
    out(`marginalia ${VERSION}`);
    return EXIT.clean;
  }
  const options = parseCheckArgs(args);
  if (typeof options === 'string') {
    err(options);
    return EXIT.usage;
  }
  const paths = options.paths.map((p) => path.resolve(cwd, p));
  const loaded = configFor(options, paths[0]!, cwd);
  if (loaded.errors.length > 0) {
    for (const e of loaded.errors) err(`${relativePath(cwd, loaded.file ?? CONFIG_UNKNOWN)}:${e.line}:${e.column}: ${e.message}`);
    return EXIT.usage;
  }
  const { config } = loaded;
  const maxArticleBytes = config.maxArticleBytes ?? DEFAULT_SETTINGS.maxArticleBytes;
  const found = withoutIgnored(findPairs(paths, maxArticleBytes), loaded, cwd);
  const keep = (results: CheckResult[]): CheckResult[] => (options.quiet ? results.filter((r) => r.severity === 'error') : results);
  const summary = new Summary(options.maxWarnings ?? config.maxWarnings ?? 0);
  const formatter = formatterFor(options.format, { out, style: styleFor(terminal, options.color), width: widthOf(terminal), verbose: options.verbose, cwd });
  const problems = keep(applySeverities(fileProblems(found.files), config).map((p) => problemResult(p, cwd)));
  summary.addResults(problems);
  formatter.problems(problems);
  await checkInOrder({ pairs: found.files.pairs, roots: found.files.roots, json: options.format === 'json', cwd, config, maxArticleBytes }, (outcome) => {
    const results = keep([...outcome.results]);
    summary.addPair(outcome);
    summary.addResults(results);
    formatter.pair(options.quiet ? { ...outcome, results } : outcome);
  });
  formatter.end(summary);
  if (found.files.pairs.length === 0 && !options.allowEmpty) {
    err(nothingCheckedMessage(options.paths, found.ignored, found.files.misnamed.length));
    return EXIT.usage;
  }
  return summary.exitCode;
}

const CONFIG_UNKNOWN = '.marginalia.yaml';

function configFor(options: CheckOptions, firstPath: string, cwd: string): LoadedConfig {
  if (options.config) return loadConfigFile(path.resolve(cwd, options.config));
  return loadConfigFor(looksLikeFile(firstPath) ? path.dirname(firstPath) : firstPath);
}

function looksLikeFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Pairs and problems of files the configuration's `ignore` covers are dropped (paths relative to the configuration's folder). */
function withoutIgnored(found: FoundFiles, loaded: LoadedConfig, cwd: string): { files: FoundFiles; ignored: number } {
  if (loaded.config.ignore.length === 0) return { files: found, ignored: 0 };
  const base = loaded.file ? path.dirname(loaded.file) : cwd;
  const matches = ignoreMatcher(loaded.config);
  const ignored = (file: string): boolean => {
    const rel = path.relative(base, file);
    return !rel.startsWith('..') && !path.isAbsolute(rel) && matches(rel);
  };
  const pairs = found.pairs.filter((p) => !ignored(p.article) && !ignored(p.sidecar));
  const files: FoundFiles = { ...found, pairs, unused: found.unused.filter((p) => !ignored(p.file)), misnamed: found.misnamed.filter((p) => !ignored(p.file)) };
  return { files, ignored: found.pairs.length - pairs.length };
}

function fileProblems(found: FoundFiles): FileProblem[] {
  const missing = found.missing.map((file) => ({ file, severity: 'error' as const, code: 'missing-file', message: `${file} does not exist.` }));
  return [...missing, ...found.misnamed, ...found.unused];
}

function nothingCheckedMessage(paths: readonly string[], ignored: number, misnamed: number): string {
  const why = [ignored > 0 ? `${ignored} ignored by the configuration's 'ignore'` : '', misnamed > 0 ? `${misnamed} misnamed sidecar(s), see above` : ''].filter(Boolean).join('; ');
  return `No annotated article found under ${paths.join(', ')}${why ? ` (${why})` : ''}: nothing was checked. An article NAME.md, NAME.markdown or NAME.txt is checked when a sidecar NAME.annotations.yaml is beside it. Pass --allow-empty if nothing to check is fine.`;
}

function formatterFor(format: Format, ctx: FormatContext): Formatter {
  switch (format) {
    case 'json':
      return new JsonFormatter(ctx);
    case 'sarif':
      return new SarifFormatter(ctx);
    case 'github':
      return new GithubFormatter(ctx);
    case 'gitlab':
      return new GitlabFormatter(ctx);
    case 'compact':
      return new CompactFormatter(ctx);
    case 'text':
      return new TextFormatter(ctx);
  }
}

