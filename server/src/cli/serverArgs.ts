// The language server's command line, read before any connection is made so
// that a person who types `marginalia-language-server --help` (or nothing)
// gets usage instead of the LSP library's stack trace.
import { VERSION } from './version';

export const SERVER_USAGE = `Usage: marginalia-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME

The Marginalia language server: speaks the Language Server Protocol over the
transport given. Editors start it; see the README ("Other editors").
  --stdio             LSP over standard input and output
  --node-ipc          LSP over Node's IPC channel (as VS Code starts it)
  --socket=PORT       LSP over a TCP socket on PORT
  --pipe=NAME         LSP over a named pipe
  --clientProcessId=N exit when process N ends (passed by VS Code)
  --version           print the version
  --help              print this text`;

export type ServerArgs =
  | { readonly kind: 'start' }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'usage-error'; readonly message: string };

/** Options that take their value as the next argument when not written `--name=value`. */
const WITH_VALUE = new Set(['--socket', '--pipe', '--clientProcessId']);
const TRANSPORTS = new Set(['--stdio', '--node-ipc', '--socket', '--pipe']);
/** Node options that tools such as debuggers pass through; they choose no transport. */
const IGNORED = /^--(inspect|nolazy|max-old-space-size)/;

export function parseServerArgs(args: readonly string[]): ServerArgs {
  if (args.includes('--help') || args.includes('-h')) return { kind: 'help' };
  if (args.includes('--version') || args.includes('-v')) return { kind: 'version' };
  let transport: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [name, inline] = splitOption(arg);
    if (WITH_VALUE.has(name) && inline === undefined) {
      const value = args[++i];
      if (value === undefined || value.startsWith('--')) return usageError(`${name} needs a value.`);
    } else if (!WITH_VALUE.has(name) && !TRANSPORTS.has(name) && !IGNORED.test(name)) {
      return usageError(`Unknown argument '${arg}'.`);
    }
    if (TRANSPORTS.has(name)) transport ??= name;
  }
  return transport ? { kind: 'start' } : usageError('No transport given.');
}

export function versionLine(): string {
  return `marginalia-language-server ${VERSION}`;
}

function splitOption(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

function usageError(message: string): ServerArgs {
  return { kind: 'usage-error', message: `${message}\n\n${SERVER_USAGE}` };
}
