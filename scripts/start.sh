#!/usr/bin/env bash
# Installs what the project needs and starts the portal with the demo data:
# frontend on http://localhost:3000, backend on http://localhost:7007, and the demo's two
# Kubernetes API emulators on https://127.0.0.1:6443 and :6444 and its GitHub emulator on
# http://127.0.0.1:7011 (stopped when this script ends).
set -euo pipefail
source "$(dirname "$0")/lib/toolchain.sh"
source "$(dirname "$0")/lib/demo-clusters.sh"
source "$(dirname "$0")/lib/demo-github.sh"
setup_toolchain
install_dependencies
cd "$SHIPSHAPE_ROOT"
bash scripts/prepare-demo.sh
if port=$(demo_cluster_port_in_use); then
  die "port $port is already in use: stop whatever runs there (another demo?) and start again"
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$DEMO_GITHUB_PORT") 2>/dev/null; then
  die "port $DEMO_GITHUB_PORT is already in use: stop whatever runs there (another demo?) and start again"
fi
trap 'stop_demo_github; stop_demo_clusters' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
log "starting the demo clusters (log: .demo/clusters/clusters.log)"
start_demo_clusters "$SHIPSHAPE_ROOT/.demo/clusters/clusters.log" || die "the demo clusters did not start"
log "demo clusters: cluster-dev https://127.0.0.1:6443, cluster-eu-west https://127.0.0.1:6444 (kubeconfigs in .demo/clusters/)"
log "starting the demo GitHub (log: .demo/github.log)"
start_demo_github "$SHIPSHAPE_ROOT/.demo/github.log" || die "the demo GitHub emulator did not start"
log "demo GitHub: http://127.0.0.1:$DEMO_GITHUB_PORT (pull requests of shipshape-demo/gitops: http://127.0.0.1:$DEMO_GITHUB_PORT/shipshape-demo/gitops/pulls)"
log "starting the portal: http://localhost:3000 (backend http://localhost:7007)"
yarn start "$@"
