// What `marginalia check` reports: each finding once, as a result located in
// the file a reader fixes first, with its other location (the sidecar's
// annotation of a claim found in the article) as a related one. Plain values,
// built in the worker threads and formatted in the main one.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { LineIndex } from '../core/lineIndex';
import { linesOf } from '../core/locate';
import type { Analysis, Finding, Severity, Span } from '../core/model';
import type { Pair } from '../core/pairing';

export interface LspRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

export interface ResultLocation {
  /** Relative to the folder the CLI runs in. */
  readonly file: string;
  readonly range: LspRange;
}

export interface CheckResult {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly location: ResultLocation;
  readonly related: readonly ResultLocation[];
  /** The same finding gets the same fingerprint from run to run, wherever its line moves (SARIF partialFingerprints). */
  readonly fingerprint: string;
}

/** A problem with a file as a whole (a sidecar without its article, a path that does not exist). */
export interface FileProblem {
  readonly file: string;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
}

const FILE_START: LspRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
/** Characters of a finding's text that go into its fingerprint; a longer span is identified by its start. */
const FINGERPRINT_TEXT_CHARS = 200;

export function relativePath(cwd: string, file: string): string {
  return path.relative(cwd, file) || file;
}

export function problemResult(problem: FileProblem, cwd: string): CheckResult {
  const file = relativePath(cwd, problem.file);
  return { code: problem.code, severity: problem.severity, message: problem.message, location: { file, range: FILE_START }, related: [], fingerprint: fingerprintOf([problem.code, file, problem.message]) };
}

/** The analysis' findings (severities as configured), each once; in file order (article, then sidecar) and position. */
export function pairResults(pair: Pair, analysis: Analysis, findings: readonly Finding[], cwd: string): CheckResult[] {
  const files = { article: relativePath(cwd, pair.article), sidecar: relativePath(cwd, pair.sidecar) };
  const texts = { article: analysis.articleText, sidecar: analysis.sidecarText };
  const lines: { article?: LineIndex; sidecar?: LineIndex } = {};
  const index = (role: 'article' | 'sidecar'): LineIndex => (lines[role] ??= role === 'article' ? linesOf(analysis, 'article') : new LineIndex(analysis.sidecarText));
  const locate = (f: Finding): ResultLocation => ({ file: files[f.file], range: index(f.file).rangeOf(f.span) });
  const seen = new Map<string, number>();
  return mergeTwins(findings).map(({ primary, twin }) => {
    const base = fingerprintOf([primary.code, files[primary.file], spanText(texts[primary.file], primary.span), twin ? spanText(texts.sidecar, twin.span) : '']);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { code: primary.code, severity: primary.severity, message: primary.message, location: locate(primary), related: twin ? [locate(twin)] : [], fingerprint: `${base}:${n}` };
  });
}

/**
 * Pairs each article finding with the sidecar finding of the same code about
 * the same annotation (an unsourced claim, a drifted quote), so the finding
 * is reported once, located in the article.
 */
function mergeTwins(findings: readonly Finding[]): { primary: Finding; twin?: Finding }[] {
  const inSidecar = new Map<string, Finding>();
  for (const f of findings) {
    const key = twinKey(f);
    if (key && f.file === 'sidecar' && !inSidecar.has(key)) inSidecar.set(key, f);
  }
  const merged: { primary: Finding; twin?: Finding }[] = [];
  const used = new Set<Finding>();
  for (const f of findings) {
    if (f.file !== 'article') continue;
    const key = twinKey(f);
    const twin = key ? inSidecar.get(key) : undefined;
    const free = twin && !used.has(twin) ? twin : undefined;
    if (free) used.add(free);
    merged.push({ primary: f, twin: free });
  }
  for (const f of findings) if (f.file === 'sidecar' && !used.has(f)) merged.push({ primary: f });
  const order = (f: Finding): number => (f.file === 'article' ? 0 : 1);
  return merged.sort((a, b) => order(a.primary) - order(b.primary) || a.primary.span.start - b.primary.span.start);
}

function twinKey(f: Finding): string | undefined {
  if (f.data?.kind === 'claim') return `${f.code}\u0000claim\u0000${f.data.claimIndex}`;
  if (f.data?.kind === 'anchor') return `${f.code}\u0000${f.data.list}\u0000${f.data.index}`;
  return undefined;
}

function spanText(text: string, span: Span): string {
  return text.slice(span.start, Math.min(span.end, span.start + FINGERPRINT_TEXT_CHARS)).replace(/\s+/g, ' ').trim();
}

function fingerprintOf(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}
