// Reading files from disk for the server and the CLI, with a cache keyed by
// modification time and size so unchanged files are not read twice.
import * as fs from 'node:fs';
import type { ReadResult, TextSource } from '../core/pairing';

interface Cached {
  readonly mtimeMs: number;
  readonly size: number;
  readonly text: string;
}

export class DiskFiles implements TextSource {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly maxBytes: () => number = () => Number.MAX_SAFE_INTEGER) {}

  exists(filePath: string): boolean {
    try {
      return fs.statSync(filePath).isFile();
    } catch {
      return false;
    }
  }

  read(filePath: string): ReadResult {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(filePath);
    } catch {
      return { ok: false, reason: 'missing', message: `${filePath} does not exist.` };
    }
    if (!stat.isFile()) return { ok: false, reason: 'unreadable', message: `${filePath} is not a file.` };
    if (stat.size > this.maxBytes()) {
      return { ok: false, reason: 'too-large', message: `${filePath} is ${Math.round(stat.size / 1048576)} MB, over the ${Math.round(this.maxBytes() / 1048576)} MB limit (setting marginalia.maxArticleBytes).` };
    }
    const cached = this.cache.get(filePath);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return { ok: true, text: cached.text };
    try {
      const text = fs.readFileSync(filePath, 'utf8');
      this.cache.set(filePath, { mtimeMs: stat.mtimeMs, size: stat.size, text });
      return { ok: true, text };
    } catch (error) {
      return { ok: false, reason: 'unreadable', message: `${filePath} could not be read: ${(error as Error).message}` };
    }
  }

  forget(filePath: string): void {
    this.cache.delete(filePath);
  }
}
