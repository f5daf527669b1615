// Runs the fuzz suite: core inputs in child processes (a crash or a hang
// costs a restart and is itself a failure), server inputs over stdio, then
// shrinks one failure of each kind to a minimal reproduction. Used by the
// test slice (test/fuzz/*.test.ts) and the full run (bench/fuzz.ts).
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { FromChild, ToChild } from './coreChild';
import { generateCase, type FuzzCase } from './generate';
import { INVARIANTS, type CheckOptions, type Invariant, type Violation } from './invariants';
import { caseSeed } from './random';
import { failureKind, messageShape, minimize } from './shrink';
import { fuzzServer, ServerFuzzer } from './serverFuzz';

export interface RunOptions {
  readonly seed: number;
  readonly coreInputs: number;
  readonly serverInputs: number;
  /** Child processes for the core inputs. */
  readonly workers: number;
  readonly check: CheckOptions;
  readonly maxArticle: number;
  /** A child silent this long is stuck on its input: killed, and the input reported. */
  readonly hangMs: number;
  /** Failure kinds shrunk, and the limits of each shrink. */
  readonly shrinkKinds: number;
  readonly shrinkEvaluations: number;
  readonly shrinkMs: number;
  readonly log?: (line: string) => void;
}

export interface Failure {
  readonly invariant: Invariant;
  readonly op: string;
  readonly message: string;
  /** The input's seed (`generateCase(seed)` makes it again) and its index in the run. */
  readonly seed: number;
  readonly index: number;
  readonly label: string;
  readonly size: number;
  readonly where: 'core' | 'server';
  readonly input?: FuzzCase;
}

export interface FailureGroup {
  readonly kind: string;
  readonly shape: string;
  readonly invariant: Invariant;
  count: number;
  example: Failure;
  minimal?: { readonly input: FuzzCase; readonly violation: Violation; readonly evaluations?: number };
}

export interface RunReport {
  readonly seed: number;
  readonly inputs: { core: number; server: number };
  readonly ms: { core: number; server: number; shrink: number };
  readonly checks: Record<string, number>;
  readonly failures: Record<string, number>;
  readonly groups: FailureGroup[];
  readonly harnessErrors: string[];
  readonly restarts: { core: number; server: number };
  /** How many inputs reached each finding code and kind of write (from children that finished). */
  readonly coverage: Record<string, number>;
}

const CHILD = path.join(__dirname, 'coreChild.js');

/** Collects what the children and the server report. */
class Tally {
  readonly checks: Record<string, number> = {};
  readonly failures: Record<string, number> = {};
  readonly groups = new Map<string, FailureGroup>();
  readonly harnessErrors: string[] = [];
  readonly coverage: Record<string, number> = {};
  coreInputs = 0;
  coreRestarts = 0;

  addChecks(checks: Partial<Record<string, number>> | undefined): void {
    for (const [name, n] of Object.entries(checks ?? {})) this.checks[name] = (this.checks[name] ?? 0) + (n ?? 0);
  }

  add(failure: Failure): void {
    this.failures[failure.invariant] = (this.failures[failure.invariant] ?? 0) + 1;
    const kind = failureKind(failure);
    const shape = messageShape(failure.message);
    const key = `${kind} :: ${shape}`;
    const group = this.groups.get(key);
    if (!group) this.groups.set(key, { kind, shape, invariant: failure.invariant, count: 1, example: failure });
    else {
      group.count++;
      if (failure.size < group.example.size) group.example = failure;
    }
  }

  get failureCount(): number {
    return Object.values(this.failures).reduce((a, b) => a + b, 0);
  }
}

export async function runFuzz(options: RunOptions): Promise<RunReport> {
  const tally = new Tally();
  const log = options.log ?? (() => {});
  const started = Date.now();
  const lanes = splitRange(options.coreInputs, Math.max(1, options.workers));
  const progress = setInterval(() => log(`  core: ${tally.coreInputs}/${options.coreInputs} inputs, ${tally.failureCount} failures, ${Math.round((Date.now() - started) / 1000)} s`), 30000);
  await Promise.all(lanes.map(([from, to]) => runLane(from, to, options, tally)));
  clearInterval(progress);
  const coreMs = Date.now() - started;
  const serverStarted = Date.now();
  const server = options.serverInputs > 0 ? await fuzzServer(options.seed, options.serverInputs, { budgetMs: options.check.budgetMs, maxArticle: options.maxArticle, onInput: (i) => (i + 1) % 500 === 0 && log(`  server: ${i + 1}/${options.serverInputs} inputs`) }) : undefined;
  const serverMs = Date.now() - serverStarted;
  if (server) {
    tally.addChecks(server.checks);
    for (const [name, n] of Object.entries(server.coverage)) tally.coverage[name] = (tally.coverage[name] ?? 0) + n;
    for (const v of server.violations) tally.add({ ...v, seed: v.input.seed, index: -1, label: v.input.label, size: v.input.article.length + v.input.sidecar.length, where: 'server', input: v.input });
  }
  const shrinkStarted = Date.now();
  await shrinkGroups(options, tally, log);
  return {
    seed: options.seed,
    inputs: { core: tally.coreInputs, server: server?.inputs ?? 0 },
    ms: { core: coreMs, server: serverMs, shrink: Date.now() - shrinkStarted },
    checks: tally.checks,
    failures: tally.failures,
    groups: [...tally.groups.values()].sort((a, b) => b.count - a.count),
    harnessErrors: tally.harnessErrors,
    restarts: { core: tally.coreRestarts, server: server?.restarts ?? 0 },
    coverage: tally.coverage,
  };
}

function splitRange(count: number, parts: number): [number, number][] {
  const size = Math.ceil(count / parts);
  const ranges: [number, number][] = [];
  for (let from = 0; from < count; from += size) ranges.push([from, Math.min(count, from + size)]);
  return ranges;
}

function startChild(): { child: ChildProcess; stderr: () => string } {
  let stderr = '';
  const child = fork(CHILD, [], { env: { ...process.env, MARGINALIA_FUZZ_CHILD: '1' }, execArgv: ['--max-old-space-size=3072'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  return { child, stderr: () => stderr };
}

/** Inputs [from, to) in as many children as it takes: after a crash or a hang, a new child goes on with the next input. */
async function runLane(from: number, to: number, options: RunOptions, tally: Tally): Promise<void> {
  let next = from;
  while (next < to) next = await runChild(next, to, options, tally);
}

function runChild(from: number, to: number, options: RunOptions, tally: Tally): Promise<number> {
  return new Promise((resolve) => {
    const { child, stderr } = startChild();
    let lastDone = from - 1;
    let finished = false;
    let hung = false;
    let lastHeard = Date.now();
    const watchdog = setInterval(() => {
      if (Date.now() - lastHeard > options.hangMs) {
        hung = true;
        child.kill('SIGKILL');
      }
    }, 500);
    child.on('message', (message: FromChild) => {
      lastHeard = Date.now();
      if (message.kind === 'done') {
        lastDone = message.index;
        tally.coreInputs++;
        tally.addChecks(message.checks);
        const input = message.input;
        const size = input ? input.article.length + input.sidecar.length : 0;
        for (const v of message.violations ?? []) tally.add({ ...v, seed: message.seed, index: message.index, label: input?.label ?? '', size, where: 'core', input });
        for (const e of message.harnessErrors ?? []) if (tally.harnessErrors.length < 20) tally.harnessErrors.push(`seed ${message.seed}: ${e}`);
      } else if (message.kind === 'finished') {
        finished = true;
        tally.addChecks(message.checks);
        for (const [name, n] of Object.entries(message.coverage ?? {})) tally.coverage[name] = (tally.coverage[name] ?? 0) + n;
      }
    });
    child.on('exit', (code, signal) => {
      clearInterval(watchdog);
      if (finished) return resolve(to);
      // The input after the last one reported is the one that killed the child.
      const index = lastDone + 1;
      const seed = caseSeed(options.seed, index);
      const input = generateCase(seed, { maxArticle: options.maxArticle });
      const why = hung ? `no answer within ${options.hangMs} ms: the input hangs the core` : `the process died (${signal ?? `exit ${code}`}): ${lastLines(stderr())}`;
      tally.coreInputs++;
      tally.coreRestarts++;
      tally.add({ invariant: hung ? 'budget' : 'no-exception', op: 'whole input (child process)', message: why, seed, index, label: input.label, size: input.article.length + input.sidecar.length, where: 'core', input });
      resolve(index + 1);
    });
    const job: ToChild = { kind: 'run', seed: options.seed, from, to, check: options.check, maxArticle: options.maxArticle };
    child.send(job);
  });
}

function lastLines(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && !/^\d+: 0x/.test(l))
    .slice(0, 4)
    .join(' | ');
}

/** One failure of each kind (the most frequent kinds first) made as small as the limits allow. */
async function shrinkGroups(options: RunOptions, tally: Tally, log: (line: string) => void): Promise<void> {
  const seen = new Set<string>();
  const groups = [...tally.groups.values()].sort((a, b) => b.count - a.count).filter((g) => (seen.has(g.kind) ? false : (seen.add(g.kind), true)));
  const chosen = groups.slice(0, options.shrinkKinds);
  if (chosen.length === 0) return;
  log(`  shrinking ${chosen.length} failure kinds…`);
  const core = chosen.filter((g) => g.example.where === 'core' && !g.example.op.startsWith('whole input'));
  const queue = [...core];
  const worker = async (): Promise<void> => {
    for (let group = queue.shift(); group; group = queue.shift()) group.minimal = await shrinkInChild(group, options);
  };
  await Promise.all(Array.from({ length: Math.max(1, options.workers) }, worker));
  for (const group of chosen.filter((g) => g.example.where === 'server')) group.minimal = await shrinkOnServer(group, options);
}

function shrinkInChild(group: FailureGroup, options: RunOptions): Promise<FailureGroup['minimal']> {
  return new Promise((resolve) => {
    const { child } = startChild();
    let best: FailureGroup['minimal'];
    const timer = setTimeout(() => child.kill('SIGKILL'), options.shrinkMs + options.hangMs);
    child.on('message', (message: FromChild) => {
      if (message.kind === 'shrunk') best = { input: message.input, violation: message.violation, evaluations: message.evaluations };
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(best);
    });
    const input = group.example.input ?? generateCase(group.example.seed, { maxArticle: options.maxArticle });
    const job: ToChild = { kind: 'shrink', input, failure: group.kind, check: options.check, maxEvaluations: options.shrinkEvaluations, maxMs: options.shrinkMs };
    child.send(job);
  });
}

/** A server failure shrunk on one server, fed each smaller input in turn. */
async function shrinkOnServer(group: FailureGroup, options: RunOptions): Promise<FailureGroup['minimal']> {
  const input = group.example.input;
  if (!input) return undefined;
  const fuzzer = new ServerFuzzer(options.check.budgetMs);
  await fuzzer.start();
  let violation: Violation | undefined;
  try {
    const result = await minimize(
      input,
      async (candidate) => {
        const before = fuzzer.violations.length;
        await fuzzer.feed(candidate);
        const found = fuzzer.violations.slice(before).find((v) => failureKind(v) === group.kind);
        if (found) violation = { invariant: found.invariant, op: found.op, message: found.message };
        return found !== undefined;
      },
      { maxEvaluations: Math.min(options.shrinkEvaluations, 150), maxMs: options.shrinkMs },
    );
    return result.reproduced && violation ? { input: result.input, violation, evaluations: result.evaluations } : undefined;
  } finally {
    await fuzzer.stop();
  }
}

/** The report as text: counts per invariant, and one (minimal) reproduction per failure kind. */
export function formatReport(report: RunReport, maxGroups = 40): string {
  const lines: string[] = [];
  const total = report.inputs.core + report.inputs.server;
  lines.push(`Fuzz, seed ${report.seed}: ${total.toLocaleString('en-US')} inputs (core ${report.inputs.core.toLocaleString('en-US')}, server ${report.inputs.server.toLocaleString('en-US')}) in ${Math.round((report.ms.core + report.ms.server + report.ms.shrink) / 1000)} s`);
  lines.push('');
  lines.push('invariant            checks       failures');
  for (const name of Object.keys(INVARIANTS)) {
    lines.push(`${name.padEnd(20)} ${String(report.checks[name] ?? 0).padStart(10)}   ${String(report.failures[name] ?? 0).padStart(8)}`);
  }
  const covered = Object.entries(report.coverage).sort((a, b) => a[0].localeCompare(b[0]));
  if (covered.length > 0) lines.push('', 'reached (inputs or writes):', ...covered.map(([what, n]) => `  ${what.padEnd(52)} ${n}`));
  if (report.harnessErrors.length > 0) lines.push('', `HARNESS ERRORS (bugs of the fuzz suite itself): ${report.harnessErrors.length}`, ...report.harnessErrors.slice(0, 5).map((e) => `  ${e}`));
  for (const group of report.groups.slice(0, maxGroups)) {
    lines.push('', `[${group.invariant}] ${group.kind} — ${group.count}×`, `  ${group.shape}`);
    lines.push(`  first input: seed ${group.example.seed} (${group.example.where}; ${group.example.label.slice(0, 100)})`);
    const repro = group.minimal;
    if (repro) {
      lines.push(`  minimal: ${repro.violation.op}: ${repro.violation.message.slice(0, 300)}`);
      lines.push(`    article: ${JSON.stringify(repro.input.article).slice(0, 400)}`);
      lines.push(`    sidecar: ${JSON.stringify(repro.input.sidecar).slice(0, 600)}`);
    } else lines.push(`  example: ${group.example.op}: ${group.example.message.slice(0, 300)}`);
  }
  if (report.groups.length > maxGroups) lines.push('', `… and ${report.groups.length - maxGroups} more failure kinds (see the JSON report).`);
  return lines.join('\n');
}
