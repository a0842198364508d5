#!/usr/bin/env bash
# Parallel efficiency of `accord sweep` on 2 MPI ranks and on 2 threads, measured on the CLI
# (plain timing driver, prints figures): the 64-run sweep of bench_sweep (32 Latin-hypercube
# points of the internal price x 2 replicates, one week of quartier-mixte, detail summary).
#   T1   = accord sweep -j 1          T2 = accord sweep -j 2
#   Tmpi = mpirun -n 2 accord sweep   (one thread per rank)
#   L    = mpirun -n 2 of a program that only calls MPI_Init_thread and MPI_Finalize (starting
#          an MPI job: a constant of Open MPI, not sweep work; ~0.25 s here)
# Efficiency T1 / (2 T2) and T1 / (2 (Tmpi - L)) (also the raw T1 / (2 Tmpi)). Each
# configuration is repeated; the best and the spread are printed (a shared machine is noisy).
# Usage: bench/bench_sweep_mpi.sh [BUILD_DIR (default build)] [REPEATS (default 5)] [END (default
#        2025-01-08: one-week runs; 2025-04-01 gives three-month runs)]
# On one node Open MPI's default probing of the UCX transport adds ~0.2 s to every job start;
# the bench (and docs/sweeps.md) use OMPI_MCA_pml=ob1, the shared-memory path.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
accord="$(cd "${1:-$root/build}" && pwd)/accord"
reps="${2:-5}"
end="${3:-2025-01-08}"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
export OMPI_MCA_pml="${OMPI_MCA_pml:-ob1}"
work="$(mktemp -d /tmp/accord-bench-sweep-mpi.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cat > "$work/bench.yaml" <<YAML
accord_sweep: 1
base: $root/scenarios/quartier-mixte.yaml
set: {time.end: $end}
replicates: 2
parameters: [{path: community.internal_price.eur_per_kwh, distribution: {uniform: [0.08, 0.16]}}]
design: {type: lhs, samples: 32}
output: {detail: summary}
YAML

# Wall clock and CPU time (user + sys of the whole process tree) of each command. On a
# shared machine the wall clock depends on the other load; the CPU time does not much, and
# its growth from 1 to 2 workers is the work the parallel run adds (locks, messages, polling).
printf '#include <mpi.h>\nint main(int c, char** v) { int p; MPI_Init_thread(&c, &v, MPI_THREAD_SERIALIZED, &p); MPI_Finalize(); return 0; }\n' > "$work/mpi_start.c"
mpicc -O1 "$work/mpi_start.c" -o "$work/mpi_start"
/usr/bin/python3 - "$accord" "$work" "$reps" "$end" <<'PY'
import os, resource, subprocess, sys, time
accord, work, reps, end = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
sweep = os.path.join(work, "bench.yaml")

def timed(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu

def fresh(name):
    d = os.path.join(work, name)
    subprocess.run(["rm", "-rf", d])
    return d

rows = {"T1": [], "T2": [], "Tmpi": [], "L": []}
for _ in range(reps):
    rows["T1"].append(timed([accord, "sweep", sweep, "-q", "-j", "1", "-o", fresh("o1")]))
    rows["T2"].append(timed([accord, "sweep", sweep, "-q", "-j", "2", "-o", fresh("o2")]))
    rows["Tmpi"].append(timed(["mpirun", "-n", "2", accord, "sweep", sweep, "-q", "-o", fresh("om")]))
    rows["L"].append(timed(["mpirun", "-n", "2", os.path.join(work, "mpi_start")]))
    a = open(os.path.join(work, "o1", "summary.csv"), "rb").read()
    for o in ("o2", "om"):
        if open(os.path.join(work, o, "summary.csv"), "rb").read() != a:
            sys.exit(f"summary.csv of {o} differs from -j 1")

label = {"T1": "accord -j 1", "T2": "accord -j 2", "Tmpi": "mpirun -n 2 (-j 1 per rank)",
         "L": "mpirun -n 2 MPI_Init+Finalize only"}
print(f"64-run sweep (quartier-mixte to {end}, detail summary), {reps} repeats; load "
      f"average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
for k, v in rows.items():
    print(f"  {k:<5}{label[k]:<30} wall best {min(w for w, _ in v):.3f} s "
          f"[{' '.join(f'{w:.2f}' for w, _ in v)}]   cpu best {min(c for _, c in v):.3f} s")
def eff(name, xs):
    print(f"  {name:<46} best {max(xs):.2f}  worst {min(xs):.2f}  "
          f"[{' '.join(f'{x:.2f}' for x in xs)}]")
t1 = [w for w, _ in rows["T1"]]
eff("efficiency 2 threads, wall  T1 / (2 T2)", [a / (2 * w) for a, (w, _) in zip(t1, rows["T2"])])
eff("efficiency 2 ranks, wall    T1 / (2 (Tmpi - L))",
    [a / (2 * (w - l)) for a, (w, _), (l, _) in zip(t1, rows["Tmpi"], rows["L"])])
eff("efficiency 2 ranks, wall raw T1 / (2 Tmpi)", [a / (2 * w) for a, (w, _) in zip(t1, rows["Tmpi"])])
c1 = [c for _, c in rows["T1"]]
eff("CPU work ratio 2 threads  cpu1 / cpu2", [a / c for a, (_, c) in zip(c1, rows["T2"])])
eff("CPU work ratio 2 ranks    cpu1 / (cpu - cpuL)",
    [a / (c - l) for a, (_, c), (_, l) in zip(c1, rows["Tmpi"], rows["L"])])
PY
