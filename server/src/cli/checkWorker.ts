// A worker thread of `marginalia check`: checks the batches of pairs it is sent.
import { parentPort } from 'node:worker_threads';
import { checkPairs, type CheckRequest } from './checkPairs';

parentPort?.on('message', (request: CheckRequest) => parentPort!.postMessage(checkPairs(request)));
