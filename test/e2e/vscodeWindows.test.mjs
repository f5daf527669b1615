// End-to-end, the packaged extension in windows other than a trusted folder of
// annotated articles: an untrusted folder (Restricted Mode), where reading
// works and writing waits for trust; and a folder without any sidecar, where
// Marginalia stays out of the way until one of its commands is run.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_FLAGS, ROOT, freePort, goTo, hoverAtCursor, inRestrictedMode, lineColumnOf, missingPrerequisite, notifications, openFile, openWorkbench, runCommand, runningServers, screenshot, startCodeServer, statusBarText, until } from './workbench.mjs';

const skip = missingPrerequisite();
if (skip) console.log(`e2e tests skipped: ${skip}`);

/** A browser VS Code on `folder` (or a copy of the samples), the trust prompt answered with `trust`. */
function window({ folder, trust }) {
  const opened = {};
  before(async () => {
    if (skip) return;
    const { chromium } = await import('./node_modules/playwright-core/index.mjs');
    opened.server = await startCodeServer({ port: await freePort(), folder: folder?.() });
    opened.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    opened.page = await openWorkbench(opened.browser, opened.server.url, { trust });
  });
  after(async () => {
    await opened.browser?.close();
    opened.server?.stop();
  });
  return opened;
}

describe('an untrusted folder of articles (Restricted Mode)', { skip }, () => {
  const ARTICLE = 'support-ahmad-massoud.txt';
  const articleText = readFileSync(join(ROOT, 'samples', ARTICLE), 'utf8');
  const w = window({ trust: false });
  const cursorOn = async (needle, delta) => {
    const { line, column } = lineColumnOf(articleText, needle, delta);
    await goTo(w.page, line, column);
  };

  test('hover, diagnostics and the Marginalia view work', async () => {
    const { page } = w;
    await until(() => inRestrictedMode(page), 'the Restricted Mode indicator');
    await openFile(page, ARTICLE);
    const status = await until(async () => (await statusBarText(page)).match(/(\d+) unsourced/), 'the unsourced count in the status bar');
    assert.equal(Number(status[1]), 12);
    await until(() => page.locator('.squiggly-warning').count(), 'warning squiggles in the article');
    await cursorOn('Massoud warned', 2);
    assert.match(await hoverAtCursor(page, /Ahmad Shah Massoud/), /father of Ahmad Massoud/);
    // Room for the view, as a person makes it: the folder's file list collapsed, the Marginalia view expanded.
    await page.locator('.pane-header', { hasText: /^samples$/i }).click();
    const header = page.locator('.pane-header', { hasText: /^marginalia$/i });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const view = page.locator('.pane', { has: header });
    await until(async () => (await view.locator('.monaco-list-row', { hasText: 'Entities' }).count()) > 0, 'the Marginalia view listing the entities');
    assert.ok((await view.locator('.monaco-list-row', { hasText: 'Ahmad Shah Massoud' }).count()) > 0);
    await screenshot(page, 'restricted-mode');
  });

  test('annotating waits for trust, then runs', async () => {
    const { page, server } = w;
    const sidecarPath = join(server.workspace, 'support-ahmad-massoud.annotations.yaml');
    const before = readFileSync(sidecarPath, 'utf8');
    await openFile(page, ARTICLE);
    await cursorOn('I spent the harrowing days', 5);
    await runCommand(page, 'Marginalia: Annotate as Claim…');
    await until(async () => (await notifications(page)).includes('waits until you trust this folder'), 'the message that annotating waits for trust');
    assert.equal(await page.locator('.quick-input-widget', { hasText: 'its sources' }).isVisible(), false, 'no sources picker before trust');
    assert.equal(readFileSync(sidecarPath, 'utf8'), before, 'the sidecar is not written');
    await screenshot(page, 'restricted-mode-annotate');
    await page.locator('.notifications-toasts .monaco-button', { hasText: 'Manage Workspace Trust' }).click();
    const trustButton = page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ });
    await trustButton.first().click({ timeout: 15_000 });
    const picker = page.locator('.quick-input-widget');
    await until(async () => (await picker.isVisible()) && (await picker.innerText()).includes('its sources'), 'the sources picker once trusted');
    await page.keyboard.press('Enter');
    await until(() => readFileSync(sidecarPath, 'utf8').includes('quote: I spent the harrowing days of Afghanistan’s fall with him.') || undefined, 'the claim in the sidecar on disk', 15_000);
    assert.equal(await inRestrictedMode(page), false);
  });
});

describe('a folder without sidecars', { skip }, () => {
  let folder;
  const w = window({
    trust: true,
    folder: () => {
      folder = mkdtempSync(join(tmpdir(), 'marginalia-plain-'));
      writeFileSync(join(folder, 'notes.txt'), 'Meeting notes\n\nAna Varga opened the meeting at noon. The budget was approved.\n');
      writeFileSync(join(folder, 'README.md'), '# Notes\n\nSome "quoted" words and 42 numbers.\n');
      mkdirSync(join(folder, '.github', 'workflows'), { recursive: true });
      writeFileSync(join(folder, '.github', 'workflows', 'ci.yaml'), 'name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n        type: other\n');
      return folder;
    },
  });

  test('opening text, Markdown and YAML files starts no server and shows no Marginalia view', async () => {
    const { page, server } = w;
    for (const name of ['notes.txt', 'ci.yaml', 'README.md']) await openFile(page, name);
    // The built-in Markdown extension activates on the Markdown file: once it is listed as running, Marginalia had its chance too.
    await runCommand(page, 'Developer: Show Running Extensions');
    const running = page.locator('.runtime-extensions-editor');
    await until(async () => (await running.innerText()).includes('Markdown Language Features'), 'the running extensions to be listed', 30_000);
    assert.doesNotMatch(await running.innerText(), /Marginalia/);
    assert.deepEqual(runningServers(server.extensions), []);
    assert.equal(await page.locator('.pane-header', { hasText: /^marginalia$/i }).count(), 0, 'no Marginalia view in the Explorer');
    await screenshot(page, 'no-sidecar-window');
  });

  test('annotating a sentence creates the first sidecar, and then the server runs', async () => {
    const { page, server } = w;
    await openFile(page, 'notes.txt');
    await goTo(page, 3, 3);
    await runCommand(page, 'Marginalia: Annotate as Claim…');
    const sidecar = join(folder, 'notes.annotations.yaml');
    const written = await until(() => existsSync(sidecar) && readFileSync(sidecar, 'utf8'), 'the first sidecar on disk', 30_000);
    assert.match(written, /quote: Ana Varga opened the meeting at noon\./);
    assert.equal(runningServers(server.extensions).length, 1);
    await until(async () => (await statusBarText(page)).includes('1 unsourced'), 'the new claim counted in the status bar');
  });
});
