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
  /** What the path is, following symbolic links; undefined when it does not exist. */
  kind(filePath: string): FileKind | undefined;
}

/** A folder files may be read from: with its subfolders, or (a folder standing in for one opened file) only itself. */
export interface Root {
  readonly path: string;
  readonly recursive: boolean;
}

export type Refusal = 'outside' | 'not-a-file';

export type Admission =
  | { readonly ok: true; readonly realPath: string }
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
  const relative = path.relative(root.path, filePath);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

export class Boundary {
  /** Each root as given and as resolved: a path is first checked as written, then as resolved. */
  private readonly roots: readonly Root[];
  private readonly realRoots: readonly Root[];

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
    const resolved = path.resolve(filePath);
    return this.roots.some((r) => isWithin(r, resolved)) || this.realRoots.some((r) => isWithin(r, resolved));
  }

  /** Whether a file may be read: inside as written, inside once resolved, and a regular file. */
  admit(filePath: string): Admission {
    if (!this.containsAsWritten(filePath)) return { ok: false, reason: 'outside', rule: OUTSIDE_RULE };
    const realPath = this.probe.realpath(filePath);
    if (realPath === undefined) return { ok: false, reason: 'missing' };
    if (!this.realRoots.some((r) => isWithin(r, realPath))) return { ok: false, reason: 'outside', rule: OUTSIDE_RULE };
    const kind = this.probe.kind(realPath);
    if (kind === undefined) return { ok: false, reason: 'missing' };
    if (kind !== 'file') return { ok: false, reason: 'not-a-file', rule: notAFileRule(kind) };
    return { ok: true, realPath };
  }
}
