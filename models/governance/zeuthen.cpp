// Zeuthen monotonic concession among n parties (Harsanyi 1956).
#include "accord/models/governance/zeuthen.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace accord::models::governance {

namespace {

// Risk of party i: the largest probability of conflict it would accept rather than take the
// worst offer on the table (Zeuthen's criterion), measured over the status quo.
double risk(const Eigen::MatrixXd& utility, int i, const std::vector<int>& offer) {
  const double own = utility(i, offer[static_cast<std::size_t>(i)]) - utility(i, 0);
  if (!(own > 0.0)) return 0.0;
  double worst = std::numeric_limits<double>::infinity();
  for (std::size_t j = 0; j < offer.size(); ++j) {
    if (static_cast<int>(j) != i) worst = std::min(worst, utility(i, offer[j]));
  }
  const double r = (utility(i, offer[static_cast<std::size_t>(i)]) - worst) / own;
  return std::clamp(r, 0.0, 1.0);
}

}  // namespace

BargainingOutcome zeuthen(const Eigen::MatrixXd& utility, int max_rounds) {
  detail::require_utility(utility, "zeuthen");
  if (max_rounds < 1) throw std::invalid_argument("zeuthen: max_rounds must be >= 1");
  const int n = static_cast<int>(utility.rows());
  const int options = static_cast<int>(utility.cols());
  const double tolerance = 1e-12 * std::max(1.0, utility.cwiseAbs().maxCoeff());

  // Each party's individually rational options, best first; it starts at the front.
  std::vector<std::vector<int>> order(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    auto& o = order[static_cast<std::size_t>(i)];
    for (int k = 0; k < options; ++k) {
      if (utility(i, k) >= utility(i, 0)) o.push_back(k);  // includes the status quo itself
    }
    std::sort(o.begin(), o.end(), [&](int a, int b) { return detail::prefers(utility, i, a, b); });
  }
  std::vector<std::size_t> position(static_cast<std::size_t>(n), 0);
  std::vector<int> offer(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < offer.size(); ++i) offer[i] = order[i].front();

  BargainingOutcome out;
  for (int round = 1; round <= max_rounds; ++round) {
    out.rounds = round;
    out.offers.insert(out.offers.end(), offer.begin(), offer.end());
    // 1. An offer everyone likes at least as much as their own ends the negotiation.
    const auto accepted_by_all = [&](int k) {
      if (std::find(offer.begin(), offer.end(), k) == offer.end()) return false;
      for (int j = 0; j < n; ++j) {
        if (utility(j, k) < utility(j, offer[static_cast<std::size_t>(j)]) - tolerance)
          return false;
      }
      return true;
    };
    const int agreed =
        detail::best_option(utility, accepted_by_all, [&](int k) { return utility.col(k).sum(); });
    if (agreed >= 0) {
      out.chosen = agreed;
      out.agreed = agreed != 0;
      return out;
    }
    // 2. Risks; 3. the least risk-willing parties concede, simultaneously.
    std::vector<double> risks(static_cast<std::size_t>(n));
    double lowest = std::numeric_limits<double>::infinity();
    for (int i = 0; i < n; ++i) {
      risks[static_cast<std::size_t>(i)] = risk(utility, i, offer);
      lowest = std::min(lowest, risks[static_cast<std::size_t>(i)]);
    }
    const std::vector<int> before = offer;
    for (int i = 0; i < n; ++i) {
      const auto ui = static_cast<std::size_t>(i);
      if (risks[ui] > lowest + 1e-12 * std::max(1.0, lowest)) continue;
      const auto& o = order[ui];
      std::size_t next = position[ui] + 1;
      const auto helps_someone = [&](int k) {
        for (int j = 0; j < n; ++j) {
          if (j != i && utility(j, k) > utility(j, before[ui]) + tolerance) return true;
        }
        return false;
      };
      while (next < o.size() && !helps_someone(o[next])) ++next;
      if (next >= o.size()) {  // nothing left to concede: walk away
        out.chosen = 0;
        out.agreed = false;
        return out;
      }
      position[ui] = next;
      offer[ui] = o[next];
    }
  }
  out.chosen = 0;
  out.agreed = false;
  return out;
}

}  // namespace accord::models::governance
