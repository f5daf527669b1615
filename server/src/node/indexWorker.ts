// A worker thread of the workspace index: reads and parses the sidecars it is
// given and sends back their summaries. Parsing YAML is most of the cost of
// indexing a large workspace, and it parallelises across cores.
import { parentPort } from 'node:worker_threads';
import { summarizeFiles, type IndexRequest } from './summarizeFiles';

parentPort?.on('message', (request: IndexRequest) => parentPort!.postMessage(summarizeFiles(request)));
