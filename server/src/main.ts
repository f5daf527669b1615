// The language server's entry point: `marginalia-language-server --stdio`
// (or --node-ipc, as the VS Code client starts it).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

if (process.argv.includes('--version')) {
  process.stdout.write('marginalia-language-server 0.1.0\n');
  process.exit(0);
}
startServer(createConnection(ProposedFeatures.all));
