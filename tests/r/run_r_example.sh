#!/usr/bin/env bash
# The R example (analysis/R/example.R) on a real run and a real sweep: a two-month run of the
# default scenario at detail periods and a sweep of 2 sharing keys x 2 replicates of one
# month; the example's own stopifnot checks must pass and its figure must be a PNG.
# Usage: run_r_example.sh ACCORD SOURCE WORKDIR. Rscript is $ACCORD_RSCRIPT (set by CMake's
# find_program), else the one on PATH; none, or no hdf5r, FAILS the test (CI installs both
# with scripts/install-deps.sh).
set -euo pipefail
accord="$1"; src="$2"; work="$3"

rscript="${ACCORD_RSCRIPT:-}"
if [ ! -x "$rscript" ]; then rscript="$(command -v Rscript || true)"; fi
if [ -z "$rscript" ]; then
  echo "FAIL: Rscript not found. Install R and hdf5r: apt-get install r-base-core r-cran-hdf5r" \
    "(or bash scripts/install-deps.sh), then re-run cmake so that find_program sees it." >&2
  exit 1
fi
if ! "$rscript" -e 'library(hdf5r)' >/dev/null 2>&1; then
  echo "FAIL: $rscript cannot load the R package hdf5r. Install it: apt-get install" \
    "r-cran-hdf5r (or bash scripts/install-deps.sh)." >&2
  exit 1
fi

mkdir -p "$work"
# Only what this script makes: an old sweep folder would otherwise hold runs of an older binary.
rm -rf "$work/run.h5" "$work/sweep" "$work/sweep.yaml" "$work/example.png"

"$accord" run "$src/scenarios/quartier-mixte.yaml" -q -j 1 --set time.end=2025-03-01 \
  --set output.detail=periods -o "$work/run.h5"

cat > "$work/sweep.yaml" <<YAML
accord_sweep: 1
name: r-example
base: $src/scenarios/quartier-mixte.yaml
seed: 11
replicates: 2
set: {time.end: 2025-02-01}
parameters:
  - {path: community.sharing_key.type, label: Sharing key,
     values: [dynamic_default, static_redistributed], labels: [Dynamic, Static redistributed]}
design: {type: grid}
output: {dir: $work/sweep, detail: summary}
YAML
"$accord" sweep "$work/sweep.yaml" -q -j 1

"$rscript" "$src/analysis/R/example.R" "$work/run.h5" "$work/sweep/sweep.h5" "$work/example.png"

if [ ! -s "$work/example.png" ]; then
  echo "FAIL: $work/example.png is missing or empty" >&2
  exit 1
fi
if [ "$(head -c 8 "$work/example.png" | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ]; then
  echo "FAIL: $work/example.png is not a PNG file" >&2
  exit 1
fi
echo "R example: $(stat -c %s "$work/example.png") bytes of PNG in $work/example.png"
