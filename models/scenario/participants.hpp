#pragma once
// The `participants:` and `producers:` sections: explicit members, generated groups
// (expanded deterministically from the seed), producers, and prosumers' injection.
#include <vector>

#include "accord/models/scenario/specs.hpp"
#include "accord/sim/config_node.hpp"

namespace accord::models::detail {

struct MemberContext {
  GeoPoint site;
  uint64_t seed = 0;
  uint32_t replicate = 0;
};

std::vector<Participant> parse_participants(const sim::ConfigNode& list, const MemberContext& ctx);
std::vector<Producer> parse_producers(const sim::ConfigNode& list, const MemberContext& ctx);
// Every prosumer's production becomes a producer "<id>:pv" owned by it: only its injection
// (production beyond its own load) is shared.
void add_prosumer_producers(const std::vector<Participant>& participants,
                            std::vector<Producer>& producers);

// French disposable income per consumption unit by decile (upper bounds D1..D9, EUR/yr);
// documented assumption in docs/scenario-reference.md.
const std::vector<double>& income_decile_bounds();

}  // namespace accord::models::detail
