#!/bin/bash
# bench/render.sh [N...] — `unitgen render --out` of N definitions (default 1000 10000),
# 100 per file, each with ports, volumes, environment, labels and a healthcheck: wall time,
# peak memory (GNU time), units per second, and where the time went.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
UNITGEN="$TOP/packaging/launcher/unitgen"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '%8s %10s %12s %12s\n' N "wall (s)" "peak (MiB)" "units/s"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
for n in "${sizes[@]}"; do
  rm -rf "$tmp/defs" "$tmp/out"; mkdir -p "$tmp/defs"
  for ((i = 0; i < n; i++)); do
    f="$tmp/defs/r-$((i / 100)).yaml"
    (( i % 100 == 0 )) && echo "containers:" > "$f"
    cat >> "$f" <<EOT
  r-$i:
    image: registry.example.org/team/app-$((i % 7)):1.$((i % 13))
    command: [serve, --port, "80$((i % 10))", --name, "r $i"]
    ports: ["$((10000 + i % 50000)):80"]
    volumes: ["/tmp:/data", "/var/tmp:/cache:ro"]
    environment: {APP_ID: "$i", SECRET: "s-$i"}
    labels: {team: t$((i % 5)), tier: back}
    healthcheck: {test: [CMD, /bin/check, "$i"], interval: 10s}
EOT
  done
  /usr/bin/time -f '%e %M' -o "$tmp/time" env UNITGEN_TIMING=1 "$UNITGEN" render --host-cgroup v1 --out "$tmp/out" "$tmp/defs" \
    >/dev/null 2>"$tmp/err"
  read -r wall kb < "$tmp/time"
  [ "$(ls "$tmp/out" | grep -c '\.service$')" = "$n" ] || { echo "rendered $(ls "$tmp/out" | wc -l) of $n" >&2; exit 1; }
  printf '%8d %10.2f %12.1f %12.0f\n' "$n" "$wall" "$(echo "$kb/1024" | bc -l)" "$(echo "$n/$wall" | bc -l)"
  grep '^timing' "$tmp/err" | sed "s/^/    N=$n /"
done
