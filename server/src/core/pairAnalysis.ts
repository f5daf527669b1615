// Analyses an article/sidecar pair read through a `TextSource`, keeping the
// prepared halves so that an edit to one file re-does only that file's
// preparation, and an unchanged pair is not analysed again.
import { analyze, analyzeWithoutArticle, prepareArticle, prepareSidecar, type AnalysisOptions, type PreparedArticle, type PreparedSidecar } from './analyze';
import type { Analysis } from './model';
import { looksBinary, type Pair, type TextSource } from './pairing';

interface CachedAnalysis {
  readonly article: PreparedArticle | string;
  readonly sidecar: PreparedSidecar;
  readonly options: AnalysisOptions;
  readonly analysis: Analysis;
}

export class PairAnalyzer {
  private readonly sidecars = new Map<string, PreparedSidecar>();
  private readonly articles = new Map<string, PreparedArticle>();
  private readonly analyses = new Map<string, CachedAnalysis>();

  /** The sidecar's prepared form (cached by text). */
  sidecar(filePath: string, text: string): PreparedSidecar {
    const cached = this.sidecars.get(filePath);
    if (cached && cached.text === text) return cached;
    const prepared = prepareSidecar(text);
    this.sidecars.set(filePath, prepared);
    return prepared;
  }

  private article(filePath: string, text: string): PreparedArticle {
    const cached = this.articles.get(filePath);
    if (cached && cached.text === text) return cached;
    const prepared = prepareArticle(text, cached);
    this.articles.set(filePath, prepared);
    return prepared;
  }

  /** Undefined when the sidecar itself cannot be read. */
  analyze(pair: Pair, files: TextSource, options: AnalysisOptions): Analysis | undefined {
    const sidecarRead = files.read(pair.sidecar);
    if (!sidecarRead.ok) return undefined;
    const sidecar = this.sidecar(pair.sidecar, sidecarRead.text);
    const articleRead = files.read(pair.article);
    const article = !articleRead.ok ? articleRead.message : looksBinary(articleRead.text) ? `${pair.article} looks like a binary file, not an article.` : this.article(pair.article, articleRead.text);
    const cached = this.analyses.get(pair.sidecar);
    if (cached && cached.article === article && cached.sidecar === sidecar && cached.options === options) return cached.analysis;
    // Same sidecar, edited article: the previous anchors are tracked through the edit.
    const previous = cached && cached.sidecar === sidecar && cached.options === options ? cached.analysis : undefined;
    const analysis =
      typeof article === 'string'
        ? analyzeWithoutArticle(sidecar, { code: 'unreadable-article', severity: 'error', message: article })
        : analyze(article, sidecar, options, previous);
    this.analyses.set(pair.sidecar, { article, sidecar, options, analysis });
    return analysis;
  }

  forget(filePath: string): void {
    this.sidecars.delete(filePath);
    this.articles.delete(filePath);
    this.analyses.delete(filePath);
  }
}
