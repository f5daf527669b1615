// The fixed-seed slice of the server fuzz run by `npm test`: the server over
// stdio gets a hundred fuzz inputs as an editor would send them and must stay
// alive, answer within budget, give valid ranges and offer only safe edits.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatReport, runFuzz } from './runner';

const SEED = 20261126;
const INPUTS = 100;

test(`server fuzz slice: ${INPUTS} inputs of seed ${SEED} over stdio break no invariant`, { timeout: 180_000 }, async () => {
  const report = await runFuzz({
    seed: SEED,
    coreInputs: 0,
    serverInputs: INPUTS,
    workers: 1,
    // Not a timing assert: the slice catches stalls (work that grows without
    // bound takes seconds to minutes), on a machine that may be busy;
    // `npm run fuzz` holds every call to 1 s.
    check: { budgetMs: 10_000 },
    maxArticle: 16 * 1024,
    hangMs: 30_000,
    shrinkKinds: 3,
    shrinkEvaluations: 60,
    shrinkMs: 8000,
  });
  assert.equal(report.inputs.server, INPUTS);
  const failures = Object.values(report.failures).reduce((a, b) => a + b, 0);
  assert.equal(failures + report.harnessErrors.length, 0, formatReport(report, 12));
});
