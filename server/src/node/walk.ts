// Walks a folder tree for the files Marginalia reads, in a stable order,
// skipping dependency, build and hidden folders.
import * as fs from 'node:fs';
import * as path from 'node:path';

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'out', 'dist', '.vscode-test']);
/** Deeper than any real article tree; stops symlink loops. */
const MAX_DEPTH = 24;

export function walkFiles(dir: string, visit: (file: string) => void, depth = 0): void {
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
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walkFiles(full, visit, depth + 1);
    } else if (entry.isFile()) visit(full);
  }
}
