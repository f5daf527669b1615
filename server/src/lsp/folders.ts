// Workspace folders added or removed while the server runs: the new list of
// roots (paths), kept in the order the folders came.
import type { WorkspaceFoldersChangeEvent } from 'vscode-languageserver';
import { uriToPath } from './paths';

export function changedRoots(roots: readonly string[], change: WorkspaceFoldersChangeEvent): string[] {
  const removed = new Set(change.removed.flatMap((f) => uriToPath(f.uri) ?? []));
  const kept = roots.filter((root) => !removed.has(root));
  const added = change.added.flatMap((f) => uriToPath(f.uri) ?? []).filter((root) => !kept.includes(root));
  return [...kept, ...added];
}

/** The end-of-indexing message of the progress notification. */
export function indexedMessage(stats: { readonly sidecars: number; readonly parsed: number }): string {
  return `${stats.sidecars} sidecar${stats.sidecars === 1 ? '' : 's'} indexed (${stats.parsed} read again)`;
}
