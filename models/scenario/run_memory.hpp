#pragma once
// The memory a run needs, estimated at load: a horizon of centuries (`time.end: 3025-01-01`)
// must be refused with the estimate and the key to change, not die in std::bad_alloc halfway
// through building the inputs (for `validate` too, which builds them).
#include <cstdint>

#include "accord/models/scenario/scenario.hpp"
#include "accord/sim/config_node.hpp"

namespace accord::models::detail {

// Lower bound, in bytes, of the memory a run of `s` holds at its peak: the per-step arrays
// kept for the whole run (see Simulation::Simulation and InputStream): the step calendar and
// times, the run year of each step, CSV series read once, and at detail full the inputs and
// allocation ledgers, consumption, allocated and supplied [T, N], production, autoprod and
// surplus [T, P]. Inputs are otherwise built a period at a time, which this ignores; the
// per-period records ([M, N]) are counted.
// `streamed`: the ledgers go to the file as the periods close (output::LedgerStream): at
// detail full too, only a period of them is held.
double run_memory_bytes(const Scenario& s, bool streamed = false);

// Physical memory of the machine in bytes (sysconf), or the memory limit of the process's
// cgroup (v2: a container, a Slurm job) when lower; 0 when unknown.
double physical_memory_bytes();

// Records an error at `time.end` when the estimate exceeds `available_bytes` / `parallel_runs`
// (no check when `available_bytes` is 0): a sweep's -j N runs share the machine.
void check_run_memory(const sim::ConfigNode& time, const Scenario& s, double available_bytes,
                      int parallel_runs = 1, bool streamed = false);

// Runs are refused beyond this horizon (assumption: ACC contracts, PV plants and the questions
// accord answers span decades; a century is a typo, and would take hours per run).
inline constexpr double kMaxHorizonYears = 100;

// Records an error at `time.end` when the run spans more than kMaxHorizonYears.
void check_horizon(const sim::ConfigNode& time, const Scenario& s);

}  // namespace accord::models::detail
