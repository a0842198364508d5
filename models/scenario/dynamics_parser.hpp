#pragma once
// The `dynamics:` section (docs/dynamics.md, docs/scenario-reference.md): satisfaction,
// aspiration, trust, the social network, attitudes and outreach, and the candidates around
// the operation. Candidate ids are checked against the participants' here, located at the key;
// a ties file naming an unknown person is refused with its file and line.
#include <vector>

#include "accord/models/scenario/dynamics_specs.hpp"
#include "accord/models/scenario/scenario.hpp"
#include "accord/models/scenario/specs.hpp"
#include "accord/sim/config_node.hpp"
#include "participants.hpp"

namespace accord::models::detail {

DynamicsSpec parse_dynamics(const sim::ConfigNode& node, const MemberContext& ctx,
                            const std::vector<Participant>& participants);

// Checks between `dynamics.membership` and the other sections: admission by a vote needs
// governance rounds (and a board, for the board).
void check_membership(const sim::ConfigNode& dynamics, const Scenario& s);

}  // namespace accord::models::detail
