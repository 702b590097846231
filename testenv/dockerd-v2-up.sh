#!/bin/bash
# testenv/dockerd-v2-up.sh — idempotent: a SECOND Docker engine that sees a pure cgroup v2
# host, beside the first one, on this cgroup v1/v2 hybrid machine. Run dockerd-up.sh first
# (it installs the engine and holds the image, which is copied from it with save | load).
#
# How: the cgroup $CGP-docker2 in the host's v2 tree (/sys/fs/cgroup/unified) becomes the root
# of a new cgroup namespace; in new mount + cgroup + net namespaces with private propagation,
# cgroup2 is mounted over /sys/fs/cgroup (only in that namespace; from a non-init cgroup
# namespace it cannot change the global cgroup2 flags) and dockerd runs there with its own
# data/exec roots, socket, managed containerd (namespace "docker2") and bridge (inside the
# private netns, --iptables=false). The host's /sys/fs/cgroup mounts are not touched.
# Fidelity limits (measured): no controllers in that v2 tree, so --cpus is refused and
# --memory/--pids-limit are ignored with a warning; containers have no network to the host.
#
# Env: see lib.sh. Output (stdout, eval-able; NOT DOCKER_HOST, so the caller's default engine
# stays the first one — use `docker -H "$UNITGEN_DOCKER_V2_HOST" ...`):
#   export UNITGEN_DOCKER_V2_HOST=unix://$T/docker2/docker.sock
#   export UNITGEN_DOCKERD_V2_PID=<pid>
# Logs on stderr; the daemon's log is $T/docker2/dockerd.log.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

# --- stage 2: runs inside the new namespaces (started by stage 1 below) ---
if [ "${1:-}" = "--in-namespace" ]; then
  # unshare --propagation private made every mount private: nothing below leaks out.
  if grep -q ' shared:' /proc/self/mountinfo; then echo "mounts not private, refusing" >&2; exit 1; fi
  mount -t cgroup2 cgroup2 /sys/fs/cgroup
  # Drop this namespace's copies of the first engine's and the manager's mounts (overlays,
  # netns files), so they are not kept alive here.
  for m in $(mounts_under "$D1") $(mounts_under "$NSROOT"); do umount -l "$m" 2>/dev/null || true; done
  ip link set lo up 2>/dev/null || true
  exec dockerd \
      --data-root="$D2/data" --exec-root="$D2/exec" --pidfile="$D2/dockerd.pid" \
      -H "unix://$SOCK2" --storage-driver=overlay2 \
      --exec-opt native.cgroupdriver=cgroupfs \
      --containerd-namespace=docker2 --containerd-plugins-namespace=docker2-plugins \
      --iptables=false --ip-masq=false --bip=172.29.0.1/24
fi

take_lock

# 0. preconditions
if [ "$(stat -f -c %T /sys/fs/cgroup 2>/dev/null)" = cgroup2fs ]; then
  die "this host is already pure cgroup v2: the first engine is a v2 engine, no second one needed"
fi
[ "$(stat -f -c %T "$V2ROOT" 2>/dev/null)" = cgroup2fs ] || die "no cgroup2 mounted at $V2ROOT"
command -v dockerd >/dev/null || die "dockerd missing: run dockerd-up.sh first"
apt_ensure unshare:util-linux ip:iproute2 curl:curl

# 1. start
mkdir -p "$D2/data" "$D2/exec"
if pid=$(pid_is "$D2/dockerd.pid" dockerd) && ping_sock "$SOCK2"; then
  log "v2 dockerd already running (pid $pid)"
else
  if pid=$(pid_is "$D2/dockerd.pid" dockerd); then
    die_log "$D2/dockerd.log" "our v2 dockerd (pid $pid) runs but does not answer on $SOCK2; run down.sh"
  fi
  ping_sock "$SOCK2" && die "something else answers on $SOCK2"
  cg_reset "$CG_D2"
  # a stale pid file makes dockerd wait for a containerd that is gone (or a zombie)
  rm -f "$D2/exec/containerd/containerd.pid"
  rm -f "$D2/dockerd.pid" "$SOCK2"
  mkdir -p "$V2ROOT/$CG_D2"
  log "starting v2 dockerd (cgroup namespace root $V2ROOT/$CG_D2, log $D2/dockerd.log)"
  # sh moves itself into the cgroup, then unshare (no fork) execs stage 2, which execs
  # dockerd: one pid all along, so dockerd.pid is also the namespaces' holder.
  # shellcheck disable=SC2016  # $$, $0, $@ are for the inner sh
  setsid nohup sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$V2ROOT/$CG_D2" \
    unshare --mount --cgroup --net --propagation private "$HERE/dockerd-v2-up.sh" --in-namespace \
    </dev/null >>"$D2/dockerd.log" 2>&1 9>&- &
  launcher=$!
  for _ in $(seq 1 $((TIMEOUT * 10))); do
    ping_sock "$SOCK2" && break
    kill -0 "$launcher" 2>/dev/null || die_log "$D2/dockerd.log" "v2 dockerd exited during startup"
    sleep 0.1
  done
  ping_sock "$SOCK2" || die_log "$D2/dockerd.log" "v2 dockerd not ready after ${TIMEOUT}s"
  pid=$(pid_is "$D2/dockerd.pid" dockerd) || die_log "$D2/dockerd.log" "v2 dockerd answers but $D2/dockerd.pid is not a dockerd"
  log "v2 dockerd ready after $(elapsed) s (pid $pid)"
fi
v=$(dk2 info --format '{{.CgroupVersion}}' 2>/dev/null || true)
[ "$v" = 2 ] || die_log "$D2/dockerd.log" "v2 engine reports Cgroup Version '$v', not 2"

# 2. image: copy from the first engine (same rootfs recipe id label)
want=$(dk1 image inspect -f '{{index .Config.Labels "unitgen.testenv.rootfs"}}' "$IMAGE" 2>/dev/null) \
  || die "the first engine has no $IMAGE: run dockerd-up.sh first"
have=$(dk2 image inspect -f '{{index .Config.Labels "unitgen.testenv.rootfs"}}' "$IMAGE" 2>/dev/null || true)
if [ "$have" != "$want" ]; then
  log "copying $IMAGE from the first engine"
  old=$(dk2 image inspect -f '{{.Id}}' "$IMAGE" 2>/dev/null || true)
  dk1 save "$IMAGE" | dk2 load >/dev/null || die_log "$D2/dockerd.log" "docker save | docker load failed"
  have=$(dk2 image inspect -f '{{index .Config.Labels "unitgen.testenv.rootfs"}}' "$IMAGE" 2>/dev/null || true)
  [ "$have" = "$want" ] || die "image copy to the v2 engine did not take (label '$have', want '$want')"
  new=$(dk2 image inspect -f '{{.Id}}' "$IMAGE")
  if [ -n "$old" ] && [ "$old" != "$new" ]; then dk2 rmi "$old" >/dev/null 2>&1 || true; fi
  log "image ready after $(elapsed) s"
fi

emit UNITGEN_DOCKER_V2_HOST "unix://$SOCK2"
emit UNITGEN_DOCKERD_V2_PID "$pid"
