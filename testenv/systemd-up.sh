#!/bin/bash
# testenv/systemd-up.sh — idempotent: boot a real systemd (252, Debian bookworm) system manager
# as PID 1 of a systemd-nspawn container and expose its system bus to the host.
#
#   systemd-nspawn -D $T/nsroot --boot --register=no --keep-unit --private-network
#
# * $T/nsroot is a copy of the debootstrapped rootfs (rootfs-build.sh) with its own machine-id
#   (so its journal directory is stable); recreated when the rootfs recipe changes while the
#   manager is down. Units written there persist across down/up (not across --purge).
# * Its /run/dbus is bind-mounted from $T/nspawn/dbus, so a D-Bus client outside (busctl,
#   dbus-java) reaches unix:path=$T/nspawn/dbus/system_bus_socket as root (EXTERNAL auth).
#   Host `systemctl` refuses to talk to it (the host did not boot with systemd): use D-Bus,
#   or exec.sh (nsenter) to run systemctl inside.
# * Units run INSIDE the container: /usr/bin/docker (and /usr/local/bin/docker if present) are
#   bind-mounted read-only and /run/docker.sock there is a symlink to the first engine's second
#   listener ($T/docker1/sock, bind-mounted at /run/dockerhost). Run dockerd-up.sh first.
# * nspawn runs in the cgroups $CGP-nspawn (name=systemd and unified hierarchies), so nothing
#   lands in the host's root cgroup and down.sh can remove it all.
# Exits 0 once the manager's SystemState is running (or degraded, with a warning listing the
# failed units) within UNITGEN_TESTENV_TIMEOUT seconds; otherwise non-zero with the log tail.
# Output (stdout, eval-able):
#   export UNITGEN_TEST_BUS_ADDRESS=unix:path=$T/nspawn/dbus/system_bus_socket
#   export UNITGEN_TEST_ROOT=$T/nsroot                        (the container's /)
#   export UNITGEN_TEST_UNIT_DIR=$T/nsroot/etc/systemd/system (write .service files here)
#   export UNITGEN_TEST_JOURNAL_DIR=$T/nsroot/var/log/journal (journalctl -D DIR -u X)
#   export UNITGEN_NSPAWN_PID=<systemd-nspawn pid>
#   export UNITGEN_CONTAINER_PID1=<host pid of the container's systemd>
# The bus address is deliberately NOT exported as DBUS_SYSTEM_BUS_ADDRESS: that would send
# every D-Bus client of the caller to the container.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
take_lock

sysstate() {
  busctl --address="$BUS_ADDR" --timeout=2 get-property org.freedesktop.systemd1 /org/freedesktop/systemd1 \
    org.freedesktop.systemd1.Manager SystemState 2>/dev/null | awk '{gsub(/"/, "", $2); print $2}'
}
nspawn_pid() { pid_is "$NS/nspawn.pid" systemd-nspawn; }
# the container's PID 1: the child of nspawn that runs systemd
pid1() {
  local np=$1 c
  for c in $(pgrep -P "$np"); do
    [ "$(cat "/proc/$c/comm" 2>/dev/null)" = systemd ] && { echo "$c"; return 0; }
  done
  return 1
}

wait_ready() {
  local st=""
  for _ in $(seq 1 $((TIMEOUT * 10))); do
    st=$(sysstate || true)
    case "$st" in running|degraded) break ;; esac
    nspawn_pid >/dev/null || die_log "$NS/nspawn.log" "systemd-nspawn died"
    sleep 0.1
  done
  case "$st" in
    running) ;;
    degraded)
      log "WARNING: the manager is degraded; failed units:"
      nsenter -t "$(pid1 "$(nspawn_pid)")" -a systemctl --failed --no-legend >&2 || true ;;
    *) die_log "$NS/nspawn.log" "manager not ready after ${TIMEOUT}s (SystemState='$st')" ;;
  esac
  log "manager $st after $(elapsed) s"
}

print_env() {
  local np p1
  np=$(nspawn_pid) || die_log "$NS/nspawn.log" "systemd-nspawn died"
  p1=$(pid1 "$np") || die "no systemd child of systemd-nspawn $np"
  emit UNITGEN_TEST_BUS_ADDRESS "$BUS_ADDR"
  emit UNITGEN_TEST_ROOT "$NSROOT"
  emit UNITGEN_TEST_UNIT_DIR "$NSROOT/etc/systemd/system"
  emit UNITGEN_TEST_JOURNAL_DIR "$NSROOT/var/log/journal"
  emit UNITGEN_NSPAWN_PID "$np"
  emit UNITGEN_CONTAINER_PID1 "$p1"
}

# --- already up? -----------------------------------------------------------
if np=$(nspawn_pid); then
  log "systemd-nspawn already running (pid $np)"
  wait_ready; print_env; exit 0
fi

# --- prerequisites ----------------------------------------------------------
apt_ensure systemd-nspawn:systemd-container busctl:systemd pgrep:procps nsenter:util-linux
ping_sock "$SOCK1_INNER" || die "the first engine does not answer on $SOCK1_INNER: run dockerd-up.sh first"
for h in systemd unified; do
  [ -d "/sys/fs/cgroup/$h" ] || die "no /sys/fs/cgroup/$h hierarchy (expected a cgroup v1/v2 hybrid host)"
done
id=$("$HERE/rootfs-build.sh")
if [ "$(cat "$NSROOT/.unitgen-nsroot-ok" 2>/dev/null)" != "$id" ]; then
  log "creating the container root $NSROOT from rootfs $id"
  safe_rm "$NSROOT.partial"
  cp -a "$ROOTFS" "$NSROOT.partial"
  rm -f "$NSROOT.partial/.unitgen-rootfs-ok"
  systemd-id128 new > "$NSROOT.partial/etc/machine-id"         # stable journal directory
  mkdir -p "$NSROOT.partial/var/log/journal" "$NSROOT.partial/run/dockerhost"
  # units' `docker ...` reach the first engine through the bind-mounted socket dir
  echo 'L+ /run/docker.sock - - - - /run/dockerhost/docker.sock' > "$NSROOT.partial/etc/tmpfiles.d/unitgen-docker.conf"
  echo "$id" > "$NSROOT.partial/.unitgen-nsroot-ok"
  safe_rm "$NSROOT"
  mv -T "$NSROOT.partial" "$NSROOT"
fi

# --- start ------------------------------------------------------------------
cg_reset "$CG_NS"
mkdir -p "$NS/dbus"
rm -f "$BUS" "$NS/nspawn.pid"
binds=(--bind="$NS/dbus:/run/dbus" --bind="$D1/sock:/run/dockerhost")
for f in /usr/bin/docker /usr/local/bin/docker; do
  if [ -x "$f" ]; then binds+=(--bind-ro="$f:$f"); fi
done
for h in systemd unified; do mkdir -p "/sys/fs/cgroup/$h/$CG_NS"; done
log "booting the manager (log $NS/nspawn.log)"
# sh records its pid, joins our cgroups, then execs nspawn: one pid.
# shellcheck disable=SC2016  # $$, $0, $@ are for the inner sh
setsid nohup sh -c '
  echo $$ > "$0/nspawn.pid"
  for h in systemd unified; do echo $$ > "/sys/fs/cgroup/$h/$1/cgroup.procs" || exit 1; done
  shift; exec "$@"' "$NS" "$CG_NS" \
  systemd-nspawn -D "$NSROOT" --boot --machine="$MACHINE" \
    --register=no --keep-unit --private-network --console=passive \
    "${binds[@]}" \
  </dev/null >"$NS/nspawn.log" 2>&1 9>&- &
launcher=$!
for _ in $(seq 1 50); do
  nspawn_pid >/dev/null && break
  kill -0 "$launcher" 2>/dev/null || die_log "$NS/nspawn.log" "systemd-nspawn exited during startup"
  sleep 0.1
done
np=$(nspawn_pid) || die_log "$NS/nspawn.log" "systemd-nspawn did not start"
log "systemd-nspawn pid $np"
wait_ready
print_env
