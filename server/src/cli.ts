// `marginalia check [PATH...]`: the same analysis as the language server, for
// CI (see cli/main.ts for the options and exit statuses).
import { runCli } from './cli/main';
import { endQuietlyOnClosedPipes } from './cli/quietPipes';

endQuietlyOnClosedPipes();
void runCli(process.argv.slice(2), process.cwd(), (line) => process.stdout.write(`${line}\n`), (line) => process.stderr.write(`${line}\n`)).then((code) => (process.exitCode = code));
