#!/usr/bin/env bash
# Starts the demo's GitHub emulator (packages/github-emulator) in the foreground on
# http://127.0.0.1:7011 (API http://127.0.0.1:7011/api/v3): organization shipshape-demo with the
# repository gitops at .demo/gitops-repo (scripts/prepare-demo.sh makes it), users and teams from
# examples/catalog/org.yaml, bot shipshape-bot with token shipshape-demo-github-token, webhooks to
# the demo backend (http://localhost:7007/api/events/http/github, secret
# shipshape-demo-webhook-secret). Pull requests: http://127.0.0.1:7011/shipshape-demo/gitops/pulls
# Another port: SHIPSHAPE_DEMO_GITHUB_PORT=17011 scripts/start-demo-github.sh
set -uo pipefail
source "$(dirname "$0")/lib/toolchain.sh"
setup_toolchain >/dev/null
cd "$SHIPSHAPE_ROOT"
[ -d .demo/gitops-repo/.git ] || bash scripts/prepare-demo.sh
exec node --require @backstage/cli/config/nodeTransform.cjs packages/github-emulator/src/cli.ts \
  --demo --port "${SHIPSHAPE_DEMO_GITHUB_PORT:-7011}"
