#include "behaviour_parser.hpp"

#include <algorithm>
#include <array>

#include "accord/sim/rng.hpp"

namespace accord::models::detail {

using sim::ConfigNode;
using sim::Range;

namespace {

struct Field {
  const char* key;
  double BehaviourSpec::*member;
  Range range;
};

// Keys in the order of BehaviourSpec; the draw index of a field is its position here, so a
// new field goes at the end.
const std::array<Field, 7>& fields() {
  static const std::array<Field, 7> f{{
      {"money_weight", &BehaviourSpec::money_weight, Range::between(0, 10)},
      {"alpha", &BehaviourSpec::alpha, Range::between(0, 10)},
      {"beta", &BehaviourSpec::beta, Range::between(0, 0.999)},
      {"community_motive", &BehaviourSpec::community_motive, Range::between(0, 10)},
      {"participation", &BehaviourSpec::participation, Range::fraction()},
      {"initial_trust", &BehaviourSpec::initial_trust, Range::fraction()},
      {"forecast_noise", &BehaviourSpec::forecast_noise, Range::between(0, 5)},
  }};
  return f;
}

}  // namespace

BehaviourTemplate::BehaviourTemplate(const ConfigNode& node, BehaviourDraws draws)
    : draws_(std::move(draws)) {
  const BehaviourSpec defaults;
  for (int k = 0; k < kFields; ++k) {
    const Field& f = fields()[static_cast<size_t>(k)];
    values_[k].fixed = defaults.*(f.member);
    values_[k].lo = f.range.min;
    values_[k].hi = f.range.max;
  }
  if (!node.present()) return;
  std::vector<std::string> keys;
  for (const auto& f : fields()) keys.emplace_back(f.key);
  if (!node.expect_map(keys)) return;
  for (int k = 0; k < kFields; ++k) {
    const Field& f = fields()[static_cast<size_t>(k)];
    const ConfigNode v = node.optional(f.key);
    if (!v.present()) continue;
    Value& out = values_[k];
    if (v.is_scalar()) {
      out.fixed = v.as_number(f.range).value_or(out.fixed);
      continue;
    }
    if (draws_.group.empty()) {
      v.error("a participant's behaviour takes numbers; distributions belong to groups");
      continue;
    }
    if (!v.expect_map({"uniform", "normal"})) continue;
    const bool uniform = v.has("uniform");
    if (uniform == v.has("normal")) {
      v.error("give one distribution: {uniform: [lo, hi]} or {normal: [mean, sd]}");
      continue;
    }
    const ConfigNode pair = v.optional(uniform ? "uniform" : "normal");
    const auto items = pair.expect_sequence() ? pair.elements() : std::vector<ConfigNode>{};
    if (items.size() != 2) {
      pair.error("expected two numbers");
      continue;
    }
    out.a = items[0].as_number(uniform ? f.range : Range{}).value_or(0);
    out.b = items[1].as_number(uniform ? f.range : Range::non_negative()).value_or(0);
    if (uniform && out.b < out.a) pair.error("expected [lo, hi] with lo <= hi");
    out.law = uniform ? Value::Law::kUniform : Value::Law::kNormal;
  }
  if (node.has("alpha") && node.has("beta") && values_[1].law == Value::Law::kFixed &&
      values_[2].law == Value::Law::kFixed && values_[2].fixed > values_[1].fixed)
    node.optional("beta").error("Fehr–Schmidt needs beta <= alpha");
}

BehaviourSpec BehaviourTemplate::for_member(int64_t member) const {
  BehaviourSpec b;
  const sim::RandomStream rng(draws_.seed, draws_.replicate, sim::Purpose::kBehaviour,
                              sim::entity_key(draws_.group));
  for (int k = 0; k < kFields; ++k) {
    const Value& v = values_[k];
    double x = v.fixed;
    const auto step = static_cast<uint64_t>(member);
    const auto index = static_cast<uint64_t>(k);
    if (v.law == Value::Law::kUniform) x = v.a + (v.b - v.a) * rng.uniform(step, index);
    if (v.law == Value::Law::kNormal) x = v.a + v.b * rng.normal(step, index);
    b.*(fields()[static_cast<size_t>(k)].member) = std::clamp(x, v.lo, v.hi);
  }
  // Inequity aversion keeps beta <= alpha for drawn values too (Fehr & Schmidt 1999).
  b.beta = std::min(b.beta, b.alpha);
  return b;
}

}  // namespace accord::models::detail
