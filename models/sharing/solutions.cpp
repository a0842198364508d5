// Closed-form solution concepts: Nash bargaining, egalitarian Shapley, solidarity value.
#include <cmath>
#include <string>
#include <vector>

#include "accord/models/sharing/game.hpp"
#include "game_internal.hpp"

namespace accord::models::sharing {

Eigen::VectorXd nash_bargaining(const CooperativeGame& game, const Eigen::VectorXd& weights) {
  const int n = game.players();
  if (weights.size() != n) {
    detail::fail("nash_bargaining", "expected " + std::to_string(n) + " weights, got " +
                                        std::to_string(weights.size()));
  }
  if (!weights.allFinite() || (weights.array() < 0).any() || !(weights.sum() > 0)) {
    detail::fail("nash_bargaining", "weights must be finite, >= 0 and not all 0");
  }
  const auto nn = static_cast<std::size_t>(n);
  Eigen::VectorXd disagreement(n);
  Coalition members(nn, 0);
  for (std::size_t i = 0; i < nn; ++i) {
    members[i] = 1;
    disagreement[static_cast<Eigen::Index>(i)] = game.value(members);
    members[i] = 0;
  }
  Coalition all(nn, 1);
  const double surplus = game.value(all) - disagreement.sum();
  return disagreement + weights / weights.sum() * surplus;
}

Eigen::VectorXd egalitarian_shapley(const Eigen::VectorXd& shapley, double grand_value,
                                    double alpha) {
  if (shapley.size() == 0) detail::fail("egalitarian_shapley", "no players");
  if (!(alpha >= 0 && alpha <= 1)) {
    detail::fail("egalitarian_shapley", "alpha must lie in [0, 1], got " + std::to_string(alpha));
  }
  const auto n = static_cast<double>(shapley.size());
  return alpha * shapley + Eigen::VectorXd::Constant(shapley.size(), (1 - alpha) * grand_value / n);
}

// Nowak & Radzik (1994): psi_i = sum_{S containing i} (n-s)!(s-1)!/n! * A(S), where
// A(S) = (1/s) sum_{k in S} [v(S) - v(S \ {k})] is the average marginal contribution in S.
Eigen::VectorXd solidarity_value(const CooperativeGame& game) {
  detail::require_enumerable(game, "solidarity_value");
  const int n = game.players();
  const std::vector<double> v = coalition_values(game);
  const uint64_t count = uint64_t{1} << n;
  // weight[s] for |S| = s >= 1: (n-s)!(s-1)!/n!, the Shapley weight of S \ {i}.
  std::vector<double> weight{0.0};
  weight.reserve(static_cast<std::size_t>(n) + 1);
  double w = 1.0 / n;
  for (int s = 1; s <= n; ++s) {
    weight.push_back(w);
    if (s < n) w *= s / static_cast<double>(n - s);
  }
  Eigen::VectorXd psi = Eigen::VectorXd::Zero(n);
  for (uint64_t m = 1; m < count; ++m) {
    const int s = detail::popcount(m);
    double sum = 0;
    for (int k = 0; k < n; ++k) {
      if (m & (uint64_t{1} << k)) sum += v[m] - v[m & ~(uint64_t{1} << k)];
    }
    const double a = sum / s * weight[static_cast<std::size_t>(s)];
    for (int i = 0; i < n; ++i) {
      if (m & (uint64_t{1} << i)) psi[i] += a;
    }
  }
  return psi;
}

}  // namespace accord::models::sharing
