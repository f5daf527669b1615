// Which article goes with which sidecar: one decision for the language server,
// the CLI and the workspace index, made over an injected view of the files
// (open buffers and disk for the server, disk for the CLI) so all three pair
// the same way.
//
// The rules: a sidecar's article is the file its `article:` key names
// (relative to the sidecar), else the first of NAME.md, NAME.markdown,
// NAME.txt beside it. When several sidecars claim one article, one wins: a
// sidecar that names the article with `article:` over the same-named sidecar
// that does not (the name is a convention, the key a deliberate statement);
// among those that name it, the same-named one, then the first by path. The
// others are told which one wins and are not used.
import * as path from 'node:path';
import { parseSidecar } from './sidecar';
import type { Refusal } from './boundary';
import { limitMessage } from './limits';

export const SIDECAR_SUFFIX = '.annotations.yaml';
export const ARTICLE_EXTENSIONS = ['.md', '.markdown', '.txt'] as const;

export interface Pair {
  readonly article: string;
  readonly sidecar: string;
}

export type ReadFailure = { readonly ok: false; readonly message: string } & (
  | { readonly reason: 'too-large'; readonly size: number; readonly limit: number }
  /** `rule` says why without naming the file, so that it can be named as the user wrote it. */
  | { readonly reason: 'missing' | 'unreadable' | Refusal; readonly rule: string }
);

export type ReadResult = { readonly ok: true; readonly text: string } | ReadFailure;

/** A failed read, its message naming the file by its path. */
export function readFailure(filePath: string, reason: 'missing' | 'unreadable' | Refusal, rule: string): ReadFailure {
  return { ok: false, reason, rule, message: `${filePath} ${rule}.` };
}

export function tooLarge(filePath: string, size: number, limit: number): ReadFailure {
  const failure = { ok: false as const, reason: 'too-large' as const, size, limit };
  return { ...failure, message: failureMessage({ ...failure, message: '' }, filePath) };
}

/** The message of a failed read, naming the file as given (e.g. `article: ../story.txt`, as the sidecar writes it). */
export function failureMessage(failure: ReadFailure, name: string): string {
  if (failure.reason !== 'too-large') return `${name} ${failure.rule}.`;
  const size = failure.size.toLocaleString('en-US');
  return limitMessage({ name: 'article size', value: failure.limit, unit: 'bytes' }, `${name} is ${size} bytes and is not analysed (setting marginalia.maxArticleBytes).`);
}

/** Where texts come from: disk for the CLI, open buffers then disk for the server. */
export interface TextSource {
  read(filePath: string): ReadResult;
}

/** 'refused': there, but outside the boundary or not a regular file. */
export type FileState = 'file' | 'missing' | 'refused';

/** What pairing needs to know of the files. */
export interface PairingView {
  state(filePath: string): FileState;
  /** The value of the sidecar's `article:` key as written, if it has one. */
  declaredArticle(sidecar: string): string | undefined;
  /** Sidecars known to name this article with `article:` (may include stale ones: each is checked again). */
  sidecarsDeclaring(article: string): readonly string[];
}

export type Pairing =
  | { readonly kind: 'paired'; readonly pair: Pair; /** Other sidecars that claim the article and lose. */ readonly shadowed: readonly string[] }
  /** A sidecar whose article is claimed by another sidecar that wins. */
  | { readonly kind: 'shadowed'; readonly sidecar: string; readonly article: string; readonly winner: string }
  /** A sidecar with no article: none beside it, or the one its `article:` names does not exist. */
  | { readonly kind: 'lonely'; readonly sidecar: string; readonly declared?: string }
  /** An article without a sidecar, a file that is neither, or a file outside the boundary. */
  | { readonly kind: 'none'; readonly file: string; readonly refused: boolean };

export function isSidecarPath(filePath: string): boolean {
  return filePath.endsWith(SIDECAR_SUFFIX);
}

export function isArticlePath(filePath: string): boolean {
  return !isSidecarPath(filePath) && (ARTICLE_EXTENSIONS as readonly string[]).includes(path.extname(filePath).toLowerCase());
}

export function sidecarPathFor(articlePath: string): string {
  const ext = path.extname(articlePath);
  return articlePath.slice(0, articlePath.length - ext.length) + SIDECAR_SUFFIX;
}

/** The article paths a sidecar may belong to, most likely first. */
export function articleCandidatesFor(sidecarPath: string, declared?: string): string[] {
  const dir = path.dirname(sidecarPath);
  if (declared !== undefined) return [path.resolve(dir, declared)];
  const base = sidecarPath.slice(0, sidecarPath.length - SIDECAR_SUFFIX.length);
  return ARTICLE_EXTENSIONS.map((ext) => base + ext);
}

/** The article a sidecar claims, and whether it names it; undefined when there is none. */
export function claimedArticle(sidecar: string, view: PairingView): { article: string; declared: boolean } | undefined {
  const declared = declaredIn(sidecar, view);
  // A refused file still counts: the pair is made so that its analysis says why the article cannot be read.
  const article = articleCandidatesFor(sidecar, declared).find((p) => view.state(p) !== 'missing');
  return article === undefined ? undefined : { article, declared: declared !== undefined };
}

/** A blank `article:` names nothing (the sidecar's own checks report it). */
function declaredIn(sidecar: string, view: PairingView): string | undefined {
  const declared = view.declaredArticle(sidecar);
  return declared === undefined || declared.trim() === '' ? undefined : declared;
}

/**
 * Sidecars naming one article that are weighed, first by path (the
 * same-named one always is). Pairing runs on every keystroke; a thousand
 * sidecars naming one article would cost it a thousand reads. Those past the
 * budget are not used: their own pairing finds a winner among these.
 */
export const MAX_CLAIMANTS = 100;

/** The sidecars that claim an article, the winner first. */
export function claimantsOf(article: string, view: PairingView): string[] {
  const sameNamed = sidecarPathFor(article);
  const declaring = view.sidecarsDeclaring(article);
  const weighed = declaring.length > MAX_CLAIMANTS ? [...declaring].sort(byPath).slice(0, MAX_CLAIMANTS) : declaring;
  const ranked: { sidecar: string; rank: number }[] = [];
  for (const sidecar of new Set([sameNamed, ...weighed])) {
    if (view.state(sidecar) !== 'file') continue;
    const claim = claimedArticle(sidecar, view);
    if (claim?.article !== article) continue;
    ranked.push({ sidecar, rank: !claim.declared ? 2 : sidecar === sameNamed ? 0 : 1 });
  }
  ranked.sort((a, b) => a.rank - b.rank || byPath(a.sidecar, b.sidecar));
  return ranked.map((r) => r.sidecar);
}

function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The pairing of any file: the one decision every entry point makes. */
export function pairingOf(filePath: string, view: PairingView): Pairing {
  const state = view.state(filePath);
  if (state !== 'file' || (!isSidecarPath(filePath) && !isArticlePath(filePath))) return { kind: 'none', file: filePath, refused: state === 'refused' };
  return isSidecarPath(filePath) ? sidecarPairing(filePath, view) : articlePairing(filePath, view);
}

function sidecarPairing(sidecar: string, view: PairingView): Pairing {
  const claim = claimedArticle(sidecar, view);
  if (!claim) return { kind: 'lonely', sidecar, declared: declaredIn(sidecar, view) };
  // An article that cannot be read has no competition to settle.
  if (view.state(claim.article) !== 'file') return { kind: 'paired', pair: { article: claim.article, sidecar }, shadowed: [] };
  const [winner, ...others] = claimantsOf(claim.article, view);
  if (winner !== undefined && winner !== sidecar) return { kind: 'shadowed', sidecar, article: claim.article, winner };
  return { kind: 'paired', pair: { article: claim.article, sidecar }, shadowed: others };
}

function articlePairing(article: string, view: PairingView): Pairing {
  const [winner, ...others] = claimantsOf(article, view);
  return winner === undefined ? { kind: 'none', file: article, refused: false } : { kind: 'paired', pair: { article, sidecar: winner }, shadowed: others };
}

/** The pair a file belongs to, if any. */
export function pairOf(filePath: string, view: PairingView): Pair | undefined {
  const pairing = pairingOf(filePath, view);
  return pairing.kind === 'paired' ? pairing.pair : undefined;
}

const OUTSIDE_MESSAGE = 'is outside the workspace folder(s); Marginalia pairs only files inside the workspace.';

/** What to tell the user about a sidecar that is not used, in every entry point (code `missing-article`). */
export function unpairedProblem(pairing: Pairing): { readonly severity: 'error' | 'warning'; readonly message: string } | undefined {
  const name = path.basename;
  switch (pairing.kind) {
    case 'lonely':
      return {
        severity: 'error',
        message:
          pairing.declared !== undefined
            ? `No article found for this sidecar: its 'article:' key names ${pairing.declared}, which does not exist.`
            : `No article found for this sidecar: expected ${articleCandidatesFor(pairing.sidecar).map((p) => name(p)).join(', ')} beside it, or an 'article:' key naming the file.`,
      };
    case 'shadowed':
      return {
        severity: 'warning',
        message: `This sidecar is not used: ${name(pairing.article)} is annotated by ${name(pairing.winner)}, which names it with 'article:' and takes precedence. Merge the two sidecars, or delete one.`,
      };
    case 'none':
      return pairing.refused && isSidecarPath(pairing.file) ? { severity: 'error', message: `This sidecar ${OUTSIDE_MESSAGE}` } : undefined;
    case 'paired':
      return undefined;
  }
}

/**
 * The `article:` value of a sidecar's text, parsing it only when a line could
 * start that key (block style) or the document is a flow mapping.
 */
export function declaredArticleIn(text: string): string | undefined {
  return /^(?:["']?article["']?[ \t]*:|[ \t]*\{)/m.test(text) ? parseSidecar(text).article?.value : undefined;
}

/**
 * The share of suspicious characters in a sample above which a file is taken
 * for binary. Random bytes read as UTF-8 give about 60%; French in Latin-1,
 * read as UTF-8, about 5% (each accented letter one U+FFFD).
 */
const BINARY_SHARE = 0.3;
const BINARY_SAMPLE = 8192;

/**
 * Looks like a binary file: a NUL in its first 8 KB (git's rule), or more
 * than 30% of them control characters or U+FFFD (bytes that are not UTF-8).
 * Text in a legacy encoding has a few; binary data has many.
 */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, BINARY_SAMPLE);
  let suspicious = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f || c === 0xfffd) suspicious++;
  }
  return sample.length > 0 && suspicious > sample.length * BINARY_SHARE;
}
