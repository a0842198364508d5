#pragma once
// The `behaviour:` block of a participant or a group: how a member decides in governance.
// A group's value may be a distribution ({uniform: [lo, hi]} or {normal: [mean, sd]}, clamped
// to the parameter's range), drawn per member from the run's counter-based streams.
#include <cstdint>
#include <string>

#include "accord/models/scenario/specs.hpp"
#include "accord/sim/config_node.hpp"

namespace accord::models::detail {

// Where a group's draws come from: (seed, replicate, kBehaviour, group id, member index).
struct BehaviourDraws {
  uint64_t seed = 0;
  uint32_t replicate = 0;
  std::string group;  // empty for an explicit participant (no distributions allowed)
};

// Parsed once per participant or group; `member` picks the draw of a group's member.
class BehaviourTemplate {
 public:
  BehaviourTemplate() = default;
  BehaviourTemplate(const sim::ConfigNode& node, BehaviourDraws draws);
  BehaviourSpec for_member(int64_t member) const;

 private:
  struct Value {
    double fixed = 0;
    enum class Law { kFixed, kUniform, kNormal } law = Law::kFixed;
    double a = 0, b = 0;  // uniform bounds, or normal mean and sd
    double lo = 0, hi = 0;
  };
  static constexpr int kFields = 7;
  Value values_[kFields];
  BehaviourDraws draws_;
};

}  // namespace accord::models::detail
