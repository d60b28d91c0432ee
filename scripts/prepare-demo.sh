#!/usr/bin/env bash
# Turns examples/gitops-repo into a real git repository at .demo/gitops-repo (what app-config.yaml
# points the catalog at), committing whatever changed in the examples since the last run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source="$root/examples/gitops-repo"
repo="$root/.demo/gitops-repo"
export GIT_AUTHOR_NAME="Shipshape demo" GIT_AUTHOR_EMAIL="demo@shipshape.invalid"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"

if [ ! -d "$repo/.git" ]; then
  mkdir -p "$repo"
  git -C "$repo" init --quiet -b main
fi
# Mirror the examples into the work tree (everything but .git), then commit any difference.
find "$repo" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
cp -R "$source"/. "$repo"/
git -C "$repo" add -A
if ! git -C "$repo" diff --cached --quiet 2>/dev/null || ! git -C "$repo" rev-parse -q --verify HEAD >/dev/null; then
  git -C "$repo" commit --quiet -m "Demo GitOps repository from examples/gitops-repo"
fi
echo "demo GitOps repository: $repo at $(git -C "$repo" rev-parse --short HEAD)" >&2
