// `npm pack` / `npm publish` run this first: the development bundles into
// dist/ (the npm package ships dist/*.js: the CLI, its worker, the server and
// its index worker), and dist/ThirdPartyNotices.txt with the licences of the
// npm packages bundled into them. The package has no dependencies to install:
// everything it runs is bundled.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from './build.mjs';
import { thirdPartyNotices } from './package.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await bundle();
// The production bundles are made only to learn which packages are bundled (the CLI's are among the server's).
const scratch = mkdtempSync(join(tmpdir(), 'marginalia-prepack-'));
try {
  const packages = await bundle({ production: true, outDir: scratch });
  writeFileSync(join(root, 'dist', 'ThirdPartyNotices.txt'), thirdPartyNotices(packages));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
