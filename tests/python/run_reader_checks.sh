#!/usr/bin/env bash
# Runs accord on shipped scenarios (every detail level) and checks each file with the Python
# reader and the invariants of DESIGN.md §3.3. Usage: run_reader_checks.sh ACCORD SOURCE OUTDIR
set -euo pipefail
accord="$1"; src="$2"; out="$3"
mkdir -p "$out"
"$accord" run "$src/scenarios/worked-example.yaml" -q -o "$out/worked.h5"
"$accord" run "$src/scenarios/quartier-mixte.yaml" -q --set time.end=2025-03-01 -o "$out/full.h5"
"$accord" run "$src/scenarios/quartier-mixte.yaml" -q --set time.end=2025-03-01 \
  --set output.detail=periods -o "$out/periods.h5"
"$accord" run "$src/scenarios/quartier-mixte.yaml" -q --set time.end=2025-03-01 \
  --set output.detail=summary -o "$out/summary.h5"
for f in worked full periods summary; do
  /usr/bin/python3 "$src/tests/python/test_reader.py" "$out/$f.h5"
done
