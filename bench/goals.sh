#!/bin/bash
# bench/goals.sh [local|apply|all] — the goals of issue 17, each measured side by side in one
# run with the INSTALLED launcher: packaging/launcher/unitgen and make-cds-archive, copied into
# a scratch directory with their paths (/usr/share/unitgen, /var/lib/unitgen) rewritten to it,
# and the AppCDS archive made there as the package's postinst makes it.
#   local  render of 1, 100, 1,000 and 10,000 definitions to tmpfs (wall, peak RSS from GNU
#          time, ratio to the Quadlet figures published in issue 17: Quadlet is NOT built or
#          run here), and `validate` of one file.
#   apply  a no-op `apply` and a no-op `plan` of 200 definitions against the end-to-end
#          environment, against a shell floor doing the same reads (the definition and unit
#          files, one ListUnitsByNames over busctl, one `docker ps` with unitgen's label filter),
#          runs interleaved. Touches the shared environment: run it under the e2e lock; it
#          destroys its 200 units at the end.
# BEFORE=DIR (a tree with packaging/, examples/ and target/ of an older build) measures that
# build too, interleaved, for before/after. RUNS (default 5) runs each, medians printed;
# JAVA_HOME picks the JDK as for the launcher. Needs `mvn package` first.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
WHAT=${1:-all}
RUNS=${RUNS:-5}
[ -f "$TOP/target/unitgen.jar" ] || { echo "run mvn package first" >&2; exit 1; }
tmp=$(mktemp -d /dev/shm/unitgen-goals.XXXXXX)   # tmpfs: definitions and output
cleanup=(rm -rf "$tmp")
trap '"${cleanup[@]}"' EXIT

# install TREE DEST: the package's launcher and archive script relocated into DEST, archive made
install() {
  local tree=$1 inst=$2 f
  mkdir -p "$inst/share/lib" "$inst/share/training" "$inst/var" "$inst/bin"
  cp "$tree/target/unitgen.jar" "$inst/share/"
  cp "$tree"/target/lib/*.jar "$inst/share/lib/"
  cp "$tree"/examples/*.yaml "$tree"/examples/*.env "$inst/share/training/"
  for f in launcher/unitgen:bin/unitgen common/make-cds-archive:share/make-cds-archive; do
    sed -e "s#/usr/share/unitgen#$inst/share#g" -e "s#/var/lib/unitgen#$inst/var#g" "$tree/packaging/${f%%:*}" > "$inst/${f#*:}"
    chmod 755 "$inst/${f#*:}"
  done
  PATH=${JAVA_HOME:+$JAVA_HOME/bin:}$PATH "$inst/share/make-cds-archive"
  [ -s "$inst/var/unitgen.jsa" ] || echo "warning: no CDS archive for $tree" >&2
}
builds=(after); declare -A UG
install "$TOP" "$tmp/after"; UG[after]=$tmp/after/bin/unitgen
if [ -n "${BEFORE:-}" ]; then
  install "$BEFORE" "$tmp/before"; UG[before]=$tmp/before/bin/unitgen; builds=(before after)
fi
echo "java: $(${JAVA_HOME:+$JAVA_HOME/bin/}java -version 2>&1 | head -1); builds: ${builds[*]}; load: $(cut -d' ' -f1-3 /proc/loadavg)"

now_ns() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
declare -A T   # T[key]: the times of key, one per run

# render definitions as bench/render.sh writes them: 100 per file, ports, volumes, environment, labels, healthcheck
render_defs() { # DIR N
  rm -rf "$1"; mkdir -p "$1"
  awk -v dir="$1" -v n="$2" 'BEGIN {
    for (i = 0; i < n; i++) {
      f = dir "/r-" int(i / 100) ".yaml"
      if (i % 100 == 0) { if (i) close(prev); print "containers:" > f; prev = f }
      printf "  r-%d:\n    image: registry.example.org/team/app-%d:1.%d\n", i, i % 7, i % 13 > f
      printf "    command: [serve, --port, \"80%d\", --name, \"r %d\"]\n", i % 10, i > f
      printf "    ports: [\"%d:80\"]\n    volumes: [\"/tmp:/data\", \"/var/tmp:/cache:ro\"]\n", 10000 + i % 50000 > f
      printf "    environment: {APP_ID: \"%d\", SECRET: \"s-%d\"}\n    labels: {team: t%d, tier: back}\n", i, i, i % 5 > f
      printf "    healthcheck: {test: [CMD, /bin/check, \"%d\"], interval: 10s}\n", i > f
    }
  }'
}

# timed KEY CMD...: runs it under GNU time, adds its wall ms to T[KEY] and its peak KiB to T[KEY.rss]
timed() {
  local key=$1 t0 t1; shift
  t0=$(now_ns)
  /usr/bin/time -f '%M' -o "$tmp/rss" "$@" >"$tmp/timed.out" 2>"$tmp/timed.err" || { cat "$tmp/timed.out" "$tmp/timed.err" >&2; return 1; }
  t1=$(now_ns)
  T[$key]+="$(( (t1 - t0) / 1000000 )) "; T[$key.rss]+="$(tail -1 "$tmp/rss") "
}
med() { printf '%s\n' ${T[$1]} | median; }
peak() { printf '%s\n' ${T[$1.rss]} | sort -n | tail -1; }

if [ "$WHAT" = local ] || [ "$WHAT" = all ]; then
  # Quadlet 5.6.2's generator, median wall time on the build machine as published in issue 17
  # (not measured here: Debian 12's podman 4.3.1 has no quadlet and none can be installed).
  declare -A QUADLET=([1]=14.9 [100]=39.3 [1000]=202 [10000]=1901)
  echo
  echo "render --out (tmpfs), median of $RUNS; Quadlet: issue 17's published figure, NOT measured here"
  printf '%8s %-7s %10s %10s %12s %12s\n' N build "wall (ms)" "peak (MiB)" "Quadlet (ms)" "ratio to it"
  for n in 1 100 1000 10000; do
    render_defs "$tmp/defs" "$n"
    for ((r = 0; r < RUNS; r++)); do
      for b in "${builds[@]}"; do
        rm -rf "$tmp/out"
        timed "render$n.$b" "${UG[$b]}" render --host-cgroup v1 --out "$tmp/out" "$tmp/defs"
        [ "$(find "$tmp/out" -maxdepth 1 -name '*.service' | wc -l)" = "$n" ] || { echo "render wrote the wrong count" >&2; exit 1; }
      done
    done
    for b in "${builds[@]}"; do
      w=$(med "render$n.$b")
      printf '%8d %-7s %10d %10.1f %12s %12s   [%s]\n' "$n" "$b" "$w" "$(echo "$(peak "render$n.$b")/1024" | bc -l)" \
        "${QUADLET[$n]}" "$(ratio "$w" "${QUADLET[$n]}")" "${T[render$n.$b]}"
    done
  done
  for b in "${builds[@]}"; do
    rm -rf "$tmp/out"
    UNITGEN_TIMING=1 "${UG[$b]}" render --host-cgroup v1 --out "$tmp/out" "$tmp/defs" 2>&1 >/dev/null | grep '^timing' \
      | awk '{printf "%s=%s ", $2, $3}' | sed "s/^/    N=10000 $b: /"; echo
  done
  rm -rf "$tmp/defs" "$tmp/out"
  for ((r = 0; r < RUNS; r++)); do
    for b in "${builds[@]}"; do
      timed "validate.$b" "${UG[$b]}" validate --host-cgroup v1 "$TOP/examples/web.yaml"
    done
  done
  for b in "${builds[@]}"; do
    echo "validate examples/web.yaml, $b: median $(med "validate.$b") ms (goal: < 300 ms on an idle machine) [${T[validate.$b]}]"
  done
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
  UNITGEN=${UG[after]}
  cleanup=(bash -c "'$UNITGEN' destroy --all --root '$ROOT' --bus-address '$BUS' >/dev/null; rm -rf '$tmp'")
  echo
  echo "setting up: apply of $N definitions, 50 at a time (not timed; 200 units starting at once overload 2 cores)"
  for f in "$defs"/*.yaml; do
    "$UNITGEN" apply "${HOST[@]}" --host-cgroup v1 --min-healthy 0s "$f" >"$tmp/setup.out" 2>&1 \
      || { echo "setup failed:"; cat "$tmp/setup.out"; exit 1; }
  done
  floor() { # the same reads as a no-op apply, by a shell script
    cat "$defs"/*.yaml "$ROOT"/etc/systemd/system/ug-bench-*.service >/dev/null
    busctl --address="$BUS" call "${M[@]}" ListUnitsByNames as "$N" "${units[@]}" >/dev/null
    docker ps -a --filter "label=dev.unitgen.unit" --format '{{.ID}} {{.Names}} {{.Status}}' >/dev/null
  }
  for ((r = 0; r < RUNS; r++)); do
    t0=$(now_ns); floor; t1=$(now_ns); T[floor]+="$(( (t1 - t0) / 1000000 )) "
    for b in "${builds[@]}"; do
      UNITGEN_TIMING=1 timed "apply.$b" "${UG[$b]}" apply "${HOST[@]}" --host-cgroup v1 "$defs"
      head -1 "$tmp/timed.out" | grep -q '^No changes' || { echo "not a no-op:"; cat "$tmp/timed.out" "$tmp/timed.err"; exit 1; }
      grep '^timing' "$tmp/timed.err" | awk '{printf "%s=%s ", $2, $3}' > "$tmp/timing.$b"
      timed "plan.$b" "${UG[$b]}" plan "${HOST[@]}" --host-cgroup v1 "$defs"
      grep -q '^No changes' "$tmp/timed.out" || { echo "plan not a no-op:"; cat "$tmp/timed.out"; exit 1; }
    done
  done
  f=$(med floor)
  printf '%-40s %8s %8s\n' "no-op, $N definitions, median of $RUNS" ms "/floor"
  printf '%-40s %8d %8s   [%s]\n' "shell floor (the same reads)" "$f" 1.00 "${T[floor]}"
  for b in "${builds[@]}"; do
    printf '%-40s %8d %8s   [%s] peak %d MiB\n' "unitgen apply ($b)" "$(med "apply.$b")" "$(ratio "$(med "apply.$b")" "$f")" \
      "${T[apply.$b]}" "$(( $(peak "apply.$b") / 1024 ))"
    printf '%-40s %8d %8s   [%s]\n' "unitgen plan ($b)" "$(med "plan.$b")" "$(ratio "$(med "plan.$b")" "$f")" "${T[plan.$b]}"
  done
  for b in "${builds[@]}"; do echo "    apply, last run, $b: $(cat "$tmp/timing.$b")"; done
fi
