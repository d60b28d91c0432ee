# Sourced by scripts/start.sh and scripts/e2e.sh (after toolchain.sh): the demo's Kubernetes API
# emulators (scripts/start-demo-clusters.sh) in the background, in their own process group.

DEMO_CLUSTER_PORTS=(6443 6444)
DEMO_CLUSTER_NAMES=(cluster-dev cluster-eu-west)

# A port on 127.0.0.1 someone listens on, if any of the demo clusters' ports.
demo_cluster_port_in_use() {
  local port
  for port in "${DEMO_CLUSTER_PORTS[@]}"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# start_demo_clusters LOG_FILE: starts them and waits until both have written their kubeconfig
# (they answer then); sets demo_clusters_pid. Fails when they do not come up within a minute.
start_demo_clusters() {
  local log_file=$1 dir deadline cluster ready
  dir=${SHIPSHAPE_DEMO_CLUSTERS_DIR:-$SHIPSHAPE_ROOT/.demo/clusters}
  for cluster in "${DEMO_CLUSTER_NAMES[@]}"; do rm -f "$dir/$cluster/kubeconfig"; done
  mkdir -p "$(dirname "$log_file")"
  setsid bash "$SHIPSHAPE_ROOT/scripts/start-demo-clusters.sh" >"$log_file" 2>&1 &
  demo_clusters_pid=$!
  deadline=$(($(date +%s) + 60))
  while :; do
    ready=1
    for cluster in "${DEMO_CLUSTER_NAMES[@]}"; do
      [ -f "$dir/$cluster/kubeconfig" ] || ready=0
    done
    [ "$ready" = 1 ] && return 0
    if ! kill -0 "$demo_clusters_pid" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
      tail -n 20 "$log_file" >&2
      stop_demo_clusters
      return 1
    fi
    sleep 0.5
  done
}

stop_demo_clusters() {
  [ -n "${demo_clusters_pid:-}" ] || return 0
  kill -- "-$demo_clusters_pid" 2>/dev/null || true
  wait "$demo_clusters_pid" 2>/dev/null || true
  demo_clusters_pid=
}
