// "Review uncertain mentions" over LSP: the list of an article's uncertain
// mentions, the verified pin for a choice (returned as one workspace edit for
// the client to apply: one undo per choice), and the code action that starts
// the review. The work is in core/reviewMentions.ts; bad input answers with a
// message, never an exception.
import { CodeActionKind, type CodeAction } from 'vscode-languageserver';
import { LIMITS, clipText } from '../core/limits';
import { linesOf } from '../core/locate';
import type { Finding } from '../core/model';
import { isUncertain, planReviewPin, uncertainMentions, type UncertainMention } from '../core/reviewMentions';
import { asOneEdit } from '../core/sidecarText';
import { EditSession } from '../core/verifyEdit';
import {
  REVIEW_UNCERTAIN_MENTIONS_COMMAND,
  type PinUncertainMentionParams,
  type PinUncertainMentionResult,
  type ReviewMentionInfo,
  type UncertainMentionsParams,
  type UncertainMentionsResult,
  type WirePosition,
  type WireRange,
} from '../reviewProtocol';
import type { FileAnalysis, ServerContext } from './context';

type Failure = { readonly ok: false; readonly message: string };

/** The answers of a request whose handler failed (logged by the server). */
export const LIST_FAILED: UncertainMentionsResult = { ok: false, message: 'The uncertain mentions could not be listed (see the Marginalia output).' };
export const PIN_FAILED: PinUncertainMentionResult = { ok: false, message: 'The pin could not be planned (see the Marginalia output).' };

/** The analysis of the pair a URI names, or a message saying why there is none. */
function pairOf(ctx: ServerContext, uri: unknown): FileAnalysis | Failure {
  if (typeof uri !== 'string' || uri === '') return { ok: false, message: 'No document was given: pass the URI of an article or of its sidecar.' };
  const found = ctx.analysisFor(uri);
  if (!found) return { ok: false, message: `${clipText(uri, LIMITS.nameChars.value)} is not an article or sidecar Marginalia reads (a .txt, .md or .markdown file, or NAME.annotations.yaml, in the workspace).` };
  return found;
}

export function uncertainMentionsRequest(ctx: ServerContext, params: UncertainMentionsParams | undefined): UncertainMentionsResult {
  const found = pairOf(ctx, params?.uri);
  if ('ok' in found) return found;
  const { analysis } = found;
  const lines = linesOf(analysis, 'article');
  const from = params?.from === undefined ? 0 : isPosition(params.from) ? lines.offsetAt(params.from) : undefined;
  if (from === undefined) return { ok: false, message: '`from` must be a position ({ line, character }).' };
  const max = typeof params?.max === 'number' && params.max >= 0 ? Math.floor(params.max) : undefined;
  const list = uncertainMentions(analysis, from, max);
  const toWire = ({ span, ...rest }: UncertainMention): ReviewMentionInfo => ({ ...rest, range: lines.rangeOf(span) });
  return { ok: true, articleUri: ctx.workspace.uriFor(found.pair.article), total: list.total, remaining: list.remaining, mentions: list.mentions.map(toWire) };
}

export function pinUncertainMentionRequest(ctx: ServerContext, params: PinUncertainMentionParams | undefined): PinUncertainMentionResult {
  const found = pairOf(ctx, params?.uri);
  if ('ok' in found) return found;
  if (!params || !isRange(params.range) || typeof params.text !== 'string' || typeof params.entityId !== 'string') {
    return { ok: false, message: 'A choice needs the mention’s `range` and `text` (as listed) and the chosen `entityId`.' };
  }
  const { analysis } = found;
  const lines = linesOf(analysis, 'article');
  const span = { start: lines.offsetAt(params.range.start), end: lines.offsetAt(params.range.end) };
  const verdict = planReviewPin(analysis, { span, text: params.text, entityId: params.entityId }, new EditSession(analysis.sidecarText));
  if (!verdict.ok) {
    ctx.connection.console.warn(`Marginalia: pin of “${clipText(params.text, LIMITS.nameChars.value)}” not made: ${verdict.reason}.`);
    return { ok: false, message: `The pin was not written: ${verdict.reason}.` };
  }
  const sidecarLines = linesOf(analysis, 'sidecar');
  const edits = asOneEdit(analysis.sidecarText, verdict.edits).map((e) => ({ range: sidecarLines.rangeOf(e), newText: e.newText }));
  const name = analysis.sidecar.entities.get(params.entityId)?.name ?? params.entityId;
  return { ok: true, label: `Pin “${clipText(params.text, 60)}” to ${clipText(name, 60)}`, edit: { changes: { [ctx.workspace.uriFor(found.pair.sidecar)]: edits } } };
}

/** "Review all N uncertain mentions in this article…", beside the pins of an ambiguous-mention finding, when there are at least two. */
export function reviewAllAction(ctx: ServerContext, found: FileAnalysis, findings: readonly Finding[]): CodeAction | undefined {
  if (!findings.some((f) => f.code === 'ambiguous-mention')) return undefined;
  let count = 0;
  for (const mention of found.analysis.mentions) if (isUncertain(mention)) count++;
  if (count < 2) return undefined;
  const title = `Review all ${count.toLocaleString('en-US')} uncertain mentions in this article…`;
  return { title, kind: CodeActionKind.QuickFix, command: { title, command: REVIEW_UNCERTAIN_MENTIONS_COMMAND, arguments: [{ uri: ctx.workspace.uriFor(found.pair.article) }] } };
}

function isPosition(value: unknown): value is WirePosition {
  const p = value as Partial<WirePosition> | null;
  return typeof p === 'object' && p !== null && Number.isInteger(p.line) && Number.isInteger(p.character) && p.line! >= 0 && p.character! >= 0;
}

function isRange(value: unknown): value is WireRange {
  const r = value as Partial<WireRange> | null;
  return typeof r === 'object' && r !== null && isPosition(r.start) && isPosition(r.end);
}
