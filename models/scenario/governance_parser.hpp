#pragma once
// The `governance:` section (calendar, agenda, protocols' parameters) and its cross-checks
// against the actors and the community (docs/governance.md).
#include "accord/models/scenario/scenario.hpp"
#include "accord/sim/config_node.hpp"

namespace accord::models::detail {

GovernanceSpec parse_governance(const sim::ConfigNode& node);

// Checks that need the whole scenario: protocols against the actors (a mediator for the
// single text, a board or a municipality to delegate to, bargaining parties), and every
// option against the community (keys built, rules validated, sizes). Errors are located at
// the agenda item or option.
void check_governance(const sim::ConfigNode& governance, const Scenario& s);

// The option as one line of YAML (recorded in /governance/options and in_force).
std::string option_text(const std::string& item, const RuleOption& option);
std::string key_text(const SharingKeySpec& key);
std::string rule_text(const sharing::BenefitRuleSpec& rule);

}  // namespace accord::models::detail
