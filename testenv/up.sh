#!/bin/bash
# testenv/up.sh [--only docker|docker-v2|systemd] — idempotently bring up everything unitgen's
# end-to-end tests need on a Debian 12 build machine (root, PID 1 not systemd, cgroup v1/v2
# hybrid, no registry), and print eval-able `export NAME=value` lines on stdout:
#
#   eval "$(testenv/up.sh)"
#
# Pieces (each also runnable alone, in this order):
#   dockerd-up.sh     installs docker.io etc. if missing, the first dockerd, the test image
#                     (rootfs-build.sh: debootstrapped bookworm, docker import)
#   dockerd-v2-up.sh  a second dockerd that sees a pure cgroup v2 host, image copied over
#   systemd-up.sh     systemd 252 as PID 1 under systemd-nspawn, its bus socket reachable outside
#   registry-up.sh    Debian's docker-registry on loopback (127.0.0.1:5000), for the pull tests
# --only PART brings up PART and what it needs: docker = first engine + image only;
# docker-v2 = docker + the v2 engine; systemd = docker + the manager. Default: all four.
#
# Exports (also written to $UNITGEN_TESTENV/env.sh, so `. /tmp/unitgen-testenv/env.sh` works):
#   UNITGEN_TESTENV           the state dir (default /tmp/unitgen-testenv)
#   DOCKER_HOST               unix:///var/run/docker.sock, the first engine (cgroup v1, the host's view)
#   UNITGEN_DOCKERD_PID       its pid
#   UNITGEN_TEST_IMAGE        unitgen-test/debian-systemd:bookworm (local only; CMD /lib/systemd/systemd,
#                             ENV container=docker; no STOPSIGNAL: use --stop-signal SIGRTMIN+3)
#   UNITGEN_DOCKER_V2_HOST    unix://$T/docker2/docker.sock, the pure cgroup v2 engine (same image)
#   UNITGEN_DOCKERD_V2_PID    its pid
#   UNITGEN_TEST_BUS_ADDRESS  unix:path=$T/nspawn/dbus/system_bus_socket, the manager's system bus
#                             (deliberately not DBUS_SYSTEM_BUS_ADDRESS)
#   UNITGEN_TEST_ROOT         $T/nsroot, the manager's / (units go to $UNITGEN_TEST_ROOT/etc/systemd/system)
#   UNITGEN_TEST_UNIT_DIR     $T/nsroot/etc/systemd/system
#   UNITGEN_TEST_JOURNAL_DIR  $T/nsroot/var/log/journal (journalctl -D "$UNITGEN_TEST_JOURNAL_DIR" -u X)
#   UNITGEN_NSPAWN_PID        pid of systemd-nspawn
#   UNITGEN_CONTAINER_PID1    host pid of the manager (nsenter -t PID -a ..., or use exec.sh)
#   UNITGEN_TEST_REGISTRY     127.0.0.1:5000, the loopback registry (plain HTTP; reachable from engine #1
#                             and the units, not from engine #2)
# Env: see lib.sh (UNITGEN_TESTENV, UNITGEN_TESTENV_CACHE, UNITGEN_TESTENV_TIMEOUT, ...).
# Logs go to stderr; daemon logs are in the state dir. Any piece that cannot come up within its
# timeout makes up.sh exit non-zero with that piece's log tail. up.sh also checks that the
# host's cgroup mounts (/proc/self/mountinfo) are the same afterwards as before.
# Measured on a 2-core build VM: see testenv/README.md. Stop with testenv/down.sh [--purge].
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

only=all
while [ $# -gt 0 ]; do
  case "$1" in
    --only) [ $# -ge 2 ] || { echo "usage: $0 [--only docker|docker-v2|systemd]" >&2; exit 2; }; only=$2; shift 2 ;;
    --only=*) only=${1#--only=}; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [--only docker|docker-v2|systemd]" >&2; exit 2 ;;
  esac
done
case "$only" in all|docker|docker-v2|systemd) ;; *) echo "unknown part '$only'" >&2; exit 2 ;; esac

[ "$(id -u)" = 0 ] || die "must run as root (starts daemons, mounts, cgroups)"
take_lock
before=$(cgroup_mounts)

# Install everything this run needs in one apt-get transaction (the pieces check again).
need=(dockerd:docker.io curl:curl ip:iproute2 flock:util-linux)
case "$only" in all|systemd) need+=(systemd-nspawn:systemd-container busctl:systemd pgrep:procps) ;; esac
case "$only" in all) need+=(docker-registry:docker-registry) ;; esac
[ -f "$ROOTFS/.unitgen-rootfs-ok" ] || need+=(debootstrap:debootstrap)
apt_ensure "${need[@]}"

out=$("$HERE/dockerd-up.sh")
case "$only" in all|docker-v2) out+=$'\n'$("$HERE/dockerd-v2-up.sh") ;; esac
case "$only" in all|systemd) out+=$'\n'$("$HERE/systemd-up.sh") ;; esac
case "$only" in all) out+=$'\n'$("$HERE/registry-up.sh") ;; esac
out=$(emit UNITGEN_TESTENV "$T")$'\n'$out

after=$(cgroup_mounts)
if [ "$before" != "$after" ]; then
  log "ERROR: the host's cgroup mounts changed during up.sh:"
  diff <(echo "$before") <(echo "$after") >&2 || true
  exit 1
fi

printf '%s\n' "# written by testenv/up.sh --only $only at $(date -Is)" "$out" > "$T/env.sh.tmp"
mv "$T/env.sh.tmp" "$T/env.sh"
log "environment up ($only) after $(elapsed) s; also in $T/env.sh"
printf '%s\n' "$out"
