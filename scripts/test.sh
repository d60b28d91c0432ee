#!/usr/bin/env bash
# Installs what the project needs and runs the whole suite: type-check, lint, unit and integration
# tests of every package (database tests on SQLite and PostgreSQL), and the end-to-end smoke test in
# Chromium. Ends with one line "N passed, N failed" over all suites; exits non-zero on any failure.
set -uo pipefail
source "$(dirname "$0")/lib/toolchain.sh"
setup_toolchain
install_dependencies
cd "$SHIPSHAPE_ROOT"

results_dir="$SHIPSHAPE_ROOT/test-results"
rm -rf "$results_dir" && mkdir -p "$results_dir"
summary="$results_dir/summary.tsv"
: >"$summary"
started=$(date +%s)

# record SUITE PASSED FAILED
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$summary"; }

# A whole-command check (tsc, lint) counts as one test.
run_check() {
  local name=$1
  shift
  log "── $name: $*"
  if "$@"; then record "$name" 1 0; else record "$name" 0 1; fi
}

run_check typecheck yarn tsc
run_check lint yarn backstage-cli repo lint
run_check prettier yarn prettier --check .

# PostgreSQL for Backstage's TestDatabases, when one answers (required in CI).
if pg_env=$(node scripts/lib/postgres-test-env.js); then
  export "${pg_env?}"
  log "PostgreSQL tests against ${pg_env%%=*}"
else
  if [ "${CI:-}" = "true" ]; then
    log "PostgreSQL is required in CI (CI=true) but none answers at 127.0.0.1:5432"
    record postgres 0 1
  else
    log "no PostgreSQL at 127.0.0.1:5432: database tests run on SQLite only"
  fi
fi

log "── unit and integration tests"
bash scripts/lib/ensure-kubectl.sh || log "kubectl is missing: the kube-emulator's kubectl conformance tests will fail"
yarn backstage-cli repo test --ci --json --outputFile="$results_dir/jest.json"
node scripts/lib/summarize-jest.js "$results_dir/jest.json" >>"$summary" || record jest 0 1

log "── end-to-end smoke test"
# e2e.sh prints its own summary row, failures included.
bash scripts/e2e.sh "$results_dir" >>"$summary" || true

node scripts/lib/print-summary.js "$summary" "$started"
