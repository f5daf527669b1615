// Bundles the extension client, the language server and the CLI with esbuild.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = [
  { in: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'] },
  { in: 'server/src/main.ts', out: 'dist/server.js', external: [] },
  { in: 'server/src/cli.ts', out: 'dist/cli.js', external: [] },
  { in: 'server/src/node/indexWorker.ts', out: 'dist/indexWorker.js', external: [] },
  { in: 'server/src/cli/checkWorker.ts', out: 'dist/checkWorker.js', external: [] },
];

let failed = false;
for (const entry of entries) {
  if (!existsSync(join(root, entry.in))) {
    console.warn(`build: skipping ${entry.in} (not there yet)`);
    continue;
  }
  try {
    await build({
      entryPoints: [join(root, entry.in)],
      outfile: join(root, entry.out),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: true,
      external: entry.external,
      logLevel: 'warning',
    });
  } catch {
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
