// The client's progress notification while the workspace is indexed:
// "120 / 2,000 sidecars" and a percentage as batches come back, at most a few
// times a second (a fast build reports once or twice, a slow one steadily),
// ending with the counts.
import type { IndexProgress } from '../node/workspaceIndex';

/** Shortest time between two reports: four a second at most. */
export const PROGRESS_INTERVAL_MS = 250;

export interface ProgressReport {
  readonly message: string;
  readonly percentage?: number;
}

const count = (n: number): string => n.toLocaleString('en-US');

/** What a report says at one moment of the build. */
export function progressReport(progress: IndexProgress): ProgressReport {
  const sidecars = `sidecar${progress.found === 1 ? '' : 's'}`;
  if (progress.walking) return { message: `${count(progress.found)} ${sidecars} found so far` };
  const percentage = progress.found === 0 ? 100 : Math.floor((100 * progress.indexed) / progress.found);
  return { message: `${count(progress.indexed)} / ${count(progress.found)} ${sidecars}`, percentage };
}

/**
 * Passes reports on at most once per `intervalMs`: the first at once, later
 * ones held back and the latest of them sent when the interval is over.
 * `stop` drops a report still held back (the build's summary follows).
 */
export class ThrottledReporter {
  private lastAt = -Infinity;
  private held: ProgressReport | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly send: (report: ProgressReport) => void,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  report(report: ProgressReport): void {
    const wait = this.lastAt + this.intervalMs - this.now();
    if (wait <= 0) return this.sendNow(report);
    this.held = report;
    this.timer ??= setTimeout(() => this.flush(), wait);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = this.held = undefined;
  }

  private flush(): void {
    const held = this.held;
    this.timer = this.held = undefined;
    if (held) this.sendNow(held);
  }

  private sendNow(report: ProgressReport): void {
    this.lastAt = this.now();
    this.send(report);
  }
}
