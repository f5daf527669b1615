// Reads and summarizes a batch of sidecars from disk: the work of one index
// worker, also done in the server's own thread when workers are unavailable.
import * as fs from 'node:fs';
import { parseSidecar } from '../core/sidecar';
import { summarizeSidecar, type SidecarSummary } from '../core/sidecarSummary';

export interface IndexRequest {
  readonly files: readonly string[];
  /** Larger sidecars are skipped (they are indexed when opened). */
  readonly maxBytes: number;
}

export type IndexedFile = { readonly file: string; readonly summary: SidecarSummary } | { readonly file: string; readonly problem: string };

export function summarizeFiles(request: IndexRequest): IndexedFile[] {
  return request.files.map((file) => {
    try {
      const size = fs.statSync(file).size;
      if (size > request.maxBytes) return { file, problem: `over ${request.maxBytes} bytes` };
      const text = fs.readFileSync(file, 'utf8');
      return { file, summary: summarizeSidecar(text, parseSidecar(text)) };
    } catch (error) {
      return { file, problem: (error as Error).message };
    }
  });
}
