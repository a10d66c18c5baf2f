#!/usr/bin/env bash
# Installs code-server (a real VS Code workbench served to a browser, with a
# Node extension host) into .tools/code-server/ for the end-to-end tests, plus
# the Debian packages it and the tests need. Idempotent: a marker file holding
# the version is written last, and a finished install is left alone.
#
# A plain `npm install code-server` cannot work here: its postinstall builds VS
# Code's dependencies and @vscode/ripgrep downloads a binary from the internet.
# So every install runs with --ignore-scripts, only the native modules the
# server needs are rebuilt (against the local Node headers), and Debian's rg
# stands in for the downloaded one.
set -euo pipefail

VERSION=4.100.3 # the last release that runs on Node 20 (later ones need Node 22)
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TOOLS="$ROOT/.tools/code-server"
MARKER="$TOOLS/.installed"

if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$VERSION" ] && [ -f "$TOOLS/node_modules/code-server/out/node/entry.js" ]; then
  echo "code-server $VERSION is already installed in $TOOLS"
  exit 0
fi

# ---- Debian packages: build headers for the native modules, rg, and the browser.
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
missing=()
for pkg in chromium libkrb5-dev libxkbfile-dev libsecret-1-dev ripgrep; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$pkg"); fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -ne 20 ]; then
  echo "warning: code-server $VERSION is tested here with Node 20, found $(node --version)" >&2
fi

# ---- code-server itself, outside the project's dependencies.
rm -f "$MARKER"
mkdir -p "$TOOLS"
cd "$TOOLS"
# Without a package.json here npm would walk up and install into the project's node_modules.
if [ ! -f package.json ]; then
  printf '{ "name": "code-server-tools", "private": true }\n' >package.json
fi
npm install --ignore-scripts --no-audit --no-fund --loglevel=error "code-server@$VERSION"

# ---- VS Code's own dependencies (the server side of the workbench).
VSCODE="$TOOLS/node_modules/code-server/lib/vscode"
(
  cd "$VSCODE"
  npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
  # node-pty's last install step (generating compile_commands.json with a node-gyp fetched by npx) fails
  # after pty.node is built, and the server only needs pty.node: so judge by the built modules instead.
  npm rebuild @parcel/watcher @vscode/deviceid @vscode/spdlog kerberos native-watchdog node-pty >"$TOOLS/rebuild.log" 2>&1 || true
  for built in node-pty/build/Release/pty.node @vscode/spdlog/build/Release/spdlog.node \
    native-watchdog/build/Release/watchdog.node kerberos/build/Release/kerberos.node \
    @vscode/deviceid/build/Release/windows.node; do
    test -f "node_modules/$built" || { tail -50 "$TOOLS/rebuild.log" >&2; echo "native module not built: $built (log: $TOOLS/rebuild.log)" >&2; exit 1; }
  done
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
  ln -sfn node_modules node_modules.asar
)

# ---- The built-in extensions (languages, git, ...) the workbench loads.
(cd "$VSCODE/extensions" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)

# ---- Password hashing module code-server loads at start even with --auth none.
# From source: its install script would otherwise try to download a prebuilt binary first.
npm rebuild argon2 --build-from-source
node -e 'require("argon2")' || { echo "argon2 did not build" >&2; exit 1; }

echo "$VERSION" >"$MARKER"
echo "code-server $VERSION installed in $TOOLS"
