// Minimizes a failing input: removes chunks of lines, then of characters,
// from the sidecar and the article (delta debugging), as long as the same
// invariant still fails in the same kind of call. Bounded in attempts and
// time; reports each smaller input found, so a stopped search still yields
// its best.
import type { FuzzCase } from './generate';
import { checkCore, type CheckOptions, type Violation } from './invariants';

/** What a failure is, for grouping and for keeping a shrink on the same failure. */
export function failureKind(v: Pick<Violation, 'invariant' | 'op'>): string {
  return `${v.invariant} ${opFamily(v.op)}`;
}

/** A call's kind without its offsets and texts: `fix Update the (drifted-annotation)`, `hoverInArticle`, `annotate claim`. */
export function opFamily(op: string): string {
  const fix = /^(server )?((?:resolved )?fix) “(\S+(?: \S+)?)[^]*\(([a-z-]+)\)$/.exec(op);
  if (fix) return `${fix[1] ?? ''}${fix[2]} ${fix[3]!.replace(/[:“”]/g, '')} (${fix[4]})`;
  const action = /^(server )?code action “(\S+(?: \S+)?)/.exec(op);
  if (action) return `${action[1] ?? ''}code action ${action[2]!.replace(/[:“”]/g, '')}`;
  return op
    .replace(/@.*$/, '')
    .replace(/ “.*$/, '')
    .replace(/ \(.*\)$/, '')
    .replace(/edit.*→.*$/, 'edit')
    .replace(/\d+/g, '#')
    .trim();
}

/** A message without its numbers and quoted texts, to tell failures of one kind apart. */
export function messageShape(message: string): string {
  let shape = message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"');
  // Typographic quotes nest (a title quoting a quote): innermost first, until none is left.
  for (let before = ''; before !== shape; ) {
    before = shape;
    shape = shape.replace(/“[^“”]*”/g, '…');
  }
  return shape
    .replace(/'[^']*'/g, "'…'")
    .replace(/\d+/g, '#')
    .slice(0, 90);
}

export interface ShrinkLimits {
  readonly maxEvaluations: number;
  readonly maxMs: number;
}

type Field = 'sidecar' | 'article';

/**
 * The smallest input found that still `fails` (delta debugging over the
 * sidecar's and the article's lines, then characters by code point, so the
 * shrinker itself never splits a surrogate pair). `fails` is called with
 * smaller and smaller inputs; the search stops at the limits.
 */
export async function minimize(input: FuzzCase, fails: (candidate: FuzzCase) => boolean | Promise<boolean>, limits: ShrinkLimits): Promise<{ input: FuzzCase; reproduced: boolean; evaluations: number }> {
  const started = Date.now();
  let evaluations = 0;
  let best = input;
  const outOfTime = (): boolean => evaluations >= limits.maxEvaluations || Date.now() - started > limits.maxMs;
  const tryCandidate = async (candidate: FuzzCase): Promise<boolean> => {
    if (outOfTime()) return false;
    evaluations++;
    await new Promise((resolve) => setImmediate(resolve));
    if (!(await fails(candidate))) return false;
    best = candidate;
    return true;
  };
  if (!(await tryCandidate(best))) return { input, reproduced: false, evaluations };
  for (let round = 0; round < 4 && !outOfTime(); round++) {
    const size = best.article.length + best.sidecar.length;
    for (const field of ['sidecar', 'article'] as const) {
      if (best[field] !== '' && (await tryCandidate({ ...best, [field]: '' }))) continue;
      await reduce(field, 'lines');
      await reduce(field, 'chars');
    }
    if (best.article.length + best.sidecar.length === size) break;
  }
  return { input: best, reproduced: true, evaluations };

  async function reduce(field: Field, unit: 'lines' | 'chars'): Promise<void> {
    let parts = split(best[field], unit);
    let n = 2;
    while (parts.length >= 1 && !outOfTime()) {
      const chunk = Math.ceil(parts.length / n);
      let removed = false;
      for (let start = 0; start < parts.length; start += chunk) {
        const kept = [...parts.slice(0, start), ...parts.slice(start + chunk)];
        if (await tryCandidate({ ...best, [field]: kept.join('') })) {
          parts = kept;
          n = Math.max(n - 1, 2);
          removed = true;
          break;
        }
      }
      if (!removed) {
        if (chunk <= 1) break;
        n = Math.min(parts.length, n * 2);
      }
    }
  }
}

/** Shrinks a core failure of one kind (see `failureKind`); `progress` hears of each smaller failing input. */
export async function shrinkCore(input: FuzzCase, kind: string, check: CheckOptions, limits: ShrinkLimits, progress?: (input: FuzzCase, violation: Violation) => void): Promise<{ input: FuzzCase; violation?: Violation; evaluations: number }> {
  let violation: Violation | undefined;
  const result = await minimize(
    input,
    (candidate) => {
      const found = checkCore(candidate, check).violations.find((v) => failureKind(v) === kind);
      if (found) {
        violation = found;
        progress?.(candidate, found);
      }
      return found !== undefined;
    },
    limits,
  );
  return { input: result.input, violation: result.reproduced ? violation : undefined, evaluations: result.evaluations };
}

function split(text: string, unit: 'lines' | 'chars'): string[] {
  if (unit === 'chars') return [...text];
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
