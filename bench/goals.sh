#!/bin/bash
# bench/goals.sh [local|apply|all] — the goals of issue 17, each measured side by side in one
# run with the INSTALLED launcher: packaging/launcher/unitgen and make-cds-archive, copied into
# a scratch directory with their paths (/usr/share/unitgen, /var/lib/unitgen) rewritten to it,
# and the AppCDS archive (or AOT cache) made there as the package's postinst makes it.
#   local  render of 1, 100, 1,000 and 10,000 definitions to tmpfs (wall, peak RSS from GNU
#          time, ratio to the Quadlet figures published in issue 17: Quadlet is NOT built or
#          run here), and `validate` of one file.
#   apply  a no-op `apply` and a no-op `plan` of 200 definitions against the end-to-end
#          environment, against a shell floor doing the same reads (the definition and unit
#          files, one ListUnitsByNames over busctl, one `docker ps` with unitgen's label filter),
#          runs interleaved. Touches the shared environment: run it under the e2e lock; it
#          destroys its 200 units at the end.
# RUNS (default 5) runs each, the median printed; JAVA_HOME picks the JDK as for the launcher.
# Needs `mvn package` first.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
WHAT=${1:-all}
RUNS=${RUNS:-5}
[ -f "$TOP/target/unitgen.jar" ] || { echo "run mvn package first" >&2; exit 1; }
tmp=$(mktemp -d /dev/shm/unitgen-goals.XXXXXX)   # tmpfs: definitions and output
cleanup=(rm -rf "$tmp")
trap '"${cleanup[@]}"' EXIT

# ---- the installed launcher, relocated into $tmp/inst
inst=$tmp/inst
mkdir -p "$inst/share/lib" "$inst/share/training" "$inst/var" "$inst/bin"
cp "$TOP/target/unitgen.jar" "$inst/share/"
cp "$TOP"/target/lib/*.jar "$inst/share/lib/"
cp "$TOP"/examples/*.yaml "$TOP"/examples/*.env "$inst/share/training/"
for f in launcher/unitgen:bin/unitgen common/make-cds-archive:share/make-cds-archive; do
  sed -e "s#/usr/share/unitgen#$inst/share#g" -e "s#/var/lib/unitgen#$inst/var#g" "$TOP/packaging/${f%%:*}" > "$inst/${f#*:}"
  chmod 755 "$inst/${f#*:}"
done
PATH=${JAVA_HOME:+$JAVA_HOME/bin:}$PATH "$inst/share/make-cds-archive"
UNITGEN=$inst/bin/unitgen
echo "java: $(${JAVA_HOME:+$JAVA_HOME/bin/}java -version 2>&1 | head -1); archive: $(ls "$inst/var" | tr '\n' ' ')"

now_ns() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

# render definitions as bench/render.sh writes them: 100 per file, ports, volumes, environment, labels, healthcheck
render_defs() { # DIR N
  local dir=$1 n=$2 i f
  rm -rf "$dir"; mkdir -p "$dir"
  for ((i = 0; i < n; i++)); do
    f="$dir/r-$((i / 100)).yaml"
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
}

# timed CMD...: runs it under GNU time; prints "WALL_MS PEAK_KB"
timed() {
  local t0 t1
  t0=$(now_ns)
  /usr/bin/time -f '%M' -o "$tmp/rss" "$@" >/dev/null 2>"$tmp/timed.err" || { cat "$tmp/timed.err" >&2; return 1; }
  t1=$(now_ns)
  echo "$(( (t1 - t0) / 1000000 )) $(tail -1 "$tmp/rss")"
}

if [ "$WHAT" = local ] || [ "$WHAT" = all ]; then
  # Quadlet 5.6.2's generator, median wall time on the build machine as published in issue 17
  # (not measured here: Debian 12's podman 4.3.1 has no quadlet and none can be installed).
  declare -A QUADLET=([1]=14.9 [100]=39.3 [1000]=202 [10000]=1901)
  echo
  echo "render --out (tmpfs), median of $RUNS; Quadlet = issue 17's published figure, not measured here"
  printf '%8s %10s %10s %12s %14s\n' N "wall (ms)" "peak (MiB)" "Quadlet (ms)" "ratio to it"
  for n in 1 100 1000 10000; do
    render_defs "$tmp/defs" "$n"
    walls=(); rss=()
    for ((r = 0; r < RUNS; r++)); do
      rm -rf "$tmp/out"
      read -r w k < <(timed "$UNITGEN" render --host-cgroup v1 --out "$tmp/out" "$tmp/defs")
      walls+=("$w"); rss+=("$k")
    done
    [ "$(find "$tmp/out" -maxdepth 1 -name '*.service' | wc -l)" = "$n" ] || { echo "render wrote the wrong count" >&2; exit 1; }
    w=$(printf '%s\n' "${walls[@]}" | median); k=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
    printf '%8d %10d %10.1f %12s %14s\n' "$n" "$w" "$(echo "$k/1024" | bc -l)" "${QUADLET[$n]}" "$(ratio "$w" "${QUADLET[$n]}")"
  done
  UNITGEN_TIMING=1 "$UNITGEN" render --host-cgroup v1 --out "$tmp/out2" "$tmp/defs" 2>&1 >/dev/null | grep '^timing' | sed 's/^/    N=10000 /'
  rm -rf "$tmp/defs" "$tmp/out" "$tmp/out2"
  walls=()
  for ((r = 0; r < RUNS; r++)); do
    read -r w k < <(timed "$UNITGEN" validate --host-cgroup v1 "$TOP/examples/web.yaml")
    walls+=("$w")
  done
  echo "validate examples/web.yaml: median $(printf '%s\n' "${walls[@]}" | median) ms (goal: < 300 ms on an idle machine) [${walls[*]}]"
fi

if [ "$WHAT" = apply ] || [ "$WHAT" = all ]; then
  # shellcheck disable=SC1091
  . /tmp/unitgen-testenv/env.sh   # the environment testenv/up.sh made (this script never starts it)
  ROOT=$UNITGEN_TEST_ROOT BUS=$UNITGEN_TEST_BUS_ADDRESS
  HOST=(--root "$ROOT" --bus-address "$BUS")
  M=(org.freedesktop.systemd1 /org/freedesktop/systemd1 org.freedesktop.systemd1.Manager)
  N=200
  defs=$tmp/apply-defs; mkdir -p "$defs"
  units=()
  for ((i = 0; i < N; i++)); do
    (( i % 50 == 0 )) && echo "containers:" > "$defs/bench-$((i / 50)).yaml"
    printf '  ug-bench-%d:\n    image: %s\n    command: [sleep, infinity]\n    restart: "no"\n' "$i" "$UNITGEN_TEST_IMAGE" \
      >> "$defs/bench-$((i / 50)).yaml"
    units+=("ug-bench-$i.service")
  done
  cleanup=(bash -c "'$UNITGEN' destroy --all --root '$ROOT' --bus-address '$BUS' >/dev/null; rm -rf '$tmp'")
  echo
  echo "setting up: apply of $N definitions (not timed)"
  "$UNITGEN" apply "${HOST[@]}" --host-cgroup v1 --min-healthy 0s "$defs" >/dev/null
  floor() { # the same reads as a no-op apply, by a shell script
    cat "$defs"/*.yaml "$ROOT"/etc/systemd/system/ug-bench-*.service >/dev/null
    busctl --address="$BUS" call "${M[@]}" ListUnitsByNames as "$N" "${units[@]}" >/dev/null
    docker ps -a --filter "label=dev.unitgen.unit" --format '{{.ID}} {{.Names}} {{.Status}}' >/dev/null
  }
  ta=(); tp=(); tf=()
  for ((r = 0; r < RUNS; r++)); do
    t0=$(now_ns); UNITGEN_TIMING=1 "$UNITGEN" apply "${HOST[@]}" --host-cgroup v1 "$defs" >"$tmp/apply.out" 2>"$tmp/apply.err"; t1=$(now_ns)
    head -1 "$tmp/apply.out" | grep -q '^No changes' || { echo "not a no-op:"; cat "$tmp/apply.out" "$tmp/apply.err"; exit 1; }
    ta+=($(( (t1 - t0) / 1000000 )))
    t0=$(now_ns); "$UNITGEN" plan "${HOST[@]}" --host-cgroup v1 "$defs" >"$tmp/plan.out"; t1=$(now_ns)
    grep -q '^No changes' "$tmp/plan.out" || { echo "plan not a no-op:"; cat "$tmp/plan.out"; exit 1; }
    tp+=($(( (t1 - t0) / 1000000 )))
    t0=$(now_ns); floor; t1=$(now_ns)
    tf+=($(( (t1 - t0) / 1000000 )))
  done
  a=$(printf '%s\n' "${ta[@]}" | median); p=$(printf '%s\n' "${tp[@]}" | median); f=$(printf '%s\n' "${tf[@]}" | median)
  printf '%-34s %8s %8s\n' "no-op, $N definitions, median of $RUNS" ms "/floor"
  printf '%-34s %8d %8s   [%s]\n' "shell floor (same reads)" "$f" 1.00 "${tf[*]}"
  printf '%-34s %8d %8s   [%s]\n' "unitgen apply" "$a" "$(ratio "$a" "$f")" "${ta[*]}"
  printf '%-34s %8d %8s   [%s]\n' "unitgen plan" "$p" "$(ratio "$p" "$f")" "${tp[*]}"
  echo "where apply's time went (last run):"; grep '^timing' "$tmp/apply.err" | sed 's/^/    /'
fi
