#pragma once
// The `lifecycle:` section (docs/lifecycle.md, docs/scenario-reference.md): phase durations,
// barriers and events. A negative or disordered duration, an event dated outside the run or
// naming an unknown producer or participant is one located error.
#include <vector>

#include "accord/models/scenario/lifecycle_specs.hpp"
#include "accord/models/scenario/scenario.hpp"
#include "accord/models/scenario/specs.hpp"
#include "accord/sim/civil_time.hpp"
#include "accord/sim/config_node.hpp"

namespace accord::models::detail {

struct LifecycleContext {
  const std::vector<Participant>* participants = nullptr;
  const std::vector<Producer>* producers = nullptr;
  int64_t start_utc = 0, end_utc = 0;  // the run
  const sim::TimeZone* zone = nullptr;
};

LifecycleSpec parse_lifecycle(const sim::ConfigNode& node, const LifecycleContext& ctx);

// A renewal vote needs governance rounds (and a board, for the board).
void check_renewal(const sim::ConfigNode& lifecycle, const Scenario& s);

}  // namespace accord::models::detail
