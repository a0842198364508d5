#include "accord/models/agents/members.hpp"

#include <algorithm>

#include "accord/models/governance/fehr_schmidt.hpp"

namespace accord::models::agents {

Eigen::VectorXd OptionOutcome::normalised() const {
  return payoff_eur.array() / reference_eur.array().max(1.0);
}

MemberAgents::MemberAgents(const std::vector<Participant>& participants) {
  const auto n = static_cast<Eigen::Index>(participants.size());
  for (auto* v : {&money_weight_, &alpha_, &beta_, &community_motive_, &participation_,
                  &forecast_noise_, &trust_})
    v->resize(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const Participant& p = participants[static_cast<size_t>(i)];
    ids_.push_back(p.id);
    keys_.push_back(sim::entity_key(p.id));
    money_weight_(i) = p.behaviour.money_weight;
    alpha_(i) = p.behaviour.alpha;
    beta_(i) = p.behaviour.beta;
    community_motive_(i) = p.behaviour.community_motive;
    participation_(i) = p.behaviour.participation;
    forecast_noise_(i) = p.behaviour.forecast_noise;
    trust_(i) = p.behaviour.initial_trust;
  }
}

Eigen::VectorXd MemberAgents::utility(const OptionOutcome& outcome, const Eigen::VectorXd& noise_sd,
                                      const sim::RandomStream& stream, int64_t period,
                                      uint64_t draw_key, Eigen::VectorXd* perceived) const {
  Eigen::VectorXd x = outcome.normalised();
  for (Eigen::Index i = 0; i < x.size(); ++i)
    if (noise_sd(i) > 0)
      x(i) += noise_sd(i) *
              stream.normal(static_cast<uint64_t>(period),
                            keys_[static_cast<size_t>(i)] ^ (draw_key * 0x9E3779B97F4A7C15ULL));
  Eigen::VectorXd u = governance::fehr_schmidt_utility(x, alpha_, beta_);
  u.array() += (money_weight_.array() - 1.0) * x.array() +
               community_motive_.array() * outcome.self_consumption;
  if (perceived) *perceived = std::move(x);
  return u;
}

}  // namespace accord::models::agents
