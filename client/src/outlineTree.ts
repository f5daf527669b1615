// The explorer view: the current article's entities (with mention counts),
// its claims grouped by sourced/unsourced, and its notes. Clicking reveals.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ARTICLE_OUTLINE_REQUEST, type ArticleOutline, type OutlineRange } from '../../server/src/protocol';

type Node = { label: string; description?: string; tooltip?: string; icon?: string; range?: OutlineRange; children?: Node[] };

export class ArticleOutlineProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Node[] = [];
  private uri: vscode.Uri | undefined;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  async refresh(editor = vscode.window.activeTextEditor): Promise<void> {
    const client = this.client();
    if (!editor || !client || !['plaintext', 'markdown'].includes(editor.document.languageId)) return;
    this.uri = editor.document.uri;
    const outline = await client.sendRequest<ArticleOutline | null>(ARTICLE_OUTLINE_REQUEST, { uri: this.uri.toString() });
    this.roots = outline ? toNodes(outline) : [];
    this.changed.fire();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, node.children ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.description = node.description;
    item.tooltip = node.tooltip;
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon);
    if (node.range && this.uri) {
      const { start, end } = node.range;
      item.command = { title: 'Reveal', command: 'vscode.open', arguments: [this.uri, { selection: new vscode.Range(start.line, start.character, end.line, end.character) }] };
    }
    return item;
  }

  getChildren(node?: Node): Node[] {
    return node ? (node.children ?? []) : this.roots;
  }
}

function toNodes(outline: ArticleOutline): Node[] {
  const clip = (s: string): string => (s.length > 60 ? `${s.slice(0, 59)}…` : s);
  const claims = (statuses: string[]) => outline.claims.filter((c) => statuses.includes(c.status)).map((c) => ({ label: clip(c.quote), description: c.id, tooltip: c.quote, icon: c.status === 'unsourced' ? 'warning' : 'pass', range: c.range }));
  return [
    { label: 'Entities', description: String(outline.entities.length), children: outline.entities.map((e) => ({ label: e.name, description: `${e.type} · ${e.mentions}×`, icon: 'symbol-class', range: e.range })) },
    { label: 'Unsourced claims', description: String(claims(['unsourced']).length), children: claims(['unsourced']) },
    { label: 'Sourced claims', description: String(claims(['sourced', 'attributed', 'opinion']).length), children: claims(['sourced', 'attributed', 'opinion']) },
    { label: 'Notes', description: String(outline.notes.length), children: outline.notes.map((n) => ({ label: clip(n.text), description: clip(n.quote), icon: 'note', range: n.range })) },
  ];
}
