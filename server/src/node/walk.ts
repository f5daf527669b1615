// Walks a folder tree for the files Marginalia reads, in a stable order,
// skipping dependency, build and hidden folders. One generator serves the
// CLI (which takes every file at once) and the server (which takes them a
// few hundred at a time, answering requests in between).
import * as fs from 'node:fs';
import * as path from 'node:path';

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'out', 'dist', '.vscode-test']);
/** Deeper than any real article tree; stops symlink loops. */
const MAX_DEPTH = 24;

export function* filesUnder(dir: string, depth = 0): Generator<string> {
  if (depth > MAX_DEPTH) return;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) yield* filesUnder(full, depth + 1);
    } else if (entry.isFile()) yield full;
  }
}

export function walkFiles(dir: string, visit: (file: string) => void): void {
  for (const file of filesUnder(dir)) visit(file);
}
