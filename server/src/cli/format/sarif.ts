// `--format sarif`: one SARIF 2.1.0 log (what GitHub code scanning, Azure
// DevOps and converters for GitLab read). One rule per code with its help
// text; each finding once, its other location related; fingerprints that
// stay the same across runs so code scanning tracks a finding as it moves.
// Written one result at a time (memory stays flat).
import { pathToFileURL } from 'node:url';
import type { Severity } from '../../core/model';
import type { PairOutcome } from '../checkPairs';
import type { CheckResult, ResultLocation } from '../results';
import { RULES, ruleIndex } from '../rules';
import type { Summary } from '../summary';
import { HOMEPAGE, VERSION } from '../version';
import type { FormatContext, Formatter } from './formatter';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = `${HOMEPAGE}#command-line`;
/** The fingerprint's key: ours, versioned, so a change of how it is made is not mistaken for a new finding. */
export const FINGERPRINT_KEY = 'marginalia/v1';

export class SarifFormatter implements Formatter {
  private count = 0;

  constructor(private readonly ctx: FormatContext) {
    const head = {
      $schema: SARIF_SCHEMA,
      version: '2.1.0',
      runs: [{ tool: { driver: driver() }, originalUriBaseIds: { SRCROOT: { uri: folderUri(ctx.cwd) } }, columnKind: 'utf16CodeUnits' }],
    };
    // Everything up to the run's results, which follow one by one.
    const text = JSON.stringify(head, null, 2);
    const close = text.lastIndexOf('}\n  ]\n}');
    this.ctx.out(`${text.slice(0, close).trimEnd()},\n      "results": [`);
  }

  problems(results: readonly CheckResult[]): void {
    for (const r of results) this.add(r);
  }

  pair(outcome: PairOutcome): void {
    for (const r of outcome.results) this.add(r);
  }

  end(summary: Summary): void {
    if (this.count > 0) this.ctx.out('');
    const invocation = { executionSuccessful: true, exitCode: summary.exitCode };
    this.ctx.out(`      ],\n      "invocations": [${JSON.stringify(invocation)}]\n    }\n  ]\n}`);
  }

  private add(r: CheckResult): void {
    const text = JSON.stringify(sarifResult(r), null, 2).replace(/^/gm, '        ');
    this.ctx.out(this.count++ === 0 ? text : `,\n${text}`);
  }
}

function driver(): unknown {
  return {
    name: 'Marginalia',
    version: VERSION,
    semanticVersion: VERSION,
    informationUri: INFORMATION_URI,
    rules: RULES.map((rule) => ({
      id: rule.id,
      name: rule.id.replace(/(^|-)([a-z])/g, (_, __: string, c: string) => c.toUpperCase()),
      shortDescription: { text: `${rule.short}.` },
      fullDescription: { text: rule.help },
      help: { text: rule.help, markdown: rule.help },
      helpUri: `${HOMEPAGE}#diagnostic-codes`,
      defaultConfiguration: { level: level(rule.level) },
    })),
  };
}

export function sarifResult(r: CheckResult): unknown {
  const index = ruleIndex(r.code);
  return {
    ruleId: r.code,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: level(r.severity),
    message: { text: r.message },
    locations: [location(r.location)],
    ...(r.related.length > 0 ? { relatedLocations: r.related.map((at, i) => ({ id: i + 1, ...location(at), message: { text: 'The annotation in the sidecar.' } })) } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: r.fingerprint },
  };
}

function location(at: ResultLocation): { physicalLocation: unknown } {
  const { start, end } = at.range;
  const region = end.line === start.line && end.character === start.character ? { startLine: start.line + 1, startColumn: start.character + 1 } : { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  return { physicalLocation: { artifactLocation: { uri: relativeUri(at.file), uriBaseId: 'SRCROOT' }, region } };
}

/** information and hint are SARIF's `note`. */
function level(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'error' || severity === 'warning' ? severity : 'note';
}

/** A relative path as a relative URI reference: `/`-separated, each segment percent-encoded. */
function relativeUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function folderUri(folder: string): string {
  const uri = pathToFileURL(folder).href;
  return uri.endsWith('/') ? uri : `${uri}/`;
}
