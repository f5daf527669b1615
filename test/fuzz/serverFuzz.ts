// The server over stdio, fed fuzz inputs: for each input the article and the
// sidecar are replaced (as an editor sends them), the article is typed into
// a little (incremental changes), and the server is asked what an editor
// asks (hover, definition, completion, code actions). The server must stay
// alive, answer each request within its budget, give ranges inside the
// documents on code-point boundaries, log no error, and offer only edits
// that parse and change one annotation.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LIMITS, type Limit } from '../../server/src/core/limits';
import { LspClient, applyTextEdits, uriOf, type Notification } from '../protocol/lspClient';
import { generateCase, type FuzzCase } from './generate';
import { cursorAt, spanProblem, type Violation } from './invariants';
import { changedPlaces, hoverText, lineStarts, offsetOf, positionAt, renamedData, asRecord, type Position } from './lspAnswers';
import { Random } from './random';
import { DUPLICATE, parseYaml, show } from './yamlCompare';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** How long a request may take before the server counts as not answering at all. */
const DEAD_AFTER_MS = 15000;

export interface ServerReport {
  readonly violations: (Violation & { readonly input: FuzzCase })[];
  readonly checks: Record<string, number>;
  readonly inputs: number;
  readonly restarts: number;
  readonly coverage: Record<string, number>;
}

/** One server process with one article/sidecar pair open, kept across inputs (restarted if it dies). */
export class ServerFuzzer {
  private client!: LspClient;
  private dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-fuzz-'));
  private article = 'An article.\n';
  private sidecar = 'claims: []\n';
  private version = 1;
  private logSeen = 0;
  readonly checks: Record<string, number> = {};
  readonly coverage: Record<string, number> = {};
  readonly violations: (Violation & { input: FuzzCase })[] = [];
  restarts = 0;
  inputs = 0;

  constructor(private readonly budgetMs = 1000) {}

  private get articleUri(): string {
    return uriOf(path.join(this.dir, 'fuzz.txt'));
  }

  private get sidecarUri(): string {
    return uriOf(path.join(this.dir, 'fuzz.annotations.yaml'));
  }

  async start(): Promise<void> {
    fs.writeFileSync(path.join(this.dir, 'fuzz.txt'), this.article);
    fs.writeFileSync(path.join(this.dir, 'fuzz.annotations.yaml'), this.sidecar);
    this.client = new LspClient();
    this.logSeen = 0;
    await this.client.initialize(this.dir);
    this.client.notify('textDocument/didOpen', { textDocument: { uri: this.articleUri, languageId: 'plaintext', version: this.version, text: this.article } });
    this.client.notify('textDocument/didOpen', { textDocument: { uri: this.sidecarUri, languageId: 'yaml', version: this.version, text: this.sidecar } });
  }

  async stop(): Promise<void> {
    await this.client.shutdown().catch(() => undefined);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private cover(what: string): void {
    this.coverage[what] = (this.coverage[what] ?? 0) + 1;
  }

  private count(invariant: string): void {
    this.checks[invariant] = (this.checks[invariant] ?? 0) + 1;
  }

  private fail(input: FuzzCase, invariant: Violation['invariant'], op: string, message: string): void {
    if (this.violations.length < 500) this.violations.push({ invariant, op: `server ${op}`, message, input });
  }

  /** Feeds one input; returns false when the server had to be restarted. */
  async feed(input: FuzzCase): Promise<boolean> {
    this.inputs++;
    const rng = new Random(input.seed ^ 0x5e77e7);
    this.replace('sidecar', input.sidecar, rng.chance(0.05));
    this.replace('article', input.article, rng.chance(0.05));
    for (let i = rng.int(3); i > 0; i--) this.type(rng);
    await this.ask(input, rng);
    this.checkDiagnostics(input);
    this.checkLog(input);
    return this.checkAlive(input);
  }

  /** The new text as a change of the open document, or (`reopen`) the document closed and opened again with it. */
  private replace(which: 'article' | 'sidecar', text: string, reopen = false): void {
    if (which === 'article') this.article = text;
    else this.sidecar = text;
    const uri = which === 'article' ? this.articleUri : this.sidecarUri;
    if (!reopen) {
      this.client.notify('textDocument/didChange', { textDocument: { uri, version: ++this.version }, contentChanges: [{ text }] });
      return;
    }
    this.client.notify('textDocument/didClose', { textDocument: { uri } });
    this.client.notify('textDocument/didOpen', { textDocument: { uri, languageId: which === 'article' ? 'plaintext' : 'yaml', version: ++this.version, text } });
  }

  /** A keystroke or a deletion in the article, sent as an incremental change. */
  private type(rng: Random): void {
    const starts = lineStarts(this.article);
    // No editor puts a position between the \r and \n of one line break (LSP positions cannot say it): step back from there.
    const outsideCrlf = (offset: number): number => (this.article[offset - 1] === '\r' && this.article[offset] === '\n' ? offset - 1 : offset);
    const at = outsideCrlf(rng.int(this.article.length + 1));
    const cut = rng.chance(0.4) ? outsideCrlf(Math.min(at + rng.between(1, 6), this.article.length)) - at : 0;
    const typed = rng.pick(['a', ' ', 'Marrow', '\n', '😀', '”', '.', '']);
    const range = { start: positionAt(starts, at), end: positionAt(starts, at + cut) };
    this.article = this.article.slice(0, at) + typed + this.article.slice(at + cut);
    this.client.notify('textDocument/didChange', { textDocument: { uri: this.articleUri, version: ++this.version }, contentChanges: [{ range, text: typed }] });
  }

  /** A request, timed: over the budget is a failure; no answer at all is left to the liveness check. `mayRefuse`: an error answer is a refusal, not a failure. */
  private async request(input: FuzzCase, method: string, params: Json, mayRefuse = false): Promise<Json> {
    this.count('no-exception');
    this.count('budget');
    try {
      const first = await this.timed(method, params);
      if (first.result === TIMED_OUT) {
        this.fail(input, 'budget', method, `no answer within ${DEAD_AFTER_MS} ms`);
        return undefined;
      }
      // Over budget: asked again (nothing changed in between) to tell a slow answer from a pause of the machine.
      const ms = first.ms > this.budgetMs && method !== 'textDocument/rename' ? Math.min(first.ms, (await this.timed(method, params)).ms) : first.ms;
      if (ms > this.budgetMs) this.fail(input, 'budget', method, `${Math.round(ms)} ms (budget ${this.budgetMs} ms)`);
      return first.result;
    } catch (error) {
      if (!mayRefuse) this.fail(input, 'no-exception', method, `answered with an error: ${(error as Error).message}`);
      return undefined;
    }
  }

  private async timed(method: string, params: Json): Promise<{ result: Json; ms: number }> {
    const start = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), DEAD_AFTER_MS)));
    try {
      const result = await Promise.race([this.client.request(method, params), timeout]);
      return { result, ms: performance.now() - start };
    } finally {
      clearTimeout(timer);
    }
  }

  /** A position an editor could send: not inside a surrogate pair, nor between the \r and \n of a line break (LSP has no such position). */
  private randomPosition(rng: Random, text: string): Position {
    let offset = cursorAt(text, rng.int(text.length + 1));
    if (offset > 0 && text[offset - 1] === '\r' && text[offset] === '\n') offset--;
    return positionAt(lineStarts(text), offset);
  }

  private async ask(input: FuzzCase, rng: Random): Promise<void> {
    const article = { uri: this.articleUri };
    const sidecar = { uri: this.sidecarUri };
    const hover = await this.request(input, 'textDocument/hover', { textDocument: article, position: this.randomPosition(rng, this.article) });
    if (hover?.range) this.range(input, 'hover (article)', this.article, hover.range);
    this.size(input, 'hover (article)', hoverText(hover).length, LIMITS.hoverChars);
    const sidecarHover = await this.request(input, 'textDocument/hover', { textDocument: sidecar, position: this.randomPosition(rng, this.sidecar) });
    if (sidecarHover?.range) this.range(input, 'hover (sidecar)', this.sidecar, sidecarHover.range);
    this.size(input, 'hover (sidecar)', hoverText(sidecarHover).length, LIMITS.hoverChars);
    const definition = await this.request(input, 'textDocument/definition', { textDocument: article, position: this.randomPosition(rng, this.article) });
    for (const location of Array.isArray(definition) ? definition : []) this.location(input, 'definition', location);
    this.size(input, 'definition', Array.isArray(definition) ? definition.length : 0, LIMITS.locations);
    const completion = await this.request(input, 'textDocument/completion', { textDocument: sidecar, position: this.randomPosition(rng, this.sidecar) });
    const items = Array.isArray(completion) ? completion : (completion?.items ?? []);
    for (const item of items.slice(0, 20)) if (item.textEdit?.range) this.range(input, 'completion', this.sidecar, item.textEdit.range);
    this.size(input, 'completion', items.length, LIMITS.completionItems);
    const end = positionAt(lineStarts(this.sidecar), this.sidecar.length);
    const actions = await this.request(input, 'textDocument/codeAction', { textDocument: sidecar, range: { start: { line: 0, character: 0 }, end }, context: { diagnostics: [] } });
    const articleEnd = positionAt(lineStarts(this.article), this.article.length);
    const articleActions = await this.request(input, 'textDocument/codeAction', { textDocument: article, range: { start: { line: 0, character: 0 }, end: articleEnd }, context: { diagnostics: [] } });
    const all = [...(Array.isArray(actions) ? actions : []), ...(Array.isArray(articleActions) ? articleActions : [])];
    this.size(input, 'code actions (sidecar)', Array.isArray(actions) ? actions.length : 0, LIMITS.codeActions);
    this.size(input, 'code actions (article)', Array.isArray(articleActions) ? articleActions.length : 0, LIMITS.codeActions);
    if (rng.chance(0.5)) await this.tryRename(input, rng);
    for (const action of rng.sample(all, 6)) {
      // An action sent without its edit is planned when chosen: resolve it, as an editor does.
      const chosen = !action?.edit && action?.data ? await this.request(input, 'codeAction/resolve', action) : action;
      this.checkAction(input, chosen ?? action);
    }
  }

  /**
   * Renames an entity or source id, sometimes to a name YAML would read as
   * something else (a number, null, a boolean): refusing is fine; an
   * accepted rename must read back as the same sidecar with the id renamed
   * where it is defined and wherever it is used.
   */
  private async tryRename(input: FuzzCase, rng: Random): Promise<void> {
    const before = parseYaml(this.sidecar);
    if (!before.value || this.sidecar.includes('&') || JSON.stringify(Object.keys(before.value)).includes(DUPLICATE)) return;
    const ids = (['entities', 'sources'] as const).flatMap((section) => Object.keys(asRecord(before.value![section])).filter((id) => !id.includes(DUPLICATE)).map((id) => ({ section, id })));
    const at = ids.length > 0 ? rng.pick(ids) : undefined;
    const offset = at ? this.sidecar.indexOf(`${at.id}:`) : -1;
    if (!at || offset < 0) return;
    const newName = rng.pick(['renamed-id', 'x.y_z', '1e3', '0x10', '007', 'null', 'true', '~', 'a b', 'Zoë', '-x', at.id]);
    const op = `rename '${at.id}' → ${JSON.stringify(newName)}`;
    const result = await this.request(input, 'textDocument/rename', { textDocument: { uri: this.sidecarUri }, position: positionAt(lineStarts(this.sidecar), offset), newName }, true);
    const changes: Json = { ...(result?.changes ?? {}) };
    for (const change of result?.documentChanges ?? []) if (change?.textDocument?.uri) changes[change.textDocument.uri] = change.edits;
    for (const uri of Object.keys(changes)) if (uri !== this.sidecarUri) this.fail(input, 'range', op, `edits another file: ${uri}`);
    const edits = changes[this.sidecarUri];
    this.cover(edits ? 'server rename accepted' : 'server rename refused');
    if (!edits) return;
    for (const edit of edits) this.range(input, op, this.sidecar, edit.range);
    this.count('edit-parses');
    const after = parseYaml(applyTextEdits(this.sidecar, edits));
    if (after.error !== undefined) return this.fail(input, 'edit-parses', op, after.error);
    if (!after.value) return;
    this.count('edit-keeps');
    const expected = renamedData(before.value, at.section, at.id, newName);
    const wrong = changedPlaces(expected, after.value);
    if (wrong.length > 0) this.fail(input, 'edit-keeps', op, `reads back other than renamed at ${wrong.slice(0, 3).join(', ')}`);
  }

  /** What the server sends has a size budget: no more items (or characters) than the limit says. */
  private size(input: FuzzCase, op: string, size: number, limit: Limit): void {
    this.count('budget');
    if (size > limit.value) this.fail(input, 'budget', `size of ${op}`, `${size} ${limit.unit}, over the ${limit.name} limit (${limit.value})`);
  }

  /** The diagnostics last published for each file: no more than the limit, each message clipped to its budget. */
  private checkDiagnostics(input: FuzzCase): void {
    for (const uri of [this.articleUri, this.sidecarUri]) {
      const diagnostics: Json[] = this.client.latestDiagnostics(uri) ?? [];
      // The limit, and one diagnostic that says it was hit.
      this.size(input, `diagnostics of ${path.basename(uri)}`, diagnostics.length, { ...LIMITS.diagnosticsPerFile, value: LIMITS.diagnosticsPerFile.value + 1 });
      const longest = diagnostics.reduce((max: number, d: Json) => Math.max(max, String(d?.message ?? '').length), 0);
      this.size(input, `a diagnostic message of ${path.basename(uri)}`, longest, LIMITS.messageChars);
    }
  }

  private range(input: FuzzCase, op: string, text: string, range: Json): void {
    this.count('range');
    const starts = lineStarts(text);
    const start = offsetOf(text, starts, range?.start);
    const end = offsetOf(text, starts, range?.end);
    if (typeof start === 'string' || typeof end === 'string') return this.fail(input, 'range', op, `range ${show(range)}: ${typeof start === 'string' ? start : end}`);
    const problem = spanProblem(text, { start, end });
    if (problem) this.fail(input, 'range', op, `range ${show(range)}: ${problem}`);
  }

  private location(input: FuzzCase, op: string, location: Json): void {
    const text = location?.uri === this.articleUri ? this.article : location?.uri === this.sidecarUri ? this.sidecar : undefined;
    if (text === undefined) return this.fail(input, 'range', op, `a location in another file: ${show(location?.uri)}`);
    this.range(input, op, text, location.range);
  }

  /** An offered edit to the sidecar: ranges valid, the result parses, and at most one annotation changes. */
  private checkAction(input: FuzzCase, action: Json): void {
    const changes: Json = { ...(action?.edit?.changes ?? {}) };
    for (const change of action?.edit?.documentChanges ?? []) if (change?.textDocument?.uri) changes[change.textDocument.uri] = change.edits;
    for (const [uri, edits] of Object.entries(changes) as [string, Json[]][]) {
      if (uri !== this.sidecarUri) {
        this.fail(input, 'range', `code action “${action.title}”`, `edits another file: ${uri}`);
        continue;
      }
      this.cover('server code action with an edit');
      for (const edit of edits) this.range(input, `code action “${action.title}”`, this.sidecar, edit.range);
      const after = applyTextEdits(this.sidecar, edits);
      this.count('edit-parses');
      const before = parseYaml(this.sidecar);
      const parsed = parseYaml(after);
      if (parsed.error !== undefined) {
        this.fail(input, 'edit-parses', `code action “${action.title}”`, `${parsed.error}${before.error === undefined ? '' : ' (the sidecar did not parse before either)'}`);
        continue;
      }
      if (!before.value || !parsed.value) continue;
      this.count('edit-keeps');
      const changed = changedPlaces(before.value, parsed.value);
      if (changed.length > 1) this.fail(input, 'edit-keeps', `code action “${action.title}”`, `changes ${changed.length} places: ${changed.slice(0, 3).join(', ')}`);
    }
  }

  /** An error the server logged (a handler that threw and was caught) is an exception that escaped the core. */
  private checkLog(input: FuzzCase): void {
    const logs = this.client.notifications.filter((n: Notification) => n.method === 'window/logMessage');
    for (const log of logs.slice(this.logSeen)) {
      this.count('no-exception');
      if (log.params?.type === 1) this.fail(input, 'no-exception', 'log', String(log.params.message).split('\n').slice(0, 3).join(' | '));
    }
    this.logSeen = logs.length;
    // Keep the client's memory flat over thousands of inputs.
    if (this.client.notifications.length > 2000) {
      this.client.notifications.splice(0, this.client.notifications.length);
      this.logSeen = 0;
    }
  }

  /** The process must be alive and answer a hover; if not, the failure is recorded and a new server started. */
  private async checkAlive(input: FuzzCase): Promise<boolean> {
    this.count('server-alive');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), DEAD_AFTER_MS)));
    const exited = new Promise((resolve) => {
      const poll = setInterval(() => {
        if (this.client.exitCode !== null) {
          clearInterval(poll);
          resolve(EXITED);
        }
      }, 50);
      void timeout.then(() => clearInterval(poll));
    });
    const answer = await Promise.race([this.client.request('textDocument/hover', { textDocument: { uri: this.articleUri }, position: { line: 0, character: 0 } }).catch(() => ERRORED), timeout, exited]);
    clearTimeout(timer);
    const alive = this.client.exitCode === null && answer !== TIMED_OUT && answer !== EXITED && answer !== ERRORED;
    if (alive) return true;
    const why = this.client.exitCode !== null ? `the server exited (code ${this.client.exitCode}); stderr: ${this.client.stderr.split('\n').filter(Boolean).slice(-3).join(' | ')}` : answer === ERRORED ? 'the hover failed' : `no hover answer within ${DEAD_AFTER_MS} ms`;
    this.fail(input, 'server-alive', 'hover after the input', why);
    await this.restart();
    return false;
  }

  private async restart(): Promise<void> {
    this.restarts++;
    const pid = this.client.pid;
    if (pid !== undefined && this.client.exitCode === null) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    this.article = 'An article.\n';
    this.sidecar = 'claims: []\n';
    await this.start();
  }

  report(): ServerReport {
    return { violations: this.violations, checks: this.checks, inputs: this.inputs, restarts: this.restarts, coverage: this.coverage };
  }
}

const TIMED_OUT = Symbol('timed out');
const EXITED = Symbol('exited');
const ERRORED = Symbol('errored');

/** Feeds `count` inputs drawn from `seed` to one server; returns what it found. */
export async function fuzzServer(seed: number, count: number, options: { budgetMs?: number; maxArticle?: number; onInput?: (i: number) => void } = {}): Promise<ServerReport> {
  const fuzzer = new ServerFuzzer(options.budgetMs);
  await fuzzer.start();
  try {
    for (let i = 0; i < count; i++) {
      const input = generateCase(serverCaseSeed(seed, i), { maxArticle: options.maxArticle ?? 64 * 1024 });
      await fuzzer.feed(input);
      options.onInput?.(i);
    }
  } finally {
    await fuzzer.stop();
  }
  return fuzzer.report();
}

/** Server inputs are drawn from their own stream, apart from the core's. */
export function serverCaseSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x51e4, 0x01000193) + Math.imul(index + 1, 0x9e3779b1)) >>> 0;
}
