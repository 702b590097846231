#!/bin/bash
# testenv/status.sh — exit 0 when the whole test environment is up (both engines answer,
# the nspawn manager is alive), 1 otherwise; prints one line per piece on stderr.
# scripts/test uses it to leave a developer's already running environment alone.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
ok=0
if pid_is "$D1/dockerd.pid" dockerd >/dev/null && ping_sock "$SOCK1"; then log "engine 1: up"; else log "engine 1: down"; ok=1; fi
if pid_is "$D2/dockerd.pid" dockerd >/dev/null && ping_sock "$SOCK2"; then log "engine 2 (cgroup v2): up"; else log "engine 2 (cgroup v2): down"; ok=1; fi
if [ -s "$NS/nspawn.pid" ] && kill -0 "$(cat "$NS/nspawn.pid")" 2>/dev/null && [ -S "$BUS" ]; then log "manager: up"; else log "manager: down"; ok=1; fi
# the registry is reported, not required: an environment brought up before it existed stays "up"
if pid_is "$RG/registry.pid" docker-registry >/dev/null && curl -sf --max-time 2 "http://$REGISTRY/v2/" >/dev/null 2>&1; then
  log "registry $REGISTRY: up"
else
  log "registry $REGISTRY: down (testenv/registry-up.sh starts it)"
fi
exit $ok
