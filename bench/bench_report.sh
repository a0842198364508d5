#!/usr/bin/env bash
# Times `accord report` on the default scenario's run (quartier-mixte, one year, detail full):
# analysis of the run file plus writing the self-contained page. Target: under 5 s.
#   bash bench/bench_report.sh [BUILD_DIR]    (default build; needs the accord target built)
# Prints the best and median of 5 repetitions; never asserts (figures go in notes).
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
accord="$build/accord"
work="$(mktemp -d /tmp/accord-bench-report.XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$accord" run scenarios/quartier-mixte.yaml -q -o "$work/run.h5"
times=()
for i in 1 2 3 4 5; do
  start=$(date +%s%N)
  "$accord" report "$work/run.h5" -o "$work/report.html" > /dev/null
  end=$(date +%s%N)
  times+=("$(awk -v ns="$((end - start))" 'BEGIN { printf "%.3f", ns / 1e9 }')")
done
sorted=$(printf '%s\n' "${times[@]}" | sort -g)
best=$(echo "$sorted" | head -1)
median=$(echo "$sorted" | sed -n 3p)
size=$(stat -c %s "$work/report.html")
printf 'bench_report: run file %s MB, report %s kB; accord report best %.2f s, median %.2f s (5 runs; target < 5 s)\n' \
  "$(( $(stat -c %s "$work/run.h5") / 1000000 ))" "$(( size / 1000 ))" "$best" "$median"
