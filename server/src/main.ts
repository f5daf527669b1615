// The language server's entry point: `marginalia-language-server --stdio`
// (or --node-ipc, as the VS Code client starts it).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';
import { parseServerArgs, SERVER_USAGE, versionLine } from './cli/serverArgs';
import { endQuietlyOnClosedPipes } from './cli/quietPipes';

const args = parseServerArgs(process.argv.slice(2));
if (args.kind === 'start') startServer(createConnection(ProposedFeatures.all));
else {
  endQuietlyOnClosedPipes();
  // Exit explicitly once written: the LSP library's import alone starts a timer watching --clientProcessId.
  const [stream, text, code] = args.kind === 'usage-error' ? [process.stderr, args.message, 2] : [process.stdout, args.kind === 'help' ? SERVER_USAGE : versionLine(), 0];
  stream.write(`${text}\n`, () => process.exit(code));
}
