#!/bin/bash
# testenv/restart.sh manager|engine-term|engine-kill [DOWN_SECONDS] — restart one piece of a
# running test environment, as the end-to-end tests of "services survive the engine" and
# "units come back at boot" need:
#   manager      SIGTERM to systemd-nspawn = an orderly poweroff of the manager (its units stop
#                while the engine is up), then a boot (systemd-up.sh): enabled units start again
#                with unitgen not running. The bus socket path stays the same.
#   engine-term  SIGTERM to the first dockerd (what a package upgrade does: it closes its API,
#                then stops every container), wait until it has exited, stay down DOWN_SECONDS
#                (default 0), start it again (dockerd-up.sh).
#   engine-kill  the same with SIGKILL (containerd and the shims survive it; dockerd-up.sh's
#                start cleans them up, as a real dockerd start does).
# Prints the `export NAME=value` lines that changed (pids) and rewrites them in $T/env.sh.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
what=${1:-}
down=${2:-0}
[ "$(id -u)" = 0 ] || die "must run as root"
[ -f "$T/env.sh" ] || die "the test environment is not up ($T/env.sh missing): run up.sh"

wait_gone() { # PID WHAT
  for _ in $(seq 1 $((TIMEOUT * 10))); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  die "$2 (pid $1) did not exit within ${TIMEOUT}s"
}
update_env() { # the printed export lines replace the same names in env.sh
  local out=$1 line name
  printf '%s\n' "$out"
  while IFS= read -r line; do
    case "$line" in export\ *=*) ;; *) continue ;; esac
    name=${line#export }; name=${name%%=*}
    grep -v -e "^export $name=" "$T/env.sh" > "$T/env.sh.tmp" || true
    printf '%s\n' "$line" >> "$T/env.sh.tmp"
    mv "$T/env.sh.tmp" "$T/env.sh"
  done <<<"$out"
}

case "$what" in
  manager)
    pid=$(pid_is "$NS/nspawn.pid" systemd-nspawn) || die "the manager is not running"
    kill -TERM "$pid"
    wait_gone "$pid" "systemd-nspawn"
    log "manager stopped after $(elapsed) s"
    sleep "$down"
    out=$("$HERE/systemd-up.sh")
    log "manager booted again after $(elapsed) s"
    update_env "$out"
    ;;
  engine-term|engine-kill)
    sig=TERM; [ "$what" = engine-kill ] && sig=KILL
    pid=$(pid_is "$D1/dockerd.pid" dockerd) || die "the first engine is not running"
    kill -"$sig" "$pid"
    wait_gone "$pid" "dockerd"
    log "dockerd (pid $pid) ended by SIG$sig after $(elapsed) s"
    sleep "$down"
    out=$("$HERE/dockerd-up.sh")
    log "dockerd up again after $(elapsed) s"
    update_env "$out"
    ;;
  *) echo "usage: $0 manager|engine-term|engine-kill [DOWN_SECONDS]" >&2; exit 2 ;;
esac
