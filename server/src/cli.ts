// `marginalia check [PATH...] [--format text|json]`: the same analysis as the
// language server, for CI. Exit code 1 when any error or warning is found.
import { runCli } from './cli/main';

void runCli(process.argv.slice(2), process.cwd(), (line) => process.stdout.write(`${line}\n`), (line) => process.stderr.write(`${line}\n`)).then((code) => (process.exitCode = code));
