// `npm run screenshots`: copies the screenshots the README shows from the
// last end-to-end run (out/screenshots, ignored by git) to
// images/screenshots (tracked). Test runs never touch tracked files; this is
// the one step that does, when the pictures should change.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SCREENSHOTS } from '../test/e2e/workbench.mjs';

const shown = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/images\/screenshots\/([\w-]+\.png)/g)].map((m) => m[1]);
const missing = [];
for (const name of new Set(shown)) {
  const taken = join(SCREENSHOTS, name);
  if (existsSync(taken)) copyFileSync(taken, join(ROOT, 'images', 'screenshots', name));
  else missing.push(name);
}
console.log(`updated ${new Set(shown).size - missing.length} screenshots in images/screenshots`);
if (missing.length > 0) {
  console.error(`not taken by the last e2e run (npm run test:e2e): ${missing.join(', ')}`);
  process.exit(1);
}
