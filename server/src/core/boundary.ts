// The workspace boundary: which files Marginalia may read. A sidecar comes
// from other people (a colleague's branch, a cloned repository), so its
// `article:` may point anywhere; only regular files inside the workspace
// folders (the CLI: inside the paths it was given) are read, after every
// symbolic link is resolved. Pure: the file system is an injected probe.
import * as path from 'node:path';

export type FileKind = 'file' | 'directory' | 'fifo' | 'socket' | 'device' | 'other';

/** What the boundary needs to know of the file system (node/diskFiles.ts gives the real one). */
export interface FileSystemProbe {
  /** The path with every symbolic link resolved; undefined when it does not exist. */
  realpath(filePath: string): string | undefined;
  /** What the path itself is (a link is 'symlink', not followed); undefined when it does not exist. */
  inspect(filePath: string): FileInfo | undefined;
}

export interface FileInfo {
  readonly kind: FileKind | 'symlink';
  /** Changes whenever the file does (e.g. modification time, size, inode): lets a reader trust what it read before. */
  readonly stamp?: string;
}

/** A folder files may be read from: with its subfolders, or (a folder standing in for one opened file) only itself. */
export interface Root {
  readonly path: string;
  readonly recursive: boolean;
}

export type Refusal = 'outside' | 'not-a-file';

export type Admission =
  | { readonly ok: true; readonly realPath: string; readonly stamp?: string }
  | { readonly ok: false; readonly reason: 'missing' }
  /** `rule` says why without naming the file, so the caller names it as the user wrote it. */
  | { readonly ok: false; readonly reason: Refusal; readonly rule: string };

export const OUTSIDE_RULE = 'is outside the workspace folder(s); Marginalia reads only files inside the workspace';

const KIND_NAMES: Record<Exclude<FileKind, 'file'>, string> = {
  directory: 'a directory',
  fifo: 'a named pipe (FIFO)',
  socket: 'a socket',
  device: 'a device',
  other: 'not a regular file',
};

export function notAFileRule(kind: Exclude<FileKind, 'file'>): string {
  return kind === 'other' ? `is ${KIND_NAMES.other}` : `is ${KIND_NAMES[kind]}, not a file`;
}

/** Whether `filePath` lies in `root` (both absolute, normalized): below it, or directly in it when not recursive. */
export function isWithin(root: Root, filePath: string): boolean {
  if (!root.recursive) return path.dirname(filePath) === root.path;
  // Both are normalized absolute paths (path.resolve's), so a prefix ending in a separator decides.
  const prefix = root.path.endsWith(path.sep) ? root.path : root.path + path.sep;
  return filePath.length > prefix.length && filePath.startsWith(prefix);
}

/**
 * Folders whose resolved path is remembered: a server asks about the same few
 * folders on every keystroke. (A folder later replaced by a link is seen only
 * when the roots change; whoever can do that can read the files anyway.)
 */
const REMEMBERED_FOLDERS = 4096;

export class Boundary {
  /** Each root as given and as resolved: a path is first checked as written, then as resolved. */
  private readonly roots: readonly Root[];
  private readonly realRoots: readonly Root[];
  private readonly realFolders = new Map<string, string>();

  constructor(
    roots: readonly Root[],
    private readonly probe: FileSystemProbe,
  ) {
    this.roots = roots.map((r) => ({ path: path.resolve(r.path), recursive: r.recursive }));
    this.realRoots = this.roots.map((r) => ({ path: probe.realpath(r.path) ?? r.path, recursive: r.recursive }));
  }

  get isEmpty(): boolean {
    return this.roots.length === 0;
  }

  /**
   * Whether a path is inside as written. Checked before the file system is
   * asked anything, so a path outside is refused the same way whether or not
   * it exists: a sidecar cannot probe the disk.
   */
  containsAsWritten(filePath: string): boolean {
    return this.containsResolved(path.resolve(filePath));
  }

  private containsResolved(absolute: string): boolean {
    return this.roots.some((r) => isWithin(r, absolute)) || this.realRoots.some((r) => isWithin(r, absolute));
  }

  /** Whether a file may be read: inside as written, inside once resolved, and a regular file. */
  admit(filePath: string): Admission {
    const absolute = path.resolve(filePath);
    if (!this.containsResolved(absolute)) return { ok: false, reason: 'outside', rule: OUTSIDE_RULE };
    const resolved = this.resolve(absolute);
    if (resolved === undefined) return { ok: false, reason: 'missing' };
    if (!this.realRoots.some((r) => isWithin(r, resolved.realPath))) return { ok: false, reason: 'outside', rule: OUTSIDE_RULE };
    if (resolved.info.kind !== 'file') return { ok: false, reason: 'not-a-file', rule: notAFileRule(resolved.info.kind as Exclude<FileKind, 'file'>) };
    return { ok: true, realPath: resolved.realPath, stamp: resolved.info.stamp };
  }

  /**
   * The resolved path and what is there. A file that is not a link is its
   * folder's resolved path plus its name: one question to the file system
   * (what it is) once the folder is known; a link is resolved in full.
   */
  private resolve(filePath: string): { realPath: string; info: FileInfo } | undefined {
    const info = this.probe.inspect(filePath);
    if (info === undefined) return undefined;
    if (info.kind === 'symlink') {
      const realPath = this.probe.realpath(filePath);
      const target = realPath === undefined ? undefined : this.probe.inspect(realPath);
      return realPath === undefined || target === undefined || target.kind === 'symlink' ? undefined : { realPath, info: target };
    }
    const folder = this.realFolder(path.dirname(filePath));
    return folder === undefined ? undefined : { realPath: path.join(folder, path.basename(filePath)), info };
  }

  private realFolder(folder: string): string | undefined {
    const known = this.realFolders.get(folder);
    if (known !== undefined) return known;
    if (this.realFolders.size >= REMEMBERED_FOLDERS) this.realFolders.clear();
    const real = this.probe.realpath(folder);
    // A folder that does not exist yet is asked again.
    if (real !== undefined) this.realFolders.set(folder, real);
    return real;
  }
}
