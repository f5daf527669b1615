// Checks the pairs in batches, in worker threads (one per core) when there
// are enough of them, and hands the outcomes on in the pairs' order, each as
// soon as every pair before it is done.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runInWorkers } from '../node/workerPool';
import { checkPairs, type CheckRequest, type PairOutcome } from './checkPairs';

const BATCH = 25;
const MAX_WORKERS = 4;
/** Bundled beside the CLI (dist/checkWorker.js), compiled beside this file in tests. */
const WORKER = path.join(__dirname, 'checkWorker.js');

export async function checkInOrder(request: CheckRequest, onOutcome: (outcome: PairOutcome) => void, workerScript = WORKER): Promise<void> {
  const batches: CheckRequest[] = [];
  for (let i = 0; i < request.pairs.length; i += BATCH) batches.push({ ...request, pairs: request.pairs.slice(i, i + BATCH) });
  const workers = Math.min(MAX_WORKERS, os.availableParallelism(), batches.length);
  if (workers < 2 || !fs.existsSync(workerScript)) {
    for (const batch of batches) checkPairs(batch).forEach(onOutcome);
    return;
  }
  const done = new Map<number, PairOutcome[]>();
  let next = 0;
  await runInWorkers<CheckRequest, PairOutcome[]>(workerScript, batches, workers, (index, outcomes) => {
    done.set(index, outcomes);
    for (let ready = done.get(next); ready; ready = done.get(next)) {
      done.delete(next++);
      ready.forEach(onOutcome);
    }
  });
}
