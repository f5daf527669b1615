// Finds the article/sidecar pairs under the paths given on the command line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isArticlePath, isSidecarPath, pairOf, type Pair } from '../core/pairing';
import type { DiskFiles } from '../node/diskFiles';
import { walkFiles } from '../node/walk';
import type { PairAnalyzer } from '../core/pairAnalysis';

export interface FoundFiles {
  readonly pairs: Pair[];
  /** Sidecars with no article beside them. */
  readonly lonelySidecars: string[];
  /** Paths given that do not exist. */
  readonly missing: string[];
}

export function findPairs(inputs: readonly string[], disk: DiskFiles, analyzer: PairAnalyzer): FoundFiles {
  const found: FoundFiles = { pairs: [], lonelySidecars: [], missing: [] };
  const seen = new Set<string>();
  const declared = (sidecar: string): string | undefined => {
    const read = disk.read(sidecar);
    return read.ok ? analyzer.sidecar(sidecar, read.text).sidecar.article?.value : undefined;
  };
  const visitFile = (file: string): void => {
    if (!isSidecarPath(file) && !isArticlePath(file)) return;
    const pair = pairOf(file, disk, declared);
    if (pair && !seen.has(pair.sidecar)) {
      seen.add(pair.sidecar);
      found.pairs.push(pair);
    } else if (!pair && isSidecarPath(file) && !seen.has(file)) {
      seen.add(file);
      found.lonelySidecars.push(file);
    }
  };
  for (const input of inputs) {
    const absolute = path.resolve(input);
    const stat = statOrUndefined(absolute);
    if (!stat) found.missing.push(input);
    else if (stat.isDirectory()) walkFiles(absolute, visitFile);
    else visitFile(absolute);
  }
  found.pairs.sort((a, b) => a.article.localeCompare(b.article));
  return found;
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}
