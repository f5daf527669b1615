// Reads and summarizes a batch of sidecars from disk: the work of one index
// worker, also done in the server's own thread when workers are unavailable.
import * as fs from 'node:fs';
import { declaredArticleIn } from '../core/pairing';
import { summarizeSidecarText } from '../core/quickSummary';
import type { SidecarSummary } from '../core/sidecarSummary';
import { readRegularFile } from './diskFiles';

export interface IndexRequest {
  readonly files: readonly string[];
  /** Larger sidecars are skipped (they are indexed when opened). */
  readonly maxBytes: number;
}

/** Identifies a version of a file on disk, to know when a summary is out of date. */
export interface FileStamp {
  readonly mtimeMs: number;
  readonly size: number;
}

export type IndexedFile =
  /** `article`: the value of the sidecar's `article:` key, for pairing an article with the sidecars that name it. */
  | { readonly file: string; readonly summary: SidecarSummary; readonly stamp: FileStamp; readonly article?: string }
  | { readonly file: string; readonly problem: string };

export function stampOf(file: string): FileStamp | undefined {
  try {
    const stat = fs.statSync(file);
    return { mtimeMs: stat.mtimeMs, size: stat.size };
  } catch {
    return undefined;
  }
}

export function sameStamp(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  return a !== undefined && b !== undefined && a.mtimeMs === b.mtimeMs && a.size === b.size;
}

/** The files come from walking the workspace folders (links are not followed); each is still read only if it is a regular file. */
export function summarizeFiles(request: IndexRequest): IndexedFile[] {
  return request.files.map((file) => {
    try {
      const read = readRegularFile(file, file, request.maxBytes);
      if (!read.ok) return { file, problem: read.failure.message };
      const text = read.text ?? '';
      return { file, summary: summarizeSidecarText(text), stamp: { mtimeMs: read.stat.mtimeMs, size: read.stat.size }, article: declaredArticleIn(text) };
    } catch (error) {
      return { file, problem: (error as Error).message };
    }
  });
}
