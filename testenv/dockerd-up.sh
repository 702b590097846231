#!/bin/bash
# testenv/dockerd-up.sh — idempotent: the FIRST Docker engine and the test image.
#  1. installs docker.io (Debian's engine 20.10, API 1.41) and curl if missing (apt-get, with a
#     policy-rc.d that keeps the package's init scripts from starting daemons);
#  2. starts dockerd by hand (no systemd on the build machines): overlay2, cgroupfs driver,
#     the host's cgroup v1/v2 hybrid view, its own managed containerd. Listeners:
#       unix:///var/run/docker.sock          (DOCKER_HOST; docker-java's default path)
#       unix://$T/docker1/sock/docker.sock   (bind-mounted into the nspawn manager by systemd-up.sh)
#     The daemon (and so its containerd and shims) runs in the cgroup
#     /sys/fs/cgroup/unified/$CGP-docker1 and its containers under the cgroup parent
#     /$CGP-docker1, so down.sh can find and remove all of it.
#     Refuses to start if another engine already answers on /var/run/docker.sock.
#     Outside the state dir it creates (if absent, and then listed in $T/docker1/host-created
#     for down.sh): the docker0 bridge (+ Docker's iptables chains, which stay),
#     /run/docker, /run/containerd, /etc/docker/key.json.
#  3. builds the rootfs (rootfs-build.sh) and `docker import`s it as $UNITGEN_TEST_IMAGE
#     (CMD /lib/systemd/systemd, ENV container=docker, LABEL unitgen.testenv.rootfs=<recipe id>)
#     unless the engine already has that image with the current recipe id. The import goes to a
#     temporary tag first, so a broken import never carries the real name. `docker import`
#     cannot set STOPSIGNAL: pass --stop-signal SIGRTMIN+3 at run time for systemd containers.
# Env: see lib.sh (UNITGEN_TESTENV, UNITGEN_TESTENV_TIMEOUT, UNITGEN_TEST_IMAGE, ...).
# Output (stdout, eval-able):
#   export DOCKER_HOST=unix:///var/run/docker.sock
#   export UNITGEN_DOCKERD_PID=<pid>
#   export UNITGEN_TEST_IMAGE=unitgen-test/debian-systemd:bookworm
# Logs on stderr; the daemon's log is $T/docker1/dockerd.log.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
take_lock

# 1. install
apt_ensure dockerd:docker.io curl:curl ip:iproute2 flock:util-linux
command -v docker-init >/dev/null || log "WARNING: docker-init (package tini) missing: 'docker run --init' will fail"

# 2. start
ready() { ping_sock "$SOCK1" && ping_sock "$SOCK1_INNER"; }
mkdir -p "$D1/data" "$D1/exec" "$D1/sock"
if pid=$(pid_is "$D1/dockerd.pid" dockerd) && ready; then
  log "dockerd already running (pid $pid)"
else
  if pid=$(pid_is "$D1/dockerd.pid" dockerd); then
    die_log "$D1/dockerd.log" "our dockerd (pid $pid) runs but does not answer on $SOCK1 and $SOCK1_INNER; run down.sh"
  fi
  if ping_sock "$SOCK1"; then
    die "another Docker engine (not started by these scripts) answers on $SOCK1: stop it first"
  fi
  if [ -S /run/containerd/containerd.sock ] && \
     timeout 2 ctr --address /run/containerd/containerd.sock version >/dev/null 2>&1; then
    log "WARNING: a system containerd runs on /run/containerd/containerd.sock; dockerd will use it instead of its own (down.sh will not stop it)"
  fi
  cg_reset "$CG_D1"
  # a stale pid file makes dockerd wait for a containerd that is gone (or a zombie)
  rm -f "$D1/exec/containerd/containerd.pid"
  rm -f "$D1/dockerd.pid" "$SOCK1_INNER"
  # note what this start creates on the host, so down.sh removes exactly that (and no more)
  ip link show docker0 >/dev/null 2>&1 || echo docker0 >> "$D1/host-created"
  for p in /run/docker /run/containerd /etc/docker/key.json; do
    [ -e "$p" ] || echo "$p" >> "$D1/host-created"
  done
  mkdir -p "$V2ROOT/$CG_D1"
  log "starting dockerd (log $D1/dockerd.log)"
  # sh puts itself into our cgroup, then execs dockerd: one pid, and everything dockerd
  # starts (containerd, shims) inherits the cgroup.
  # shellcheck disable=SC2016  # $$, $0, $@ are for the inner sh
  setsid nohup sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$V2ROOT/$CG_D1" \
    dockerd \
      --data-root="$D1/data" --exec-root="$D1/exec" --pidfile="$D1/dockerd.pid" \
      --storage-driver=overlay2 --exec-opt native.cgroupdriver=cgroupfs \
      --cgroup-parent="/$CG_D1" \
      -H "unix://$SOCK1" -H "unix://$SOCK1_INNER" \
    </dev/null >>"$D1/dockerd.log" 2>&1 9>&- &
  launcher=$!
  for _ in $(seq 1 $((TIMEOUT * 10))); do
    ready && break
    kill -0 "$launcher" 2>/dev/null || die_log "$D1/dockerd.log" "dockerd exited during startup"
    sleep 0.1
  done
  ready || die_log "$D1/dockerd.log" "dockerd not ready after ${TIMEOUT}s"
  pid=$(pid_is "$D1/dockerd.pid" dockerd) || die_log "$D1/dockerd.log" "dockerd answers but $D1/dockerd.pid is not a dockerd"
  log "dockerd ready after $(elapsed) s (pid $pid)"
fi

# 3. image
id=$("$HERE/rootfs-build.sh")
have=$(dk1 image inspect -f '{{index .Config.Labels "unitgen.testenv.rootfs"}}' "$IMAGE" 2>/dev/null || true)
if [ "$have" != "$id" ]; then
  [ -n "$have" ] && log "image $IMAGE is from rootfs '$have', not '$id': re-importing"
  old=$(dk1 image inspect -f '{{.Id}}' "$IMAGE" 2>/dev/null || true)
  tmp=$IMAGE-importing
  log "importing $IMAGE"
  dk1 rmi -f "$tmp" >/dev/null 2>&1 || true
  if ! tar -C "$ROOTFS" --exclude=./.unitgen-rootfs-ok -c . | \
       dk1 import -c 'CMD ["/lib/systemd/systemd"]' -c 'ENV container=docker' \
         -c "LABEL unitgen.testenv.rootfs=$id" - "$tmp" >/dev/null; then
    dk1 rmi -f "$tmp" >/dev/null 2>&1 || true
    die_log "$D1/dockerd.log" "docker import failed"
  fi
  dk1 tag "$tmp" "$IMAGE"
  dk1 rmi "$tmp" >/dev/null
  if [ -n "$old" ]; then dk1 rmi "$old" >/dev/null 2>&1 || true; fi   # old, now untagged, if unused
  log "image ready after $(elapsed) s"
fi

emit DOCKER_HOST "unix://$SOCK1"
emit UNITGEN_DOCKERD_PID "$pid"
emit UNITGEN_TEST_IMAGE "$IMAGE"
