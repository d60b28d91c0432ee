#!/usr/bin/env bash
# Starts the demo's two Kubernetes API emulators (packages/kube-emulator), each with the live state
# of its environments derived from examples/gitops-repo, deliberate drifts included (README: "Demo
# clusters"), over HTTPS with a CA made at start:
#   cluster-dev      https://127.0.0.1:6443   token shipshape-demo-cluster-dev       (dev, pr-42)
#   cluster-eu-west  https://127.0.0.1:6444   token shipshape-demo-cluster-eu-west   (staging, prod)
# and writes .demo/clusters/<cluster>/kubeconfig and ca.crt (the kubeconfig last: once both exist,
# both servers answer). Each also acts as the demo's GitOps operator for its cluster: environments of
# .demo/gitops-repo annotated gitops.shipshape.dev/sync-policy: automated (the templates' previews)
# are applied 5 seconds after every new commit, so the portal shows them syncing first
# (packages/kube-emulator/src/demo/DemoSyncAgent.ts). Runs in the foreground until interrupted, then stops both; stops both when
# either ends. Expects the toolchain on PATH (source scripts/lib/toolchain.sh; setup_toolchain).
# Other ports or folder, e.g. next to a running demo:
#   SHIPSHAPE_DEMO_CLUSTER_DEV_PORT=16443 SHIPSHAPE_DEMO_CLUSTER_EU_WEST_PORT=16444 \
#     SHIPSHAPE_DEMO_CLUSTERS_DIR=/tmp/clusters scripts/start-demo-clusters.sh
set -uo pipefail
source "$(dirname "$0")/lib/toolchain.sh"
cd "$SHIPSHAPE_ROOT"
clusters_dir=${SHIPSHAPE_DEMO_CLUSTERS_DIR:-$SHIPSHAPE_ROOT/.demo/clusters}
declare -A ports=(
  [cluster-dev]=${SHIPSHAPE_DEMO_CLUSTER_DEV_PORT:-6443}
  [cluster-eu-west]=${SHIPSHAPE_DEMO_CLUSTER_EU_WEST_PORT:-6444}
)

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for cluster in cluster-dev cluster-eu-west; do
  dir="$clusters_dir/$cluster"
  mkdir -p "$dir"
  rm -f "$dir/kubeconfig" "$dir/ca.crt"
  node --require @backstage/cli/config/nodeTransform.cjs packages/kube-emulator/src/cli.ts \
    --demo examples/gitops-repo --cluster "$cluster" \
    --host 127.0.0.1 --port "${ports[$cluster]}" --tls --token "shipshape-demo-$cluster" \
    --kubeconfig "$dir/kubeconfig" --ca-file "$dir/ca.crt" \
    --auto-sync "${SHIPSHAPE_DEMO_GITOPS_REPO:-.demo/gitops-repo}" --auto-sync-delay 5 &
  pids+=("$!")
done

wait -n
status=$?
log "a demo cluster stopped (exit status $status); stopping the other"
exit 1
