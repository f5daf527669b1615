// "Marginalia: Review Uncertain Mentions": walks through the article's
// uncertain mentions in text order. Each step asks the server afresh (a pin
// changes the analysis: a later mention may now be settled by it), selects the
// mention, and offers its candidates; a choice is applied as the one workspace
// edit the server planned and verified (one undo per choice). Skip moves on;
// Escape stops. A skipped mention is not offered again in the same run.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  PIN_UNCERTAIN_MENTION_REQUEST,
  REVIEW_UNCERTAIN_MENTIONS_COMMAND,
  UNCERTAIN_MENTIONS_REQUEST,
  type PinUncertainMentionParams,
  type PinUncertainMentionResult,
  type ReviewCandidateInfo,
  type ReviewMentionInfo,
  type UncertainMentionsParams,
  type UncertainMentionsResult,
  type WirePosition,
  type WireRange,
} from '../../server/src/reviewProtocol';
import { whenTrusted } from './trust';

interface Tally {
  reviewed: number;
  pinned: number;
}

interface ChoiceItem extends vscode.QuickPickItem {
  /** The entity to pin to; none for Skip. */
  readonly entityId?: string;
}

export function registerReviewCommand(client: () => LanguageClient | undefined): vscode.Disposable {
  const reviewWhenTrusted = whenTrusted('reviewing mentions (it writes pins into the sidecar)', (uri: string | undefined) => review(client(), uri));
  return vscode.commands.registerCommand(REVIEW_UNCERTAIN_MENTIONS_COMMAND, (target?: { uri?: string }) => reviewWhenTrusted(target?.uri ?? vscode.window.activeTextEditor?.document.uri.toString()));
}

async function review(client: LanguageClient | undefined, uri: string | undefined): Promise<void> {
  if (!client || !uri) {
    void vscode.window.showInformationMessage('Marginalia: open an article to review its uncertain mentions.');
    return;
  }
  const tally: Tally = { reviewed: 0, pinned: 0 };
  let from: WirePosition | undefined;
  for (;;) {
    const list = await client.sendRequest<UncertainMentionsResult>(UNCERTAIN_MENTIONS_REQUEST, { uri, from, max: 1 } satisfies UncertainMentionsParams);
    if (!list.ok) return void vscode.window.showWarningMessage(`Marginalia: ${list.message}`);
    const mention = list.mentions[0];
    if (!mention) break;
    await reveal(list.articleUri, mention.range);
    const choice = await vscode.window.showQuickPick(choiceItems(mention), {
      title: `Mention ${tally.reviewed + 1} of ${tally.reviewed + list.remaining}: “${mention.text}”`,
      placeHolder: mention.sentence,
      matchOnDescription: true,
      matchOnDetail: true,
      ignoreFocusOut: true,
    });
    if (!choice) return void vscode.window.showInformationMessage(`Marginalia: review stopped. ${summary(tally)}`);
    tally.reviewed++;
    from = mention.range.end;
    if (choice.entityId && (await pin(client, { uri, range: mention.range, text: mention.text, entityId: choice.entityId }))) tally.pinned++;
  }
  const done = tally.reviewed === 0 ? 'No uncertain mentions in this article.' : summary(tally);
  void vscode.window.showInformationMessage(`Marginalia: ${done}`);
}

function summary(tally: Tally): string {
  return `Reviewed ${tally.reviewed} mention${tally.reviewed === 1 ? '' : 's'}; ${tally.pinned} pinned.`;
}

/** Shows the article with the mention selected. */
async function reveal(uri: string, range: WireRange): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const selected = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  editor.selection = new vscode.Selection(selected.start, selected.end);
  editor.revealRange(selected, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** The candidates, best guess first (with the evidence for it), then Skip. */
function choiceItems(mention: ReviewMentionInfo): ChoiceItem[] {
  const items: ChoiceItem[] = mention.candidates.map((c) => candidateItem(c, mention.evidence));
  if (mention.otherCandidates > 0) items.push({ label: `${mention.otherCandidates} more candidates: pin them by hand`, kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: '$(debug-step-over) Skip', description: 'leave this mention as it is and go on' });
  return items;
}

function candidateItem(candidate: ReviewCandidateInfo, evidence: readonly string[]): ChoiceItem {
  const why = candidate.bestGuess && evidence.length > 0 ? `evidence: ${evidence.join('; ')}` : undefined;
  const detail = [candidate.description, why].filter((part) => part).join(' — ');
  return {
    label: plain(candidate.name),
    description: plain(candidate.bestGuess ? `best guess · ${candidate.id}` : candidate.id),
    ...(detail ? { detail: plain(detail) } : {}),
    entityId: candidate.id,
  };
}

/** Text from the sidecar shown as itself: a quick pick renders `$(name)` as an icon. */
function plain(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/** Asks the server for the pin and applies it as one edit; false (with a message) when it cannot be made. */
async function pin(client: LanguageClient, params: PinUncertainMentionParams): Promise<boolean> {
  const answer = await client.sendRequest<PinUncertainMentionResult>(PIN_UNCERTAIN_MENTION_REQUEST, params);
  if (!answer.ok) {
    void vscode.window.showWarningMessage(`Marginalia: ${answer.message}`);
    return false;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(answer.edit as Parameters<typeof client.protocol2CodeConverter.asWorkspaceEdit>[0] & object);
  // A refactoring: a sidecar that was not open is saved after the edit, as with the quick fixes.
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  if (applied) vscode.window.setStatusBarMessage(`Marginalia: ${answer.label}`, 4000);
  else void vscode.window.showWarningMessage(`Marginalia: “${params.text}” was not pinned: the editor did not apply the edit.`);
  return applied;
}
