#!/bin/bash
# bench/lib.sh — shared by the bench scripts: the end-to-end environment (testenv/up.sh),
# the launcher, and timing helpers. Benchmarks run against that environment's real systemd
# manager (nspawn, over D-Bus) and dockerd; they destroy every unit unitgen manages there.
set -euo pipefail
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(cd "$BENCH/.." && pwd)
UNITGEN="$TOP/packaging/launcher/unitgen"
[ -f "$TOP/target/unitgen.jar" ] || { echo "run mvn package first" >&2; exit 1; }
eval "$("$TOP/testenv/up.sh")"
ROOT=$UNITGEN_TEST_ROOT
BUS=$UNITGEN_TEST_BUS_ADDRESS
HOST=(--root "$ROOT" --bus-address "$BUS" --host-cgroup v1)
M=(org.freedesktop.systemd1 /org/freedesktop/systemd1 org.freedesktop.systemd1.Manager)
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
clean() { "$UNITGEN" destroy --all "${HOST[@]:0:4}" >/dev/null; }
# defs DIR N: N containers ug-bench-I running sleep in the local image, 50 per file
defs() {
  local dir=$1 n=$2 i
  rm -rf "$dir"; mkdir -p "$dir"
  for ((i = 0; i < n; i++)); do
    if (( i % 50 == 0 )); then echo "containers:" > "$dir/bench-$((i / 50)).yaml"; fi
    printf '  ug-bench-%d:\n    image: %s\n    command: [sleep, infinity]\n    restart: "no"\n' "$i" "$UNITGEN_TEST_IMAGE" \
      >> "$dir/bench-$((i / 50)).yaml"
  done
}
active_count() { # units...: how many are active (one busctl call per unit)
  local n=0 u p
  for u in "$@"; do
    p=$(busctl --address="$BUS" call "${M[@]}" LoadUnit s "$u" | awk '{gsub(/"/,"",$2); print $2}')
    [ "$(busctl --address="$BUS" get-property org.freedesktop.systemd1 "$p" org.freedesktop.systemd1.Unit ActiveState)" = 's "active"' ] && n=$((n + 1))
  done
  echo $n
}
