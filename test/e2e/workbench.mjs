// Drives a real VS Code workbench (code-server) in headless Chromium, the way
// a person would: keyboard shortcuts, quick open, the hover widget, the
// Problems panel. Helpers poll for what should appear; they never sleep long.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const E2E = join(ROOT, 'test', 'e2e');
const CODE_SERVER = join(E2E, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
/** Where the tests leave their screenshots: ignored by git (scripts/updateScreenshots.mjs copies them for the README). */
export const SCREENSHOTS = join(ROOT, 'out', 'screenshots');
const MANIFEST = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** The packaged extension the tests install, as a user would (npm run package). */
export const VSIX = join(ROOT, `${MANIFEST.name}-${MANIFEST.version}.vsix`);
/** The folder the installed extension lives in, under an extensions folder. */
export const EXTENSION_FOLDER = `${MANIFEST.publisher}.${MANIFEST.name}-${MANIFEST.version}`;
export const CHROMIUM = process.env.MARGINALIA_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Why the browser tests cannot run here, or undefined when they can. */
export function missingPrerequisite() {
  if (!existsSync(CHROMIUM)) return `Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;
  const setup = spawnSync('bash', [join(ROOT, 'scripts', 'e2e', 'setup.sh')], { encoding: 'utf8' });
  if (setup.status !== 0) return `code-server could not be set up: ${(setup.stderr || setup.stdout).trim().split('\n').at(-1)}`;
  if (!existsSync(VSIX)) return `the extension is not packaged (npm run package makes ${VSIX.slice(ROOT.length + 1)})`;
  return undefined;
}

/** A .vsix older than the development build may test old code: said once, not fatal (npm test and test:e2e package first). */
function warnIfPackageIsOld() {
  const built = ['client.js', 'server.js'].map((f) => join(ROOT, 'dist', f)).filter(existsSync);
  const newer = built.find((f) => statSync(f).mtimeMs > statSync(VSIX).mtimeMs + 1000);
  if (newer && !warnedOld) console.log(`note: ${VSIX.slice(ROOT.length + 1)} is older than ${newer.slice(ROOT.length + 1)} (npm run package rebuilds it)`);
  warnedOld = true;
}
let warnedOld = false;

/** Installs the .vsix with the browser VS Code's own `--install-extension`, as a user installs a downloaded package. */
export function installVsix(extensionsDir, userDataDir) {
  const result = spawnSync(process.execPath, [CODE_SERVER, '--install-extension', VSIX, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], { encoding: 'utf8' });
  if (result.status !== 0 || !existsSync(join(extensionsDir, EXTENSION_FOLDER, 'package.json'))) throw new Error(`installing ${VSIX} failed: ${result.stderr || result.stdout}`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const WORKBENCH_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'editor.hover.delay': 200,
  'editor.wordWrap': 'on',
  'editor.minimap.enabled': false,
};

/**
 * Starts code-server with the .vsix installed, on `folder` or else on a copy of
 * the samples; resolves once it serves. Workspace trust is on, as for a user:
 * the page answers the trust prompt (openWorkbench).
 */
export async function startCodeServer({ port, folder, quiet = true }) {
  warnIfPackageIsOld();
  const home = mkdtempSync(join(tmpdir(), 'marginalia-vscode-'));
  const extensions = join(home, 'extensions');
  mkdirSync(extensions);
  installVsix(extensions, join(home, 'user'));
  // A quiet workbench: no welcome page or tips that take the focus away.
  mkdirSync(join(home, 'user', 'User'), { recursive: true });
  writeFileSync(join(home, 'user', 'User', 'settings.json'), JSON.stringify(WORKBENCH_SETTINGS, null, 2));
  const workspace = folder ?? join(home, 'samples');
  if (!folder) cpSync(join(ROOT, 'samples'), workspace, { recursive: true });
  const args = [CODE_SERVER, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--user-data-dir', join(home, 'user'), '--extensions-dir', extensions, workspace];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XDG_CONFIG_HOME: join(home, 'config') } });
  let log = '';
  const collect = (chunk) => {
    log += chunk;
    if (!quiet) process.stderr.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  await until(async () => {
    if (child.exitCode !== null) throw new Error(`code-server exited: ${log}`);
    return fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
  }, 'code-server to listen', 60_000);
  return { url, workspace, home, extensions, pid: child.pid, log: () => log, stop: () => child.kill() };
}

/** Polls `check` until it returns something truthy. */
export async function until(check, what, timeoutMs = 30_000, everyMs = 150) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Opens the workbench and answers the workspace trust prompt: trust the folder, or browse it in Restricted Mode. */
export async function openWorkbench(browser, url, { trust = true } = {}) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 60_000 });
  // “Yes, I trust the authors” / “No, I don't trust the authors” (the apostrophe's shape varies between versions).
  const answer = page.locator('.monaco-dialog-box .monaco-button', { hasText: trust ? 'Yes, I trust' : /^No, I don.t trust/ });
  await answer.first().waitFor({ state: 'visible', timeout: 60_000 });
  await answer.first().click();
  await until(async () => (await page.locator('.monaco-dialog-box').count()) === 0, 'the trust prompt to close');
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  return page;
}

/** Whether the window shows the Restricted Mode indicator in its status bar. */
export async function inRestrictedMode(page) {
  return (await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).count()) > 0;
}

/** The command lines of the language servers of the extension installed under `extensionsDir` that are running now. */
export function runningServers(extensionsDir) {
  const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  const server = join(extensionsDir, EXTENSION_FOLDER, 'dist', 'server.js');
  return ps.stdout.split('\n').filter((line) => line.includes(server));
}

/** Quick Open (Ctrl+P) a file by name, and wait for its tab to be the active one. */
export async function openFile(page, name) {
  if ((await activeTabTitle(page)) === name) return;
  await until(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 2000 });
    await input.fill(name, { timeout: 2000 });
    const first = page.locator('.quick-input-list .monaco-list-row').first();
    await until(async () => (await first.innerText({ timeout: 1000 })).includes(name), `quick open to find ${name}`, 5000);
    await page.keyboard.press('Enter');
    return until(async () => (await activeTabTitle(page)) === name, `${name} to open`, 5000);
  }, `${name} to open from quick open`, 45_000, 500);
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor();
}

export async function activeTabTitle(page) {
  const tab = page.locator('.editor-group-container.active .tab.active .label-name').first();
  return (await tab.count()) > 0 ? (await tab.innerText()).trim() : undefined;
}

/** Ctrl+G to a 1-based line and column, as a person jumps to a place. */
export async function goTo(page, line, column) {
  const selection = page.locator('.statusbar-item[id="status.editor.selection"]');
  await until(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 2000 });
    await input.fill(`:${line}:${column}`, { timeout: 2000 });
    await page.keyboard.press('Enter');
    return until(async () => (await selection.innerText()).includes(`Ln ${line}, Col ${column}`), `the cursor at ${line}:${column}`, 3000);
  }, `the cursor to go to ${line}:${column}`, 30_000, 500);
}

/** 1-based line and column of the n-th occurrence of `needle` (plus `delta` characters). */
export function lineColumnOf(text, needle, delta = 0, nth = 1) {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} not found`);
  }
  const before = text.slice(0, at + delta);
  const line = before.split('\n').length;
  return { line, column: before.length - before.lastIndexOf('\n') };
}

/** Shows the hover at the cursor (Ctrl+K Ctrl+I) and returns its text. */
export async function hoverAtCursor(page, expected) {
  return until(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents, .monaco-hover:not(.hidden) .rendered-markdown').first();
    await hover.waitFor({ state: 'visible', timeout: 3000 });
    const widget = page.locator('.monaco-hover:not(.hidden)').first();
    const text = await widget.innerText();
    if (!expected.test(text)) return undefined;
    // Wait for the fade-in to finish, so a screenshot shows the card as a person sees it.
    await until(() => widget.evaluate((el) => {
      for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).opacity !== '1') return false;
      return true;
    }), 'the hover to be opaque', 3000);
    return text;
  }, `a hover matching ${expected}`, 30_000, 500);
}

export async function statusBarText(page) {
  return page.locator('.statusbar').innerText();
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Picks an entry of the open quick-fix menu with the arrow keys, as a person would. */
export async function chooseAction(page, title) {
  const menu = page.locator('.action-widget');
  await until(async () => (await menu.innerText()).includes(title), `“${title}” in the menu`);
  for (let i = 0; i < 40; i++) {
    const focused = page.locator('.action-widget .monaco-list-row.focused');
    if ((await focused.count()) > 0 && (await focused.innerText()).trim() === title) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`“${title}” could not be selected`);
}

/** Runs a command from the command palette (Ctrl+Shift+P), by its title. */
export async function runCommand(page, name) {
  await until(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 2000 });
    await input.fill(`>${name}`, { timeout: 2000 });
    const first = page.locator('.quick-input-list .monaco-list-row').first();
    await until(async () => (await first.innerText({ timeout: 1000 })).includes(name), `${name} in the palette`, 5000);
    await page.keyboard.press('Enter');
    return true;
  }, `${name} to run`, 30_000, 500);
}

/** The text of the notification toasts on screen. */
export async function notifications(page) {
  const toasts = page.locator('.notifications-toasts');
  return (await toasts.count()) > 0 ? toasts.innerText() : '';
}
