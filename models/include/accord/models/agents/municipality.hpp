#pragma once
// The municipality as a decider: a weighted sum of its objectives, the weights changing at
// its election dates (docs/governance.md "Municipality").
//   U_M = w_tb * territorial / R + w_li * mean_{low income} x_i + w_rev * plants / R
//         + w_vis * self_sufficiency,      R = the members' total reference bill
// Every term is a fraction, so the weights compare like with like (an assumption).
#include <cstdint>
#include <vector>

#include "accord/models/agents/members.hpp"
#include "accord/models/scenario/actor_specs.hpp"

namespace accord::models::agents {

class Municipality {
 public:
  Municipality(const MunicipalitySpec& spec, const std::vector<Participant>& participants);
  bool present() const { return spec_.present; }
  int member_index() const { return member_; }  // its participant, -1 when not a member
  const ObjectiveWeights& objectives_at(int64_t t_utc) const;
  double utility(const OptionOutcome& outcome, int64_t t_utc) const;

 private:
  MunicipalitySpec spec_;
  int member_ = -1;
  std::vector<uint8_t> low_income_;
};

}  // namespace accord::models::agents
