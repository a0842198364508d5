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
# The SCIC district with governance (monthly rounds, three months): /governance, /actors,
# /dynamics read and checked.
"$accord" run "$src/scenarios/quartier-mixte-scic.yaml" -q --set time.end=2025-04-01 \
  --set governance.calendar=monthly --set output.detail=periods -o "$out/scic.h5"
# The district from the first meeting (format 1.4 /lifecycle): three months before any
# operation; then six months with the road made immediate (/dynamics, membership).
"$accord" run "$src/scenarios/fabrique-quartier.yaml" -q --set time.end=2025-04-01 \
  --set lifecycle.events=[] -o "$out/fabrique.h5"
"$accord" run "$src/scenarios/fabrique-quartier.yaml" -q --set time.end=2025-07-01 \
  --set lifecycle.emergence=0 --set lifecycle.feasibility=0 --set lifecycle.recruitment=0 \
  --set lifecycle.structuring=0 --set lifecycle.grid_agreement=0 \
  --set lifecycle.barriers.bad_design_with_expertise=0 \
  --set lifecycle.barriers.statutes_unsettled=0 --set lifecycle.events=[] \
  -o "$out/fabrique-operating.h5"
for f in worked full periods summary scic fabrique fabrique-operating; do
  /usr/bin/python3 "$src/tests/python/test_reader.py" "$out/$f.h5"
done
# A small sweep (2 points x 2 replicates, one week): open_sweep against summary.csv.
cat > "$out/tiny-sweep.yaml" <<YAML
accord_sweep: 1
name: tiny
base: $src/scenarios/quartier-mixte.yaml
seed: 3
replicates: 2
set: {time.end: 2025-01-08}
parameters:
  - {path: community.benefit_rule.type, values: [individual_savings, equal]}
design: {type: grid}
output: {dir: $out/tiny-sweep, detail: summary}
YAML
"$accord" sweep "$out/tiny-sweep.yaml" -q -j 1
/usr/bin/python3 "$src/tests/python/test_reader.py" --sweep "$out/tiny-sweep/sweep.h5" \
  "$out/tiny-sweep/summary.csv"
