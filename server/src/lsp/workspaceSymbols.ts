// Workspace symbol search (Go to Symbol in Workspace): the entities and
// sources of every sidecar, from the workspace index.
import * as path from 'node:path';
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver';
import { LIMITS, clipText } from '../core/limits';
import { SIDECAR_SUFFIX } from '../core/pairing';
import type { WorkspaceIndex } from '../node/workspaceIndex';
import type { Workspace } from './workspace';

export async function workspaceSymbols(index: WorkspaceIndex, workspace: Workspace, query: string): Promise<SymbolInformation[]> {
  const hits = await index.search(query, LIMITS.workspaceSymbols.value);
  return hits.map(({ file, symbol }) => ({
    name: clipText(symbol.name, LIMITS.nameChars.value),
    kind: symbol.kind === 'entity' ? SymbolKind.Class : SymbolKind.Module,
    location: { uri: workspace.uriFor(file), range: symbol.range },
    containerName: clipText([path.basename(file, SIDECAR_SUFFIX), symbol.detail, symbol.name === symbol.id ? '' : symbol.id].filter(Boolean).join(' · '), LIMITS.nameChars.value),
  }));
}
