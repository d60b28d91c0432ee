#!/usr/bin/env bash
# Installs what the project needs and starts the portal with the demo data:
# frontend on http://localhost:3000, backend on http://localhost:7007.
set -euo pipefail
source "$(dirname "$0")/lib/toolchain.sh"
setup_toolchain
install_dependencies
cd "$SHIPSHAPE_ROOT"
bash scripts/prepare-demo.sh
log "starting the portal: http://localhost:3000 (backend http://localhost:7007)"
exec yarn start "$@"
