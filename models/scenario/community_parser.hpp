#pragma once
// The money sections of `community:`: `pmo` (running costs and fees), `pooled_producer_revenue`
// and `funds` (solidarity fund, reinvestment reserve). docs/scenario-reference.md lists them.
#include "accord/models/scenario/scenario.hpp"
#include "accord/sim/civil_time.hpp"
#include "accord/sim/config_node.hpp"

namespace accord::models::detail {

// `community.pmo`; absent keys are 0 (no cost, no fee).
sharing::PmoCostSpec parse_pmo(const sim::ConfigNode& node);
// `community.pooled_producer_revenue`: none | surplus | all (default none).
PoolingMode parse_pooling(const sim::ConfigNode& node);
// `community.funds`; dates of reserve spending are local dates in `zone` (a date outside the
// run is never requested).
CommunityFundsSpec parse_funds(const sim::ConfigNode& node, const sim::TimeZone& zone);
// The deprecated flat `tariffs.pmo` values, converted to the yearly model (x 12): what the
// loader uses when `community.pmo` is absent. Both present is an error at `tariffs.pmo`.
void apply_legacy_pmo(const sim::ConfigNode& tariffs, const sim::ConfigNode& community,
                      economics::TariffBook& book, sharing::PmoCostSpec& pmo,
                      std::vector<std::string>& warnings);

}  // namespace accord::models::detail
