// Reading files from disk for the server and the CLI: only regular files
// inside the boundary (core/boundary.ts), with a cache keyed by modification
// time, size and inode so unchanged files are not read twice.
import * as fs from 'node:fs';
import { Boundary, type FileKind, type FileSystemProbe, type Root } from '../core/boundary';
import { readFailure, tooLarge, type FileState, type ReadFailure, type ReadResult, type TextSource } from '../core/pairing';

interface Cached {
  readonly stamp: string;
  readonly text: string;
}

export const diskProbe: FileSystemProbe = {
  realpath(filePath) {
    try {
      return fs.realpathSync.native(filePath);
    } catch {
      return undefined;
    }
  },
  inspect(filePath) {
    try {
      // Most paths asked about do not exist (NAME.md, NAME.markdown before NAME.txt): no exception for those.
      const stat = fs.lstatSync(filePath, { throwIfNoEntry: false });
      if (!stat) return undefined;
      return stat.isSymbolicLink() ? { kind: 'symlink' } : { kind: kindOf(stat), stamp: stampText(stat) };
    } catch {
      return undefined;
    }
  },
};

/** Modification time, size and inode: a file replaced or rewritten has another. */
function stampText(stat: fs.Stats): string {
  return `${stat.mtimeMs}:${stat.size}:${stat.ino}:${stat.dev}`;
}

function kindOf(stat: fs.Stats): FileKind {
  if (stat.isFile()) return 'file';
  if (stat.isDirectory()) return 'directory';
  if (stat.isFIFO()) return 'fifo';
  if (stat.isSocket()) return 'socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'device';
  return 'other';
}

/**
 * Opening never blocks (a FIFO swapped in after the check would hang a
 * plain open) and never follows a link at the last step (the path is
 * already resolved: a link there now was put there since).
 */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0);

/** `text` is undefined when the caller said the file was unchanged. */
export type RegularRead = { readonly ok: true; readonly text?: string; readonly stat: fs.Stats } | { readonly ok: false; readonly failure: ReadFailure };

/**
 * Reads a regular file of at most `maxBytes`, checked on the open file itself
 * (what was checked is what is read). `name` is how messages name it.
 * `unchanged`: return no text when the open file still has this stamp.
 */
export function readRegularFile(filePath: string, name: string, maxBytes: number, unchanged?: (stat: fs.Stats) => boolean): RegularRead {
  let fd: number;
  try {
    fd = fs.openSync(filePath, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, failure: readFailure(name, 'missing', 'does not exist') };
    if (code === 'ELOOP') return { ok: false, failure: readFailure(name, 'not-a-file', 'changed into a symbolic link while it was read') };
    return { ok: false, failure: readFailure(name, 'unreadable', `could not be read (${code ?? 'error'})`) };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { ok: false, failure: readFailure(name, 'not-a-file', 'is not a regular file') };
    if (stat.size > maxBytes) return { ok: false, failure: tooLarge(name, stat.size, maxBytes) };
    if (unchanged?.(stat)) return { ok: true, text: undefined, stat };
    return { ok: true, text: readAtMost(fd, stat.size).toString('utf8'), stat };
  } catch (error) {
    return { ok: false, failure: readFailure(name, 'unreadable', `could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`) };
  } finally {
    fs.closeSync(fd);
  }
}

/** The file's bytes up to `size` (what fstat said): a file that grows meanwhile is not read past it. */
function readAtMost(fd: number, size: number): Buffer {
  const buffer = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const read = fs.readSync(fd, buffer, filled, size - filled, filled);
    if (read === 0) break;
    filled += read;
  }
  return buffer.subarray(0, filled);
}

export class DiskFiles implements TextSource {
  private readonly cache = new Map<string, Cached>();
  private boundary: Boundary;

  /** `roots`: where files may be read from; none, nothing may (see `setRoots`). */
  constructor(
    /** The largest file read, per file (setting marginalia.maxArticleBytes of the file's folder in the server). */
    readonly maxBytes: (filePath: string) => number = () => Number.MAX_SAFE_INTEGER,
    roots: readonly Root[] = [],
    private readonly probe: FileSystemProbe = diskProbe,
  ) {
    this.boundary = new Boundary(roots, probe);
  }

  setRoots(roots: readonly Root[]): void {
    this.boundary = new Boundary(roots, this.probe);
  }

  /** Whether a path is inside the boundary as written (the file system is not asked). */
  containsAsWritten(filePath: string): boolean {
    return this.boundary.containsAsWritten(filePath);
  }

  state(filePath: string): FileState {
    const admission = this.boundary.admit(filePath);
    return admission.ok ? 'file' : admission.reason === 'missing' ? 'missing' : 'refused';
  }

  /** Whether a path is inside once its links are resolved, or not on disk at all (an open buffer's file, say). */
  withinBoundary(filePath: string): boolean {
    const admission = this.boundary.admit(filePath);
    return admission.ok || admission.reason === 'missing' || admission.reason === 'not-a-file';
  }

  read(filePath: string): ReadResult {
    const admission = this.boundary.admit(filePath);
    if (!admission.ok) return admission.reason === 'missing' ? readFailure(filePath, 'missing', 'does not exist') : readFailure(filePath, admission.reason, admission.rule);
    // Inside, a regular file, and unchanged since it was read: no need to open it.
    const cached = this.cache.get(filePath);
    if (cached && admission.stamp !== undefined && cached.stamp === admission.stamp) return { ok: true, text: cached.text };
    const read = readRegularFile(admission.realPath, filePath, this.maxBytes(filePath), (stat) => cached?.stamp === stampText(stat));
    if (!read.ok) return read.failure;
    if (read.text === undefined) return { ok: true, text: cached!.text };
    this.cache.set(filePath, { stamp: stampText(read.stat), text: read.text });
    return { ok: true, text: read.text };
  }

  forget(filePath: string): void {
    this.cache.delete(filePath);
  }

  cachedPaths(): string[] {
    return [...this.cache.keys()];
  }
}
