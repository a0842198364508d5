// Rubinstein alternating offers: closed form and finite-horizon backward induction.
#include "accord/models/governance/alternating_offers.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace accord::models::governance {

namespace {
bool valid_delta(double d) {
  return d >= 0.0 && d <= 1.0;
}  // false for NaN too
}  // namespace

double rubinstein_first_share(double delta1, double delta2) {
  if (!valid_delta(delta1) || !valid_delta(delta2) || delta1 * delta2 >= 1.0) {
    throw std::invalid_argument("rubinstein_first_share: deltas must be in [0, 1], not both 1");
  }
  return (1.0 - delta2) / (1.0 - delta1 * delta2);
}

BargainingOutcome alternating_offers(const Eigen::MatrixXd& utility, const Eigen::VectorXd& delta,
                                     int max_rounds) {
  detail::require_utility(utility, "alternating_offers");
  const int n = static_cast<int>(utility.rows());
  if (delta.size() != n) {
    throw std::invalid_argument("alternating_offers: one discount factor per party expected");
  }
  for (int i = 0; i < n; ++i) {
    if (!valid_delta(delta[i])) {
      throw std::invalid_argument("alternating_offers: discount factors must be in [0, 1]");
    }
  }
  if (max_rounds < 1) throw std::invalid_argument("alternating_offers: max_rounds must be >= 1");

  const Eigen::VectorXd u0 = utility.col(0);
  const double tolerance = 1e-12 * std::max(1.0, utility.cwiseAbs().maxCoeff());
  BargainingOutcome out;
  out.offers.assign(static_cast<std::size_t>(max_rounds), 0);
  // threshold_j = least utility responder j accepts in the round being solved: the status quo
  // in the last round, u0_j + delta_j (c_j - u0_j) before it.
  Eigen::VectorXd threshold = u0;
  for (int r = max_rounds; r >= 1; --r) {
    const int proposer = (r - 1) % n;
    const auto acceptable = [&](int k) {
      for (int j = 0; j < n; ++j) {
        if (j != proposer && utility(j, k) < threshold[j] - tolerance) return false;
      }
      return true;
    };
    int offer =
        detail::best_option(utility, acceptable, [&](int k) { return utility(proposer, k); });
    // Option 0 is acceptable in the last round, the next round's offer in earlier ones (every
    // offer gives each party c_j >= u0_j, hence c_j - u0_j >= delta_j (c_j - u0_j)), so an offer
    // always exists and the proposer, who can offer the next round's option now, never gains
    // by delaying.
    if (offer < 0) offer = 0;
    out.offers[static_cast<std::size_t>(r - 1)] = offer;
    threshold = u0 + delta.cwiseProduct(utility.col(offer) - u0);
  }
  out.chosen = out.offers.front();
  out.rounds = 1;
  out.agreed = out.chosen != 0;
  return out;
}

}  // namespace accord::models::governance
