// What every handler needs: the workspace, the current settings, and a way
// to find the analysis and role of the file a request is about.
import type { Connection } from 'vscode-languageserver';
import type { AnalysisOptions } from '../core/analyze';
import type { FileRole } from '../core/model';
import { DEFAULT_SETTINGS, type Settings } from '../protocol';
import { EMPTY_CONFIG, type Config } from '../core/config';
import type { Finding } from '../core/model';
import { loadConfigFor } from '../node/configFile';
import { configuredFindings, serverSeverities, withProjectConfig, type SeverityMap } from './projectConfig';
import { uriToPath } from './paths';
import type { PairAnalysis, Workspace } from './workspace';

export interface FileAnalysis extends PairAnalysis {
  readonly file: FileRole;
}

export class ServerContext {
  settings: Settings = DEFAULT_SETTINGS;
  /** The client prefers plain-text hovers (its hover contentFormat puts plaintext first). */
  hoverPlainText = false;
  private folders: string[] = [];
  private options: AnalysisOptions = toOptions(DEFAULT_SETTINGS);
  /** The editor's settings as the client sent them, before .marginalia.yaml fills in the ones left at their default. */
  private clientSettings: Settings = DEFAULT_SETTINGS;
  /** .marginalia.yaml of the first workspace folder (severities per code, maxArticleBytes). */
  projectConfig: Config = EMPTY_CONFIG;
  private severities: SeverityMap = {};

  constructor(
    readonly connection: Connection,
    readonly workspace: Workspace,
  ) {}

  /** The workspace folders, as paths: the boundary of what is read, and where the index looks. */
  get roots(): string[] {
    return this.folders;
  }

  set roots(folders: string[]) {
    this.folders = folders;
    this.workspace.setRoots(folders);
    this.reloadProjectConfig();
  }

  /** The client's settings; .marginalia.yaml is read again with them (a settings change is the moment a user expects both to apply). */
  updateSettings(settings: Settings): void {
    this.clientSettings = settings;
    this.reloadProjectConfig();
  }

  /** Reads .marginalia.yaml (from the first folder up to its repository root); its problems go to the log. */
  reloadProjectConfig(): void {
    const loaded = this.folders[0] ? loadConfigFor(this.folders[0]) : { config: EMPTY_CONFIG, errors: [] };
    for (const e of loaded.errors) this.connection.console.warn(`Marginalia: ${loaded.file}:${e.line}:${e.column}: ${e.message} (the configuration is ignored)`);
    this.projectConfig = loaded.config;
    this.settings = withProjectConfig(this.clientSettings, this.projectConfig);
    this.options = toOptions(this.settings);
    this.severities = serverSeverities(this.projectConfig, this.clientSettings);
  }

  /** A pair's findings with the project's severities (the codes the editor's settings govern excepted). */
  configured(findings: readonly Finding[]): readonly Finding[] {
    return configuredFindings(findings, this.severities);
  }

  get analysisOptions(): AnalysisOptions {
    return this.options;
  }

  /** The analysis of the pair a URI belongs to, and which half the URI is. */
  analysisFor(uri: string): FileAnalysis | undefined {
    const filePath = uriToPath(uri);
    if (!filePath) return undefined;
    const result = this.workspace.analysisOf(filePath, this.options);
    if (!result) return undefined;
    return { ...result, file: filePath === result.pair.article ? 'article' : 'sidecar' };
  }
}

function toOptions(settings: Settings): AnalysisOptions {
  return { unsourcedClaimSeverity: settings.unsourcedClaimSeverity, reportAmbiguousMentions: settings.reportAmbiguousMentions };
}

/** Settings from the client, with anything missing or of the wrong type replaced by its default. */
export function readSettings(raw: unknown): Settings {
  const value = (raw ?? {}) as Partial<Record<keyof Settings, unknown>>;
  const severities = ['error', 'warning', 'information', 'hint'];
  return {
    codeLens: typeof value.codeLens === 'boolean' ? value.codeLens : DEFAULT_SETTINGS.codeLens,
    refreshDriftedQuotesOnSave: typeof value.refreshDriftedQuotesOnSave === 'boolean' ? value.refreshDriftedQuotesOnSave : DEFAULT_SETTINGS.refreshDriftedQuotesOnSave,
    unsourcedClaimSeverity: severities.includes(value.unsourcedClaimSeverity as string) ? (value.unsourcedClaimSeverity as Settings['unsourcedClaimSeverity']) : DEFAULT_SETTINGS.unsourcedClaimSeverity,
    reportAmbiguousMentions: typeof value.reportAmbiguousMentions === 'boolean' ? value.reportAmbiguousMentions : DEFAULT_SETTINGS.reportAmbiguousMentions,
    maxArticleBytes: typeof value.maxArticleBytes === 'number' && value.maxArticleBytes > 0 ? value.maxArticleBytes : DEFAULT_SETTINGS.maxArticleBytes,
  };
}
