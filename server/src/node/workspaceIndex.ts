// The workspace index: a summary of every sidecar under the workspace
// folders, built in the background when the server starts (in worker threads,
// one per core, since parsing YAML is the cost), kept fresh as sidecars change,
// and queried by workspace symbol search and rename.
import * as fs from 'node:fs';
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import { isSidecarPath } from '../core/pairing';
import { idKey, symbolScore, type IdKind, type IndexedSymbol, type SidecarSummary } from '../core/sidecarSummary';
import { summarizeFiles, type IndexedFile, type IndexRequest } from './summarizeFiles';
import { walkFiles } from './walk';

export interface IndexStats {
  readonly sidecars: number;
  readonly ms: number;
  readonly workers: number;
  /** Sidecars that could not be read (they are indexed when opened). */
  readonly skipped: number;
}

export interface SymbolHit {
  readonly file: string;
  readonly symbol: IndexedSymbol;
}

/** Files per message to a worker: large enough to amortise messaging, small enough to balance the workers. */
const BATCH = 50;
const MAX_WORKERS = 4;

export class WorkspaceIndex {
  private readonly summaries = new Map<string, SidecarSummary>();
  private readonly stale = new Set<string>();
  private building: Promise<IndexStats> = Promise.resolve({ sidecars: 0, ms: 0, workers: 0, skipped: 0 });

  /**
   * `summarize`: a sidecar's summary from its current text (open buffer or
   * disk), undefined when it is gone. `workerScript`: the worker's file; when
   * it cannot run, the index is built in this thread, a batch per tick.
   */
  constructor(
    private readonly summarize: (file: string) => SidecarSummary | undefined,
    private readonly workerScript?: string,
  ) {}

  build(roots: readonly string[], maxBytes: number): Promise<IndexStats> {
    this.building = this.index(roots, maxBytes);
    return this.building;
  }

  get ready(): Promise<IndexStats> {
    return this.building;
  }

  get size(): number {
    return this.summaries.size;
  }

  /** A sidecar changed, appeared or went away: summarized again when next needed. */
  invalidate(file: string): void {
    if (isSidecarPath(file)) this.stale.add(file);
  }

  async search(query: string, limit: number): Promise<SymbolHit[]> {
    await this.building;
    this.refreshStale();
    const scored: { hit: SymbolHit; score: number }[] = [];
    for (const [file, summary] of this.summaries) {
      for (const symbol of summary.symbols) {
        const score = symbolScore(symbol, query);
        if (score > 0) scored.push({ hit: { file, symbol }, score });
      }
    }
    scored.sort((a, b) => b.score - a.score || a.hit.symbol.name.localeCompare(b.hit.symbol.name) || a.hit.file.localeCompare(b.hit.file));
    return scored.slice(0, limit).map((s) => s.hit);
  }

  /** The sidecars that define or use an id. */
  async sidecarsUsing(kind: IdKind, id: string): Promise<string[]> {
    await this.building;
    this.refreshStale();
    const key = idKey(kind, id);
    return [...this.summaries].filter(([, summary]) => summary.ids.includes(key)).map(([file]) => file);
  }

  private refreshStale(): void {
    for (const file of this.stale) {
      const summary = this.summarize(file);
      if (summary) this.summaries.set(file, summary);
      else this.summaries.delete(file);
    }
    this.stale.clear();
  }

  private async index(roots: readonly string[], maxBytes: number): Promise<IndexStats> {
    const start = performance.now();
    const files: string[] = [];
    for (const root of roots) walkFiles(root, (file) => isSidecarPath(file) && files.push(file));
    const batches: IndexRequest[] = [];
    for (let i = 0; i < files.length; i += BATCH) batches.push({ files: files.slice(i, i + BATCH), maxBytes });
    const workers = batches.length > 1 && this.workerScript && fs.existsSync(this.workerScript) ? Math.min(MAX_WORKERS, os.availableParallelism(), batches.length) : 0;
    const results = workers > 0 ? await inWorkers(batches, this.workerScript!, workers).catch(() => inThisThread(batches)) : await inThisThread(batches);
    let skipped = 0;
    for (const result of results) {
      if ('summary' in result) this.summaries.set(result.file, result.summary);
      else skipped++;
    }
    return { sidecars: this.summaries.size, ms: performance.now() - start, workers, skipped };
  }
}

async function inThisThread(batches: readonly IndexRequest[]): Promise<IndexedFile[]> {
  const results: IndexedFile[] = [];
  for (const batch of batches) {
    results.push(...summarizeFiles(batch));
    // Let requests that arrived meanwhile be answered.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return results;
}

function inWorkers(batches: readonly IndexRequest[], script: string, count: number): Promise<IndexedFile[]> {
  const results: IndexedFile[] = [];
  let next = 0;
  const workers = Array.from({ length: count }, () => new Worker(script));
  const drain = (worker: Worker): Promise<void> =>
    new Promise((resolve, reject) => {
      const send = (): void => {
        if (next < batches.length) worker.postMessage(batches[next++]);
        else resolve();
      };
      worker.on('message', (batch: IndexedFile[]) => {
        results.push(...batch);
        send();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`index worker exited with ${code}`))));
      send();
    });
  return Promise.all(workers.map(drain))
    .then(() => results)
    .finally(() => Promise.all(workers.map((w) => w.terminate())));
}
