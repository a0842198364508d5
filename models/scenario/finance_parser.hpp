#pragma once
// The `finance:` section: investment and financing of PV plants, for investors' NPV, IRR and
// payback at the end of a run.
#include <vector>

#include "accord/models/scenario/scenario.hpp"
#include "accord/sim/config_node.hpp"

namespace accord::models::detail {

std::vector<PlantFinance> parse_finance(const sim::ConfigNode& node,
                                        const std::vector<Producer>& producers);

}  // namespace accord::models::detail
