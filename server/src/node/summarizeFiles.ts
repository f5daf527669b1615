// Reads and summarizes a batch of sidecars from disk: the work of one index
// worker, also done in the server's own thread when workers are unavailable.
import * as fs from 'node:fs';
import { summarizeSidecarText } from '../core/quickSummary';
import type { SidecarSummary } from '../core/sidecarSummary';

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

export type IndexedFile = { readonly file: string; readonly summary: SidecarSummary; readonly stamp: FileStamp } | { readonly file: string; readonly problem: string };

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

export function summarizeFiles(request: IndexRequest): IndexedFile[] {
  return request.files.map((file) => {
    try {
      const stat = fs.statSync(file);
      if (stat.size > request.maxBytes) return { file, problem: `over ${request.maxBytes} bytes` };
      const text = fs.readFileSync(file, 'utf8');
      return { file, summary: summarizeSidecarText(text), stamp: { mtimeMs: stat.mtimeMs, size: stat.size } };
    } catch (error) {
      return { file, problem: (error as Error).message };
    }
  });
}
