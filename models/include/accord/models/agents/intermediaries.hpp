#pragma once
// Territorial intermediaries and their mechanisms (docs/governance.md "Intermediaries").
// Effects come out of mechanisms on the agents, never as a multiplier on outcomes:
//   mediation  outreach: contacted members' participation p <- p + boost (1 - p);
//              facilitation: the single negotiation text is available;
//              trust repair: an outvoted member loses (1 - repair) of the trust it would lose.
//   expertise  advice: an advised member's forecast sd x (1 - reduction);
//              engineered options added to the agenda (the round builds them);
//              transaction costs of a round x (1 - reduction).
#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "accord/models/scenario/scenario.hpp"
#include "accord/sim/rng.hpp"

namespace accord::models::agents {

// Whether a mediator's outreach targets a person of this kind and income decile (an empty list
// in the spec targets everyone).
bool outreach_targets(const MediationSpec& mediation, const std::string& kind, int decile);

// Whom an actor reaches in `period`: the `count` persons among the `eligible` ones with the
// smallest uniforms keyed by (period, person key XOR actor key), in that order, so that who is
// contacted follows ids, not positions.
std::vector<size_t> chosen_contacts(const std::vector<uint64_t>& person_keys,
                                    const std::function<bool(size_t)>& eligible, uint64_t actor_key,
                                    const sim::RandomStream& stream, int64_t period, size_t count);

class Intermediaries {
 public:
  Intermediaries(const Scenario& scenario);
  const std::vector<IntermediarySpec>& specs() const { return specs_; }

  // Participation probability [N] after outreach by the mediators engaged at t.
  Eigen::VectorXd after_outreach(const Eigen::VectorXd& participation, int64_t t_utc,
                                 const sim::RandomStream& stream, int64_t period) const;
  // Forecast sd [N] of each member at t (advice of the experts engaged then).
  Eigen::VectorXd forecast_sd(const Eigen::VectorXd& base_sd, int64_t t_utc) const;
  double transaction_cost_factor(int64_t t_utc) const;
  double trust_repair(int64_t t_utc) const;  // the largest of the engaged mediators
  const IntermediarySpec* single_text_mediator(int64_t t_utc) const;
  std::vector<const IntermediarySpec*> experts(int64_t t_utc) const;
  // Cost [I] of each intermediary over [from, to) (EUR, prorated by engaged time).
  Eigen::VectorXd cost_between(int64_t from_utc, int64_t to_utc) const;

 private:
  std::vector<IntermediarySpec> specs_;
  std::vector<std::string> kind_;  // [N]
  std::vector<int> decile_;        // [N]
  std::vector<uint64_t> key_;      // [N]
};

}  // namespace accord::models::agents
