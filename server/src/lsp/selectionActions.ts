// Code actions on a selection in an article: annotate it without writing YAML.
// "Annotate as claim" edits at once (any LSP client can use it); the others
// open a VS Code prompt first.
import * as path from 'node:path';
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import { isArticlePath } from '../core/pairing';
import { CLIENT_COMMANDS, SERVER_COMMANDS, type AnnotateArgs } from '../protocol';
import { uriToPath } from './paths';

export const ANNOTATE_KIND = `${CodeActionKind.Refactor}.marginalia`;

export function selectionActions(params: CodeActionParams): CodeAction[] {
  const filePath = uriToPath(params.textDocument.uri);
  const { start, end } = params.range;
  const empty = start.line === end.line && start.character === end.character;
  if (!filePath || !isArticlePath(filePath) || empty) return [];
  if (params.context.only && !params.context.only.some((kind) => ANNOTATE_KIND.startsWith(kind))) return [];
  const base = { uri: params.textDocument.uri, range: params.range };
  const claim: AnnotateArgs = { ...base, request: { kind: 'claim' } };
  const clientCommand = (title: string, command: string): CodeAction => ({ title, kind: ANNOTATE_KIND, command: { title, command, arguments: [base] } });
  return [
    { title: `Annotate as claim (in ${path.basename(filePath).replace(/\.[^.]+$/, '')}.annotations.yaml)`, kind: ANNOTATE_KIND, command: { title: 'Annotate as claim', command: SERVER_COMMANDS.annotate, arguments: [claim] } },
    clientCommand('Annotate as claim with sources…', CLIENT_COMMANDS.annotateClaim),
    clientCommand('Annotate as entity…', CLIENT_COMMANDS.annotateEntity),
    clientCommand('Add note…', CLIENT_COMMANDS.addNote),
    clientCommand('Pin mention to entity…', CLIENT_COMMANDS.pinMention),
  ];
}
