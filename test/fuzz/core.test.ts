// The fixed-seed slice of the core fuzz suite run by `npm test` (the full run
// is `npm run fuzz`): inputs mutated at the byte, token and YAML-structure
// level, every invariant of invariants.ts checked on each. A failure prints
// the counts per invariant and a minimal reproduction of each kind.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatReport, runFuzz } from './runner';

const SEED = 20261126;
const INPUTS = 2000;

test(`core fuzz slice: ${INPUTS} inputs of seed ${SEED} break no invariant`, { timeout: 180_000 }, async () => {
  const report = await runFuzz({
    seed: SEED,
    coreInputs: INPUTS,
    serverInputs: 0,
    workers: 2,
    // Not a timing assert: the slice catches stalls (work that grows without
    // bound takes seconds to minutes), on a machine that may be busy;
    // `npm run fuzz` holds every call to 1 s.
    check: { budgetMs: 10_000 },
    maxArticle: 16 * 1024,
    hangMs: 30_000,
    shrinkKinds: 6,
    shrinkEvaluations: 150,
    shrinkMs: 4000,
  });
  assert.equal(report.inputs.core, INPUTS);
  const failures = Object.values(report.failures).reduce((a, b) => a + b, 0);
  assert.equal(failures + report.harnessErrors.length, 0, formatReport(report, 12));
});
