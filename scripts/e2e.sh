#!/usr/bin/env bash
# End-to-end smoke test: starts the demo clusters, the demo GitHub and the portal the way scripts/start.sh does,
# drives Debian's Chromium through it with playwright-core, and prints one summary row
# "e2e<TAB>passed<TAB>failed".
# Expects the toolchain on PATH (scripts/test.sh sets it up). Usage: e2e.sh RESULTS_DIR
# The summary row is printed in every case: a failure before the tests run counts as one failure.
set -uo pipefail
source "$(dirname "$0")/lib/toolchain.sh"
source "$(dirname "$0")/lib/demo-clusters.sh"
source "$(dirname "$0")/lib/demo-github.sh"
results_dir=$1
mkdir -p "$results_dir/e2e"
cd "$SHIPSHAPE_ROOT"

ensure_chromium() {
  local chromium=${SHIPSHAPE_CHROMIUM:-/usr/bin/chromium}
  [ -x "$chromium" ] && return 0
  log "installing Debian's chromium (apt-get)"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2 ||
    { log "could not install chromium"; return 1; }
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # URL SECONDS
  local deadline=$(($(date +%s) + $2))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    if [ "$(date +%s)" -ge "$deadline" ]; then return 1; fi
    if ! kill -0 "$portal_pid" 2>/dev/null; then return 1; fi
    sleep 2
  done
}

fail_before_tests() {
  log "$1"
  printf 'e2e\t0\t1\n'
  exit 1
}

ensure_chromium || fail_before_tests "Chromium is missing and could not be installed"
for port in 3000 7007 "${DEMO_CLUSTER_PORTS[@]}" "$DEMO_GITHUB_PORT"; do
  if port_busy "$port"; then
    fail_before_tests "port $port is already in use: stop whatever runs there (another portal?) and run the tests again"
  fi
done

bash scripts/prepare-demo.sh || fail_before_tests "could not prepare the demo GitOps repository"
portal_pid=
stop_portal() { [ -n "$portal_pid" ] && kill -- "-$portal_pid" 2>/dev/null && wait "$portal_pid" 2>/dev/null; }
stop_all() { stop_portal; stop_demo_github; stop_demo_clusters; }
trap stop_all EXIT
log "starting the demo clusters (log: ${results_dir#"$SHIPSHAPE_ROOT"/}/e2e/clusters.log)"
start_demo_clusters "$results_dir/e2e/clusters.log" || fail_before_tests "the demo clusters did not start; the last lines of their log are above"
log "starting the demo GitHub (log: ${results_dir#"$SHIPSHAPE_ROOT"/}/e2e/github.log)"
start_demo_github "$results_dir/e2e/github.log" || fail_before_tests "the demo GitHub emulator did not start; the last lines of its log are above"
portal_log="$results_dir/e2e/portal.log"
log "starting the portal (log: ${portal_log#"$SHIPSHAPE_ROOT"/})"
setsid yarn start >"$portal_log" 2>&1 &
portal_pid=$!

if ! wait_for http://localhost:7007/api/gitops/health 300 || ! wait_for http://localhost:3000 300; then
  tail -n 40 "$portal_log" >&2
  fail_before_tests "the portal did not come up; the last lines of its log are above"
fi
log "portal is up"

SHIPSHAPE_E2E_OUTPUT="$results_dir/e2e" node --test --test-reporter=tap --test-reporter-destination="$results_dir/e2e/tap.txt" \
  --test-reporter=spec --test-reporter-destination=stderr --test-concurrency=1 test/e2e/*.test.mjs
passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$results_dir/e2e/tap.txt")
failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$results_dir/e2e/tap.txt")
printf 'e2e\t%s\t%s\n' "${passed:-0}" "${failed:-1}"
[ "${failed:-1}" = 0 ] && [ "${passed:-0}" != 0 ]
