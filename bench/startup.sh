#!/bin/bash
# bench/startup.sh [RUNS] — startup wall time of `unitgen --version` and `unitgen validate
# examples/`, median of RUNS (default 21) runs each, for each JVM configuration, measured in
# one run side by side, with the ratio to plain `java -jar`. Needs `mvn package` first.
#   plain     java -jar target/unitgen.jar
#   tuned     + -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn32m -XX:-UsePerfData (the launcher's flags)
#   appcds    + a dynamic AppCDS archive of unitgen's classes (made here as postinst does)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-21}
JAR=target/unitgen.jar
[ -f "$JAR" ] || { echo "run mvn package first" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
TUNED=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn32m -XX:-UsePerfData -Xshare:auto)
java "${TUNED[@]}" -XX:ArchiveClassesAtExit="$tmp/unitgen.jsa" -jar "$JAR" validate --host-cgroup v1 examples/ >/dev/null 2>&1
CDS=(-XX:SharedArchiveFile="$tmp/unitgen.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)

median_ms() { # command...
  local times=() t0 t1
  for _ in $(seq "$RUNS"); do
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

printf '%-28s %10s %10s %10s\n' "median of $RUNS runs (ms)" plain tuned appcds
for args in "--version" "validate --host-cgroup v1 examples/"; do
  # shellcheck disable=SC2086
  p=$(median_ms java -jar "$JAR" $args)
  # shellcheck disable=SC2086
  t=$(median_ms java "${TUNED[@]}" -jar "$JAR" $args)
  # shellcheck disable=SC2086
  c=$(median_ms java "${TUNED[@]}" "${CDS[@]}" -jar "$JAR" $args)
  printf '%-28s %10s %10s %10s\n' "unitgen ${args%% *}" "$p" "$t" "$c"
  printf '%-28s %10s %10s %10s\n' "  ratio to plain" "1.00" "$(awk -v a="$t" -v b="$p" 'BEGIN{printf "%.2f", a/b}')" "$(awk -v a="$c" -v b="$p" 'BEGIN{printf "%.2f", a/b}')"
done
echo "jar + lib: $(du -sh target/unitgen.jar target/lib | awk '{print $1}' | paste -sd+ ) ($(ls target/lib | wc -l) jars in lib/)"
