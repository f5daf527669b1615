// Annotating from the article, as one workspace edit: appends to the sidecar,
// or creates it (with a header comment) when the article has none yet.
import * as path from 'node:path';
import type { Connection, WorkspaceEdit } from 'vscode-languageserver';
import { annotationSpan, checkAnnotation, newSidecarText, unitFor } from '../core/annotate';
import { LineIndex } from '../core/lineIndex';
import { linesOf } from '../core/locate';
import { isArticlePath, sidecarPathFor } from '../core/pairing';
import { isMarkdownPath } from '../core/reading/articleReading';
import { markdownReading } from '../core/reading/readingText';
import { diffEdit } from '../core/textDiff';
import type { AnnotateArgs, ArticleOutline, SidecarInfo } from '../protocol';
import type { ServerContext } from './context';
import { uriToPath } from './paths';

export interface AnnotateResult {
  readonly applied: boolean;
  readonly message?: string;
  readonly quote?: string;
}

/** The sidecar of an article (existing or to be created) and its current text. */
function sidecarOf(ctx: ServerContext, articlePath: string): { path: string; text?: string } {
  const pair = ctx.workspace.pairOf(articlePath);
  const sidecarPath = pair?.sidecar ?? sidecarPathFor(articlePath);
  const read = ctx.workspace.read(sidecarPath);
  return { path: sidecarPath, text: read.ok ? read.text : undefined };
}

export async function annotate(ctx: ServerContext, connection: Connection, args: AnnotateArgs): Promise<AnnotateResult> {
  const articlePath = uriToPath(args.uri);
  if (!articlePath || !isArticlePath(articlePath)) return { applied: false, message: 'Annotations are made from an article (.txt, .md or .markdown file).' };
  const article = ctx.workspace.read(articlePath);
  if (!article.ok) return { applied: false, message: article.message };
  const { text, toReading } = readingOf(ctx, args.uri, articlePath, article.text);
  const lines = new LineIndex(article.text);
  const selection = { start: toReading(lines.offsetAt(args.range.start)), end: toReading(lines.offsetAt(args.range.end)) };
  const span = annotationSpan(text, selection, unitFor(args.request.kind));
  if (!span) return { applied: false, message: 'Select the text to annotate, or put the cursor on it.' };
  const sidecar = sidecarOf(ctx, articlePath);
  const base = sidecar.text ?? newSidecarText(path.basename(articlePath));
  const entityIds = new Set(ctx.workspace.analyzer.sidecar(sidecar.path, base).sidecar.entities.keys());
  const plan = checkAnnotation(base, text, span, args.request, entityIds);
  if (!plan.ok) {
    connection.console.warn(`Marginalia: annotation not written to ${sidecar.path}: ${plan.reason}.`);
    return { applied: false, message: `${path.basename(sidecar.path)} was not changed: ${plan.reason}.` };
  }
  const uri = ctx.workspace.uriFor(sidecar.path);
  const edit: WorkspaceEdit =
    sidecar.text === undefined
      ? { documentChanges: [{ kind: 'create', uri, options: { ignoreIfExists: true } }, { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: plan.text }] }] }
      : { changes: { [uri]: [toLspEdit(sidecar.text, diffEdit(sidecar.text, plan.text))] } };
  const result = await connection.workspace.applyEdit({ label: `Annotate “${plan.quote}”`, edit });
  return { applied: result.applied, quote: plan.quote, message: result.applied ? undefined : result.failureReason };
}

/** What the quote is taken from: the article's text, or a Markdown article's reading text (the analysis' when it is of this text). */
function readingOf(ctx: ServerContext, uri: string, articlePath: string, source: string): { text: string; toReading: (offset: number) => number } {
  if (!isMarkdownPath(articlePath)) return { text: source, toReading: (offset) => offset };
  const analysed = ctx.analysisFor(uri)?.analysis.reading;
  const reading = analysed?.source === source ? analysed : markdownReading(source);
  return { text: reading.text, toReading: (offset) => reading.toReading(offset) };
}

function toLspEdit(text: string, edit: { start: number; end: number; newText: string }) {
  return { range: new LineIndex(text).rangeOf(edit), newText: edit.newText };
}

export function sidecarInfo(ctx: ServerContext, uri: string): SidecarInfo | null {
  const filePath = uriToPath(uri);
  if (!filePath) return null;
  const articlePath = isArticlePath(filePath) ? filePath : ctx.workspace.pairOf(filePath)?.article;
  if (!articlePath) return null;
  const sidecar = sidecarOf(ctx, articlePath);
  const parsed = ctx.workspace.analyzer.sidecar(sidecar.path, sidecar.text ?? '').sidecar;
  return {
    sidecarUri: ctx.workspace.uriFor(sidecar.path),
    exists: sidecar.text !== undefined,
    sources: [...parsed.sources.values()].map((s) => ({ id: s.id, title: s.title ?? s.id })),
    entities: [...parsed.entities.values()].map((e) => ({ id: e.id, name: e.name, type: e.type })),
  };
}

export function articleOutline(ctx: ServerContext, uri: string): ArticleOutline | null {
  const found = ctx.analysisFor(uri);
  if (!found) return null;
  const { analysis } = found;
  const lines = linesOf(analysis, 'article');
  const counts = new Map<string, { count: number; first: { start: number; end: number } }>();
  for (const m of analysis.mentions) {
    const entry = counts.get(m.entityId);
    if (entry) entry.count++;
    else counts.set(m.entityId, { count: 1, first: m.span });
  }
  return {
    entities: [...counts].map(([id, { count, first }]) => {
      const entity = analysis.sidecar.entities.get(id);
      return { id, name: entity?.name ?? id, type: entity?.type ?? 'other', mentions: count, range: lines.rangeOf(first) };
    }),
    claims: analysis.claims.map((c) => ({ id: c.claim.id?.value, quote: c.claim.quote, status: c.status, range: c.span && lines.rangeOf(c.span) })),
    notes: analysis.notes.map((n) => ({ quote: n.annotation.quote, text: n.annotation.text, range: n.span && lines.rangeOf(n.span) })),
  };
}
