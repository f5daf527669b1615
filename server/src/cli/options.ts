// The command line of `marginalia check`.

export const FORMATS = ['text', 'compact', 'json', 'sarif', 'github', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];

export const USAGE = `Usage: marginalia check [PATH...] [options]

Checks the articles under each PATH (default: the current folder) that have a
sidecar NAME.annotations.yaml beside them (or a sidecar whose 'article:' key
names them). Only files inside the PATHs given are read (for a file given: its
folder); an 'article:' that points elsewhere is reported, not read.

Options:
  --format FORMAT     text (default: grouped by file), compact (one
                      file:line:column severity code message line each),
                      json, sarif (SARIF 2.1.0, for code scanning), github
                      (GitHub Actions annotations), gitlab (GitLab Code
                      Quality report)
  --config FILE       the configuration to use (default: .marginalia.yaml,
                      looked for from the first PATH up to the repository root)
  --max-warnings N    fail only when there are more than N warnings (default 0)
  --quiet             report errors only (warnings neither shown nor counted)
  --verbose           also show each finding's related location (the sidecar's
                      annotation of a claim found in the article)
  --allow-empty       no annotated article under the PATHs is not an error
  --no-color          no colours (also: NO_COLOR=1); --color forces them
  --version, --help

Exit status: 0 clean; 1 an error, or more warnings than --max-warnings;
2 a usage or configuration error, or no annotated article found.`;

export interface CheckOptions {
  readonly paths: readonly string[];
  readonly format: Format;
  readonly config?: string;
  readonly maxWarnings?: number;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly allowEmpty: boolean;
  readonly color?: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const FLAGS: Record<string, (o: Mutable<CheckOptions>) => void> = {
  '--quiet': (o) => (o.quiet = true),
  '-q': (o) => (o.quiet = true),
  '--verbose': (o) => (o.verbose = true),
  '--allow-empty': (o) => (o.allowEmpty = true),
  '--no-color': (o) => (o.color = false),
  '--color': (o) => (o.color = true),
};

const WITH_VALUE: Record<string, (o: Mutable<CheckOptions>, value: string) => string | undefined> = {
  '--format': (o, value) => {
    if (!(FORMATS as readonly string[]).includes(value)) return `--format takes ${FORMATS.join(', ')}, not ${value}.`;
    o.format = value as Format;
    return undefined;
  },
  '--config': (o, value) => void (o.config = value),
  '--max-warnings': (o, value) => {
    if (!/^\d{1,9}$/.test(value)) return `--max-warnings takes a whole number, not ${value}.`;
    o.maxWarnings = Number(value);
    return undefined;
  },
};

/** The options, or the message of a usage error. */
export function parseCheckArgs(args: readonly string[]): CheckOptions | string {
  if (args[0] !== 'check') return args.length === 0 ? USAGE : `Unknown command '${args[0]}'.\n\n${USAGE}`;
  const options: Mutable<CheckOptions> = { paths: [], format: 'text', quiet: false, verbose: false, allowEmpty: false };
  const paths: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (FLAGS[name] && name === arg) FLAGS[name]!(options);
    else if (WITH_VALUE[name]) {
      const value = name === arg ? args[++i] : arg.slice(eq + 1);
      if (value === undefined) return `${name} needs a value.\n\n${USAGE}`;
      const problem = WITH_VALUE[name]!(options, value);
      if (problem) return problem;
    } else if (arg === '--') {
      for (const rest of args.slice(i + 1)) paths.push(rest);
      break;
    } else if (arg.startsWith('-') && arg !== '-') return `Unknown option '${arg}'.\n\n${USAGE}`;
    else paths.push(arg);
  }
  options.paths = paths.length > 0 ? paths : ['.'];
  return options;
}
