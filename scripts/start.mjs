// `npm start`: builds the extension and opens the samples in a real VS Code
// with it installed — desktop VS Code when `code` is on the PATH, otherwise
// the browser VS Code (code-server) on localhost, whose URL is printed.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, freePort, startCodeServer } from '../test/e2e/workbench.mjs';
import { ensureDebianPackages } from './e2e/debianPackages.mjs';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npm', ['run', 'build']);
// The demo works on a copy of the samples in an ignored folder: trying the quick fixes never changes tracked files.
const samples = join(ROOT, 'out', 'demo', 'samples');
if (!existsSync(samples)) cpSync(join(ROOT, 'samples'), samples, { recursive: true });
console.log(`The demo folder is ${samples.slice(ROOT.length + 1)} (delete it for fresh samples).`);

if (spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0) {
  console.log('Opening the samples in VS Code with the extension under development…');
  spawn('code', ['--extensionDevelopmentPath', ROOT, samples], { stdio: 'inherit', detached: true }).unref();
} else {
  console.log('`code` is not on the PATH: starting the browser VS Code (code-server 4.100.3) instead…');
  if (!ensureDebianPackages()) process.exit(1);
  run('bash', [join(ROOT, 'scripts', 'e2e', 'setup.sh')]);
  // The browser VS Code gets the packaged extension, installed as a user would install it.
  run('npm', ['run', 'package']);
  const port = Number(process.env.PORT) || (await freePort());
  const server = await startCodeServer({ port, folder: samples });
  console.log(`\nMarginalia is running in VS Code at:\n\n    ${server.url}\n\nOpen support-ahmad-massoud.txt and hover a name. Ctrl-C to stop.`);
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}
