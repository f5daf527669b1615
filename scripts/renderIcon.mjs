// Renders images/icon.svg (the source, drawn by hand) to images/icon.png,
// the 128×128 PNG the Marketplace and VS Code show, with the Chromium the
// end-to-end tests use (offline). The PNG is committed, so packaging needs no
// browser: run this after changing the SVG.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_FLAGS, ROOT } from '../test/e2e/workbench.mjs';

const { chromium } = await import('../test/e2e/node_modules/playwright-core/index.mjs');
const svg = readFileSync(join(ROOT, 'images', 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: join(ROOT, 'images', 'icon.png'), omitBackground: true });
  console.log('images/icon.png rendered from images/icon.svg');
} finally {
  await browser.close();
}
