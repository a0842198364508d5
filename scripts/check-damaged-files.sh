#!/usr/bin/env bash
# Replays damaged files through the real `accord analyze` and `accord report` and checks that
# each ends the accord way: exit 0, or exit 1 or 2 with exactly one line on stderr, never a
# death by a signal, never a temporary file left. It is how the run reader's fuzz findings
# (libhdf5 1.10's crashes, loops and leaks on damaged files, docs/fuzzing.md) are checked to be
# contained by the reading child process and the read watchdog.
# Usage: scripts/check-damaged-files.sh [ACCORD binary, default build/accord] [FILE or DIR...]
#   default inputs: tests/fuzz/findings/run_reader/ and tests/data/damaged/
set -uo pipefail
cd "$(dirname "$0")/.."
accord="${1:-build/accord}"
shift || true
inputs=("$@")
[ ${#inputs[@]} -eq 0 ] && inputs=(tests/fuzz/findings/run_reader tests/data/damaged)
export ACCORD_HDF5_READ_TIMEOUT="${ACCORD_HDF5_READ_TIMEOUT:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
checked=0
failed=0
declare -A outcomes
while IFS= read -r -d '' file; do
  cp "$file" "$work/input.h5"
  for command in analyze report; do
    rm -f "$work/out"
    timeout 300 "$accord" "$command" "$work/input.h5" -o "$work/out" > /dev/null 2> "$work/err"
    status=$?
    lines=$(wc -l < "$work/err")
    left=$(find "$work" -name '*.tmp-*' | wc -l)
    checked=$((checked + 1))
    outcome="exit $status"
    if [ "$status" -gt 2 ] || { [ "$status" -ne 0 ] && [ "$lines" -ne 1 ]; } || [ "$left" -ne 0 ]; then
      failed=$((failed + 1))
      echo "NOT CONTAINED: $command $file: exit $status, $lines lines on stderr, $left temporaries"
      head -3 "$work/err"
    elif [ "$status" -eq 1 ]; then
      grep -q "crashed reading" "$work/err" && outcome="exit 1 (crash contained)"
      grep -q "has not returned" "$work/err" && outcome="exit 1 (loop stopped)"
    fi
    outcomes["$outcome"]=$((${outcomes["$outcome"]:-0} + 1))
  done
done < <(find "${inputs[@]}" -type f -print0 | sort -z)
for outcome in "${!outcomes[@]}"; do echo "  ${outcomes[$outcome]} × $outcome"; done | sort
echo "$checked command runs, $failed not contained"
[ "$failed" -eq 0 ]
