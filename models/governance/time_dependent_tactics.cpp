// Faratin-Sierra-Jennings time-dependent tactics and a round-robin negotiation using them.
#include "accord/models/governance/time_dependent_tactics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace accord::models::governance {

double faratin_alpha(double t, double deadline, double kappa, double beta) {
  if (!(deadline > 0.0) || !std::isfinite(deadline)) {
    throw std::invalid_argument("faratin_alpha: deadline must be > 0 and finite");
  }
  if (!(kappa >= 0.0 && kappa <= 1.0))
    throw std::invalid_argument("faratin_alpha: kappa in [0, 1]");
  if (!(beta > 0.0) || !std::isfinite(beta)) throw std::invalid_argument("faratin_alpha: beta > 0");
  if (!std::isfinite(t)) throw std::invalid_argument("faratin_alpha: t must be finite");
  const double tau = std::clamp(t, 0.0, deadline) / deadline;
  return kappa + (1.0 - kappa) * std::pow(tau, 1.0 / beta);
}

BargainingOutcome time_dependent_negotiation(const Eigen::MatrixXd& utility,
                                             const std::vector<TacticParams>& tactics,
                                             int deadline_rounds) {
  detail::require_utility(utility, "time_dependent_negotiation");
  const int n = static_cast<int>(utility.rows());
  if (static_cast<int>(tactics.size()) != n) {
    throw std::invalid_argument("time_dependent_negotiation: one tactic per party expected");
  }
  if (deadline_rounds < 1) {
    throw std::invalid_argument("time_dependent_negotiation: deadline_rounds must be >= 1");
  }
  const double tolerance = 1e-12 * std::max(1.0, utility.cwiseAbs().maxCoeff());
  const Eigen::VectorXd u0 = utility.col(0);
  const Eigen::VectorXd u_max = utility.rowwise().maxCoeff();
  const double deadline = static_cast<double>(deadline_rounds);
  // Validate every tactic once, before any round is played.
  for (const auto& tactic : tactics) faratin_alpha(0.0, deadline, tactic.kappa, tactic.beta);

  BargainingOutcome out;
  Eigen::VectorXd aspiration(n);
  for (int t = 1; t <= deadline_rounds; ++t) {
    out.rounds = t;
    for (int i = 0; i < n; ++i) {
      const auto& tactic = tactics[static_cast<std::size_t>(i)];
      const double alpha =
          faratin_alpha(static_cast<double>(t), deadline, tactic.kappa, tactic.beta);
      aspiration[i] = u_max[i] - alpha * (u_max[i] - u0[i]);
    }
    const int proposer = (t - 1) % n;
    const auto meets_own = [&](int k) {
      return k != 0 && utility(proposer, k) >= aspiration[proposer] - tolerance;
    };
    // The offer most likely to be accepted: it raises the worst-off other party the most.
    const auto least_gain = [&](int k) {
      if (n == 1) return utility(proposer, k) - u0[proposer];
      double g = std::numeric_limits<double>::infinity();
      for (int j = 0; j < n; ++j) {
        if (j != proposer) g = std::min(g, utility(j, k) - u0[j]);
      }
      return g;
    };
    const int offer = detail::best_option(utility, meets_own, least_gain);
    out.offers.push_back(std::max(offer, 0));
    if (offer < 0) continue;
    bool accepted = true;
    for (int j = 0; j < n && accepted; ++j) {
      if (j != proposer && utility(j, offer) < aspiration[j] - tolerance) accepted = false;
    }
    if (accepted) {
      out.chosen = offer;
      out.agreed = true;
      return out;
    }
  }
  out.chosen = 0;
  out.agreed = false;
  return out;
}

}  // namespace accord::models::governance
