// Runs batches of work in worker threads, one batch per message, each worker
// taking the next batch as soon as it is done (so uneven batches balance).
import { Worker } from 'node:worker_threads';

export function runInWorkers<Request, Result>(script: string, batches: readonly Request[], count: number, onResult: (index: number, result: Result) => void): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: count }, () => new Worker(script));
  const drain = (worker: Worker): Promise<void> =>
    new Promise((resolve, reject) => {
      let current = -1;
      const send = (): void => {
        if (next >= batches.length) return resolve();
        current = next++;
        worker.postMessage(batches[current]);
      };
      worker.on('message', (result: Result) => {
        onResult(current, result);
        send();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => (next >= batches.length ? resolve() : reject(new Error(`worker exited with code ${code}`))));
      send();
    });
  return Promise.all(workers.map(drain))
    .then(() => undefined)
    .finally(() => Promise.all(workers.map((w) => w.terminate())));
}
