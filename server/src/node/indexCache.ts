// The workspace index kept on disk between sessions: each sidecar's summary
// with the stamp (modification time and size) of the file it was made from.
// A restart re-parses only the sidecars that changed since. A cache that is
// missing, unreadable or of another version is ignored, never trusted.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SidecarSummary } from '../core/sidecarSummary';
import type { FileStamp } from './summarizeFiles';

/** 2: entries keep the sidecar's `article:` value. */
const VERSION = 2;

export interface CachedSummary {
  readonly stamp: FileStamp;
  readonly summary: SidecarSummary;
  readonly article?: string;
}

/** Per user: the editor's storage folder for the workspace when it gives one, else the user's cache folder. */
export function defaultCacheDirectory(): string {
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'marginalia');
}

/** One cache file per set of workspace folders. */
export function cacheFileFor(directory: string, roots: readonly string[]): string {
  const key = createHash('sha256').update([...roots].sort().join('\n')).digest('hex').slice(0, 16);
  return path.join(directory, `index-${key}.json`);
}

export function readIndexCache(file: string): Map<string, CachedSummary> {
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown; entries?: unknown };
    if (data.version !== VERSION || typeof data.entries !== 'object' || data.entries === null) return new Map();
    return new Map(Object.entries(data.entries as Record<string, CachedSummary>).filter(([, entry]) => isCachedSummary(entry)));
  } catch {
    return new Map();
  }
}

/** Written to a temporary file and renamed, so a crash never leaves half a cache. */
export function writeIndexCache(file: string, entries: ReadonlyMap<string, CachedSummary>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify({ version: VERSION, entries: Object.fromEntries(entries) }));
  fs.renameSync(temporary, file);
}

function isCachedSummary(entry: unknown): entry is CachedSummary {
  const e = entry as Partial<CachedSummary> | null;
  return typeof e?.stamp?.mtimeMs === 'number' && typeof e.stamp.size === 'number' && Array.isArray(e.summary?.symbols) && typeof e.summary?.idRanges === 'object' && (e.article === undefined || typeof e.article === 'string');
}
