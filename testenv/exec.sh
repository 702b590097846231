#!/bin/bash
# testenv/exec.sh CMD... — run CMD inside the nspawn manager's container (all its namespaces:
# mount, pid, net, uts, ipc, cgroup), e.g.
#   testenv/exec.sh systemctl show -p ActiveState,SubState,Result,ExecMainStatus foo.service
#   testenv/exec.sh journalctl -u foo.service --no-pager
#   testenv/exec.sh docker ps          (the docker client inside talks to the first engine)
# (Host-side systemctl cannot target the container: it checks that the host booted with systemd.)
# Env: UNITGEN_TESTENV (see lib.sh). Exit status: CMD's; 1 if the manager is not running.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
[ $# -gt 0 ] || { echo "usage: $0 CMD [ARG...]" >&2; exit 2; }
np=$(pid_is "$NS/nspawn.pid" systemd-nspawn) || die "the manager is not running (run testenv/up.sh)"
pid1=""
for c in $(pgrep -P "$np"); do
  if [ "$(cat "/proc/$c/comm" 2>/dev/null)" = systemd ]; then pid1=$c; break; fi
done
[ -n "$pid1" ] || die "no systemd child of systemd-nspawn $np"
exec nsenter -t "$pid1" -a "$@"
