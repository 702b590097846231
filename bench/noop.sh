#!/bin/bash
# bench/noop.sh [N] — a no-op `unitgen apply` of N definitions (default 200) already applied:
# wall time (JVM start included, median of 5), and the proof that it made no Reload (no
# Reloading signal on the bus while it ran) and restarted nothing (same container IDs).
. "$(dirname "$0")/lib.sh"
N=${1:-200}
tmp=$(mktemp -d); trap 'kill "$mon" 2>/dev/null; rm -rf "$tmp"; clean' EXIT
defs "$tmp/defs" "$N"
clean
"$UNITGEN" apply "${HOST[@]}" "$tmp/defs" >/dev/null
docker ps -q --filter name=ug-bench- | sort > "$tmp/ids.before"
busctl --address="$BUS" monitor --match "type='signal',interface='org.freedesktop.systemd1.Manager',member='Reloading'" >"$tmp/signals" 2>/dev/null &
mon=$!
sleep 1  # let the monitor subscribe before the first run
times=()
for r in 1 2 3 4 5; do
  t0=$(now_ms)
  UNITGEN_TIMING=1 "$UNITGEN" apply "${HOST[@]}" "$tmp/defs" >"$tmp/out" 2>"$tmp/err"
  times+=($(( $(now_ms) - t0 )))
  head -1 "$tmp/out" | grep -q '^No changes' || { echo "not a no-op:"; cat "$tmp/out"; exit 1; }
done
busctl --address="$BUS" call "${M[@]}" Reload >/dev/null   # positive control: one Reload we made
for _ in $(seq 100); do grep -q 'Reloading' "$tmp/signals" && break; sleep 0.1; done
kill "$mon" 2>/dev/null
reloads=$(grep -c 'Member=Reloading' "$tmp/signals" || true)
docker ps -q --filter name=ug-bench- | sort > "$tmp/ids.after"
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
echo "no-op apply of $N definitions: median ${median} ms of 5 runs (${times[*]})"
echo "Reloading signals seen: $reloads (the last two are our own control Reload: true/false) -> from unitgen: $((reloads - 2))"
cmp -s "$tmp/ids.before" "$tmp/ids.after" && echo "containers restarted: 0 of $(wc -l < "$tmp/ids.after")" || echo "CONTAINERS CHANGED"
echo "where the time went (last run):"; grep '^timing' "$tmp/err"
