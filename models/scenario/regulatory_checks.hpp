#pragma once
// Regulatory checks at load time (domain/acc-france.md §1): perimeter and power cap.
// A violation is a ConfigError, or a warning kept in Scenario::warnings when the scenario
// declares the derogation (`regulation: {derogation: true}`).
#include "accord/models/scenario/scenario.hpp"
#include "accord/sim/config_node.hpp"

namespace accord::models::detail {

void check_regulation(const sim::ConfigNode& root, Scenario& scenario);

}  // namespace accord::models::detail
