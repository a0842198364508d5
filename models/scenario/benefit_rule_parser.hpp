#pragma once
// The `community.benefit_rule` section (and the counterfactual `compare_benefit_rules`):
// a rule type with its parameters and the territorial shares taken first.
#include <yaml-cpp/yaml.h>

#include "accord/models/sharing/benefit_rules.hpp"
#include "accord/sim/config_node.hpp"

namespace accord::models::detail {

sharing::BenefitRuleSpec parse_benefit_rule(const sim::ConfigNode& node);
// A bare name in a list: `compare_benefit_rules: [equal, shapley]`.
sharing::BenefitRuleSpec parse_benefit_rule_name(const sim::ConfigNode& node);
// The resolved rule, every parameter written out (recorded in /scenario/yaml).
YAML::Node benefit_rule_yaml(const sharing::BenefitRuleSpec& spec);

}  // namespace accord::models::detail
