#pragma once
// The memory a run needs, estimated at load: a horizon of centuries (`time.end: 3025-01-01`)
// must be refused with the estimate and the key to change, not die in std::bad_alloc halfway
// through building the inputs (for `validate` too, which builds them).
#include <cstdint>

#include "accord/models/scenario/scenario.hpp"
#include "accord/sim/config_node.hpp"

namespace accord::models::detail {

// Lower bound, in bytes, of the memory a run of `s` holds at its peak: the per-step arrays
// the Simulation keeps whole for the run (see Simulation::Simulation and
// build_energy_inputs): consumption [T, N] and production and the producers' own series
// [T, P], plus at detail full allocated and supplied [T, N], autoprod and surplus [T, P];
// one solar track; the step calendar; the block of load series being built.
double run_memory_bytes(const Scenario& s);

// Physical memory of the machine in bytes (sysconf), or the memory limit of the process's
// cgroup (v2: a container, a Slurm job) when lower; 0 when unknown.
double physical_memory_bytes();

// Records an error at `time.end` when the estimate exceeds `available_bytes` / `parallel_runs`
// (no check when `available_bytes` is 0): a sweep's -j N runs share the machine.
void check_run_memory(const sim::ConfigNode& time, const Scenario& s, double available_bytes,
                      int parallel_runs = 1);

}  // namespace accord::models::detail
