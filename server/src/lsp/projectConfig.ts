// .marginalia.yaml in the editor: the same configuration as `marginalia
// check`, under the user's VS Code settings. A setting the user changed from
// its default wins (it is theirs); one left at its default takes the
// project's value. (The settings arrive as values only, so "changed" is
// "different from the default".)
import { applySeverities, type Config } from '../core/config';
import type { Finding } from '../core/model';
import { DEFAULT_SETTINGS, type Settings } from '../protocol';

/** The codes a VS Code setting governs: their configured severity is folded into the settings instead. */
const GOVERNED_BY_SETTINGS = new Set(['unsourced-claim', 'ambiguous-mention']);

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

/** Remapped findings are made once per finding, so the sidecar's diagnostics stay cached across keystrokes. */
const remapped = new WeakMap<Finding, Finding>();

export function configuredFindings(findings: readonly Finding[], config: Config): readonly Finding[] {
  const codes = Object.keys(config.severity).filter((code) => !GOVERNED_BY_SETTINGS.has(code));
  if (codes.length === 0) return findings;
  const severity = Object.fromEntries(codes.map((code) => [code, config.severity[code]!]));
  const out: Finding[] = [];
  for (const finding of findings) {
    const level = severity[finding.code];
    if (level === undefined || level === finding.severity) out.push(finding);
    else if (level !== 'off') {
      let changed = remapped.get(finding);
      if (!changed || changed.severity !== level) remapped.set(finding, (changed = applySeverities([finding], { severity: { [finding.code]: level }, ignore: [] })[0]!));
      out.push(changed);
    }
  }
  return out;
}
