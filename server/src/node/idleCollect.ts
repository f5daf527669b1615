// Returning memory after files are closed. Forgetting a closed pair's caches
// makes them garbage, but V8 collects lazily: a server that opened and closed
// a hundred 1 MB pairs held 430 MB of which 20 MB was alive, until something
// made it collect. So once closing has stopped for a moment, the server asks
// for one full collection (as tsserver does after closing projects).
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Quiet time after the last close before collecting: a burst of closes (closing all editors) collects once. */
const IDLE_MS = 1500;

export interface Collector {
  /** Something was forgotten: collect once things are quiet. */
  schedule(): void;
}

/** The engine's collector: `gc` when the process was started with --expose-gc, else exposed now. */
function engineCollector(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

export class IdleCollector implements Collector {
  private timer?: NodeJS.Timeout;
  private gc?: (() => void) | null;

  constructor(private readonly idleMs = IDLE_MS) {}

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.collect(), this.idleMs);
    // Never what keeps the process alive.
    this.timer.unref();
  }

  private collect(): void {
    this.timer = undefined;
    if (this.gc === undefined) this.gc = engineCollector() ?? null;
    this.gc?.();
  }
}
