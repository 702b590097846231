#!/bin/bash
# examples/stack/build.sh [BASE] — builds the stack's four images from Debian packages:
#   unitgen-stack/proxy:1  nginx            unitgen-stack/app:1    python3 + psql
#   unitgen-stack/db:1     postgresql-15    unitgen-stack/cache:1  redis-server
# FROM BASE (default debian:bookworm; the end-to-end tests pass their local Debian image).
# Idempotent: an image is labelled with the digest of its build context and of BASE's image
# id, and built again only when that digest changed (a second run takes a second). The
# builds use the host's network (docker build --network host), as the test environment needs.
# DOCKER (default: docker) is the client to run, with its -H if any.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
base=${1:-debian:bookworm}
read -r -a docker <<< "${DOCKER:-docker}"
if ! base_id=$("${docker[@]}" image inspect -f '{{.Id}}' "$base" 2>/dev/null); then
  "${docker[@]}" pull "$base" >&2
  base_id=$("${docker[@]}" image inspect -f '{{.Id}}' "$base")
fi
label=dev.unitgen.example.context
for name in db cache app proxy; do
  tag=unitgen-stack/$name:1
  # the context's files (without Python's caches), their contents and which are executable
  digest=$( { echo "$base_id"; cd "$here/$name" && find . -name __pycache__ -prune -o -type f -print0 | LC_ALL=C sort -z \
              | xargs -0 sha256sum; find . -name __pycache__ -prune -o -type f -perm -u+x -print | LC_ALL=C sort; } \
            | sha256sum | cut -c1-16)
  have=$("${docker[@]}" image inspect -f "{{index .Config.Labels \"$label\"}}" "$tag" 2>/dev/null || true)
  if [ "$have" = "$digest" ]; then
    echo "[stack] $tag is up to date ($digest)" >&2
    continue
  fi
  start=$(date +%s)
  echo "[stack] building $tag FROM $base" >&2
  "${docker[@]}" build --network host --build-arg BASE="$base" --label "$label=$digest" -t "$tag" "$here/$name" >&2
  echo "[stack] built $tag in $(( $(date +%s) - start )) s" >&2
done
