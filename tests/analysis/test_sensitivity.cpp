// Sensitivity estimators on functions with known answers: Morris on linear and additive
// functions, Sobol on a linear model (S_i = c_i^2 / sum c^2 for uniform inputs), the
// replicate variance share, and invalid input.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "accord/analysis/designs.hpp"
#include "accord/analysis/sensitivity.hpp"

using namespace accord::analysis;
using Catch::Matchers::Contains;

namespace {
// Models read row i of the design in place (no Eigen temporaries).
using Model = double (*)(const Eigen::MatrixXd&, Eigen::Index);
std::vector<double> evaluate(const Eigen::MatrixXd& x, Model f) {
  std::vector<double> y(static_cast<std::size_t>(x.rows()));
  for (Eigen::Index i = 0; i < x.rows(); ++i) y[static_cast<std::size_t>(i)] = f(x, i);
  return y;
}
double quadratic(const Eigen::MatrixXd& x, Eigen::Index i) {
  return x(i, 0) * x(i, 0);
}
double linear(const Eigen::MatrixXd& x, Eigen::Index i) {
  return 4 * x(i, 0) + 2 * x(i, 1);
}
}  // namespace

TEST_CASE("Morris: a factor without effect has mu* = 0; a nonlinear one has sigma > 0",
          "[sensitivity][morris]") {
  const auto d = morris_design(2, 20, 4, 17);
  const auto m = morris_indices(d, evaluate(d.points, quadratic));
  CHECK(m[1].mu_star == 0);
  CHECK(m[1].sigma == 0);
  CHECK(m[0].mu_star > 0);
  CHECK(m[0].sigma > 0);
  // EE of x^2 over [a, a + delta] is 2a + delta; every EE lies in [delta, 2 - delta].
  CHECK(m[0].mu_star >= d.delta - 1e-12);
  CHECK(m[0].mu_star <= 2 - d.delta + 1e-12);
}

TEST_CASE("Sobol on a linear model: S_i = S_Ti = c_i^2 / sum c^2", "[sensitivity][sobol]") {
  // y = 4 x1 + 2 x2 + 0 x3 with x uniform: V_i = c_i^2 / 12, so S = (0.8, 0.2, 0).
  const auto d = saltelli_design(3, 2048, 21);
  SobolOptions options;
  options.bootstrap_samples = 200;
  options.seed = 4;
  const auto s = sobol_indices(3, evaluate(d.points(), linear), options);
  CHECK(s.variance == Approx(20.0 / 12.0).epsilon(0.05));
  const double expected[3] = {0.8, 0.2, 0.0};
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& f = s.factors[i];
    CHECK(f.first_order == Approx(expected[i]).margin(0.05));
    CHECK(f.total == Approx(expected[i]).margin(0.05));
    CHECK(f.first_order_low <= f.first_order);
    CHECK(f.first_order <= f.first_order_high);
    CHECK(f.total_low <= f.total);
    CHECK(f.total <= f.total_high);
  }
  // x3 has no effect: its A_B^(3) responses equal A's, so the Jansen total is exactly 0.
  CHECK(s.factors[2].total == 0);
  // Seeded bootstrap: reproducible.
  const auto again = sobol_indices(3, evaluate(d.points(), linear), options);
  CHECK(again.factors[0].first_order_low == s.factors[0].first_order_low);
}

TEST_CASE("replicate variance share: one-way ANOVA identities", "[sensitivity][replicates]") {
  // Two points x three replicates: means 2 and 6; within variances 2/3 and 8/3.
  const std::vector<double> y{1, 2, 3, 4, 6, 8};
  const auto v = replicate_variance(y, 3);
  CHECK(v.within == Approx((2.0 / 3.0 + 8.0 / 3.0) / 2.0));
  CHECK(v.between == Approx(4.0));
  CHECK(v.total == Approx(v.within + v.between));
  CHECK(v.replicate_share == Approx(v.within / v.total));
  // Deterministic model: no replicate variance.
  CHECK(replicate_variance(std::vector<double>{1, 1, 5, 5}, 2).replicate_share == 0);
  // Constant output: share 0 by convention.
  CHECK(replicate_variance(std::vector<double>{3, 3, 3, 3}, 2).replicate_share == 0);
  CHECK_THROWS_WITH(replicate_variance(y, 4), Contains("not a multiple"));
}

TEST_CASE("sensitivity estimators refuse malformed input", "[sensitivity][errors]") {
  const auto d = morris_design(3, 4, 4, 1);
  std::vector<double> y(static_cast<std::size_t>(d.points.rows()), 1.0);
  CHECK_THROWS_WITH(morris_indices(d.points, 4, std::vector<double>(3, 1.0)),
                    Contains("3 responses"));
  CHECK_THROWS_WITH(morris_indices(d.points, 1, y), Contains("trajectories"));
  Eigen::MatrixXd broken = d.points;
  broken(1, 0) += 0.1;
  broken(1, 1) += 0.1;
  broken(1, 2) += 0.1;
  CHECK_THROWS_WITH(morris_indices(broken, 4, y), Contains("differ in"));
  y[2] = std::nan("");
  CHECK_THROWS_WITH(morris_indices(d, y), Contains("response 2"));
  CHECK_THROWS_WITH(sobol_indices(3, std::vector<double>(11, 1.0)), Contains("k + 2"));
  SobolOptions bad;
  bad.confidence = 1.5;
  CHECK_THROWS_WITH(sobol_indices(1, std::vector<double>(6, 1.0), bad), Contains("confidence"));
}
