// The workspace index: a summary of every sidecar under the workspace
// folders, built in the background when the server starts (in worker threads,
// one per core, since parsing YAML is the cost), kept fresh as sidecars change,
// and queried by workspace symbol search and rename.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { articleCandidatesFor, isSidecarPath } from '../core/pairing';
import type { IndexedSidecar } from '../core/rename';
import { idKey, symbolScore, type IdKind, type IndexedSymbol, type SidecarSummary } from '../core/sidecarSummary';
import { sameStamp, stampOf, summarizeFiles, type FileStamp, type IndexedFile, type IndexRequest } from './summarizeFiles';
import { readIndexCache, writeIndexCache, type CachedSummary } from './indexCache';
import { filesUnder } from './walk';
import { runInWorkers } from './workerPool';

export interface IndexStats {
  readonly sidecars: number;
  readonly ms: number;
  /** Sidecars parsed now; the others were unchanged since the cache was written. */
  readonly parsed: number;
  readonly workers: number;
  /** Sidecars that could not be read (they are indexed when opened). */
  readonly skipped: number;
}

/** How far a build has come: sidecars found so far (all of them once the walk is done) and how many of those are indexed. */
export interface IndexProgress {
  readonly walking: boolean;
  readonly found: number;
  readonly indexed: number;
}

export type OnIndexProgress = (progress: IndexProgress) => void;

export interface Summarized {
  readonly summary: SidecarSummary;
  /** Set when read from disk: a summary whose file has changed since is made again before a rename uses it. */
  readonly stamp?: FileStamp;
  /** The value of the sidecar's `article:` key: an article is paired with the sidecars that name it. */
  readonly article?: string;
}

export interface SymbolHit {
  readonly file: string;
  readonly symbol: IndexedSymbol;
}

interface SymbolGroup {
  readonly symbol: IndexedSymbol;
  /** Every sidecar that has it, in path order. */
  readonly hits: SymbolHit[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Files per message to a worker: large enough to amortise messaging, small enough to balance the workers. */
const BATCH = 50;
const MAX_WORKERS = 4;
/** Bundled beside the server (dist/indexWorker.js), compiled beside this file in tests. */
const WORKER = path.join(__dirname, 'indexWorker.js');
const WALK_SLICE = 500;

export class WorkspaceIndex {
  private readonly summaries = new Map<string, Summarized>();
  private groups?: SymbolGroup[];
  private readonly stale = new Set<string>();
  /** Article path → the sidecars whose `article:` names it. */
  private readonly declaring = new Map<string, Set<string>>();
  private building: Promise<IndexStats> = Promise.resolve({ sidecars: 0, ms: 0, parsed: 0, workers: 0, skipped: 0 });

  /**
   * `summarize`: a sidecar's summary from its current text (open buffer or
   * disk), undefined when it is gone. `workerScript`: the worker's file; when
   * it cannot run, the index is built in this thread, a batch per tick.
   */
  constructor(
    private readonly summarize: (file: string) => Summarized | undefined,
    private readonly workerScript = WORKER,
  ) {}

  /**
   * `cacheFile`: where the index is kept between sessions (none: always built
   * from scratch). `onProgress`: called as the walk finds sidecars and as each
   * batch is summarized (unthrottled: the caller decides how often to show it).
   */
  build(roots: readonly string[], maxBytes: number, cacheFile?: string, onProgress?: OnIndexProgress): Promise<IndexStats> {
    this.building = this.index(roots, maxBytes, cacheFile, onProgress);
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
    const scored: { group: SymbolGroup; score: number }[] = [];
    for (const group of this.symbolGroups()) {
      const score = symbolScore(group.symbol, query);
      if (score > 0) scored.push({ group, score });
    }
    scored.sort((a, b) => b.score - a.score || byText(a.group.symbol.name, b.group.symbol.name) || byText(a.group.symbol.id, b.group.symbol.id));
    const hits: SymbolHit[] = [];
    for (const { group } of scored) {
      for (const hit of group.hits) if (hits.push(hit) >= limit) return hits;
    }
    return hits;
  }

  /**
   * The symbols grouped by what a query sees of them (kind, id, name and
   * aliases): the same person annotated in a thousand articles is scored
   * once. Made again only after a summary changed.
   */
  private symbolGroups(): SymbolGroup[] {
    if (this.groups) return this.groups;
    const byKey = new Map<string, SymbolGroup>();
    for (const [file, { summary }] of [...this.summaries].sort(([a], [b]) => byText(a, b))) {
      for (const symbol of summary.symbols) {
        const key = [symbol.kind, symbol.id, symbol.name, ...symbol.aliases].join('\u0000');
        let group = byKey.get(key);
        if (!group) byKey.set(key, (group = { symbol, hits: [] }));
        group.hits.push({ file, symbol });
      }
    }
    return (this.groups = [...byKey.values()]);
  }

  private put(file: string, entry: Summarized): void {
    this.unlinkDeclared(file);
    this.summaries.set(file, entry);
    if (entry.article !== undefined) {
      const article = articleCandidatesFor(file, entry.article)[0]!;
      let sidecars = this.declaring.get(article);
      if (!sidecars) this.declaring.set(article, (sidecars = new Set()));
      sidecars.add(file);
    }
    this.groups = undefined;
  }

  private remove(file: string): void {
    this.unlinkDeclared(file);
    this.summaries.delete(file);
    this.groups = undefined;
  }

  private unlinkDeclared(file: string): void {
    const article = this.summaries.get(file)?.article;
    if (article === undefined) return;
    const key = articleCandidatesFor(file, article)[0]!;
    const sidecars = this.declaring.get(key);
    sidecars?.delete(file);
    if (sidecars?.size === 0) this.declaring.delete(key);
  }

  /**
   * The sidecars whose `article:` names this article, as far as the index
   * knows (pairing checks each again). Sidecars changed on disk are
   * summarized again first; `isOpen` ones are not (the caller reads their
   * buffers itself, and would otherwise pay a parse per keystroke here).
   */
  sidecarsDeclaring(article: string, isOpen: (file: string) => boolean): string[] {
    this.refreshStale((file) => !isOpen(file));
    return [...(this.declaring.get(article) ?? [])];
  }

  /** The indexed `article:` value of a sidecar; `known` false when the index has no fresh summary of it. */
  declaredArticle(file: string): { readonly known: boolean; readonly article?: string } {
    const entry = this.summaries.get(file);
    return entry && !this.stale.has(file) ? { known: true, article: entry.article } : { known: false };
  }

  /**
   * The sidecars that define or use an id, with where they write it. Every
   * summary read from disk is checked against its file first (one stat each),
   * so an edit made outside the editor is never overwritten from an old summary.
   */
  async sidecarsUsing(kind: IdKind, id: string): Promise<IndexedSidecar[]> {
    await this.building;
    for (const [file, entry] of this.summaries) if (entry.stamp && !sameStamp(entry.stamp, stampOf(file))) this.stale.add(file);
    this.refreshStale();
    const key = idKey(kind, id);
    const using: IndexedSidecar[] = [];
    for (const [file, { summary }] of this.summaries) if (summary.idRanges[key]) using.push({ file, summary });
    return using;
  }

  /** `which`: only the stale files it accepts (the others stay stale). */
  private refreshStale(which: (file: string) => boolean = () => true): void {
    for (const file of this.stale) {
      if (!which(file)) continue;
      const summarized = this.summarize(file);
      if (summarized) this.put(file, summarized);
      else this.remove(file);
      this.stale.delete(file);
    }
  }

  private async index(roots: readonly string[], maxBytes: number, cacheFile?: string, onProgress: OnIndexProgress = () => {}): Promise<IndexStats> {
    const start = performance.now();
    const cached = cacheFile ? readIndexCache(cacheFile) : new Map<string, CachedSummary>();
    const toParse: string[] = [];
    let seen = 0;
    let found = 0;
    for (const root of roots) {
      for (const file of filesUnder(root)) {
        // A large tree is walked a few hundred entries at a time, so requests are answered meanwhile.
        if (++seen % WALK_SLICE === 0) {
          onProgress({ walking: true, found, indexed: found - toParse.length });
          await new Promise((resolve) => setImmediate(resolve));
        }
        if (!isSidecarPath(file)) continue;
        found++;
        const entry = cached.get(file);
        if (entry && sameStamp(entry.stamp, stampOf(file))) this.put(file, entry);
        else toParse.push(file);
      }
    }
    let indexed = found - toParse.length;
    onProgress({ walking: false, found, indexed });
    const batches: IndexRequest[] = [];
    for (let i = 0; i < toParse.length; i += BATCH) batches.push({ files: toParse.slice(i, i + BATCH), maxBytes });
    const onBatch = (count: number): void => onProgress({ walking: false, found, indexed: (indexed += count) });
    // Even one batch goes to a worker: a large sidecar parsed here would hold up the first diagnostics.
    const workers = batches.length > 0 && fs.existsSync(this.workerScript) ? Math.min(MAX_WORKERS, os.availableParallelism(), batches.length) : 0;
    const here = (): Promise<IndexedFile[]> => {
      indexed = found - toParse.length; // workers that failed part-way: counted again from the start, in this thread
      return inThisThread(batches, onBatch);
    };
    const results = workers > 0 ? await inWorkers(batches, this.workerScript, workers, onBatch).catch(here) : await here();
    let skipped = 0;
    for (const result of results) {
      // A sidecar edited in the editor while the index was built keeps its newer summary.
      if ('summary' in result && !this.stale.has(result.file)) this.put(result.file, { summary: result.summary, stamp: result.stamp, article: result.article });
      else if (!('summary' in result)) skipped++;
    }
    if (cacheFile && (toParse.length > 0 || cached.size !== this.summaries.size)) this.saveCache(cacheFile);
    this.symbolGroups(); // now, while nobody waits, rather than on the first search
    return { sidecars: this.summaries.size, ms: performance.now() - start, parsed: toParse.length, workers, skipped };
  }

  /** Only summaries made from disk are kept: an unsaved buffer's is not what the file says. */
  private saveCache(cacheFile: string): void {
    const entries = new Map<string, CachedSummary>();
    for (const [file, entry] of this.summaries) if (entry.stamp) entries.set(file, { stamp: entry.stamp, summary: entry.summary, article: entry.article });
    try {
      writeIndexCache(cacheFile, entries);
    } catch {
      // A cache that cannot be written only costs the next start its time.
    }
  }
}

async function inThisThread(batches: readonly IndexRequest[], onBatch: (count: number) => void): Promise<IndexedFile[]> {
  const results: IndexedFile[] = [];
  for (const batch of batches) {
    results.push(...summarizeFiles(batch));
    onBatch(batch.files.length);
    // Let requests that arrived meanwhile be answered.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return results;
}

async function inWorkers(batches: readonly IndexRequest[], script: string, count: number, onBatch: (count: number) => void): Promise<IndexedFile[]> {
  const results: IndexedFile[] = [];
  await runInWorkers<IndexRequest, IndexedFile[]>(script, batches, count, (_, batch) => {
    results.push(...batch);
    onBatch(batch.length);
  });
  return results;
}
