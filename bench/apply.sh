#!/bin/bash
# bench/apply.sh [N...] — `unitgen apply` of N containers from nothing (default N = 10 50 200)
# against the floor: the same unit files copied in by a shell script, one Reload and N
# StartUnit calls over busctl, and a wait until all N are active. Both measured side by
# side in one run on the end-to-end environment; prints times, the ratio per N, and where
# unitgen's time went (UNITGEN_TIMING=1). unitgen also verifies each container over its
# stability window (min_healthy, default 10 s; all windows at once); the floor does not, so
# the last column compares unitgen with the floor plus ONE window (the goal: at most 1.2).
WINDOW=${WINDOW:-10}
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"; clean' EXIT
printf '%6s %12s %12s %8s %18s\n' N "unitgen (s)" "floor (s)" ratio "vs floor+window"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10 50 200)
for n in "${sizes[@]}"; do
  {
    defs "$tmp/defs" "$n"
    units=(); for ((i = 0; i < n; i++)); do units+=("ug-bench-$i.service"); done
    # unitgen
    clean
    t0=$(now_ms)
    UNITGEN_TIMING=1 "$UNITGEN" apply "${HOST[@]}" --min-healthy "${WINDOW}s" "$tmp/defs" >"$tmp/apply.out" 2>"$tmp/apply.err" \
      || { cat "$tmp/apply.out" "$tmp/apply.err" >&2; exit 1; }
    tu=$(( $(now_ms) - t0 ))
    grep '^timing' "$tmp/apply.err" | sed "s/^/  N=$n /" > "$tmp/timing-$n"
    # floor: the same units, written by the shell, started over busctl
    clean
    rm -rf "$tmp/out"; "$UNITGEN" render --host-cgroup v1 --out "$tmp/out" "$tmp/defs" >/dev/null
    t0=$(now_ms)
    cp "$tmp"/out/*.service "$ROOT/etc/systemd/system/"
    busctl --address="$BUS" call "${M[@]}" Reload >/dev/null
    for u in "${units[@]}"; do busctl --address="$BUS" call "${M[@]}" StartUnit ss "$u" replace >/dev/null; done
    while [ "$(active_count "${units[@]}")" -lt "$n" ]; do sleep 0.1; done
    tf=$(( $(now_ms) - t0 ))
    rm -f "$ROOT"/etc/systemd/system/ug-bench-*.service
    busctl --address="$BUS" call "${M[@]}" Reload >/dev/null
    docker ps -aq --filter name=ug-bench- | xargs -r docker rm -f >/dev/null
    printf '%6d %12.2f %12.2f %8.2f %18.2f\n' "$n" "$(echo "$tu/1000" | bc -l)" "$(echo "$tf/1000" | bc -l)" \
      "$(echo "$tu/$tf" | bc -l)" "$(echo "$tu/($tf+$WINDOW*1000)" | bc -l)"
  }
done
echo; echo "where unitgen's time went (ms):"; cat "$tmp"/timing-*
