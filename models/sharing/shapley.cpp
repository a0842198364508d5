// Exact Shapley value from the table of all coalition values.
#include <cmath>
#include <vector>

#include "accord/models/sharing/game.hpp"
#include "game_internal.hpp"

namespace accord::models::sharing {

ShapleyResult shapley_exact(const CooperativeGame& game) {
  detail::require_enumerable(game, "shapley_exact");
  const int n = game.players();
  const std::vector<double> v = coalition_values(game);
  // weight[s] = s! (n - s - 1)! / n!, by the recurrence weight[s+1] = weight[s] (s+1)/(n-s-1).
  std::vector<double> weight;
  weight.reserve(static_cast<std::size_t>(n));
  double w = 1.0 / n;
  for (int s = 0; s < n; ++s) {
    weight.push_back(w);
    if (s + 1 < n) w *= (s + 1) / static_cast<double>(n - s - 1);
  }
  ShapleyResult result;
  result.value = Eigen::VectorXd::Zero(n);
  result.std_error = Eigen::VectorXd::Zero(n);
  const uint64_t count = uint64_t{1} << n;
  for (int i = 0; i < n; ++i) {
    const uint64_t bit = uint64_t{1} << i;
    double phi = 0;
    for (uint64_t m = 0; m < count; ++m) {
      if (m & bit) continue;
      phi += weight[static_cast<std::size_t>(detail::popcount(m))] * (v[m | bit] - v[m]);
    }
    result.value[i] = phi;
  }
  return result;
}

}  // namespace accord::models::sharing
