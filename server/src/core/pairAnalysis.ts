// Analyses an article/sidecar pair read through a `TextSource`, keeping the
// prepared halves so that an edit to one file re-does only that file's
// preparation, and an unchanged pair is not analysed again. Whoever holds an
// analyzer says what to forget (the server: a pair none of whose files is open).
import * as path from 'node:path';
import { analyze, analyzeWithoutArticle, prepareArticle, prepareSidecar, type AnalysisOptions, type PreparedArticle, type PreparedSidecar } from './analyze';
import type { Analysis, DiagnosticCode } from './model';
import { failureMessage, looksBinary, type Pair, type TextSource } from './pairing';
import { isMarkdownPath } from './reading/articleReading';

/** Why the article of a pair is not analysed, said on the sidecar's `article:` value (or its first line). */
interface ArticleProblem {
  readonly code: DiagnosticCode;
  readonly message: string;
}

interface CachedAnalysis {
  readonly article: PreparedArticle | ArticleProblem;
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
    if (cached && cached.source === text) return cached;
    const prepared = prepareArticle(text, cached, isMarkdownPath(filePath));
    this.articles.set(filePath, prepared);
    return prepared;
  }

  /** Undefined when the sidecar itself cannot be read. */
  analyze(pair: Pair, files: TextSource, options: AnalysisOptions): Analysis | undefined {
    const sidecarRead = files.read(pair.sidecar);
    if (!sidecarRead.ok) return undefined;
    const sidecar = this.sidecar(pair.sidecar, sidecarRead.text);
    const article = this.articleOrProblem(pair, files, sidecar);
    const cached = this.analyses.get(pair.sidecar);
    if (cached && sameArticle(cached.article, article) && cached.sidecar === sidecar && cached.options === options) return cached.analysis;
    // Same sidecar, edited article: the previous anchors are tracked through the edit.
    const previous = cached && cached.sidecar === sidecar && cached.options === options ? cached.analysis : undefined;
    const analysis = isProblem(article) ? analyzeWithoutArticle(sidecar, { ...article, severity: 'error' }) : analyze(article, sidecar, options, previous);
    this.analyses.set(pair.sidecar, { article, sidecar, options, analysis });
    return analysis;
  }

  /**
   * The article's text prepared, or why it is not analysed. The article is
   * named as the sidecar writes it, so a refusal says which line to fix and
   * never where a link leads.
   */
  private articleOrProblem(pair: Pair, files: TextSource, sidecar: PreparedSidecar): PreparedArticle | ArticleProblem {
    const declared = sidecar.sidecar.article?.value;
    const name = declared !== undefined && path.resolve(path.dirname(pair.sidecar), declared) === pair.article ? `article: ${declared}` : path.basename(pair.article);
    const read = files.read(pair.article);
    if (!read.ok) return { code: read.reason === 'too-large' ? 'limit-exceeded' : 'unreadable-article', message: failureMessage(read, name) };
    if (looksBinary(read.text)) return { code: 'unreadable-article', message: `${name} looks like a binary file, not an article.` };
    return this.article(pair.article, read.text);
  }

  forget(filePath: string): void {
    this.sidecars.delete(filePath);
    this.articles.delete(filePath);
    this.analyses.delete(filePath);
  }

  /** Every file something is kept for (to forget what is no longer open, and to count it in tests). */
  cachedPaths(): string[] {
    return [...new Set([...this.sidecars.keys(), ...this.articles.keys(), ...this.analyses.keys()])];
  }
}

function isProblem(article: PreparedArticle | ArticleProblem): article is ArticleProblem {
  return 'code' in article;
}

function sameArticle(a: PreparedArticle | ArticleProblem, b: PreparedArticle | ArticleProblem): boolean {
  if (a === b) return true;
  return isProblem(a) && isProblem(b) && a.code === b.code && a.message === b.message;
}
