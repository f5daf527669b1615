// The server's view of files: open buffers first, then disk; and the pair
// analysis for any file, cached by the core's PairAnalyzer.
import * as path from 'node:path';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisOptions } from '../core/analyze';
import type { Analysis } from '../core/model';
import { PairAnalyzer } from '../core/pairAnalysis';
import { pairOf, type Pair, type ReadResult, type TextSource } from '../core/pairing';
import { DiskFiles } from '../node/diskFiles';
import { pathToUri, uriToPath } from './paths';

export interface PairAnalysis {
  readonly pair: Pair;
  readonly analysis: Analysis;
}

export class Workspace implements TextSource {
  private readonly openUris = new Map<string, string>();
  readonly analyzer = new PairAnalyzer();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly disk: DiskFiles,
  ) {}

  documentFor(filePath: string): TextDocument | undefined {
    const uri = this.openUris.get(filePath);
    return uri ? this.documents.get(uri) : undefined;
  }

  /** The URI to speak of a file with: the client's own for an open buffer. */
  uriFor(filePath: string): string {
    return this.openUris.get(filePath) ?? pathToUri(filePath);
  }

  opened(uri: string): string | undefined {
    const filePath = uriToPath(uri);
    if (filePath) this.openUris.set(filePath, uri);
    return filePath;
  }

  closed(uri: string): string | undefined {
    const filePath = uriToPath(uri);
    if (filePath) this.openUris.delete(filePath);
    return filePath;
  }

  exists(filePath: string): boolean {
    return this.documentFor(filePath) !== undefined || this.disk.exists(filePath);
  }

  read(filePath: string): ReadResult {
    const document = this.documentFor(filePath);
    return document ? { ok: true, text: document.getText() } : this.disk.read(filePath);
  }

  changedOnDisk(filePath: string): void {
    this.disk.forget(filePath);
  }

  pairOf(filePath: string): Pair | undefined {
    return pairOf(filePath, this, (sidecar) => {
      const read = this.read(sidecar);
      return read.ok ? this.analyzer.sidecar(sidecar, read.text).sidecar.article?.value : undefined;
    });
  }

  analysisOf(filePath: string, options: AnalysisOptions): PairAnalysis | undefined {
    const pair = this.pairOf(filePath);
    if (!pair) return undefined;
    const analysis = this.analyzer.analyze(pair, this, options);
    return analysis ? { pair, analysis } : undefined;
  }

  /** Paths of the open files, to refresh after a settings change. */
  openPaths(): string[] {
    return [...this.openUris.keys()];
  }

  static displayName(filePath: string): string {
    return path.basename(filePath);
  }
}
