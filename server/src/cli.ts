// `marginalia check [PATH...]`: the same analysis as the language server, for
// CI (see cli/options.ts for the options and exit statuses).
import { runCli } from './cli/main';
import { endQuietlyOnClosedPipes } from './cli/quietPipes';

endQuietlyOnClosedPipes();
const terminal = { isTTY: process.stdout.isTTY === true, columns: process.stdout.columns, env: process.env };
void runCli(process.argv.slice(2), process.cwd(), (line) => process.stdout.write(`${line}\n`), (line) => process.stderr.write(`${line}\n`), terminal).then((code) => (process.exitCode = code));
