// Invalid input to the inequality measures: clear std::invalid_argument naming the measure
// and the offending value, never a NaN.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "accord/analysis/inequality.hpp"
#include "accord/analysis/weighted_stats.hpp"

using namespace accord::analysis;
using Catch::Matchers::Contains;

TEST_CASE("empty input is refused by every measure", "[inequality][errors]") {
  const std::vector<double> empty;
  CHECK_THROWS_WITH(gini_uncorrected(empty), Contains("gini_uncorrected") && Contains("empty"));
  CHECK_THROWS_WITH(theil_t(empty), Contains("theil_t") && Contains("empty"));
  CHECK_THROWS_WITH(theil_l(empty), Contains("theil_l"));
  CHECK_THROWS_WITH(atkinson(empty, 0.5), Contains("atkinson"));
  CHECK_THROWS_WITH(jain_index(empty), Contains("jain_index"));
  CHECK_THROWS_WITH(palma_ratio(empty), Contains("palma_ratio"));
  CHECK_THROWS_WITH(lorenz_curve(empty), Contains("lorenz_curve"));
  CHECK_THROWS_WITH(weighted_quantile(empty, 0.5), Contains("weighted_quantile"));
}

TEST_CASE("values outside a measure's domain are refused with the value", "[inequality][errors]") {
  const std::vector<double> with_zero{0, 10, 20};
  const std::vector<double> with_negative{-5, 10, 20};
  // Zeros are fine where the measure is defined for them ...
  CHECK(std::isfinite(gini_uncorrected(with_zero)));
  CHECK(std::isfinite(theil_t(with_zero)));
  CHECK(std::isfinite(atkinson(with_zero, 0.5)));
  // ... and refused where it is not.
  CHECK_THROWS_WITH(theil_l(with_zero),
                    Contains("theil_l") && Contains("> 0") && Contains("got 0"));
  CHECK_THROWS_WITH(atkinson(with_zero, 1), Contains("atkinson") && Contains("got 0"));
  CHECK_THROWS_WITH(atkinson(with_zero, 2), Contains("atkinson"));
  CHECK_THROWS_WITH(generalized_entropy(with_zero, -1), Contains("generalized_entropy"));
  CHECK_THROWS_WITH(palma_ratio(std::vector<double>{0, 0, 0, 0, 10}),
                    Contains("palma_ratio") && Contains("bottom"));
  // Negative values are refused everywhere.
  CHECK_THROWS_WITH(gini_uncorrected(with_negative),
                    Contains("gini_uncorrected") && Contains("-5"));
  CHECK_THROWS_WITH(theil_t(with_negative), Contains("theil_t") && Contains("-5"));
  CHECK_THROWS_WITH(coefficient_of_variation(with_negative), Contains("-5"));
  CHECK_THROWS_WITH(jain_index(with_negative), Contains("-5"));
  CHECK_THROWS_WITH(theil_t_decomposition(with_negative, std::vector<int>{0, 0, 1}),
                    Contains("theil_t_decomposition") && Contains("-5"));
  // All zeros: the mean is 0.
  CHECK_THROWS_WITH(gini_uncorrected(std::vector<double>{0, 0}), Contains("mean must be > 0"));
  // Non-finite values.
  CHECK_THROWS_WITH(theil_t(std::vector<double>{1, std::numeric_limits<double>::quiet_NaN()}),
                    Contains("finite"));
}

TEST_CASE("invalid parameters and weights are refused", "[inequality][errors]") {
  const std::vector<double> x{1, 2, 3};
  CHECK_THROWS_WITH(atkinson(x, -0.5), Contains("epsilon") && Contains("-0.5"));
  CHECK_THROWS_WITH(gini_corrected(std::vector<double>{5}), Contains("gini_corrected"));
  CHECK_THROWS_WITH(theil_t(x, std::vector<double>{1, 2}), Contains("2 weights for 3 values"));
  CHECK_THROWS_WITH(theil_t(x, std::vector<double>{1, -2, 1}), Contains("-2"));
  CHECK_THROWS_WITH(theil_t(x, std::vector<double>{0, 0, 0}), Contains("weights sum to 0"));
  CHECK_THROWS_WITH(lorenz_share(x, 1.5), Contains("1.5"));
  CHECK_THROWS_WITH(theil_l_decomposition(x, std::vector<int>{0, 1}), Contains("group labels"));
  CHECK_THROWS_WITH(concentration_index(std::vector<double>{-1, 0, 1}, x),
                    Contains("concentration_index") && Contains("mean"));
  CHECK_THROWS_WITH(kakwani_index(std::vector<double>{1, 2}, x), Contains("concentration_index"));
}
