# Sourced by scripts/start.sh and scripts/e2e.sh (after toolchain.sh): the demo's GitHub emulator
# (scripts/start-demo-github.sh) in the background, in its own process group.

DEMO_GITHUB_PORT=${SHIPSHAPE_DEMO_GITHUB_PORT:-7011}

# Whether someone listens on the emulator's port on 127.0.0.1.
demo_github_port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$DEMO_GITHUB_PORT") 2>/dev/null
}

# start_demo_github LOG_FILE: starts it and waits until it answers; sets demo_github_pid. Fails
# when it does not answer within 60 s (or ends before).
start_demo_github() {
  local log_file=$1 deadline
  mkdir -p "$(dirname "$log_file")"
  setsid bash "$SHIPSHAPE_ROOT/scripts/start-demo-github.sh" >"$log_file" 2>&1 &
  demo_github_pid=$!
  deadline=$(($(date +%s) + 60))
  while :; do
    if node -e "fetch('http://127.0.0.1:$DEMO_GITHUB_PORT/_emulator/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))" 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "$demo_github_pid" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
      tail -n 20 "$log_file" >&2
      stop_demo_github
      return 1
    fi
    sleep 0.5
  done
}

stop_demo_github() {
  [ -n "${demo_github_pid:-}" ] || return 0
  kill -- "-$demo_github_pid" 2>/dev/null || true
  wait "$demo_github_pid" 2>/dev/null || true
  demo_github_pid=
}
