// The project configuration, `.marginalia.yaml` at the repository root, shared
// by the CLI and the language server: severities per diagnostic code, paths to
// ignore, the warning budget of `marginalia check`, the article size limit.
// Pure: the file's text in, a Config and its errors out (node/configFile.ts
// finds and reads it). The schema is client/schemas/marginalia-config.schema.json.
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import { DIAGNOSTIC_CODES, type Severity } from './model';
import { compileGlobs, type GlobMatcher } from './configGlob';

export const CONFIG_FILE_NAME = '.marginalia.yaml';

/** A code's severity in the configuration; `off` drops its findings. */
export type ConfiguredSeverity = Severity | 'off';

/** Codes of `marginalia check` alone (about the files found, not their analysis); configurable too. */
export const CHECK_CODES = ['misnamed-sidecar', 'missing-file'] as const;
const CODES: readonly string[] = [...DIAGNOSTIC_CODES, ...CHECK_CODES];

export interface Config {
  /** By diagnostic code (or one of CHECK_CODES). */
  readonly severity: Readonly<Record<string, ConfiguredSeverity>>;
  /** Glob patterns, relative to the configuration file's folder. */
  readonly ignore: readonly string[];
  readonly maxWarnings?: number;
  readonly maxArticleBytes?: number;
}

export interface ConfigError {
  /** 1-based line and column in the configuration file. */
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export const EMPTY_CONFIG: Config = { severity: {}, ignore: [] };

const SEVERITIES: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'];
const KEYS = ['severity', 'ignore', 'maxWarnings', 'maxArticleBytes'];
/** A configuration is a few lines; a bigger one is a mistake, not read. */
const MAX_CONFIG_CHARS = 64 * 1024;
const MAX_IGNORE_PATTERNS = 1_000;

export function parseConfig(text: string): { config: Config; errors: ConfigError[] } {
  if (text.length > MAX_CONFIG_CHARS) return { config: EMPTY_CONFIG, errors: [{ line: 1, column: 1, message: `The configuration is over ${MAX_CONFIG_CHARS} characters.` }] };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const errors: ConfigError[] = [];
  const at = (node: Node | null | undefined, message: string): void => {
    const pos = lines.linePos(node?.range?.[0] ?? 0);
    errors.push({ line: pos.line, column: pos.col, message });
  };
  for (const e of doc.errors) errors.push({ line: e.linePos?.[0].line ?? 1, column: e.linePos?.[0].col ?? 1, message: e.message.split('\n')[0]! });
  if (errors.length > 0) return { config: EMPTY_CONFIG, errors };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { config: EMPTY_CONFIG, errors };
  if (!isMap(root)) return { config: EMPTY_CONFIG, errors: [{ line: 1, column: 1, message: 'The configuration must be a mapping of keys (severity, ignore, maxWarnings, maxArticleBytes).' }] };
  const config: { severity: Record<string, ConfiguredSeverity>; ignore: string[]; maxWarnings?: number; maxArticleBytes?: number } = { severity: {}, ignore: [] };
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    if (!KEYS.includes(key)) at(pair.key as Node, `Unknown key '${key}': expected one of ${KEYS.join(', ')}.`);
    else if (key === 'severity') readSeverities(value, config.severity, at);
    else if (key === 'ignore') readIgnore(value, config.ignore, at);
    else {
      const n = isScalar(value) ? value.value : undefined;
      const min = key === 'maxWarnings' ? 0 : 1;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < min) at(value, `'${key}' must be a whole number of at least ${min}.`);
      else config[key as 'maxWarnings' | 'maxArticleBytes'] = n;
    }
  }
  return { config: errors.length > 0 ? EMPTY_CONFIG : config, errors };
}

function readSeverities(node: Node | null, into: Record<string, ConfiguredSeverity>, at: (node: Node | null | undefined, message: string) => void): void {
  if (!isMap(node)) return at(node, "'severity' must map diagnostic codes to error, warning, information, hint or off.");
  for (const pair of node.items) {
    const code = isScalar(pair.key) ? String(pair.key.value) : '';
    const level = isScalar(pair.value) ? pair.value.value : undefined;
    if (!CODES.includes(code)) at(pair.key as Node, `Unknown diagnostic code '${code}': expected one of ${CODES.join(', ')}.`);
    else if (typeof level !== 'string' || !SEVERITIES.includes(level)) at(pair.value as Node, `The severity of '${code}' must be one of ${SEVERITIES.join(', ')}.`);
    else into[code] = level as ConfiguredSeverity;
  }
}

function readIgnore(node: Node | null, into: string[], at: (node: Node | null | undefined, message: string) => void): void {
  if (!isSeq(node)) return at(node, "'ignore' must be a list of path patterns (such as drafts/** or *.draft.md).");
  for (const item of node.items.slice(0, MAX_IGNORE_PATTERNS)) {
    const pattern = isScalar(item) ? item.value : undefined;
    if (typeof pattern !== 'string' || pattern.trim() === '') at(item as Node, 'An ignore pattern must be a non-empty string.');
    else into.push(pattern.trim());
  }
}

/** The findings with the configured severities; the codes set to `off` are dropped. */
export function applySeverities<F extends { readonly code: string; readonly severity: Severity }>(findings: readonly F[], config: Config): F[] {
  const out: F[] = [];
  for (const finding of findings) {
    const level = config.severity[finding.code];
    if (level === undefined) out.push(finding);
    else if (level !== 'off') out.push(level === finding.severity ? finding : { ...finding, severity: level });
  }
  return out;
}

/** Whether a path (relative to the configuration's folder, `/`-separated) is ignored. */
export function ignoreMatcher(config: Config): GlobMatcher {
  return compileGlobs(config.ignore);
}
