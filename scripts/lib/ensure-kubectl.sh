#!/usr/bin/env bash
# Makes sure kubectl is on PATH, for the Kubernetes API emulator's kubectl conformance tests
# (packages/kube-emulator/src/conformance/kubectl.test.ts fails, not skips, without it):
# installs Debian's kubernetes-client with apt-get when it is missing, as scripts/e2e.sh does for
# Chromium. Exits non-zero when kubectl is still missing.
set -uo pipefail
source "$(dirname "$0")/toolchain.sh"

command -v "${KUBECTL:-kubectl}" >/dev/null 2>&1 && exit 0
log "installing Debian's kubernetes-client for kubectl (apt-get)"
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
$sudo apt-get update -qq >&2 &&
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq kubernetes-client >&2 ||
  { log "could not install kubernetes-client: the kubectl conformance tests will fail"; exit 1; }
command -v kubectl >/dev/null 2>&1 || { log "kubernetes-client installed no kubectl on PATH"; exit 1; }
