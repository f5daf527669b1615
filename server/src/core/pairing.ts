// Which article goes with which sidecar. Pure path logic over an injected
// file access, so the language server (open buffers, then disk) and the CLI
// (disk) pair files the same way.
import * as path from 'node:path';

export const SIDECAR_SUFFIX = '.annotations.yaml';
export const ARTICLE_EXTENSIONS = ['.md', '.markdown', '.txt'] as const;

export interface Pair {
  readonly article: string;
  readonly sidecar: string;
}

export interface FileAccess {
  exists(filePath: string): boolean;
}

export type ReadResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: 'missing' | 'too-large' | 'unreadable'; readonly message: string };

/** Where texts come from: disk for the CLI, open buffers then disk for the server. */
export interface TextSource extends FileAccess {
  read(filePath: string): ReadResult;
}

export function isSidecarPath(filePath: string): boolean {
  return filePath.endsWith(SIDECAR_SUFFIX);
}

export function isArticlePath(filePath: string): boolean {
  return !isSidecarPath(filePath) && (ARTICLE_EXTENSIONS as readonly string[]).includes(path.extname(filePath).toLowerCase());
}

export function sidecarPathFor(articlePath: string): string {
  const ext = path.extname(articlePath);
  return articlePath.slice(0, articlePath.length - ext.length) + SIDECAR_SUFFIX;
}

/** The article paths a sidecar may belong to, most likely first. */
export function articleCandidatesFor(sidecarPath: string, declared?: string): string[] {
  const dir = path.dirname(sidecarPath);
  if (declared) return [path.resolve(dir, declared)];
  const base = sidecarPath.slice(0, sidecarPath.length - SIDECAR_SUFFIX.length);
  return ARTICLE_EXTENSIONS.map((ext) => base + ext);
}

/** The pair a file belongs to, if both halves exist (a sidecar's `article:` key wins). */
export function pairOf(filePath: string, files: FileAccess, declaredArticle?: (sidecar: string) => string | undefined): Pair | undefined {
  if (isSidecarPath(filePath)) {
    const article = articleCandidatesFor(filePath, declaredArticle?.(filePath)).find((p) => files.exists(p));
    return article ? { article, sidecar: filePath } : undefined;
  }
  if (!isArticlePath(filePath)) return undefined;
  const sidecar = sidecarPathFor(filePath);
  return files.exists(sidecar) ? { article: filePath, sidecar } : undefined;
}

/** Looks like a binary file: a NUL byte in its first 8000 characters (git's rule). */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8000).includes('\u0000');
}
