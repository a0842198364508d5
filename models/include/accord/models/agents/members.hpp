#pragma once
// The members as deciders (docs/governance.md "Members' utility"): their behaviour
// parameters and trust as arrays over members (structure of arrays), and the utility each
// gives an option from the option's evaluated outcome.
//
//   x_i     = payoff_i / reference bill_i          (normalised money of member i)
//   x~_i    = x_i + sd_i * eps_i                   (its forecast; eps ~ N(0, 1), keyed draw)
//   U_i     = x~_i - alpha_i/(n-1) sum_j max(x~_j - x~_i, 0) - beta_i/(n-1) sum_j max(x~_i - x~_j,
//   0)
//             + (money_weight_i - 1) x~_i + community_motive_i * self_consumption_rate
// (Fehr & Schmidt 1999 on normalised payoffs; forecast error: an assumption, reduced by an
// expertise intermediary's advice.)
#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

#include "accord/models/scenario/specs.hpp"
#include "accord/sim/rng.hpp"

namespace accord::models::agents {

// What an option would have given over the evaluation window.
struct OptionOutcome {
  Eigen::VectorXd payoff_eur;          // [N] benefit share + revenue of the plants it owns, EUR
  Eigen::VectorXd reference_eur;       // [N] bill without the operation over the window, EUR
  double self_consumption = 0;         // allocated / production over the window
  double self_sufficiency = 0;         // allocated / consumption over the window
  double territorial_eur = 0;          // solidarity fund + reserve + municipality, EUR
  double municipality_plants_eur = 0;  // revenue of the municipality's plants, EUR
  Eigen::VectorXd normalised() const;  // payoff / max(reference, 1 EUR)
};

class MemberAgents {
 public:
  explicit MemberAgents(const std::vector<Participant>& participants);
  int size() const { return static_cast<int>(ids_.size()); }

  // Perceived utility [N] of one option. `noise_sd` [N] is each member's forecast sd now
  // (expertise lowers it); draws keyed by (period, member id, draw_key).
  Eigen::VectorXd utility(const OptionOutcome& outcome, const Eigen::VectorXd& noise_sd,
                          const sim::RandomStream& stream, int64_t period, uint64_t draw_key,
                          Eigen::VectorXd* perceived_normalised = nullptr) const;

  const Eigen::VectorXd& participation() const { return participation_; }
  const Eigen::VectorXd& forecast_noise() const { return forecast_noise_; }
  Eigen::VectorXd& trust() { return trust_; }
  const Eigen::VectorXd& trust() const { return trust_; }
  const std::vector<uint64_t>& keys() const { return keys_; }

 private:
  std::vector<std::string> ids_;
  std::vector<uint64_t> keys_;  // sim::entity_key of each id
  Eigen::VectorXd money_weight_, alpha_, beta_, community_motive_, participation_, forecast_noise_,
      trust_;
};

}  // namespace accord::models::agents
