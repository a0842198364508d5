#pragma once
// The `actors:` section: the PMO and its statutes, the municipality, the intermediaries.
// Cross-checks against the participants (ids, groups) happen here, located at the key.
#include <vector>

#include "accord/models/scenario/actor_specs.hpp"
#include "accord/models/scenario/specs.hpp"
#include "accord/sim/civil_time.hpp"
#include "accord/sim/config_node.hpp"

namespace accord::models::detail {

ActorsSpec parse_actors(const sim::ConfigNode& node, const std::vector<Participant>& participants,
                        const sim::TimeZone& zone);

// Voting rule names of the statutes (`actors.pmo.statutes.voting.rule`).
const std::vector<std::string>& voting_rule_names();
std::string voting_rule_name(governance::VotingRule rule);

}  // namespace accord::models::detail
