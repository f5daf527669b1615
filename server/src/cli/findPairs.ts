// Finds the article/sidecar pairs under the paths given on the command line,
// with the same pairing as the language server (core/pairing.ts), inside the
// same kind of boundary: the folders given (with their subfolders), and for a
// file given, its own folder (without them).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Root } from '../core/boundary';
import { articleCandidatesFor, declaredArticleIn, isArticlePath, isSidecarPath, pairingOf, SIDECAR_SUFFIX, unpairedProblem, type Pair, type PairingView } from '../core/pairing';
import { DiskFiles } from '../node/diskFiles';
import { walkFiles } from '../node/walk';
import type { FileProblem } from './results';

export interface FoundFiles {
  readonly pairs: Pair[];
  /** Sidecars that are not used: no article, or another sidecar wins theirs (code `missing-article`). */
  readonly unused: FileProblem[];
  /** Paths given that do not exist. */
  readonly missing: string[];
  /** Files named almost like a sidecar, which are not read (code `misnamed-sidecar`). */
  readonly misnamed: FileProblem[];
  /** Where the pairs' files may be read from. */
  readonly roots: Root[];
}

export function rootsFor(inputs: readonly string[]): Root[] {
  const roots: Root[] = [];
  for (const input of inputs) {
    const absolute = path.resolve(input);
    const stat = statOrUndefined(absolute);
    if (stat?.isDirectory()) roots.push({ path: absolute, recursive: true });
    else if (stat) roots.push({ path: path.dirname(absolute), recursive: false });
  }
  return roots;
}

export function findPairs(inputs: readonly string[], maxBytes = Number.MAX_SAFE_INTEGER): FoundFiles {
  const roots = rootsFor(inputs);
  const found: FoundFiles = { pairs: [], unused: [], missing: [], misnamed: [], roots };
  const files = filesGiven(inputs, found.missing);
  // A sidecar beside a file given may name it with `article:`, as one elsewhere under a folder given may.
  const sidecars = new Set([...files.filter(isSidecarPath), ...roots.filter((r) => !r.recursive).flatMap((r) => sidecarsIn(r.path))]);
  const view = diskView(new DiskFiles(() => maxBytes, roots), [...sidecars]);
  const seen = new Set<string>();
  for (const file of files) {
    const misnamed = misnamedSidecar(file);
    if (misnamed) found.misnamed.push(misnamed);
    if (!isSidecarPath(file) && !isArticlePath(file)) continue;
    const pairing = pairingOf(file, view);
    const sidecar = pairing.kind === 'paired' ? pairing.pair.sidecar : pairing.kind === 'none' ? undefined : pairing.sidecar;
    if (sidecar === undefined || seen.has(sidecar)) continue;
    seen.add(sidecar);
    if (pairing.kind === 'paired') found.pairs.push(pairing.pair);
    const problem = unpairedProblem(pairing);
    if (problem) found.unused.push({ file: sidecar, code: 'missing-article', ...problem });
  }
  found.pairs.sort((a, b) => a.article.localeCompare(b.article));
  found.unused.sort((a, b) => a.file.localeCompare(b.file));
  return found;
}

/** `.yml`, `.annotation.yaml`, other letter case: a sidecar meant, but not one that is read. */
const NEAR_SIDECAR = /\.annotations?\.ya?ml$/i;

export function misnamedSidecar(file: string): FileProblem | undefined {
  const name = path.basename(file);
  const near = NEAR_SIDECAR.exec(name);
  if (!near || isSidecarPath(name)) return undefined;
  const expected = name.slice(0, near.index) + SIDECAR_SUFFIX;
  return { file, severity: 'warning', code: 'misnamed-sidecar', message: `${name} is not read: a sidecar is named NAME${SIDECAR_SUFFIX}; rename it to ${expected}.` };
}

/** Every file under the paths given, in a stable order; the paths that do not exist go to `missing`. */
function filesGiven(inputs: readonly string[], missing: string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    const absolute = path.resolve(input);
    const stat = statOrUndefined(absolute);
    if (!stat) missing.push(input);
    else if (stat.isDirectory()) walkFiles(absolute, (file) => files.push(file));
    else files.push(absolute);
  }
  return files;
}

/**
 * The files as pairing sees them from disk. Each sidecar's `article:` is
 * read once (only a sidecar that may have the key is parsed), and its text
 * is not kept: the pair's analysis reads it again, one pair at a time.
 */
function diskView(disk: DiskFiles, sidecars: readonly string[]): PairingView {
  const declared = new Map<string, string | undefined>();
  const declaredArticle = (sidecar: string): string | undefined => {
    if (!declared.has(sidecar)) {
      const read = disk.read(sidecar);
      disk.forget(sidecar);
      declared.set(sidecar, read.ok ? declaredArticleIn(read.text) : undefined);
    }
    return declared.get(sidecar);
  };
  const declaring = new Map<string, string[]>();
  for (const sidecar of sidecars) {
    const article = declaredArticle(sidecar);
    if (article === undefined) continue;
    const target = articleCandidatesFor(sidecar, article)[0]!;
    let list = declaring.get(target);
    if (!list) declaring.set(target, (list = []));
    list.push(sidecar);
  }
  return { state: (file) => disk.state(file), declaredArticle, sidecarsDeclaring: (article) => declaring.get(article) ?? [] };
}

/** The sidecars directly in a folder (regular files only, as the walker takes them). */
function sidecarsIn(folder: string): string[] {
  try {
    return fs
      .readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile() && isSidecarPath(entry.name))
      .map((entry) => path.join(folder, entry.name))
      .sort();
  } catch {
    return [];
  }
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}
