#!/bin/bash
# testenv/registry-up.sh — idempotent: a real container registry on loopback for the pull tests.
#  1. installs Debian's docker-registry (the distribution registry 2.8) if missing, with the
#     policy-rc.d of apt_ensure, so the package's own service never starts;
#  2. starts `docker-registry serve $T/registry/config.yml` by hand: listens on
#     $UNITGEN_TEST_REGISTRY (default 127.0.0.1:5000; plain HTTP), stores under
#     $T/registry/data (so `down.sh --purge` deletes what was pushed), runs in the cgroup
#     /sys/fs/cgroup/unified/$CGP-registry so down.sh finds and removes all of it.
#     Refuses to start if something else listens on that address.
# Reachability: dockerd treats 127.0.0.0/8 as an insecure registry by default, so engine #1 (the
# host's network namespace) pushes to and pulls from it over HTTP with no daemon option and no
# restart. Engine #2 runs in a private network namespace: its 127.0.0.1 is its own, the registry
# is NOT reachable from it. Units inside the manager pull through engine #1's socket, so they
# reach it too.
# Output (stdout, eval-able): export UNITGEN_TEST_REGISTRY=127.0.0.1:5000
# When run by itself (not from up.sh) it also writes that line into $T/env.sh if that exists.
# Stopped by down.sh (SIGTERM, SIGKILL after the timeout; its cgroup removed). Log:
# $T/registry/registry.log. Env: see lib.sh.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
standalone=1
[ "${_UNITGEN_TESTENV_LOCKED:-}" = "$T" ] && standalone=0
take_lock

apt_ensure docker-registry:docker-registry curl:curl

ready() { curl -sf --max-time 2 "http://$REGISTRY/v2/" >/dev/null 2>&1; }
mkdir -p "$RG/data"
if pid=$(pid_is "$RG/registry.pid" docker-registry) && ready; then
  log "registry already running (pid $pid) on $REGISTRY"
else
  if pid=$(pid_is "$RG/registry.pid" docker-registry); then
    die_log "$RG/registry.log" "our registry (pid $pid) runs but does not answer on $REGISTRY; run down.sh"
  fi
  if curl -s --max-time 2 -o /dev/null "http://$REGISTRY/" 2>/dev/null; then
    die "something not started by these scripts answers on $REGISTRY: stop it, or set UNITGEN_TEST_REGISTRY"
  fi
  cg_reset "$CG_RG"
  rm -f "$RG/registry.pid"
  cat > "$RG/config.yml" <<CFG
# written by testenv/registry-up.sh
version: 0.1
log:
  level: info
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $RG/data
  delete:
    enabled: true
http:
  addr: $REGISTRY
CFG
  mkdir -p "$V2ROOT/$CG_RG"
  log "starting docker-registry on $REGISTRY (log $RG/registry.log)"
  # bash puts itself into our cgroup, writes its pid, closes every inherited descriptor above 2
  # (a caller's lock, e.g. `flock LOCK registry-up.sh`, must not be held by the daemon for its
  # whole life), then execs the registry: one pid
  # shellcheck disable=SC2016  # $$, $0, $1, $@ are for the inner bash
  setsid nohup bash -c 'echo $$ > "$0/cgroup.procs" && echo $$ > "$1" || exit 1
    for fd in $(ls /proc/$$/fd); do if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi; done 2>/dev/null
    shift; exec "$@"' \
    "$V2ROOT/$CG_RG" "$RG/registry.pid" docker-registry serve "$RG/config.yml" \
    </dev/null >>"$RG/registry.log" 2>&1 9>&- &
  launcher=$!
  for _ in $(seq 1 $((TIMEOUT * 10))); do
    ready && break
    kill -0 "$launcher" 2>/dev/null || die_log "$RG/registry.log" "docker-registry exited during startup"
    sleep 0.1
  done
  ready || die_log "$RG/registry.log" "docker-registry not ready after ${TIMEOUT}s"
  pid=$(pid_is "$RG/registry.pid" docker-registry) || die_log "$RG/registry.log" "the registry answers but $RG/registry.pid is not it"
  log "registry ready after $(elapsed) s (pid $pid)"
fi

line=$(emit UNITGEN_TEST_REGISTRY "$REGISTRY")
if [ $standalone = 1 ] && [ -f "$T/env.sh" ]; then
  { grep -v '^export UNITGEN_TEST_REGISTRY=' "$T/env.sh"; echo "$line"; } > "$T/env.sh.tmp"
  mv "$T/env.sh.tmp" "$T/env.sh"
fi
echo "$line"
