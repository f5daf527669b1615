// The annotate commands: ask what the server needs (type, description,
// sources, entity), then let the server write the sidecar in one edit.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS, SERVER_COMMANDS, SIDECAR_INFO_REQUEST, type AnnotateArgs, type AnnotationRequest, type SidecarInfo } from '../../server/src/protocol';
import { whenTrusted } from './trust';

type Target = Pick<AnnotateArgs, 'uri' | 'range'>;
const ENTITY_TYPES = ['person', 'organization', 'place', 'event', 'work', 'other'];

export function registerAnnotateCommands(client: () => LanguageClient | undefined): vscode.Disposable[] {
  const register = (command: string, ask: (client: LanguageClient, target: Target) => Promise<AnnotationRequest | undefined>) => {
    const annotate = whenTrusted('annotating (it writes the sidecar)', async (target: Target | undefined) => {
      const running = client();
      if (!running || !target) {
        void vscode.window.showInformationMessage('Marginalia: open an article and select the text to annotate.');
        return;
      }
      const request = await ask(running, target);
      if (request) await send(running, { ...target, request });
    });
    // The selection is taken when the command is run, even if it then waits for trust.
    return vscode.commands.registerCommand(command, (target?: Target) => annotate(target ?? activeSelection()));
  };
  return [
    register(CLIENT_COMMANDS.annotateClaim, askClaim),
    register(CLIENT_COMMANDS.annotateEntity, askEntity),
    register(CLIENT_COMMANDS.addNote, askNote),
    register(CLIENT_COMMANDS.pinMention, askPin),
  ];
}

function activeSelection(): Target | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const { start, end } = editor.selection;
  return { uri: editor.document.uri.toString(), range: { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } } };
}

async function send(client: LanguageClient, args: AnnotateArgs): Promise<void> {
  const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMANDS.annotate, arguments: [args] })) as { applied?: boolean; quote?: string } | null;
  if (result?.applied) vscode.window.setStatusBarMessage(`Marginalia: annotated “${result.quote}”`, 4000);
}

function info(client: LanguageClient, target: Target): Promise<SidecarInfo | null> {
  return client.sendRequest<SidecarInfo | null>(SIDECAR_INFO_REQUEST, { uri: target.uri });
}

async function askClaim(client: LanguageClient, target: Target): Promise<AnnotationRequest | undefined> {
  const sidecar = await info(client, target);
  const sources = sidecar?.sources ?? [];
  if (sources.length === 0) return { kind: 'claim' };
  const picked = await vscode.window.showQuickPick(
    sources.map((s) => ({ label: s.title, description: s.id, id: s.id })),
    { title: 'Annotate as claim: its sources (none for an unsourced claim)', canPickMany: true },
  );
  return picked === undefined ? undefined : { kind: 'claim', sources: picked.map((p) => p.id) };
}

async function askEntity(client: LanguageClient, target: Target): Promise<AnnotationRequest | undefined> {
  const sidecar = await info(client, target);
  const NEW = '$(add) New entity';
  const choice = await vscode.window.showQuickPick(
    [{ label: NEW, description: 'with the selection as its name', id: '' }, ...(sidecar?.entities ?? []).map((e) => ({ label: `Add as alias of ${e.name}`, description: `${e.id} · ${e.type}`, id: e.id }))],
    { title: 'Annotate as entity' },
  );
  if (!choice) return undefined;
  if (choice.id) return { kind: 'alias', entityId: choice.id };
  const type = await vscode.window.showQuickPick(ENTITY_TYPES, { title: 'Type of the new entity' });
  if (!type) return undefined;
  const description = await vscode.window.showInputBox({ title: 'Description (optional)', prompt: 'Who or what it is, in one sentence' });
  if (description === undefined) return undefined;
  return { kind: 'entity', type, description: description.trim() || undefined };
}

async function askNote(): Promise<AnnotationRequest | undefined> {
  const text = await vscode.window.showInputBox({ title: 'Add note', prompt: 'The note', validateInput: (v) => (v.trim() === '' ? 'Write the note.' : undefined) });
  return text === undefined ? undefined : { kind: 'note', text: text.trim() };
}

async function askPin(client: LanguageClient, target: Target): Promise<AnnotationRequest | undefined> {
  const sidecar = await info(client, target);
  const entities = sidecar?.entities ?? [];
  if (entities.length === 0) {
    void vscode.window.showInformationMessage('Marginalia: the sidecar has no entities to pin to yet.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(entities.map((e) => ({ label: e.name, description: `${e.id} · ${e.type}`, id: e.id })), { title: 'Pin this mention to' });
  return picked && { kind: 'pin', entityId: picked.id };
}
