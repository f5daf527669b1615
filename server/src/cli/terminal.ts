// What the text formats need of a terminal: colours (only on a TTY, never
// with NO_COLOR or --no-color) and a width to wrap messages to.

export interface Terminal {
  readonly isTTY: boolean;
  /** Columns of the terminal, when it is one. */
  readonly columns?: number;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const NOT_A_TERMINAL: Terminal = { isTTY: false, env: {} };

/** Width messages are wrapped to when the output is not a terminal (a CI log). */
const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 40;

export interface Style {
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly blue: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly underline: (s: string) => string;
}

const code = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const COLOURS: Style = { red: code(31, 39), yellow: code(33, 39), blue: code(34, 39), dim: code(2, 22), bold: code(1, 22), underline: code(4, 24) };
const plain = (s: string): string => s;
const PLAIN: Style = { red: plain, yellow: plain, blue: plain, dim: plain, bold: plain, underline: plain };

/** https://no-color.org: a NO_COLOR that is set and not empty turns colours off; FORCE_COLOR or --color turn them on. */
export function styleFor(terminal: Terminal, requested: boolean | undefined): Style {
  const forced = terminal.env.FORCE_COLOR !== undefined && terminal.env.FORCE_COLOR !== '0';
  const noColor = terminal.env.NO_COLOR !== undefined && terminal.env.NO_COLOR !== '';
  const on = requested ?? (forced || (terminal.isTTY && !noColor && terminal.env.TERM !== 'dumb'));
  return on ? COLOURS : PLAIN;
}

export function widthOf(terminal: Terminal): number {
  return Math.max(MIN_WIDTH, terminal.isTTY && terminal.columns ? terminal.columns : DEFAULT_WIDTH);
}

/** Words of `text` in lines of at most `width` characters (a longer word gets a line of its own). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
