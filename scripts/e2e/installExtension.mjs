// Installs the built extension into a VS Code extensions folder as an
// unpacked extension (what `--install-extension` would leave there), so the
// browser VS Code (code-server) loads it like any installed extension.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHIPPED = ['package.json', 'README.md', 'dist', 'client/schemas', 'syntaxes'];

export function installExtension(extensionsDir) {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  if (!existsSync(join(ROOT, 'dist', 'client.js'))) throw new Error('dist/client.js is missing: run npm run build first');
  const target = join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  rmSync(target, { recursive: true, force: true });
  for (const entry of SHIPPED) {
    mkdirSync(dirname(join(target, entry)), { recursive: true });
    cpSync(join(ROOT, entry), join(target, entry), { recursive: true, filter: (src) => !src.endsWith('.map') });
  }
  return target;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/e2e/installExtension.mjs EXTENSIONS_DIR');
    process.exit(2);
  }
  console.log(`installed ${installExtension(dir)}`);
}
