// Finds the article/sidecar pairs under the paths given on the command line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isArticlePath, isSidecarPath, pairOf, type Pair } from '../core/pairing';
import type { DiskFiles } from '../node/diskFiles';
import { walkFiles } from '../node/walk';
import { parseSidecar } from '../core/sidecar';

export interface FoundFiles {
  readonly pairs: Pair[];
  /** Sidecars with no article beside them. */
  readonly lonelySidecars: string[];
  /** Paths given that do not exist. */
  readonly missing: string[];
}

export function findPairs(inputs: readonly string[], disk: DiskFiles): FoundFiles {
  const found: FoundFiles = { pairs: [], lonelySidecars: [], missing: [] };
  const seen = new Set<string>();
  // Only a sidecar that may have a top-level `article:` key is parsed here;
  // the pair's analysis parses it again later, one pair at a time.
  const declared = (sidecar: string): string | undefined => {
    const read = disk.read(sidecar);
    disk.forget(sidecar);
    return read.ok && mayDeclareArticle(read.text) ? parseSidecar(read.text).article?.value : undefined;
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

/** A top-level `article` key starts a line (block style), or the document is one flow mapping. */
function mayDeclareArticle(text: string): boolean {
  return /^(?:["']?article["']?[ \t]*:|\{)/m.test(text);
}
