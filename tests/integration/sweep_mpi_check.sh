#!/usr/bin/env bash
# `mpirun -n 2 accord sweep` against `accord sweep -j 1` on one small sweep (6 runs, one
# design point failing on purpose): byte-identical summary.csv, identical /summary and
# /design in sweep.h5, the failed runs recorded the same way; then runs removed or cut
# short and `mpirun -n 2 ... --resume` remakes exactly those (nothing lost, nothing made
# twice).
# Usage: sweep_mpi_check.sh ACCORD MPIEXEC SOURCE_DIR WORK_DIR
set -euo pipefail
accord="$1" mpiexec="$2" src="$3" work="$4"

# Robust on CI machines and containers: root allowed, more ranks than cores allowed, no
# cross-memory-attach (often denied in containers; plain shared-memory copies instead).
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1
export OMPI_MCA_btl_vader_single_copy_mechanism=none
export OMPI_MCA_btl=self,vader,tcp
mpirun=("$mpiexec" -n 2)

fail() { echo "FAIL: $*" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work"
cat > "$work/mpi.yaml" <<YAML
accord_sweep: 1
base: $src/scenarios/quartier-mixte.yaml
set: {time.end: 2025-01-12}
replicates: 2
parameters: [{path: 'producers[id=pv-ecole].pv.kwp', values: [80, -5, 120]}]
YAML

# Exit status 1 in both: 2 of 6 runs fail (kwp = -5 is out of range).
set +e
"$accord" sweep "$work/mpi.yaml" -j 1 -q -o "$work/j1" 2> "$work/j1.err"
s1=$?
"${mpirun[@]}" "$accord" sweep "$work/mpi.yaml" -o "$work/mpi" > "$work/mpi.out" 2> "$work/mpi.err"
s2=$?
set -e
[ "$s1" -eq 1 ] || { cat "$work/j1.err"; fail "accord -j 1 exited $s1, expected 1"; }
# Exactly 1 (rank 0's status): any other code is a crash or a sanitizer report.
[ "$s2" -eq 1 ] || { cat "$work/mpi.err"; fail "mpirun exited $s2, expected 1"; }
grep -q "2 of 6 runs failed" "$work/mpi.err" || { cat "$work/mpi.err"; fail "no failure line"; }
grep -q "on 2 MPI ranks" "$work/mpi.out" || { cat "$work/mpi.out"; fail "not run on 2 ranks"; }

cmp "$work/j1/summary.csv" "$work/mpi/summary.csv" || fail "summary.csv differs"
h5diff "$work/j1/sweep.h5" "$work/mpi/sweep.h5" /summary /summary || fail "/summary differs"
h5diff "$work/j1/sweep.h5" "$work/mpi/sweep.h5" /design /design || fail "/design differs"
[ "$(grep -c ',failed,' "$work/mpi/summary.csv")" -eq 2 ] || fail "expected 2 failed rows"
[ "$(grep -c ',ok,' "$work/mpi/summary.csv")" -eq 4 ] || fail "expected 4 ok rows"

# A sweep cut short: one run file gone, one half written (a kill mid-write leaves only the
# temporary), one unreadable. --resume under MPI makes those three again, and the two
# failed runs (2, 3), and only them: run 0 stays as it was.
runs="$work/mpi/runs"
keep_before=$(stat -c %Y.%s "$runs/run-000000.h5")
rm "$runs/run-000004.h5" "$work/mpi/sweep.h5" "$work/mpi/summary.csv"
head -c 100 "$runs/run-000005.h5" > "$runs/run-000005.h5.tmp"
rm "$runs/run-000005.h5"
echo "not hdf5" > "$runs/run-000001.h5"
sleep 1
set +e
"${mpirun[@]}" "$accord" sweep "$work/mpi.yaml" --resume -o "$work/mpi" > "$work/resume.out" \
  2> "$work/resume.err"
s3=$?
set -e
[ "$s3" -eq 1 ] || { cat "$work/resume.err"; fail "mpirun --resume exited $s3, expected 1"; }
grep -q "6 runs in the design; 5 run now (2 failed) on 2 MPI ranks, 1 already complete" \
  "$work/resume.out" || { cat "$work/resume.out" "$work/resume.err"; fail "resume counts"; }
[ "$(stat -c %Y.%s "$runs/run-000000.h5")" = "$keep_before" ] || fail "run 0 was made again"
cmp "$work/j1/summary.csv" "$work/mpi/summary.csv" || fail "summary.csv differs after resume"
h5diff "$work/j1/sweep.h5" "$work/mpi/sweep.h5" /summary /summary || fail "/summary after resume"
# Sanitizer builds: any report of a rank fails the test (mpirun may still pass on rank 0's
# exit status, so the reports are looked for in the logs).
if grep -l -E "Sanitizer|runtime error:" "$work"/*.err; then
  fail "sanitizer report under mpirun (see the files above)"
fi
echo "sweep under mpirun -n 2: same tables as -j 1, resume remade exactly the missing runs"
