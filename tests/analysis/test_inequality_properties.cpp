// Properties of the inequality measures on random data (docs/equity-metrics.md): scale
// invariance, population replication invariance, Pigou-Dalton transfers, Lorenz end points,
// decompositions that add up, identities between measures.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "accord/analysis/inequality.hpp"
#include "accord/sim/rng.hpp"

using namespace accord::analysis;

namespace {

// Log-normal-ish positive incomes drawn through RandomStream (trial = step).
std::vector<double> random_incomes(uint64_t trial, std::size_t n) {
  const accord::sim::RandomStream rng(2024, 0, accord::sim::Purpose::kSweep, 77);
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = 1000.0 * std::exp(0.8 * rng.normal(trial, i));
  return x;
}

struct Measures {
  double gini, theil_t, theil_l, ge2, atk05, atk1, atk2, cv, jain, palma, s80;
};
Measures all(const std::vector<double>& x, const std::vector<double>& w = {}) {
  return {
      gini_uncorrected(x, w), theil_t(x, w),     theil_l(x, w),      generalized_entropy(x, 2, w),
      atkinson(x, 0.5, w),    atkinson(x, 1, w), atkinson(x, 2, w),  coefficient_of_variation(x, w),
      jain_index(x, w),       palma_ratio(x, w), s80_s20_ratio(x, w)};
}
void require_equal(const Measures& a, const Measures& b) {
  constexpr double kTol = 1e-10;  // double rounding only
  CHECK(a.gini == Approx(b.gini).margin(kTol));
  CHECK(a.theil_t == Approx(b.theil_t).margin(kTol));
  CHECK(a.theil_l == Approx(b.theil_l).margin(kTol));
  CHECK(a.ge2 == Approx(b.ge2).margin(kTol));
  CHECK(a.atk05 == Approx(b.atk05).margin(kTol));
  CHECK(a.atk1 == Approx(b.atk1).margin(kTol));
  CHECK(a.atk2 == Approx(b.atk2).margin(kTol));
  CHECK(a.cv == Approx(b.cv).margin(kTol));
  CHECK(a.jain == Approx(b.jain).margin(kTol));
  CHECK(a.palma == Approx(b.palma).margin(kTol));
  CHECK(a.s80 == Approx(b.s80).margin(kTol));
}

double naive_gini(const std::vector<double>& x) {
  double diff = 0, sum = 0;
  for (double a : x) {
    sum += a;
    for (double b : x) diff += std::abs(a - b);
  }
  const double n = static_cast<double>(x.size());
  return diff / (2 * n * sum);
}

}  // namespace

TEST_CASE("inequality measures are scale invariant", "[inequality][property]") {
  for (uint64_t trial = 0; trial < 20; ++trial) {
    const auto x = random_incomes(trial, 37);
    auto scaled = x;
    for (double& v : scaled) v *= 3.7;
    require_equal(all(x), all(scaled));
  }
}

TEST_CASE("inequality measures are invariant to population replication and order",
          "[inequality][property]") {
  for (uint64_t trial = 0; trial < 20; ++trial) {
    const auto x = random_incomes(trial, 23);
    auto twice = x;
    twice.insert(twice.end(), x.begin(), x.end());
    std::reverse(twice.begin(), twice.end());
    require_equal(all(x), all(twice));
    // Weight 3 is the same as listing the value three times.
    std::vector<double> w(x.size(), 1.0);
    w[5] = 3.0;
    auto listed = x;
    listed.push_back(x[5]);
    listed.push_back(x[5]);
    require_equal(all(x, w), all(listed));
  }
}

TEST_CASE("a Pigou-Dalton transfer from richer to poorer reduces inequality",
          "[inequality][property]") {
  for (uint64_t trial = 0; trial < 30; ++trial) {
    auto x = random_incomes(trial, 31);
    const auto before = all(x);
    const auto rich = static_cast<std::size_t>(std::max_element(x.begin(), x.end()) - x.begin());
    const auto poor = static_cast<std::size_t>(std::min_element(x.begin(), x.end()) - x.begin());
    const double transfer = 0.25 * (x[rich] - x[poor]);  // keeps the ranks
    x[rich] -= transfer;
    x[poor] += transfer;
    const auto after = all(x);
    CHECK(after.gini < before.gini);
    CHECK(after.theil_t < before.theil_t);
    CHECK(after.theil_l < before.theil_l);
    CHECK(after.atk05 < before.atk05);
    CHECK(after.atk1 < before.atk1);
    CHECK(after.atk2 < before.atk2);
    CHECK(after.cv < before.cv);
    CHECK(after.jain > before.jain);
  }
}

TEST_CASE("equal values have zero inequality", "[inequality][property]") {
  const std::vector<double> x(9, 42.0);
  const auto m = all(x);
  CHECK(m.gini == Approx(0).margin(1e-12));
  CHECK(m.theil_t == Approx(0).margin(1e-12));
  CHECK(m.theil_l == Approx(0).margin(1e-12));
  CHECK(m.atk05 == Approx(0).margin(1e-12));
  CHECK(m.atk2 == Approx(0).margin(1e-12));
  CHECK(m.jain == Approx(1));
  CHECK(m.palma == Approx(0.1 / 0.4));
  CHECK(m.s80 == Approx(1));
  CHECK(equally_distributed_equivalent(x, 1.5) == Approx(42.0));
}

TEST_CASE("Lorenz curves start at 0, end at 1, are convex and below the diagonal",
          "[inequality][property]") {
  for (uint64_t trial = 0; trial < 10; ++trial) {
    const auto x = random_incomes(trial, 50);
    const auto curve = lorenz_curve(x);
    REQUIRE(curve.size() == x.size() + 1);
    CHECK(curve.front().population_share == 0);
    CHECK(curve.front().value_share == 0);
    CHECK(curve.back().population_share == 1);
    CHECK(curve.back().value_share == 1);
    for (std::size_t i = 1; i < curve.size(); ++i) {
      CHECK(curve[i].value_share <= curve[i].population_share + 1e-12);
      CHECK(curve[i].value_share >= curve[i - 1].value_share);
      if (i >= 2) {  // slopes increase: convex
        const double s1 = (curve[i - 1].value_share - curve[i - 2].value_share) /
                          (curve[i - 1].population_share - curve[i - 2].population_share);
        const double s2 = (curve[i].value_share - curve[i - 1].value_share) /
                          (curve[i].population_share - curve[i - 1].population_share);
        CHECK(s2 >= s1 - 1e-12);
      }
    }
    const auto generalized = generalized_lorenz_curve(x);
    double mean = 0;
    for (double v : x) mean += v;
    mean /= static_cast<double>(x.size());
    CHECK(generalized.back().value_share == Approx(mean));
    CHECK(lorenz_share(x, 0) == 0);
    CHECK(lorenz_share(x, 1) == 1);
  }
}

TEST_CASE("identities between measures hold", "[inequality][property]") {
  for (uint64_t trial = 0; trial < 10; ++trial) {
    const auto x = random_incomes(trial, 40);
    // Mean-difference definition (O(n^2)) equals the Lorenz-area computation.
    CHECK(gini_uncorrected(x) == Approx(naive_gini(x)).epsilon(1e-12));
    CHECK(gini_corrected(x) == Approx(gini_uncorrected(x) * 40.0 / 39.0).epsilon(1e-12));
    // GE(alpha) is continuous at 0 and 1, where it equals Theil L and Theil T.
    CHECK(generalized_entropy(x, 1e-7) == Approx(theil_l(x)).epsilon(1e-5));
    CHECK(generalized_entropy(x, 1 + 1e-7) == Approx(theil_t(x)).epsilon(1e-5));
    // GE(2) is half the squared coefficient of variation.
    const double cv = coefficient_of_variation(x);
    CHECK(generalized_entropy(x, 2) == Approx(cv * cv / 2).epsilon(1e-12));
    // Jain = 1 / (1 + CV^2).
    CHECK(jain_index(x) == Approx(1 / (1 + cv * cv)).epsilon(1e-12));
    // Atkinson(1) = 1 - exp(-Theil L).
    CHECK(atkinson(x, 1) == Approx(1 - std::exp(-theil_l(x))).epsilon(1e-12));
    // Atkinson is continuous at epsilon = 1 and increases with epsilon.
    CHECK(atkinson(x, 1 + 1e-7) == Approx(atkinson(x, 1)).epsilon(1e-5));
    CHECK(atkinson(x, 0.5) < atkinson(x, 1));
    CHECK(atkinson(x, 1) < atkinson(x, 2));
    // The concentration index of x ranked by itself is its Gini.
    CHECK(concentration_index(x, x) == Approx(gini_uncorrected(x)).epsilon(1e-12));
  }
}

TEST_CASE("Kakwani and Reynolds-Smolensky are linked by the benefit share",
          "[inequality][property]") {
  // RS = -(g / (1 + g)) K with g = total benefit / total income (no re-ranking by construction
  // here, and the identity holds for any benefit because RS uses the concentration of
  // post-benefit income in pre-benefit rank order).
  for (uint64_t trial = 0; trial < 10; ++trial) {
    const auto income = random_incomes(trial, 30);
    const auto raw = random_incomes(trial + 100, 30);
    double total_income = 0, total_benefit = 0;
    for (std::size_t i = 0; i < income.size(); ++i) {
      total_income += income[i];
      total_benefit += raw[i] / 10;
    }
    std::vector<double> benefit(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) benefit[i] = raw[i] / 10;
    const double g = total_benefit / total_income;
    CHECK(reynolds_smolensky_index(income, benefit) ==
          Approx(-(g / (1 + g)) * kakwani_index(income, benefit)).margin(1e-12));
  }
}

TEST_CASE("Theil decompositions add up", "[inequality][property]") {
  for (uint64_t trial = 0; trial < 10; ++trial) {
    const auto x = random_incomes(trial, 60);
    std::vector<int> groups(x.size());
    std::vector<double> w(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      groups[i] = static_cast<int>(i % 4) * 10;
      w[i] = 1.0 + static_cast<double>(i % 3);
    }
    for (const auto& d :
         {theil_t_decomposition(x, groups, w), theil_l_decomposition(x, groups, w)}) {
      CHECK(d.within + d.between == Approx(d.total).margin(1e-12));
      CHECK(d.between >= 0);
      REQUIRE(d.groups.size() == 4);
      double pop = 0, val = 0;
      for (const auto& g : d.groups) {
        pop += g.population_share;
        val += g.value_share;
      }
      CHECK(pop == Approx(1));
      CHECK(val == Approx(1));
      CHECK(d.groups[0].label == 0);
      CHECK(d.groups[3].label == 30);
    }
    CHECK(theil_t_decomposition(x, groups, w).total == Approx(theil_t(x, w)));
    CHECK(theil_l_decomposition(x, groups, w).total == Approx(theil_l(x, w)));
  }
  // Groups of identical values: everything is between groups.
  const std::vector<double> x{1, 1, 3, 3, 3};
  const std::vector<int> g{0, 0, 1, 1, 1};
  const auto d = theil_t_decomposition(x, g);
  CHECK(d.within == Approx(0).margin(1e-15));
  CHECK(d.between == Approx(theil_t(x)));
}

TEST_CASE("concentration index: pro-poor benefits are negative", "[inequality]") {
  // Hand-computed: fractional ranks (0.125, 0.375, 0.625, 0.875), mean benefit 2.5,
  // cov = -0.3125, C = 2 cov / mean = -0.25; Gini(1,2,3,4) = 20 / (2 * 16 * 2.5) = 0.25.
  const std::vector<double> income{1, 2, 3, 4};
  const std::vector<double> benefit{4, 3, 2, 1};
  CHECK(concentration_index(benefit, income) == Approx(-0.25).epsilon(1e-12));
  CHECK(kakwani_index(income, benefit) == Approx(-0.5).epsilon(1e-12));
  // Post-benefit incomes are all 5: the benefit removes all inequality.
  CHECK(reynolds_smolensky_index(income, benefit) == Approx(0.25).epsilon(1e-12));
  // Tied incomes share their rank: the result does not depend on their order.
  const std::vector<double> tied_income{1, 2, 2, 4};
  CHECK(concentration_index(std::vector<double>{4, 3, 1, 1}, tied_income) ==
        Approx(concentration_index(std::vector<double>{4, 1, 3, 1}, tied_income)));
}
