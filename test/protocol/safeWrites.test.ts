// Code actions on a large sidecar, over stdio, from an editor that resolves
// code actions (as VS Code does): the request sends titles without parsing
// the sidecar, and the chosen fix is planned and checked when resolved.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { LspClient, applyTextEdits, uriOf } from './lspClient';

let dir: string;
let cache: string;
let client: LspClient;
const file = (name: string): string => path.join(dir, name);

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-safe-'));
  cache = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-cache-'));
  client = new LspClient();
  await client.request('initialize', {
    processId: process.pid,
    rootUri: uriOf(dir),
    initializationOptions: { cacheDirectory: cache },
    capabilities: {
      workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true } },
      textDocument: { codeAction: { dataSupport: true, resolveSupport: { properties: ['edit'] }, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } },
    },
  });
  client.notify('initialized', {});
});

after(async () => {
  await client.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(cache, { recursive: true, force: true });
});

const ENTITIES = 1000;
const SIDECAR = ['entities:', ...Array.from({ length: ENTITIES }, (_, i) => [`  lee-${i}:`, `    name: Lee Number${i}`, '    type: person', '    aliases: [Lee]']).flat(), ''].join('\n');
const ARTICLE = 'Yesterday Lee spoke at the harbour.\n';

test('a code action on a sidecar with 1,000 entities sends titles at once; the chosen pin is checked and written when resolved', async () => {
  fs.writeFileSync(file('harbour.txt'), ARTICLE);
  fs.writeFileSync(file('harbour.annotations.yaml'), SIDECAR);
  const uri = uriOf(file('harbour.txt'));
  const diagnostics = client.diagnosticsWhere(uri, (d) => d.some((x: any) => x.code === 'ambiguous-mention'), 30000);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: ARTICLE } });
  const ambiguous = (await diagnostics).find((d: any) => d.code === 'ambiguous-mention');
  const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: ambiguous.range, context: { diagnostics: [ambiguous] } });
  const pins = actions.filter((a: any) => a.title.startsWith('Pin “Lee” here to'));
  assert.ok(pins.length > 1, actions.map((a: any) => a.title).join(' | '));
  assert.ok(pins.every((a: any) => a.edit === undefined && a.data), 'no edit is made before one is chosen');
  const chosen = pins[1];
  const resolved = await client.request('codeAction/resolve', chosen);
  const edits = resolved.edit.changes[uriOf(file('harbour.annotations.yaml'))];
  assert.equal(edits.length, 1, 'one edit: one undo');
  const after = applyTextEdits(SIDECAR, edits);
  const id = /to Lee Number(\d+)$/.exec(chosen.title)![1];
  assert.deepEqual(parse(after).mentions, [{ quote: 'Lee', entity: `lee-${id}` }]);
  assert.ok(after.startsWith(SIDECAR), 'the entities are untouched');
});

test('a resolved fix whose finding is gone comes back without an edit, and the server says why', async () => {
  const uri = uriOf(file('harbour.txt'));
  const stale = { title: 'Pin “Lee” here to Lee Number1', kind: 'quickfix', data: { marginaliaFix: { uri, code: 'ambiguous-mention', file: 'article', start: 0, end: 3, title: 'Pin “Lee” here to Lee Number1' } } };
  const resolved = await client.request('codeAction/resolve', stale);
  assert.equal(resolved.edit, undefined);
  const message = await client.waitFor((n) => n.method === 'window/showMessage' || (n.method === 'window/logMessage' && /not applied/.test(n.params.message)));
  assert.match(message.params.message, /not applied: the file changed since the fix was offered/);
});
