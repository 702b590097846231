#!/bin/bash
# testenv/down.sh [--purge] — stop everything testenv/up.sh started; idempotent and safe when
# nothing runs. In order:
#  1. the nspawn manager: SIGTERM to systemd-nspawn = orderly poweroff of the container (its
#     units' ExecStop run while the engine is still up); SIGKILL after UNITGEN_TESTENV_TIMEOUT s.
#  2. the cgroup v2 engine: its containers removed, SIGTERM (SIGKILL after the timeout); its
#     containerd, shims and private namespaces go with it.
#  3. the first engine, in parallel with 2: likewise; then the docker0 bridge, /run/docker,
#     /run/containerd and /etc/docker/key.json are deleted if its dockerd created them
#     (Docker's iptables chains, and its FORWARD policy DROP, stay).
#  4. the loopback registry (registry-up.sh), in parallel with 2 and 3: SIGTERM, SIGKILL after
#     the timeout; what was pushed stays in $T/registry/data until --purge.
#  Then whatever is left in the cgroups the scripts created ($CGP-nspawn, $CGP-docker1,
#  $CGP-docker2, $CGP-registry, in every hierarchy) is SIGKILLed — it can only be a process those daemons
#  started — and the cgroups are removed. Nothing is ever killed by name.
# --purge also deletes the state dir $UNITGEN_TESTENV (images, containers, the manager's root
# with its units and journal, the rootfs cache unless UNITGEN_TESTENV_CACHE points elsewhere).
# Exit status: 0, or 1 if a process of ours or one of our cgroups survived (listed on stderr).
# The host's cgroup mounts are checked to be unchanged. Env: see lib.sh.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
purge=0
case "${1:-}" in
  "") ;;
  --purge) purge=1 ;;
  *) echo "usage: $0 [--purge]" >&2; exit 2 ;;
esac
[ "$(id -u)" = 0 ] || die "must run as root"
if [ ! -d "$T" ]; then log "nothing to do: $T does not exist"; exit 0; fi
take_lock
before=$(cgroup_mounts)
rm -f "$T/env.sh"

# stop_pid PID WHAT: SIGTERM, wait up to $TIMEOUT s, then SIGKILL
stop_pid() {
  local pid=$1 what=$2 t0=$SECONDS
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 $((TIMEOUT * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    log "$what (pid $pid) still alive after ${TIMEOUT}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  log "$what (pid $pid) stopped in $((SECONDS - t0)) s"
}
# rm_containers SOCKET: remove every container of that engine (all are ours: own data-root)
rm_containers() {
  local ids
  ids=$(docker -H "unix://$1" ps -aq 2>/dev/null) || return 0
  if [ -n "$ids" ]; then
    # shellcheck disable=SC2086
    docker -H "unix://$1" rm -f $ids >/dev/null 2>&1 || log "WARNING: could not remove some containers on $1"
  fi
}

# 1. the manager
if pid=$(pid_is "$NS/nspawn.pid" systemd-nspawn); then
  stop_pid "$pid" "systemd-nspawn"
else
  log "manager not running"
fi
cg_remove "$CG_NS"
rm -f "$NS/nspawn.pid" "$BUS"

# 2.+3. both engines, in parallel (independent of each other)
stop_engine() { # PIDFILE SOCKET WHAT
  local pid
  if pid=$(pid_is "$1" dockerd); then
    rm_containers "$2"
    stop_pid "$pid" "$3"
  else
    log "$3 not running"
  fi
}
stop_registry() {
  local pid
  if pid=$(pid_is "$RG/registry.pid" docker-registry); then stop_pid "$pid" "docker-registry"; else log "registry not running"; fi
}
stop_registry &
stop_engine "$D2/dockerd.pid" "$SOCK2" "v2 dockerd" &
stop_engine "$D1/dockerd.pid" "$SOCK1" "dockerd"
wait
cg_remove "$CG_RG"
rm -f "$RG/registry.pid"
cg_remove "$CG_D2"
cg_remove "$CG_D1"
rm -f "$D2/dockerd.pid" "$SOCK2" "$D1/dockerd.pid" "$SOCK1_INNER"
# dockerd removes its socket on a clean stop; remove a stale one only if nobody answers there
if [ -S "$SOCK1" ] && ! ping_sock "$SOCK1" && [ -d "$D1" ]; then rm -f "$SOCK1"; fi
# what the first dockerd start created on the host (see dockerd-up.sh), once no engine of ours runs
if [ -f "$D1/host-created" ] && ! pid_is "$D1/dockerd.pid" dockerd >/dev/null && ! pid_is "$D2/dockerd.pid" dockerd >/dev/null; then
  while read -r p; do
    case "$p" in
      docker0)
        if ip link show docker0 >/dev/null 2>&1 && ip link delete docker0; then log "deleted the docker0 bridge"; fi ;;
      /etc/docker/key.json)
        rm -f /etc/docker/key.json ;;
      /run/docker|/run/containerd)
        if [ -d "$p" ]; then
          # shim sockets left by a SIGKILLed shim: delete those no process listens on
          listening=$(ss -xlH 2>/dev/null | awk '{print $5}')
          find "$p" -type s 2>/dev/null | while read -r sock; do
            if ! grep -qxF -- "$sock" <<<"$listening"; then rm -f "$sock"; fi
          done
          find "$p" -depth -type d -empty -delete 2>/dev/null || true
        fi ;;
    esac
    if [ "$p" != docker0 ] && [ -e "$p" ]; then log "WARNING: left $p (not empty)"; fi
  done < "$D1/host-created"
  rm -f "$D1/host-created"
fi

# 4. check: nothing of ours left
rc=0
for name in "$CG_NS" "$CG_D1" "$CG_D2" "$CG_RG"; do
  for h in /sys/fs/cgroup/*/"$name"; do
    if [ -d "$h" ]; then log "ERROR: cgroup $h still exists"; rc=1; fi
  done
done
# processes whose command line names our state dir (dockerd, containerd, shims, nspawn)
left=$(pgrep -a -f -- "$T/" | grep -v -e "^$$ " || true)
if [ -n "$left" ]; then log "ERROR: processes of ours still running:"; echo "$left" >&2; rc=1; fi

if [ $purge = 1 ]; then
  if [ $rc = 0 ]; then
    safe_rm "$T"
    log "purged $T"
    case "$CACHE" in "$T"/*) ;; *) log "kept the cache $CACHE (outside the state dir)" ;; esac
  else
    log "ERROR: not purging $T while something of ours survives"
  fi
fi

after=$(cgroup_mounts)
if [ "$before" != "$after" ]; then
  log "ERROR: the host's cgroup mounts changed during down.sh:"; diff <(echo "$before") <(echo "$after") >&2 || true; rc=1
fi
if [ $rc = 0 ]; then log "down after $(elapsed) s"; fi
exit $rc
