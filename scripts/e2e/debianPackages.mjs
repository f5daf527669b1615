// The Debian packages the browser VS Code needs (chromium to look at it in
// tests, ripgrep for its search, headers to build its native modules).
// Installs the missing ones when it can (root with apt-get); otherwise says
// the one command to run.
import { spawnSync } from 'node:child_process';

export const DEBIAN_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'libx11-dev'];

function installed(name) {
  const status = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return status.status === 0 && status.stdout.includes('install ok installed');
}

/** True when every package is there (after installing them if possible); false after printing what to run. */
export function ensureDebianPackages() {
  if (spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' }).status !== 0) {
    console.error(`Not a Debian-like system: install the equivalents of ${DEBIAN_PACKAGES.join(', ')} yourself.`);
    return true;
  }
  const missing = DEBIAN_PACKAGES.filter((name) => !installed(name));
  if (missing.length === 0) return true;
  const root = process.getuid?.() === 0;
  const hasAptGet = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (root && hasAptGet) {
    console.log(`Installing the Debian packages the browser VS Code needs: ${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
    if (install && install.status === 0) return true;
  }
  console.error(`\nThe browser VS Code needs these Debian packages. Run:\n\n    sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n\nthen npm start again.`);
  return false;
}
