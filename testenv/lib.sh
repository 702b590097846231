# shellcheck shell=bash disable=SC2034  # the settings are used by the scripts that source this
# testenv/lib.sh — shared settings and helpers for the unitgen test-environment scripts.
# Sourced (never run) by up.sh, down.sh, exec.sh, smoke.sh and the per-piece scripts.
#
# Layout (all under the state dir, so `down.sh --purge` removes everything):
#   $T                      UNITGEN_TESTENV, default /tmp/unitgen-testenv
#   $T/env.sh               the `export NAME=value` lines printed by up.sh
#   $T/docker1/             first engine: data/ exec/ sock/docker.sock dockerd.pid dockerd.log
#   $T/docker2/             cgroup-v2 engine: data/ exec/ docker.sock dockerd.pid dockerd.log
#   $T/nspawn/              manager: dbus/system_bus_socket nspawn.pid nspawn.log
#   $T/nsroot/              the manager's root (units go to etc/systemd/system, journal in var/log/journal)
#   $T/registry/            the loopback registry: config.yml data/ registry.pid registry.log
#   $CACHE/rootfs/          debootstrapped bookworm rootfs (shared by the image and nsroot)
#   $CACHE/debs/            debootstrap's package cache
# Env (all optional):
#   UNITGEN_TESTENV          state dir (default /tmp/unitgen-testenv)
#   UNITGEN_TESTENV_CACHE    rootfs + .deb cache (default $UNITGEN_TESTENV/cache); point it outside
#                            the state dir to keep the rootfs across `down.sh --purge`
#   UNITGEN_TESTENV_TIMEOUT  seconds to wait for a daemon/manager to come up or go down (default 60)
#   UNITGEN_TESTENV_CGROUP   prefix of the cgroups the scripts create (default unitgen-testenv-HASH,
#                            HASH from the state dir's path)
#   UNITGEN_TEST_IMAGE       image name (default unitgen-test/debian-systemd:bookworm)
#   UNITGEN_TEST_REGISTRY    HOST:PORT of the loopback registry (default 127.0.0.1:5000; must be in 127.0.0.0/8)
#   DEBIAN_MIRROR            debootstrap mirror (default http://deb.debian.org/debian)

case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH=$PATH:/usr/sbin:/sbin ;; esac

T=${UNITGEN_TESTENV:-/tmp/unitgen-testenv}
case "$T" in /?*) ;; *) echo "UNITGEN_TESTENV must be an absolute path (got '$T')" >&2; exit 2 ;; esac
T=${T%/}
CACHE=${UNITGEN_TESTENV_CACHE:-$T/cache}
CACHE=${CACHE%/}
TIMEOUT=${UNITGEN_TESTENV_TIMEOUT:-60}
# cgroup names carry a hash of the state dir: down.sh for one state dir never touches another's
CGP=${UNITGEN_TESTENV_CGROUP:-unitgen-testenv-$(printf %s "$T" | sha256sum | cut -c1-8)}
IMAGE=${UNITGEN_TEST_IMAGE:-unitgen-test/debian-systemd:bookworm}
export UNITGEN_TESTENV=$T UNITGEN_TESTENV_CACHE=$CACHE

ROOTFS=$CACHE/rootfs
D1=$T/docker1                     # first engine (cgroup v1 view, the host's)
SOCK1=/var/run/docker.sock        # its main listener (docker-java's default)
SOCK1_INNER=$D1/sock/docker.sock  # its second listener, bind-mounted into the manager
D2=$T/docker2                     # second engine (pure cgroup v2 view)
SOCK2=$D2/docker.sock
NS=$T/nspawn
NSROOT=$T/nsroot
BUS=$NS/dbus/system_bus_socket
BUS_ADDR=unix:path=$BUS
MACHINE=unitgen-testenv
V2ROOT=/sys/fs/cgroup/unified     # the host's cgroup2 mount (hybrid layout)
CG_D1=$CGP-docker1                # dockerd #1 + its containerd/shims (unified), its containers (v1 parent)
CG_D2=$CGP-docker2                # root of the v2 engine's cgroup namespace (unified)
CG_NS=$CGP-nspawn                 # the nspawn manager (name=systemd + unified)
RG=$T/registry                    # the loopback registry (docker-registry)
REGISTRY=${UNITGEN_TEST_REGISTRY:-127.0.0.1:5000}
case "$REGISTRY" in 127.*:[0-9]*) ;; *) echo "UNITGEN_TEST_REGISTRY must be 127.x.y.z:PORT (dockerd trusts only loopback over HTTP by default; got '$REGISTRY')" >&2; exit 2 ;; esac
CG_RG=$CGP-registry               # the registry (unified)

_LOG_TAG=${_LOG_TAG:-$(basename "$0" .sh)}
_T0=$(date +%s.%N)
log() { echo "[$_LOG_TAG] $*" >&2; }
elapsed() { echo "$(date +%s.%N) $_T0" | awk '{printf "%.1f", $1-$2}'; }
die() { log "ERROR: $*"; exit 1; }
# die_log FILE MSG: fail with the tail of a log file on stderr
die_log() {
  local f=$1; shift
  log "ERROR: $*"
  if [ -f "$f" ]; then log "--- tail of $f ---"; tail -n 30 "$f" >&2; log "---"; fi
  exit 1
}

# Serialise up/down runs on one state dir. The lock fd (9) must not leak into the daemons
# (they would hold the lock forever): every background start closes it with 9>&-.
take_lock() {
  [ "${_UNITGEN_TESTENV_LOCKED:-}" = "$T" ] && return 0
  mkdir -p "$T"
  exec 9>"$T/.lock"
  flock -w 900 9 || die "another testenv script holds $T/.lock for 900 s"
  export _UNITGEN_TESTENV_LOCKED=$T
}

# apt_ensure CMD:PACKAGE... — install the packages whose command is missing. A policy-rc.d
# that denies every start is in force during the install, so docker.io/containerd's init
# scripts do not start daemons with default options.
apt_ensure() {
  local missing=() cp
  for cp in "$@"; do command -v "${cp%%:*}" >/dev/null 2>&1 || missing+=("${cp#*:}"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local prc=/usr/sbin/policy-rc.d saved="" made=0 rc=0 aopt
  aopt=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3 -o Acquire::http::Timeout=60 -q)
  if [ -e "$prc" ]; then
    "$prc" docker start >/dev/null 2>&1 || rc=$?
    if [ "$rc" != 101 ]; then saved=$prc.unitgen-saved; mv "$prc" "$saved"; fi
  fi
  if [ ! -e "$prc" ]; then printf '#!/bin/sh\nexit 101\n' > "$prc"; chmod 755 "$prc"; made=1; fi
  log "installing ${missing[*]} (apt-get)"
  apt-get "${aopt[@]}" update >&2 || log "WARNING: apt-get update failed; trying with the package lists there are"
  rc=0
  DEBIAN_FRONTEND=noninteractive apt-get "${aopt[@]}" install -y --no-install-recommends "${missing[@]}" >&2 || rc=$?
  if [ $made = 1 ]; then rm -f "$prc"; fi
  if [ -n "$saved" ]; then mv "$saved" "$prc"; fi
  [ $rc = 0 ] || die "apt-get install ${missing[*]} failed (exit $rc)"
  for cp in "$@"; do command -v "${cp%%:*}" >/dev/null 2>&1 || die "${cp%%:*} still missing after installing ${cp#*:}"; done
  log "installed after $(elapsed) s"
}

# ping SOCKET: does a Docker engine answer there?
ping_sock() { curl -sf --max-time 2 --unix-socket "$1" http://localhost/_ping >/dev/null 2>&1; }
dk1() { docker -H "unix://$SOCK1" "$@"; }
dk2() { docker -H "unix://$SOCK2" "$@"; }

# pid_is FILE COMM: FILE holds the pid of a live process whose comm is COMM and whose command
# line names FILE's directory (so a recycled pid is not taken for ours); prints the pid
pid_is() {
  local pid
  [ -s "$1" ] || return 1
  pid=$(cat "$1" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$(dirname "$1")/" || return 1
  echo "$pid"
}

# mounts_under DIR: mount points at or below DIR in this mount namespace, deepest first
mounts_under() {
  awk -v d="$1" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r
}
# safe_rm DIR: unmount whatever is mounted below DIR, then delete it without crossing filesystems
safe_rm() {
  local dir=$1 m
  case "$dir" in "$T"/?*|"$CACHE"/?*|"$T") ;; *) die "refusing to delete '$dir' (outside $T and $CACHE)" ;; esac
  [ -e "$dir" ] || return 0
  for m in $(mounts_under "$dir"); do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || log "WARNING: cannot unmount $m"; done
  rm -rf --one-file-system -- "$dir"
}

# The host's cgroup mounts (full mountinfo lines), to prove the scripts left them unchanged.
cgroup_mounts() { grep cgroup /proc/self/mountinfo || true; }

# cg_procs NAME: pids in /sys/fs/cgroup/*/NAME (any hierarchy, any depth)
cg_procs() {
  local h
  for h in /sys/fs/cgroup/*/"$1"; do
    if [ -d "$h" ]; then find "$h" -name cgroup.procs -exec cat {} + 2>/dev/null || true; fi
  done | sort -un
}
# cg_kill NAME: SIGKILL what is left in the cgroup trees NAME. Call only when their owner daemon
# is gone: everything there was started by it (orphaned containerd, shims, containers).
cg_kill() {
  local pids
  for _ in $(seq 1 50); do
    pids=$(cg_procs "$1")
    [ -z "$pids" ] && return 0
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    sleep 0.1
  done
  log "WARNING: processes survive in cgroup $1: $(cg_procs "$1" | tr '\n' ' ')"
}
# cg_reset NAME: before (re)starting a daemon: kill what a dead predecessor left in the cgroup
# trees NAME and remove them (the caller recreates what it needs)
cg_reset() {
  local left
  left=$(cg_procs "$1")
  if [ -n "$left" ]; then
    log "WARNING: killing what a dead predecessor left in cgroup $1: pids $(echo "$left" | tr '\n' ' ')"
  fi
  cg_remove "$1"
}
# cg_remove NAME: cg_kill, then rmdir the cgroup trees NAME bottom-up
cg_remove() {
  local name=$1 h
  cg_kill "$name"
  for h in /sys/fs/cgroup/*/"$name"; do
    [ -d "$h" ] || continue
    find "$h" -depth -type d -exec rmdir {} \; 2>/dev/null || true
    if [ -d "$h" ]; then log "WARNING: could not remove cgroup $h"; fi
  done
  return 0
}

# emit NAME VALUE: one eval-able export line on stdout
emit() { printf 'export %s=%q\n' "$1" "$2"; }

# rootfs_recipe_id: identifies what rootfs-build.sh builds; a change rebuilds rootfs, image, nsroot
ROOTFS_SUITE=bookworm
ROOTFS_INCLUDE=systemd,systemd-sysv,dbus,procps
ROOTFS_POST_VERSION=2   # bump when rootfs-build.sh's post-processing changes
rootfs_recipe_id() {
  echo "suite=$ROOTFS_SUITE variant=minbase include=$ROOTFS_INCLUDE post=$ROOTFS_POST_VERSION arch=$(dpkg --print-architecture)" \
    | sha256sum | cut -c1-16
}
