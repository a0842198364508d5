// Design generators: Latin hypercube strata, Morris trajectory structure, Saltelli layout,
// determinism of the seeded draws.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "accord/analysis/designs.hpp"

using namespace accord::analysis;
using Catch::Matchers::Contains;

TEST_CASE("Latin hypercube has one point per stratum in every column", "[designs]") {
  const int n = 50;
  const auto s = latin_hypercube(n, 6, 11);
  REQUIRE(s.rows() == n);
  REQUIRE(s.cols() == 6);
  for (int j = 0; j < 6; ++j) {
    std::vector<int> count(n, 0);
    for (int i = 0; i < n; ++i) {
      REQUIRE(s(i, j) >= 0);
      REQUIRE(s(i, j) < 1);
      ++count[static_cast<std::size_t>(std::floor(s(i, j) * n))];
    }
    CHECK(std::all_of(count.begin(), count.end(), [](int c) { return c == 1; }));
  }
  // Seeded: same seed, same design; another seed, another design.
  CHECK(latin_hypercube(n, 6, 11) == s);
  CHECK(latin_hypercube(n, 6, 12) != s);
}

TEST_CASE("uniform sample is in the unit cube with a plausible mean", "[designs]") {
  const auto s = uniform_sample(4000, 3, 5);
  CHECK(s.minCoeff() >= 0);
  CHECK(s.maxCoeff() < 1);
  for (int j = 0; j < 3; ++j) CHECK(s.col(j).mean() == Approx(0.5).margin(0.03));  // ~6 sd
  const std::vector<double> lo{-1, 10, 0}, hi{1, 20, 5};
  const auto scaled = scale_to_bounds(s, lo, hi);
  CHECK(scaled(7, 0) == Approx(-1 + 2 * s(7, 0)));
  CHECK(scaled(7, 1) == Approx(10 + 10 * s(7, 1)));
  CHECK_THROWS_WITH(scale_to_bounds(s, hi, lo), Contains("lower < upper"));
}

TEST_CASE("Morris trajectories move each factor once by delta on the grid", "[designs]") {
  const int k = 5, r = 12, p = 4;
  const auto d = morris_design(k, r, p, 3);
  CHECK(d.delta == Approx(4.0 / 6.0));
  REQUIRE(d.points.rows() == r * (k + 1));
  for (int t = 0; t < r; ++t) {
    std::vector<int> moved(k, 0);
    for (int m = 0; m < k; ++m) {
      const auto a = d.points.row(t * (k + 1) + m);
      const auto b = d.points.row(t * (k + 1) + m + 1);
      int changed = 0;
      for (int i = 0; i < k; ++i) {
        if (a(i) != b(i)) {
          ++changed;
          ++moved[static_cast<std::size_t>(i)];
          CHECK(std::abs(b(i) - a(i)) == Approx(d.delta));
        }
      }
      CHECK(changed == 1);
    }
    CHECK(std::all_of(moved.begin(), moved.end(), [](int c) { return c == 1; }));
  }
  // Every coordinate is on the p-level grid inside [0, 1].
  for (Eigen::Index i = 0; i < d.points.size(); ++i) {
    const double v = d.points.data()[i] * (p - 1);
    CHECK(v == Approx(std::round(v)).margin(1e-12));
    CHECK(d.points.data()[i] >= 0);
    CHECK(d.points.data()[i] <= 1 + 1e-12);
  }
  CHECK_THROWS_WITH(morris_design(3, 4, 5, 1), Contains("levels must be even"));
  CHECK_THROWS_WITH(morris_design(0, 4, 4, 1), Contains("factors"));
}

TEST_CASE("Saltelli design stacks A, B and the A_B^(i) matrices", "[designs]") {
  const int k = 3, n = 16;
  const auto d = saltelli_design(k, n, 9);
  const auto x = d.points();
  REQUIRE(x.rows() == n * (k + 2));
  CHECK(x.topRows(n) == d.a);
  CHECK(x.middleRows(n, n) == d.b);
  for (int i = 0; i < k; ++i) {
    const auto ab = x.middleRows(n * (2 + i), n);
    for (int j = 0; j < k; ++j) {
      CHECK(ab.col(j) == (j == i ? d.b.col(j) : d.a.col(j)));
    }
  }
  const auto u = saltelli_design(k, n, 9, BaseSample::kUniform);
  CHECK(u.a != d.a);
  CHECK_THROWS_WITH(saltelli_design(k, 1, 9), Contains("base_samples"));
}
