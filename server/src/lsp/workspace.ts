// The server's view of files: open buffers first, then disk, both only inside
// the workspace boundary; the pairing of any file (core/pairing.ts, the same
// decision as the CLI's); and the pair analysis, cached by the core's
// PairAnalyzer for as long as a file of the pair is open.
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Root } from '../core/boundary';
import { OUTSIDE_RULE } from '../core/boundary';
import type { AnalysisOptions } from '../core/analyze';
import type { Analysis } from '../core/model';
import { PairAnalyzer } from '../core/pairAnalysis';
import { articleCandidatesFor, declaredArticleIn, isSidecarPath, pairingOf, readFailure, sidecarPathFor, tooLarge, unpairedProblem, type FileState, type Pair, type Pairing, type PairingView, type ReadResult, type TextSource } from '../core/pairing';
import { summarizeSidecarText } from '../core/quickSummary';
import type { DiskFiles } from '../node/diskFiles';
import { IdleCollector, type Collector } from '../node/idleCollect';
import { stampOf } from '../node/summarizeFiles';
import type { Summarized } from '../node/workspaceIndex';
import { pathToUri, uriToPath } from './paths';

export interface PairAnalysis {
  readonly pair: Pair;
  readonly analysis: Analysis;
}

/** The open buffers by URI (the server's `TextDocuments`). */
export interface OpenDocuments {
  get(uri: string): TextDocument | undefined;
}

/** What the workspace index knows of sidecars' `article:` keys (node/workspaceIndex.ts). */
export interface DeclaredArticles {
  sidecarsDeclaring(article: string, isOpen: (file: string) => boolean): string[];
  declaredArticle(file: string): { readonly known: boolean; readonly article?: string };
}

export class Workspace implements TextSource, PairingView {
  private readonly openUris = new Map<string, string>();
  readonly analyzer = new PairAnalyzer();
  private roots: readonly string[] = [];
  private index?: DeclaredArticles;
  private readonly openInside = new Map<string, boolean>();

  constructor(
    private readonly documents: OpenDocuments,
    private readonly disk: DiskFiles,
    private readonly collector: Collector = new IdleCollector(),
  ) {}

  /**
   * The workspace folders, inside which files are read. With none (a file
   * opened without a folder), each open file's own folder stands in for one,
   * without its subfolders: a sidecar there pairs only with a file beside it.
   */
  setRoots(roots: readonly string[]): void {
    this.roots = roots;
    this.updateBoundary();
  }

  /** The index whose summaries say which sidecars name which article. */
  useIndex(index: DeclaredArticles): void {
    this.index = index;
  }

  private updateBoundary(): void {
    const roots: Root[] = this.roots.length > 0 ? this.roots.map((p) => ({ path: p, recursive: true })) : [...new Set([...this.openUris.keys()].map((p) => path.dirname(p)))].map((p) => ({ path: p, recursive: false }));
    this.disk.setRoots(roots);
    this.openInside.clear();
  }

  /** Whether an open buffer's file is inside, decided once per opening (and again when the roots change). */
  private isOpenInside(filePath: string): boolean {
    let inside = this.openInside.get(filePath);
    if (inside === undefined) this.openInside.set(filePath, (inside = this.disk.withinBoundary(filePath)));
    return inside;
  }

  documentFor(filePath: string): TextDocument | undefined {
    const uri = this.openUris.get(filePath);
    return uri ? this.documents.get(uri) : undefined;
  }

  isOpen(filePath: string): boolean {
    return this.openUris.has(filePath);
  }

  /** The URI to speak of a file with: the client's own for an open buffer. */
  uriFor(filePath: string): string {
    return this.openUris.get(filePath) ?? pathToUri(filePath);
  }

  opened(uri: string): string | undefined {
    const filePath = uriToPath(uri);
    if (!filePath) return undefined;
    this.openUris.set(filePath, uri);
    this.openInside.delete(filePath);
    if (this.roots.length === 0) this.updateBoundary();
    return filePath;
  }

  /** The buffer's unsaved text is gone: what only it kept alive is forgotten. */
  closed(uri: string): string | undefined {
    const filePath = uriToPath(uri);
    if (!filePath) return undefined;
    this.openUris.delete(filePath);
    this.openInside.delete(filePath);
    if (this.roots.length === 0) this.updateBoundary();
    this.forgetWhatIsClosed();
    return filePath;
  }

  state(filePath: string): FileState {
    if (this.isOpen(filePath)) return this.isOpenInside(filePath) ? 'file' : 'refused';
    return this.disk.state(filePath);
  }

  read(filePath: string): ReadResult {
    const document = this.documentFor(filePath);
    if (!document) return this.disk.read(filePath);
    if (!this.isOpenInside(filePath)) return readFailure(filePath, 'outside', OUTSIDE_RULE);
    const text = document.getText();
    const max = this.disk.maxBytes(filePath);
    // Most texts are far under the limit by their length alone; the byte count is taken only near it.
    if (text.length * 3 > max && (text.length > max || Buffer.byteLength(text, 'utf8') > max)) return tooLarge(filePath, Buffer.byteLength(text, 'utf8'), max);
    return { ok: true, text };
  }

  /** A sidecar's summary for the workspace index, from its open buffer or the disk; undefined when it cannot be read. */
  summarize(file: string): Summarized | undefined {
    const read = this.read(file);
    if (!read.ok) return undefined;
    // A buffer's summary has no stamp: it is not what the file on disk says.
    const stamp = this.isOpen(file) ? undefined : stampOf(file);
    const article = this.isOpen(file) ? this.declaredArticle(file) : declaredArticleIn(read.text);
    // A copy: the summary's names are slices of the text, and would keep the whole text alive in the index.
    return structuredClone({ summary: summarizeSidecarText(read.text), stamp, article });
  }

  changedOnDisk(filePath: string): void {
    this.disk.forget(filePath);
  }

  declaredArticle(sidecar: string): string | undefined {
    if (!this.isOpen(sidecar)) {
      const indexed = this.index?.declaredArticle(sidecar);
      if (indexed?.known) return indexed.article;
    }
    const read = this.read(sidecar);
    return read.ok ? this.analyzer.sidecar(sidecar, read.text).sidecar.article?.value : undefined;
  }

  sidecarsDeclaring(article: string): string[] {
    const found = new Set(this.index?.sidecarsDeclaring(article, (file) => this.isOpen(file)) ?? []);
    for (const file of this.openUris.keys()) {
      if (!isSidecarPath(file)) continue;
      const declared = this.declaredArticle(file);
      if (declared !== undefined && articleCandidatesFor(file, declared)[0] === article) found.add(file);
    }
    return [...found];
  }

  pairingOf(filePath: string): Pairing {
    return pairingOf(filePath, this);
  }

  pairOf(filePath: string): Pair | undefined {
    const pairing = this.pairingOf(filePath);
    return pairing.kind === 'paired' ? pairing.pair : undefined;
  }

  /** Why a sidecar is not used (no article, another sidecar wins, outside the workspace); undefined for any other file. */
  unpairedProblem(filePath: string): { readonly severity: 'error' | 'warning'; readonly message: string } | undefined {
    return isSidecarPath(filePath) ? unpairedProblem(this.pairingOf(filePath)) : undefined;
  }

  /** `options`: the analysis options, or how to choose them for the pair (by its folder's settings). */
  analysisOf(filePath: string, options: AnalysisOptions | ((pair: Pair) => AnalysisOptions)): PairAnalysis | undefined {
    const pairing = this.pairingOf(filePath);
    if (pairing.kind !== 'paired') return undefined;
    const { pair } = pairing;
    const analysis = this.analyzer.analyze(pair, this, typeof options === 'function' ? options(pair) : options);
    // A pair with no open file (diagnostics published after a close, a request about a closed file) is analysed, not kept.
    if (!this.isOpen(pair.article) && !this.isOpen(pair.sidecar)) for (const file of this.filesOf(pairing)) if (!this.isOpen(file)) this.forget(file);
    return analysis ? { pair, analysis } : undefined;
  }

  /** Paths of the open files, to refresh after a settings change. */
  openPaths(): string[] {
    return [...this.openUris.keys()];
  }

  /** Files whose texts or analyses are kept now (for tests and the memory bench). */
  cachedPaths(): string[] {
    return [...new Set([...this.analyzer.cachedPaths(), ...this.disk.cachedPaths()])];
  }

  /** Every file a pairing reads: both halves, the sidecars that lost, the same-named sidecar. */
  private filesOf(pairing: Pairing): string[] {
    switch (pairing.kind) {
      case 'paired':
        return [pairing.pair.article, pairing.pair.sidecar, ...pairing.shadowed, sidecarPathFor(pairing.pair.article)];
      case 'shadowed':
        return [pairing.sidecar, pairing.article, pairing.winner];
      case 'lonely':
        return [pairing.sidecar];
      case 'none':
        return [pairing.file, sidecarPathFor(pairing.file)];
    }
  }

  /** Keeps only what the open files' pairs need: memory follows what is open. */
  private forgetWhatIsClosed(): void {
    const live = new Set<string>();
    for (const file of this.openUris.keys()) for (const needed of this.filesOf(this.pairingOf(file))) live.add(needed);
    let forgotten = 0;
    for (const file of this.cachedPaths()) if (!live.has(file)) (this.forget(file), forgotten++);
    if (forgotten > 0) this.collector.schedule();
  }

  private forget(filePath: string): void {
    this.analyzer.forget(filePath);
    this.disk.forget(filePath);
  }

  static displayName(filePath: string): string {
    return path.basename(filePath);
  }
}
