#!/bin/bash
# testenv/smoke.sh — end-to-end check of the test environment; rerunnable, leaves it up.
#  1. eval "$(testenv/up.sh)" (idempotent: a few seconds when already up);
#  2. writes unitgen-smoke.service, which wraps
#       docker run --rm --name unitgen-smoke --init $UNITGEN_TEST_IMAGE sleep infinity
#     into $UNITGEN_TEST_ROOT/etc/systemd/system; over D-Bus (busctl --address, as a Java D-Bus
#     client would) Reload + StartUnit; checks ActiveState=active and that `docker ps` on the
#     first engine shows the container; StopUnit; checks inactive/success and that the
#     container is gone; prints the unit's journal read from outside (journalctl -D);
#     removes the unit again;
#  3. checks the v2 engine: `docker info` CgroupVersion = 2, and a container there sees
#     cgroup2fs at /sys/fs/cgroup (a container on the first engine sees tmpfs, the v1 layout);
#  4. checks the host's cgroup mounts are unchanged.
# Prints what it checks and "SMOKE OK"; exits non-zero at the first failed check.
# Env: see lib.sh; nothing needs to be set.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
fail() { echo "FAIL: $*"; exit 1; }
secs() { echo "$(date +%s.%N) $1" | awk '{printf "%.2f", $1-$2}'; }

before=$(cgroup_mounts)
envs=$("$HERE/up.sh") || fail "testenv/up.sh failed"
eval "$envs"
A=$UNITGEN_TEST_BUS_ADDRESS
M=(org.freedesktop.systemd1 /org/freedesktop/systemd1 org.freedesktop.systemd1.Manager)
U=unitgen-smoke.service
C=unitgen-smoke
# prop UNIT IFACE PROP: LoadUnit (works for garbage-collected inactive units too), then read
prop() {
  local path
  path=$(busctl --address="$A" call "${M[@]}" LoadUnit s "$1" | awk '{gsub(/"/, "", $2); print $2}')
  busctl --address="$A" get-property org.freedesktop.systemd1 "$path" "$2" "$3" | sed 's/^[a-z]* //; s/"//g'
}
wait_state() { # UNIT WANT SECS
  local st=""
  for _ in $(seq 1 $(($3 * 10))); do
    st=$(prop "$1" org.freedesktop.systemd1.Unit ActiveState)
    [ "$st" = "$2" ] && return 0
    [ "$st" = failed ] && break
    sleep 0.1
  done
  journalctl -D "$UNITGEN_TEST_JOURNAL_DIR" -u "$1" --no-pager -n 20 || true
  fail "$1 is $st, not $2"
}
ctr_running() { [ -n "$(docker -H "$DOCKER_HOST" ps -q -f "name=^$C\$")" ]; }
ctr_exists() { [ -n "$(docker -H "$DOCKER_HOST" ps -aq -f "name=^$C\$")" ]; }

echo "manager: SystemState=$(busctl --address="$A" get-property "${M[@]}" SystemState | sed 's/^s //; s/"//g'), Version=$(busctl --address="$A" get-property "${M[@]}" Version | sed 's/^s //; s/"//g')"

cat > "$UNITGEN_TEST_ROOT/etc/systemd/system/$U" <<EOF
[Unit]
Description=unitgen testenv smoke: docker run under the nspawn manager
[Service]
Type=exec
ExecStartPre=-/usr/bin/docker rm -f $C
ExecStart=/usr/bin/docker run --rm --name $C --init $UNITGEN_TEST_IMAGE sleep infinity
ExecStop=-/usr/bin/docker stop -t 5 $C
ExecStopPost=-/usr/bin/docker rm -f $C
SuccessExitStatus=143
TimeoutStopSec=15
EOF
t0=$(date +%s.%N)
busctl --address="$A" call "${M[@]}" Reload >/dev/null
echo "Reload: $(secs "$t0") s"
t0=$(date +%s.%N)
busctl --address="$A" call "${M[@]}" StartUnit ss "$U" replace >/dev/null
wait_state "$U" active 30
echo "StartUnit: ActiveState=$(prop "$U" org.freedesktop.systemd1.Unit ActiveState) SubState=$(prop "$U" org.freedesktop.systemd1.Unit SubState) after $(secs "$t0") s"
for _ in $(seq 1 100); do ctr_running && break; sleep 0.1; done
ctr_running || fail "docker ps does not show $C"
echo "docker ps: $(docker -H "$DOCKER_HOST" ps -f "name=^$C\$" --format '{{.Names}} {{.Image}} {{.Command}} {{.Status}}')"
t0=$(date +%s.%N)
busctl --address="$A" call "${M[@]}" StopUnit ss "$U" replace >/dev/null
wait_state "$U" inactive 30
echo "StopUnit: ActiveState=$(prop "$U" org.freedesktop.systemd1.Unit ActiveState) Result=$(prop "$U" org.freedesktop.systemd1.Service Result) after $(secs "$t0") s"
for _ in $(seq 1 50); do ctr_exists || break; sleep 0.1; done
ctr_exists && fail "container $C still exists after StopUnit"
echo "docker ps -a: $C gone"
echo "journal (journalctl -D \$UNITGEN_TEST_JOURNAL_DIR -u $U):"
journalctl -D "$UNITGEN_TEST_JOURNAL_DIR" -u "$U" --no-pager -n 8 -o short-monotonic | sed 's/^/  /'
rm -f "$UNITGEN_TEST_ROOT/etc/systemd/system/$U"
busctl --address="$A" call "${M[@]}" Reload >/dev/null

v=$(docker -H "$UNITGEN_DOCKER_V2_HOST" info --format '{{.CgroupVersion}}')
echo "v2 engine: docker -H \$UNITGEN_DOCKER_V2_HOST info CgroupVersion=$v"
[ "$v" = 2 ] || fail "v2 engine reports CgroupVersion $v"
fs2=$(docker -H "$UNITGEN_DOCKER_V2_HOST" run --rm "$UNITGEN_TEST_IMAGE" stat -f -c %T /sys/fs/cgroup)
fs1=$(docker -H "$DOCKER_HOST" run --rm "$UNITGEN_TEST_IMAGE" stat -f -c %T /sys/fs/cgroup)
echo "/sys/fs/cgroup in a container: v2 engine $fs2, first engine $fs1"
[ "$fs2" = cgroup2fs ] || fail "v2 engine container sees $fs2"
v1=$(docker -H "$DOCKER_HOST" info --format '{{.CgroupVersion}}')
[ "$v1" = 1 ] || fail "first engine reports CgroupVersion $v1"

after=$(cgroup_mounts)
[ "$before" = "$after" ] || { diff <(echo "$before") <(echo "$after") || true; fail "host cgroup mounts changed"; }
echo "host cgroup mounts unchanged ($(echo "$after" | wc -l) lines of /proc/self/mountinfo)"
echo "SMOKE OK"
