# Sourced by the project's entry scripts. Makes sure this shell has Node >= 22 (installing the
# pinned Node 24 into .tools/node when the machine's Node is older) and yarn from .yarn/releases.
# Needs only bash, Node (any version) with npm, and tar.

SHIPSHAPE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SHIPSHAPE_NODE_VERSION="24.21.0"
SHIPSHAPE_TOOLS="$SHIPSHAPE_ROOT/.tools"

log() { printf '\033[1;34m[shipshape]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[shipshape]\033[0m %s\n' "$*" >&2; exit 1; }

node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

install_project_node() {
  local dest="$SHIPSHAPE_TOOLS/node" platform arch tmp tarball
  [ -x "$dest/bin/node" ] && [ "$("$dest/bin/node" --version)" = "v$SHIPSHAPE_NODE_VERSION" ] && return 0
  command -v npm >/dev/null || die "npm is needed to fetch Node $SHIPSHAPE_NODE_VERSION (install Node and npm first)"
  platform=$(node -p process.platform) arch=$(node -p process.arch)
  log "installing Node $SHIPSHAPE_NODE_VERSION for this project into .tools/node (machine has $(node --version))"
  tmp=$(mktemp -d)
  # node-<platform>-<arch> is the npm package the `node` package itself installs: binary plus headers.
  tarball=$(cd "$tmp" && npm pack --silent "node-$platform-$arch@$SHIPSHAPE_NODE_VERSION" 2>/dev/null | tail -n 1) ||
    die "could not fetch node-$platform-$arch@$SHIPSHAPE_NODE_VERSION from the npm registry"
  rm -rf "$dest.partial" && mkdir -p "$dest.partial"
  tar -xzf "$tmp/$tarball" -C "$dest.partial" --strip-components=1 || die "could not unpack $tarball"
  rm -rf "$tmp" "$dest" && mv "$dest.partial" "$dest"
  "$dest/bin/node" --version >/dev/null || die "the installed Node does not run on this machine"
}

setup_toolchain() {
  local node_home
  if [ "$(node_major)" -ge 22 ] 2>/dev/null; then
    node_home="$(dirname "$(dirname "$(command -v node)")")"
  else
    install_project_node
    node_home="$SHIPSHAPE_TOOLS/node"
    export PATH="$node_home/bin:$PATH"
  fi
  # A yarn on PATH that runs the release committed under .yarn/releases, for us and for the tools
  # (backstage-cli) that call `yarn` themselves.
  mkdir -p "$SHIPSHAPE_TOOLS/bin"
  local release
  release=$(ls "$SHIPSHAPE_ROOT"/.yarn/releases/yarn-*.cjs | tail -n 1)
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$release" >"$SHIPSHAPE_TOOLS/bin/yarn"
  chmod +x "$SHIPSHAPE_TOOLS/bin/yarn"
  export PATH="$SHIPSHAPE_TOOLS/bin:$PATH"
  # node-gyp cannot download headers here: build native addons against the Node that runs them.
  export npm_config_nodedir="$node_home"
  # The scaffolder's sandbox (isolated-vm) needs this on Node 20+.
  export NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--no-node-snapshot"
  export YARN_ENABLE_TELEMETRY=0 YARN_ENABLE_PROGRESS_BARS=0
  log "node $(node --version), yarn $(yarn --version)"
}

install_dependencies() {
  cd "$SHIPSHAPE_ROOT"
  local stamp="$SHIPSHAPE_ROOT/node_modules/.shipshape-install-stamp"
  local want
  want=$(cat yarn.lock package.json packages/*/package.json plugins/*/package.json | node -e \
    'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(require("crypto").createHash("sha256").update(s+process.version).digest("hex")))')
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    log "dependencies are up to date"
    return 0
  fi
  log "installing dependencies (yarn install)"
  if [ "${CI:-}" = "true" ]; then
    yarn install --immutable || die "yarn install failed"
  else
    yarn install || die "yarn install failed"
  fi
  echo "$want" >"$stamp"
}
