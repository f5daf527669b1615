// A small LSP client for protocol tests: starts the real server over stdio,
// frames JSON-RPC messages, answers the server's requests like an editor
// would (configuration, applyEdit), and records notifications.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const SERVER_BIN = path.join(REPO, 'bin', 'marginalia-language-server.js');

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Notification {
  readonly method: string;
  readonly params: Json;
}

export class LspClient {
  private readonly process: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: Json) => void; reject: (error: Error) => void }>();
  readonly notifications: Notification[] = [];
  private readonly waiters: { predicate: (n: Notification) => boolean; resolve: (n: Notification) => void }[] = [];
  /** Edits the server asked the client to apply (workspace/applyEdit). */
  readonly appliedEdits: Json[] = [];
  settings: Json = {};
  /** Settings per folder URI, answered for a configuration item with that scopeUri (else `settings`). */
  folderSettings: Record<string, Json> = {};
  stderr = '';

  constructor(args: string[] = ['--stdio']) {
    this.process = spawn(process.execPath, [SERVER_BIN, ...args], { stdio: 'pipe' });
    this.process.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.process.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  /** A folder made for the server's index cache, removed at shutdown. */
  private ownCache?: string;

  /**
   * `cacheDirectory`: where the server keeps its workspace index; by default a new folder of this client's.
   * `folders`: workspace folders (else `rootPath` alone, as rootUri); `window`: window capabilities (workDoneProgress).
   */
  async initialize(rootPath: string, cacheDirectory = (this.ownCache = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-cache-'))), options: { folders?: string[]; window?: Json } = {}): Promise<Json> {
    const result = await this.request('initialize', {
      processId: process.pid,
      rootUri: uriOf(rootPath),
      ...(options.folders ? { workspaceFolders: options.folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })) } : {}),
      initializationOptions: { cacheDirectory },
      capabilities: { workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true } }, ...(options.window ? { window: options.window } : {}) },
    });
    this.notify('initialized', {});
    return result;
  }

  request(method: string, params: Json): Promise<Json> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  /** Sends a request and its `$/cancelRequest` in one write, so the server reads both before it starts on the request. */
  requestThenCancel(method: string, params: Json): Promise<Json> {
    const id = this.nextId++;
    const frame = (message: Json): string => {
      const body = JSON.stringify(message);
      return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
    };
    this.process.stdin.write(frame({ jsonrpc: '2.0', id, method, params }) + frame({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  notify(method: string, params: Json): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first notification (already received or future) that matches. */
  waitFor(predicate: (n: Notification) => boolean, timeoutMs = 10000): Promise<Notification> {
    const seen = this.notifications.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for a notification; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({ predicate, resolve: (n) => (clearTimeout(timer), resolve(n)) });
    });
  }

  /** The next diagnostics published for a URI after now. */
  nextDiagnostics(uri: string, timeoutMs = 10000): Promise<Json[]> {
    const start = this.notifications.length;
    return this.waitFor((n) => this.notifications.indexOf(n) >= start && n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri, timeoutMs).then((n) => n.params.diagnostics);
  }

  /** The diagnostics of a URI once they satisfy `predicate` (the latest published, or a later publish). */
  diagnosticsWhere(uri: string, predicate: (diagnostics: Json[]) => boolean, timeoutMs = 10000): Promise<Json[]> {
    const latest = this.latestDiagnostics(uri);
    if (latest && predicate(latest)) return Promise.resolve(latest);
    return this.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && predicate(n.params.diagnostics) && n === this.notifications.filter((m) => m.method === n.method && m.params.uri === uri).at(-1), timeoutMs).then((n) => n.params.diagnostics);
  }

  latestDiagnostics(uri: string): Json[] | undefined {
    const all = this.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri);
    return all.at(-1)?.params.diagnostics;
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      this.notify('exit', null);
    } finally {
      setTimeout(() => this.process.kill(), 500).unref();
      if (this.ownCache) fs.rmSync(this.ownCache, { recursive: true, force: true });
    }
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get exitCode(): number | null {
    return this.process.exitCode;
  }

  private send(message: Json): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.process.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.process.stdin.write(body);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body));
    }
  }

  private dispatch(message: Json): void {
    if (message.id !== undefined && message.method) return this.answerServerRequest(message);
    if (message.id !== undefined) {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) pending?.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
      else pending?.resolve(message.result);
      return;
    }
    const notification = { method: message.method, params: message.params };
    this.notifications.push(notification);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(notification)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(notification);
      }
    }
  }

  private answerServerRequest(message: Json): void {
    let result: Json = null;
    if (message.method === 'workspace/configuration') result = message.params.items.map((item: { scopeUri?: string }) => (item.scopeUri !== undefined && this.folderSettings[item.scopeUri]) || this.settings);
    if (message.method === 'workspace/applyEdit') {
      this.appliedEdits.push(message.params.edit);
      result = { applied: true };
    }
    this.send({ jsonrpc: '2.0', id: message.id, result });
  }
}

export function uriOf(filePath: string): string {
  return pathToFileURL(filePath).href;
}

/** Applies LSP text edits to a text (edits must not overlap). */
export function applyTextEdits(text: string, edits: { range: Json; newText: string }[]): string {
  const lines = lineStarts(text);
  const offset = (p: { line: number; character: number }): number => (p.line >= lines.length ? text.length : lines[p.line]! + p.character);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** The position of the n-th occurrence of a string in a text. */
export function positionOf(text: string, needle: string, nth = 1, delta = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' not found ${nth} times`);
  }
  const before = text.slice(0, at + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}
