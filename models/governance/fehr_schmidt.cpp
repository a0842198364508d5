// Fehr-Schmidt inequity-averse utility in O(n log n) (Fehr & Schmidt 1999).
#include "accord/models/governance/fehr_schmidt.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace accord::models::governance {

Eigen::VectorXd fehr_schmidt_utility(const Eigen::VectorXd& x, const Eigen::VectorXd& alpha,
                                     const Eigen::VectorXd& beta) {
  const Eigen::Index n = x.size();
  if (alpha.size() != n || beta.size() != n) {
    throw std::invalid_argument("fehr_schmidt_utility: x, alpha and beta differ in size");
  }
  if (n <= 1) return x;
  // Sort the payoffs ascending; with prefix sums P[p] = s_0 + .. + s_{p-1}, the party at sorted
  // position p (payoff v) has sum_j max(x_j - v, 0) = (P[n] - P[p+1]) - (n-1-p) v and
  // sum_j max(v - x_j, 0) = p v - P[p]. Equal payoffs on either side contribute 0, so the
  // order among ties does not matter.
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::sort(order.begin(), order.end(),
            [&](Eigen::Index a, Eigen::Index b) { return x[a] < x[b]; });
  std::vector<double> prefix(static_cast<std::size_t>(n) + 1, 0.0);
  for (std::size_t p = 0; p < order.size(); ++p) prefix[p + 1] = prefix[p] + x[order[p]];
  const double total = prefix.back();
  const double others = static_cast<double>(n - 1);
  Eigen::VectorXd u(n);
  for (std::size_t p = 0; p < order.size(); ++p) {
    const Eigen::Index i = order[p];
    const double v = x[i];
    const double above = (total - prefix[p + 1]) - static_cast<double>(order.size() - 1 - p) * v;
    const double below = static_cast<double>(p) * v - prefix[p];
    // Rounding in the prefix sums can leave a tiny negative where the exact value is 0.
    u[i] = v - alpha[i] / others * std::max(above, 0.0) - beta[i] / others * std::max(below, 0.0);
  }
  return u;
}

}  // namespace accord::models::governance
