// Integration tests inside VS Code with @vscode/test-electron, as one test of
// node's runner. VS Code is downloaded on first use; where that is impossible
// (no internet) the test is skipped, counted as skipped in the summary, with
// the reason. MARGINALIA_VSCODE_PATH may point to an installed VS Code instead.
import { test } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SilentReporter, downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const REPO = path.resolve(__dirname, '..', '..', '..');
const VSCODE_VERSION = '1.100.0';
const DOWNLOAD_TIMEOUT_MS = 20_000;

async function vscodeExecutable(): Promise<string | { skip: string }> {
  const configured = process.env.MARGINALIA_VSCODE_PATH;
  if (configured) return fs.existsSync(configured) ? configured : { skip: `MARGINALIA_VSCODE_PATH=${configured} does not exist` };
  try {
    return await downloadAndUnzipVSCode({ version: VSCODE_VERSION, cachePath: path.join(REPO, '.vscode-test'), timeout: DOWNLOAD_TIMEOUT_MS, reporter: new SilentReporter() });
  } catch (error) {
    return { skip: `VS Code ${VSCODE_VERSION} could not be downloaded (${firstLine(error)})` };
  }
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!.slice(0, 120);
}

test('the VS Code integration suite (@vscode/test-electron) passes', async (t) => {
  const executable = await vscodeExecutable();
  if (typeof executable !== 'string') {
    t.skip(`${executable.skip}; set MARGINALIA_VSCODE_PATH to a VS Code binary to run it`);
    return;
  }
  const workspace = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'marginalia-vscode-'));
  fs.cpSync(path.join(REPO, 'samples'), workspace, { recursive: true });
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: REPO,
    extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
});
