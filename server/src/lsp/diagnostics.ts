// Publishes the findings of a pair to both of its files, and the claim counts
// to the client's status bar. Refreshes are coalesced: a burst of keystrokes
// is analysed once, for its last text (requests that need the analysis in the
// meantime compute it for the current text on demand; the core caches it).
import type { Diagnostic } from 'vscode-languageserver';
import type { Analysis, Finding } from '../core/model';
import { isArticlePath, isSidecarPath } from '../core/pairing';
import { STATUS_NOTIFICATION, type StatusParams } from '../protocol';
import type { ServerContext } from './context';
import { toDiagnostic } from './convert';
import { findingsWithinBudget, omittedDiagnostic } from './diagnosticBudget';

/** Quiet time after an edit before its pair is analysed, when analyses are slower than it: each keystroke of a burst restarts it. */
export const EDIT_DEBOUNCE_MS = 100;
/** Quiet after the last of the edits sent together before a quick analysis starts. */
export const EDIT_COALESCE_MS = 2;
/** While edits keep coming, diagnostics still follow at least this often... */
export const EDIT_MAX_WAIT_MS = 500;
/** ...or less often when a refresh is slow: refreshes take at most a fifth of the server's time during a long burst, requests the rest. */
const REFRESH_SHARE = 5;

/** `soon`: on the next tick (a file opened, closed, changed on disk, settings); `afterEdits`: debounced. */
export type Urgency = 'soon' | 'afterEdits';

export class DiagnosticsPublisher {
  private readonly pending = new Set<string>();
  private soon: NodeJS.Immediate | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private coalesce: NodeJS.Timeout | undefined;
  /** When the oldest edit still waiting for a refresh was made. */
  private firstEditAt: number | undefined;
  /** How long the last refresh took, to space refreshes out during a burst. */
  private lastFlushMs = 0;
  /** URIs that were last given non-empty diagnostics, to clear them when a pair goes away. */
  private readonly published = new Set<string>();
  /** What each URI was last sent, to skip sending the same list again (a keystroke in the article rarely changes the sidecar's). */
  private readonly lastSent = new Map<string, readonly Diagnostic[]>();
  private readonly sidecarDiagnostics = new WeakMap<Finding, Diagnostic>();

  constructor(private readonly ctx: ServerContext) {}

  /** Refreshes the pair a file belongs to: on the next tick, or once edits pause. */
  schedule(filePath: string, urgency: Urgency = 'soon'): void {
    if (!isSidecarPath(filePath) && !isArticlePath(filePath)) return;
    this.pending.add(filePath);
    if (urgency === 'soon') this.soon ??= setImmediate(() => this.flush());
    else this.debounceEdits();
  }

  /**
   * Waiting for a pause only saves work when an analysis costs more than the
   * wait: while the last one took less than EDIT_DEBOUNCE_MS, an edit is
   * analysed once no other edit has come for EDIT_COALESCE_MS, so a
   * keystroke's diagnostics follow at once. (Not on the next tick: the
   * connection hands over one message per tick, so a burst of queued edits
   * would be analysed once per edit; they come microseconds apart, so a
   * quiet of two milliseconds lets them all in first.) Slower analyses (a
   * huge article) wait for a pause in typing, as below.
   */
  private debounceEdits(): void {
    if (this.lastFlushMs < EDIT_DEBOUNCE_MS && !this.debounce) {
      // Restarted by each edit of a queued burst (they come microseconds apart), within the same maximum wait.
      const now = Date.now();
      this.firstEditAt ??= now;
      if (this.coalesce) clearTimeout(this.coalesce);
      this.coalesce = setTimeout(() => this.flush(), Math.max(0, Math.min(EDIT_COALESCE_MS, this.firstEditAt + EDIT_MAX_WAIT_MS - now)));
      return;
    }
    const now = Date.now();
    this.firstEditAt ??= now;
    const maxWait = Math.max(EDIT_MAX_WAIT_MS, REFRESH_SHARE * this.lastFlushMs);
    const wait = Math.max(0, Math.min(EDIT_DEBOUNCE_MS, this.firstEditAt + maxWait - now));
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.flush(), wait);
  }

  /** The next refresh sends a file's diagnostics even if they did not change (it was just opened). */
  resend(uri: string): void {
    this.lastSent.delete(uri);
  }

  refreshAll(): void {
    for (const filePath of this.ctx.workspace.openPaths()) this.schedule(filePath);
  }

  flush(): void {
    if (this.soon) clearImmediate(this.soon);
    if (this.debounce) clearTimeout(this.debounce);
    if (this.coalesce) clearTimeout(this.coalesce);
    this.soon = this.debounce = this.coalesce = this.firstEditAt = undefined;
    const paths = [...this.pending];
    this.pending.clear();
    const done = new Set<string>();
    const started = Date.now();
    for (const filePath of paths) {
      try {
        this.refresh(filePath, done);
      } catch (error) {
        this.ctx.connection.console.error(`Marginalia: analysing ${filePath} failed: ${(error as Error).stack ?? error}`);
      }
    }
    this.lastFlushMs = Date.now() - started;
  }

  private refresh(filePath: string, done: Set<string>): void {
    const { workspace } = this.ctx;
    const pair = workspace.pairOf(filePath);
    if (!pair) return this.publishUnpaired(filePath);
    if (done.has(pair.sidecar)) return;
    done.add(pair.sidecar);
    // Asked by the file itself: an article outside the workspace has no pairing of its own, its sidecar does.
    const result = workspace.analysisOf(filePath, (p) => this.ctx.optionsFor(p.sidecar));
    if (!result) return;
    const { analysis } = result;
    const byFile = { article: [] as Finding[], sidecar: [] as Finding[] };
    for (const finding of this.ctx.configured(analysis.findings, pair.sidecar)) byFile[finding.file].push(finding);
    this.publish(workspace.uriFor(pair.article), this.diagnosticsOf(analysis, byFile.article), true);
    this.publish(workspace.uriFor(pair.sidecar), this.diagnosticsOf(analysis, byFile.sidecar), true);
    // Nothing of the pair is open: its diagnostics stay published (a pair is a small project), but the copy kept to compare with is dropped.
    if (!workspace.isOpen(pair.article) && !workspace.isOpen(pair.sidecar)) {
      this.lastSent.delete(workspace.uriFor(pair.article));
      this.lastSent.delete(workspace.uriFor(pair.sidecar));
    }
    const status: StatusParams = {
      uri: workspace.uriFor(pair.article),
      sidecarUri: workspace.uriFor(pair.sidecar),
      claims: analysis.claims.length,
      unsourced: analysis.claims.filter((c) => c.status === 'unsourced').length,
      orphaned: analysis.claims.filter((c) => c.status === 'orphaned' || c.status === 'ambiguous').length,
    };
    void this.ctx.connection.sendNotification(STATUS_NOTIFICATION, status);
  }

  /** One file's findings as diagnostics, within the per-file budget. */
  private diagnosticsOf(analysis: Analysis, findings: readonly Finding[]): Diagnostic[] {
    const { shown, omitted } = findingsWithinBudget(findings);
    const diagnostics = shown.map((finding) => (finding.file === 'sidecar' ? this.sidecarDiagnostic(analysis, finding) : toDiagnostic(analysis, finding)));
    if (omitted > 0) diagnostics.push(omittedDiagnostic(omitted));
    return diagnostics;
  }

  /**
   * A finding object in the sidecar belongs to one parsed sidecar text (the
   * core reuses them while only the article changes), so its diagnostic is
   * made once: a keystroke in the article converts and compares nothing there.
   */
  private sidecarDiagnostic(analysis: Analysis, finding: Finding): Diagnostic {
    let diagnostic = this.sidecarDiagnostics.get(finding);
    if (!diagnostic) this.sidecarDiagnostics.set(finding, (diagnostic = toDiagnostic(analysis, finding)));
    return diagnostic;
  }

  /** An article without a sidecar has nothing to say; a sidecar without an article says so. */
  private publishUnpaired(filePath: string): void {
    const uri = this.ctx.workspace.uriFor(filePath);
    // Why a sidecar is not used (no article, another sidecar wins, outside the workspace): the same words as the CLI's.
    const problem = this.ctx.workspace.unpairedProblem(filePath);
    if (!problem) this.publish(uri, []);
    else {
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      this.publish(uri, [{ range, severity: problem.severity === 'error' ? 1 : 2, code: 'missing-article', source: 'marginalia', message: problem.message }]);
    }
    if (!this.ctx.workspace.isOpen(filePath)) this.lastSent.delete(uri);
  }

  /** Paired files always get their (possibly empty) list; others only to clear an earlier one. */
  private publish(uri: string, diagnostics: Diagnostic[], always = false): void {
    if (!always && diagnostics.length === 0 && !this.published.has(uri)) return;
    const last = this.lastSent.get(uri);
    if (last && sameDiagnostics(last, diagnostics)) return;
    this.lastSent.set(uri, diagnostics);
    if (diagnostics.length === 0) this.published.delete(uri);
    else this.published.add(uri);
    void this.ctx.connection.sendDiagnostics({ uri, diagnostics });
  }
}

/** Same list as far as the editor shows it (compared field by field: no string is built per keystroke). */
function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x.code !== y.code || x.severity !== y.severity || x.message !== y.message || !sameRange(x.range, y.range)) return false;
  }
  return true;
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
