// .marginalia.yaml in the editor: the same configuration as `marginalia
// check`, under the user's VS Code settings. A setting the user changed from
// its default wins (it is theirs); one left at its default takes the
// project's value. (The settings arrive as values only, so "changed" is
// "different from the default".)
import * as path from 'node:path';
import { applySeverities, CONFIG_FILE_NAME, type Config, type ConfiguredSeverity } from '../core/config';
import type { Finding } from '../core/model';
import { DEFAULT_SETTINGS, type Settings } from '../protocol';

/** The editor's settings, with the file's values where the user left a setting at its default. */
export function withProjectConfig(settings: Settings, config: Config): Settings {
  const unsourced = config.severity['unsourced-claim'];
  const mentions = config.severity['ambiguous-mention'];
  return {
    ...settings,
    unsourcedClaimSeverity: settings.unsourcedClaimSeverity !== DEFAULT_SETTINGS.unsourcedClaimSeverity || !unsourced || unsourced === 'off' ? settings.unsourcedClaimSeverity : unsourced,
    reportAmbiguousMentions: settings.reportAmbiguousMentions && mentions !== 'off',
    maxArticleBytes: settings.maxArticleBytes !== DEFAULT_SETTINGS.maxArticleBytes ? settings.maxArticleBytes : (config.maxArticleBytes ?? settings.maxArticleBytes),
  };
}

export type SeverityMap = Readonly<Record<string, ConfiguredSeverity>>;

/**
 * The severities the server applies to findings: the file's, except where
 * the analysis options already carry them (withProjectConfig) or the user's
 * own setting wins. `unsourced-claim: off` drops the code unless the user set
 * `marginalia.unsourcedClaimSeverity` themselves.
 */
export function serverSeverities(config: Config, clientSettings: Settings): SeverityMap {
  const severities: Record<string, ConfiguredSeverity> = {};
  for (const [code, level] of Object.entries(config.severity)) {
    if (code === 'ambiguous-mention') continue;
    if (code === 'unsourced-claim' && (level !== 'off' || clientSettings.unsourcedClaimSeverity !== DEFAULT_SETTINGS.unsourcedClaimSeverity)) continue;
    severities[code] = level;
  }
  return severities;
}

/** Remapped findings are made once per finding, so the sidecar's diagnostics stay cached across keystrokes. */
const remapped = new WeakMap<Finding, Finding>();

export function configuredFindings(findings: readonly Finding[], severities: SeverityMap): readonly Finding[] {
  if (Object.keys(severities).length === 0) return findings;
  const out: Finding[] = [];
  for (const finding of findings) {
    const level = severities[finding.code];
    if (level === undefined || level === finding.severity) out.push(finding);
    else if (level !== 'off') {
      let changed = remapped.get(finding);
      if (!changed || changed.severity !== level) remapped.set(finding, (changed = applySeverities([finding], { severity: { [finding.code]: level }, ignore: [] })[0]!));
      out.push(changed);
    }
  }
  return out;
}

/** The project configuration's file: a change to it is read again at once (the client watches it). */
export function isConfigFile(filePath: string): boolean {
  return path.basename(filePath) === CONFIG_FILE_NAME;
}
