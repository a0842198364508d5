#include "benefit_rule_parser.hpp"

namespace accord::models::detail {

using sim::ConfigNode;
using sim::Range;

namespace {

// The rule checks its own parameters; its ConfigError becomes a located error here.
void validate(const ConfigNode& node, const sharing::BenefitRuleSpec& spec) {
  try {
    sharing::validate_benefit_rule(spec);
  } catch (const ConfigError& e) {
    node.error(e.message());
  } catch (const std::invalid_argument& e) {
    node.error(e.what());
  }
}

}  // namespace

sharing::BenefitRuleSpec parse_benefit_rule_name(const ConfigNode& node) {
  sharing::BenefitRuleSpec spec;
  spec.type = node.as_choice(sharing::known_benefit_rules()).value_or(spec.type);
  return spec;
}

sharing::BenefitRuleSpec parse_benefit_rule(const ConfigNode& n) {
  sharing::BenefitRuleSpec spec;
  if (!n.expect_map({"type", "territorial", "alpha", "sigma", "base_rule", "weights_by", "weights",
                     "exact_max_members", "sampling", "core"}))
    return spec;
  spec.type = n.choice("type", sharing::known_benefit_rules());
  if (const ConfigNode t = n.optional("territorial");
      t.present() && t.expect_map({"solidarity_fund", "reinvestment_reserve", "municipality"})) {
    spec.territorial.solidarity_fund = t.number_or("solidarity_fund", 0, Range::fraction());
    spec.territorial.reinvestment_reserve =
        t.number_or("reinvestment_reserve", 0, Range::fraction());
    spec.territorial.municipality = t.number_or("municipality", 0, Range::fraction());
  }
  spec.alpha = n.number_or("alpha", spec.alpha, Range::fraction());
  spec.sigma = n.number_or("sigma", spec.sigma, Range::fraction());
  spec.base_rule = n.choice_or("base_rule", sharing::known_benefit_rules(), spec.base_rule);
  spec.weights_by =
      n.choice_or("weights_by", {"equal", "consumption", "allocated", "investment", "explicit"},
                  spec.weights_by);
  for (const auto& [id, w] : n.optional("weights").entries())
    spec.weights[id] = w.as_number(Range::non_negative()).value_or(1.0);
  spec.exact_max_members = static_cast<int>(
      n.integer_or("exact_max_members", spec.exact_max_members, Range::between(0, 20)));
  if (const ConfigNode smp = n.optional("sampling");
      smp.present() && smp.expect_map({"target_relative_se", "max_permutations"})) {
    spec.sampling_target_relative_se = smp.number_or(
        "target_relative_se", spec.sampling_target_relative_se, Range::between(1e-6, 1));
    spec.sampling_max_permutations =
        smp.integer_or("max_permutations", spec.sampling_max_permutations, Range::between(1, 1e9));
  }
  if (const ConfigNode core = n.optional("core");
      core.present() && core.expect_map({"exact_max_members", "samples"})) {
    spec.core_exact_max_members = static_cast<int>(
        core.integer_or("exact_max_members", spec.core_exact_max_members, Range::between(0, 20)));
    spec.core_samples = core.integer_or("samples", spec.core_samples, Range::between(0, 1e9));
  }
  validate(n, spec);
  return spec;
}

YAML::Node benefit_rule_yaml(const sharing::BenefitRuleSpec& spec) {
  YAML::Node n;
  n["type"] = spec.type;
  n["territorial"]["solidarity_fund"] = spec.territorial.solidarity_fund;
  n["territorial"]["reinvestment_reserve"] = spec.territorial.reinvestment_reserve;
  n["territorial"]["municipality"] = spec.territorial.municipality;
  n["alpha"] = spec.alpha;
  n["sigma"] = spec.sigma;
  n["base_rule"] = spec.base_rule;
  n["weights_by"] = spec.weights_by;
  for (const auto& [id, w] : spec.weights) n["weights"][id] = w;
  n["exact_max_members"] = spec.exact_max_members;
  n["sampling"]["target_relative_se"] = spec.sampling_target_relative_se;
  n["sampling"]["max_permutations"] = spec.sampling_max_permutations;
  n["core"]["exact_max_members"] = spec.core_exact_max_members;
  n["core"]["samples"] = spec.core_samples;
  return n;
}

}  // namespace accord::models::detail
