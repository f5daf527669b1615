// What every handler needs: the workspace, the settings of each workspace
// folder, and a way to find the analysis and role of the file a request is about.
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver';
import type { AnalysisOptions } from '../core/analyze';
import type { FileRole } from '../core/model';
import { DEFAULT_SETTINGS, type Settings } from '../protocol';
import { EMPTY_CONFIG, type Config } from '../core/config';
import type { Finding } from '../core/model';
import { loadConfigFor, type LoadedConfig } from '../node/configFile';
import { configuredFindings, serverSeverities, withProjectConfig, type SeverityMap } from './projectConfig';
import { uriToPath } from './paths';
import type { PairAnalysis, Workspace } from './workspace';

export interface FileAnalysis extends PairAnalysis {
  readonly file: FileRole;
}

/** What applies to the files of one workspace folder: its editor settings with its .marginalia.yaml filled in. */
interface FolderScope {
  readonly settings: Settings;
  /** One object per scope and reload: the analysis cache compares options by identity. */
  readonly options: AnalysisOptions;
  readonly severities: SeverityMap;
}

/**
 * Settings are per workspace folder: VS Code resolves each folder's own
 * (folder over workspace over user), and each folder reads the
 * .marginalia.yaml found upwards from it. A file takes the innermost folder
 * holding it; a pair, its sidecar's folder. A file in no folder takes the
 * window's settings and the first folder's .marginalia.yaml (with one folder,
 * exactly what that folder has).
 */
export class ServerContext {
  /** The client prefers plain-text hovers (its hover contentFormat puts plaintext first). */
  hoverPlainText = false;
  private folders: string[] = [];
  /** The editor's settings as the client sent them (before .marginalia.yaml): for the window, and per folder. */
  private windowSettings: Settings = DEFAULT_SETTINGS;
  private folderSettings: ReadonlyMap<string, Settings> = new Map();
  private scopes = new Map<string, FolderScope>();
  private outside: FolderScope = scopeOf(DEFAULT_SETTINGS, EMPTY_CONFIG);

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

  /**
   * The client's settings: the window's, and each folder's where the client
   * resolves them per folder (a folder without its own takes the window's).
   * .marginalia.yaml is read again with them (a settings change is the moment
   * a user expects both to apply).
   */
  updateSettings(window: Settings, perFolder: ReadonlyMap<string, Settings> = new Map()): void {
    this.windowSettings = window;
    this.folderSettings = perFolder;
    this.reloadProjectConfig();
  }

  /** Reads each folder's .marginalia.yaml (from the folder up to its repository root); its problems go to the log, once per file. */
  reloadProjectConfig(): void {
    const byFile = new Map<string, LoadedConfig>();
    const configFor = (folder: string): Config => {
      const loaded = loadConfigFor(folder);
      if (loaded.file && byFile.has(loaded.file)) return byFile.get(loaded.file)!.config;
      if (loaded.file) byFile.set(loaded.file, loaded);
      for (const e of loaded.errors) this.connection.console.warn(`Marginalia: ${loaded.file}:${e.line}:${e.column}: ${e.message} (the configuration is ignored)`);
      return loaded.config;
    };
    const first = this.folders[0];
    const firstConfig = first ? configFor(first) : EMPTY_CONFIG;
    this.outside = scopeOf(this.windowSettings, firstConfig);
    this.scopes = new Map(this.folders.map((folder) => [folder, scopeOf(this.folderSettings.get(folder) ?? this.windowSettings, folder === first ? firstConfig : configFor(folder))]));
  }

  /** The innermost workspace folder holding a file (folders may nest). */
  folderOf(filePath: string): string | undefined {
    let best: string | undefined;
    for (const folder of this.folders) if (isWithin(folder, filePath) && (!best || folder.length > best.length)) best = folder;
    return best;
  }

  private scopeFor(filePath: string): FolderScope {
    const folder = this.folderOf(filePath);
    return (folder && this.scopes.get(folder)) || this.outside;
  }

  /** The settings that apply to a file: its folder's, with its folder's .marginalia.yaml. */
  settingsFor(filePath: string): Settings {
    return this.scopeFor(filePath).settings;
  }

  /** As `settingsFor`, by URI (a URI that is no file takes the window's). */
  settingsForUri(uri: string): Settings {
    const filePath = uriToPath(uri);
    return filePath ? this.settingsFor(filePath) : this.outside.settings;
  }

  optionsFor(filePath: string): AnalysisOptions {
    return this.scopeFor(filePath).options;
  }

  /** The largest article any folder reads: the workspace index's bound (each analysis applies its own folder's). */
  get largestArticleBytes(): number {
    return Math.max(this.outside.settings.maxArticleBytes, ...[...this.scopes.values()].map((s) => s.settings.maxArticleBytes));
  }

  /** A pair's findings with its folder's severities (the codes the editor's settings govern excepted); `sidecar` decides the folder. */
  configured(findings: readonly Finding[], sidecar: string): readonly Finding[] {
    return configuredFindings(findings, this.scopeFor(sidecar).severities);
  }

  /** The analysis of the pair a URI belongs to, and which half the URI is. */
  analysisFor(uri: string): FileAnalysis | undefined {
    const filePath = uriToPath(uri);
    if (!filePath) return undefined;
    const result = this.workspace.analysisOf(filePath, (pair) => this.optionsFor(pair.sidecar));
    if (!result) return undefined;
    return { ...result, file: filePath === result.pair.article ? 'article' : 'sidecar' };
  }
}

function scopeOf(clientSettings: Settings, config: Config): FolderScope {
  const settings = withProjectConfig(clientSettings, config);
  return { settings, options: toOptions(settings), severities: serverSeverities(config, clientSettings) };
}

function isWithin(folder: string, filePath: string): boolean {
  const relative = path.relative(folder, filePath);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
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
