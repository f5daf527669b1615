#!/usr/bin/env bash
# Installs the end-to-end tooling offline-friendly: code-server 4.100.3 (a real
# VS Code 1.100 workbench served to a browser) and playwright-core, in
# test/e2e/node_modules, apart from the extension's own dependencies.
# code-server's install normally downloads ripgrep from GitHub; Debian's
# ripgrep is the same binary, so the download is skipped and rg is linked.
# Idempotent: a stamp file makes a second run instant.
set -euo pipefail
cd "$(dirname "$0")/../../test/e2e"
STAMP=node_modules/.marginalia-e2e-ready
if [[ -f $STAMP && $STAMP -nt package-lock.json ]]; then exit 0; fi

for tool in chromium rg; do
  command -v "$tool" >/dev/null || { echo "e2e setup: '$tool' is missing (apt-get install -y chromium ripgrep)" >&2; exit 1; }
done

export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
npm ci --ignore-scripts --no-audit --loglevel=error
npm rebuild --unsafe-perm argon2 --loglevel=error >/dev/null
[[ -n "$(find node_modules/argon2 -name argon2.node)" ]] || { echo "e2e setup: argon2 was not built" >&2; exit 1; }

VS=node_modules/code-server/lib/vscode
(cd "$VS" && npm install --unsafe-perm --omit=dev --ignore-scripts --no-audit --loglevel=error)
mkdir -p "$VS/node_modules/@vscode/ripgrep/bin"
ln -sf "$(command -v rg)" "$VS/node_modules/@vscode/ripgrep/bin/rg"
# node-pty's post-install step fails on an npm warning after it has built
# pty.node, so the exit status is not trusted; the binaries are checked below.
(cd "$VS" && npm rebuild --unsafe-perm @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid --loglevel=error >/dev/null 2>&1) || true
for addon in node-pty/build/Release/pty.node @vscode/spdlog/build/Release/spdlog.node native-watchdog/build/Release/watchdog.node; do
  [[ -f $VS/node_modules/$addon ]] || { echo "e2e setup: $addon was not built" >&2; exit 1; }
done
ln -sfn node_modules "$VS/node_modules.asar"
(cd "$VS/bin/remote-cli" && ln -sf code-linux.sh code-server)
(cd "$VS/bin/helpers" && ln -sf browser-linux.sh browser.sh)
(cd "$VS/extensions" && npm install --unsafe-perm --omit=dev --no-audit --loglevel=error >/dev/null)
touch "$STAMP"
echo "e2e setup: code-server $(node -p "require('./node_modules/code-server/package.json').version") and playwright-core $(node -p "require('./node_modules/playwright-core/package.json').version") ready"
