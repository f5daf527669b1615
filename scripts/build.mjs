// Bundles the extension client, the language server and the CLI with esbuild.
// `node scripts/build.mjs` is the development build into dist/ (with source
// maps, readable). `node scripts/build.mjs --production OUTDIR` bundles only
// what the .vsix ships (client, server, index worker), minified and without
// maps, into OUTDIR: the development dist/ is left as it is.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = [
  { in: 'client/src/extension.ts', out: 'client.js', external: ['vscode'], shipped: true },
  { in: 'server/src/main.ts', out: 'server.js', external: [], shipped: true },
  { in: 'server/src/cli.ts', out: 'cli.js', external: [] },
  { in: 'server/src/node/indexWorker.ts', out: 'indexWorker.js', external: [], shipped: true },
  { in: 'server/src/cli/checkWorker.ts', out: 'checkWorker.js', external: [] },
];

/**
 * Bundles every entry (or, for production, only the shipped ones, minified,
 * without maps) into outDir. Resolves to the npm packages bundled into the
 * shipped files (name → folder), for the third-party notices; rejects when a
 * bundle fails.
 */
export async function bundle({ production = false, outDir = join(root, 'dist') } = {}) {
  const packages = new Map();
  let failed = false;
  for (const entry of entries) {
    if (production && !entry.shipped) continue;
    if (!existsSync(join(root, entry.in))) {
      console.warn(`build: skipping ${entry.in} (not there yet)`);
      continue;
    }
    try {
      const result = await build({
        entryPoints: [join(root, entry.in)],
        outfile: join(outDir, entry.out),
        absWorkingDir: root,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        sourcemap: !production,
        minify: production,
        metafile: production,
        external: entry.external,
        logLevel: 'warning',
      });
      if (result.metafile) for (const input of Object.keys(result.metafile.inputs)) addPackage(packages, input);
    } catch {
      failed = true;
    }
  }
  if (failed) throw new Error('build: a bundle failed (see above)');
  return packages;
}

/** Records the npm package an input file of a bundle belongs to (the innermost node_modules folder). */
function addPackage(packages, input) {
  const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
  if (match) packages.set(match[2], join(root, match[1]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const production = process.argv[2] === '--production';
  const outDir = production ? resolve(process.argv[3] ?? join(root, 'out', 'package', 'dist')) : join(root, 'dist');
  try {
    await bundle({ production, outDir });
  } catch {
    process.exit(1);
  }
}
