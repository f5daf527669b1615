// A child process that runs core fuzz inputs (or shrinks one failure) for the
// runner, so an input that crashes V8 (a fatal "invalid size" error, out of
// memory) or never returns costs a restart, not the whole run. Started by
// runner.ts with an IPC channel; does nothing when loaded any other way (the
// test runner loads every file of out/test/fuzz).
import { generateCase, type FuzzCase } from './generate';
import { checkCore, type CheckOptions, type Invariant, type Violation } from './invariants';
import { caseSeed } from './random';
import { shrinkCore } from './shrink';

export type ToChild =
  | { readonly kind: 'run'; readonly seed: number; readonly from: number; readonly to: number; readonly check: CheckOptions; readonly maxArticle: number }
  | { readonly kind: 'shrink'; readonly input: FuzzCase; readonly failure: string; readonly check: CheckOptions; readonly maxEvaluations: number; readonly maxMs: number };

export type FromChild =
  | { readonly kind: 'done'; readonly index: number; readonly seed: number; readonly violations?: Violation[]; readonly harnessErrors?: readonly string[]; readonly checks?: Partial<Record<Invariant, number>>; readonly input?: FuzzCase }
  | { readonly kind: 'finished'; readonly checks: Partial<Record<Invariant, number>>; readonly coverage?: Record<string, number> }
  | { readonly kind: 'shrunk'; readonly input: FuzzCase; readonly violation: Violation; readonly final: boolean; readonly evaluations?: number };

/** Checks are sent in batches, not per input. */
const CHECKS_EVERY = 200;

function send(message: FromChild, then?: () => void): void {
  process.send!(message, undefined, {}, then);
}

/** The last message, then exit once it is written. */
function finish(message: FromChild): void {
  send(message, () => process.exit(0));
}

/** Lets the event loop write queued messages, so the runner hears of each input as it ends. */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function run(message: Extract<ToChild, { kind: 'run' }>): Promise<void> {
  let checks: Partial<Record<Invariant, number>> = {};
  const coverage: Record<string, number> = {};
  for (let index = message.from; index < message.to; index++) {
    await yieldToLoop();
    const seed = caseSeed(message.seed, index);
    const input = generateCase(seed, { maxArticle: message.maxArticle });
    const report = checkCore(input, message.check);
    for (const [name, n] of Object.entries(report.checks) as [Invariant, number][]) checks[name] = (checks[name] ?? 0) + n;
    for (const [name, n] of Object.entries(report.coverage ?? {})) coverage[name] = (coverage[name] ?? 0) + n;
    const flush = (index - message.from + 1) % CHECKS_EVERY === 0;
    const failed = report.violations.length > 0 || (report.harnessErrors?.length ?? 0) > 0;
    send({
      kind: 'done',
      index,
      seed,
      // The failing input itself: the runner shrinks it, and reports it even if the generator changes later.
      ...(failed ? { violations: report.violations, harnessErrors: report.harnessErrors, input } : {}),
      ...(flush ? { checks } : {}),
    });
    if (flush) checks = {};
  }
  finish({ kind: 'finished', checks, coverage });
}

async function shrinkOne(message: Extract<ToChild, { kind: 'shrink' }>): Promise<void> {
  const limits = { maxEvaluations: message.maxEvaluations, maxMs: message.maxMs };
  const result = await shrinkCore(message.input, message.failure, message.check, limits, (input, violation) => send({ kind: 'shrunk', input, violation, final: false }));
  if (result.violation) finish({ kind: 'shrunk', input: result.input, violation: result.violation, final: true, evaluations: result.evaluations });
  else finish({ kind: 'finished', checks: {} });
}

if (process.send && process.env.MARGINALIA_FUZZ_CHILD === '1') {
  // The runner gone (stopped, crashed): stop too, instead of fuzzing for no one.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: ToChild) => {
    if (message.kind === 'run') void run(message);
    else void shrinkOne(message);
  });
}
