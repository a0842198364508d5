// Sensitivity estimators against analytic reference values.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <vector>

#include "accord/analysis/designs.hpp"
#include "accord/analysis/sensitivity.hpp"

using namespace accord::analysis;

TEST_CASE("Sobol indices of the Ishigami function", "[reference][sensitivity]") {
  // Ishigami & Homma (1990), f = sin x1 + a sin^2 x2 + b x3^4 sin x1, x ~ U[-pi, pi]^3, a = 7,
  // b = 0.1. Analytic indices (Saltelli et al. 2008, Global Sensitivity Analysis: The Primer;
  // domain sharing-governance-equity.md §4): S = (0.3139, 0.4424, 0),
  // S_T = (0.5576, 0.4424, 0.2437). Checks: each analytic value lies in its 95 % percentile
  // bootstrap interval (500 resamples), and each estimate is within 0.05 of it (about 3
  // standard errors of S_T1 at this N, the noisiest index: x3^4 has a heavy tail).
  // N = 8192 LHS base points -> 40,960 model runs (well under a second, also under ASan).
  // The design seed is fixed, so the test is deterministic; with six 95 % intervals a random
  // seed misses at least one about a quarter of the time (1 - 0.95^6), which is what the
  // intervals mean, not an estimator bias (runs over seeds 1-3 and N up to 32768 scatter
  // around the analytic values).
  const int k = 3, n = 8192;
  const auto design = saltelli_design(k, n, 1);
  const std::vector<double> lower(3, -std::numbers::pi), upper(3, std::numbers::pi);
  const Eigen::MatrixXd x = scale_to_bounds(design.points(), lower, upper);
  std::vector<double> y(static_cast<std::size_t>(x.rows()));
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    const double s1 = std::sin(x(i, 0));
    const double s2 = std::sin(x(i, 1));
    y[static_cast<std::size_t>(i)] = s1 + 7.0 * s2 * s2 + 0.1 * std::pow(x(i, 2), 4) * s1;
  }
  SobolOptions options;
  options.bootstrap_samples = 500;
  options.seed = 7;
  const auto s = sobol_indices(k, y, options);
  const double first[3] = {0.3139, 0.4424, 0.0};
  const double total[3] = {0.5576, 0.4424, 0.2437};
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("factor " << i + 1 << ": S = " << s.factors[i].first_order << " ["
                   << s.factors[i].first_order_low << ", " << s.factors[i].first_order_high
                   << "], S_T = " << s.factors[i].total << " [" << s.factors[i].total_low << ", "
                   << s.factors[i].total_high << "]");
    CHECK(s.factors[i].first_order_low <= first[i]);
    CHECK(first[i] <= s.factors[i].first_order_high);
    CHECK(s.factors[i].total_low <= total[i]);
    CHECK(total[i] <= s.factors[i].total_high);
    CHECK(s.factors[i].first_order == Approx(first[i]).margin(0.05));
    CHECK(s.factors[i].total == Approx(total[i]).margin(0.05));
  }
  // Analytic variance a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2 = 13.8446.
  CHECK(s.variance == Approx(13.8446).epsilon(0.03));
}

TEST_CASE("Morris elementary effects are exact on a linear function", "[reference][sensitivity]") {
  // For y = sum c_i x_i every elementary effect of factor i equals c_i (Morris 1991), so
  // mu = c_i, mu* = |c_i| (Campolongo et al. 2007) and sigma = 0, to rounding (1e-12).
  const double c[4] = {3.0, -2.0, 0.5, 0.0};
  const auto d = morris_design(4, 10, 6, 99);
  std::vector<double> y(static_cast<std::size_t>(d.points.rows()));
  for (Eigen::Index i = 0; i < d.points.rows(); ++i) {
    double v = 0;
    for (int j = 0; j < 4; ++j) v += c[j] * d.points(i, j);
    y[static_cast<std::size_t>(i)] = v;
  }
  const auto m = morris_indices(d, y);
  for (std::size_t j = 0; j < 4; ++j) {
    CHECK(m[j].mu == Approx(c[j]).margin(1e-12));
    CHECK(m[j].mu_star == Approx(std::abs(c[j])).margin(1e-12));
    CHECK(m[j].sigma == Approx(0).margin(1e-12));
  }
}
