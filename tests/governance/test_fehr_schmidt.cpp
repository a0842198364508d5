// Fehr-Schmidt inequity aversion (models/governance/fehr_schmidt.hpp): the published ultimatum
// threshold and agreement of the O(n log n) form with the direct formula.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "accord/models/governance/fehr_schmidt.hpp"
#include "accord/sim/rng.hpp"

using namespace accord::models::governance;
using accord::sim::Purpose;
using accord::sim::RandomStream;

namespace {

// U_i by its definition, O(n^2).
Eigen::VectorXd direct(const Eigen::VectorXd& x, const Eigen::VectorXd& alpha,
                       const Eigen::VectorXd& beta) {
  const Eigen::Index n = x.size();
  Eigen::VectorXd u = x;
  for (Eigen::Index i = 0; i < n; ++i) {
    double envy = 0, guilt = 0;
    for (Eigen::Index j = 0; j < n; ++j) {
      envy += std::max(x[j] - x[i], 0.0);
      guilt += std::max(x[i] - x[j], 0.0);
    }
    u[i] -= (alpha[i] * envy + beta[i] * guilt) / static_cast<double>(n - 1);
  }
  return u;
}

// The smallest share s the responder accepts in the ultimatum game: rejecting gives (0, 0) and
// utility 0, so bisect U_responder(1 - s, s) = 0 on [0, 1/2] where it increases in s.
double ultimatum_threshold(double alpha, double beta) {
  const Eigen::Vector2d a(0.0, alpha), b(0.0, beta);
  double lo = 0.0, hi = 0.5;
  for (int it = 0; it < 100; ++it) {
    const double s = 0.5 * (lo + hi);
    const double u = fehr_schmidt_utility(Eigen::Vector2d(1.0 - s, s), a, b)[1];
    (u >= 0.0 ? hi : lo) = s;
  }
  return hi;
}

}  // namespace

TEST_CASE("Ultimatum responder threshold alpha/(1 + 2 alpha)", "[governance][fehr_schmidt]") {
  // Fehr & Schmidt (1999), §III: a responder rejects shares below alpha/(1 + 2 alpha).
  CHECK(ultimatum_threshold(0.5, 0.25) == Approx(0.25).margin(1e-9));
  CHECK(ultimatum_threshold(1.0, 0.6) == Approx(1.0 / 3).margin(1e-9));
  CHECK(ultimatum_threshold(4.0, 0.0) == Approx(4.0 / 9).margin(1e-9));
}

TEST_CASE("Sorted prefix sums equal the direct formula", "[governance][fehr_schmidt]") {
  const RandomStream rng(42, 0, Purpose::kGovernance, 7);
  const Eigen::Index n = 200;
  Eigen::VectorXd x(n), alpha(n), beta(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto k = static_cast<uint64_t>(i);
    x[i] = 100.0 * rng.uniform(0, k) - 30.0;
    if (i % 10 == 0) x[i] = std::round(x[i] / 20.0) * 20.0;  // ties
    alpha[i] = 2.0 * rng.uniform(1, k);
    beta[i] = std::min(alpha[i], rng.uniform(2, k));
  }
  const Eigen::VectorXd fast = fehr_schmidt_utility(x, alpha, beta);
  const Eigen::VectorXd slow = direct(x, alpha, beta);
  REQUIRE(fast.size() == n);
  CHECK((fast - slow).cwiseAbs().maxCoeff() < 1e-9);
}

TEST_CASE("Fehr-Schmidt edge cases", "[governance][fehr_schmidt]") {
  const Eigen::VectorXd one = Eigen::VectorXd::Constant(1, 3.5);
  CHECK(fehr_schmidt_utility(one, one, one)[0] == 3.5);  // no one to compare with
  CHECK(fehr_schmidt_utility(Eigen::VectorXd(), Eigen::VectorXd(), Eigen::VectorXd()).size() == 0);
  const Eigen::Vector3d equal(2, 2, 2), w(0.8, 0.5, 0.1);
  CHECK(fehr_schmidt_utility(equal, w, w).isApprox(equal));  // equality costs nothing
  CHECK_THROWS_AS(fehr_schmidt_utility(equal, Eigen::Vector2d(1, 1), w), std::invalid_argument);
}
