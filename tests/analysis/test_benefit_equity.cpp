// Horizontal equity (dispersion among equal members) and vertical equity (benefit as a share
// of income by income quantile).
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "accord/analysis/benefit_equity.hpp"
#include "accord/analysis/weighted_stats.hpp"

using namespace accord::analysis;
using Catch::Matchers::Contains;

TEST_CASE("horizontal equity: CV and gap inside classes of equal members", "[benefit_equity]") {
  // Class 1: 10, 10, 10 (treated equally); class 2: 20, 30, 40 (mean 30, population sd
  // sqrt(200/3), CV 0.2721655, gap 20).
  const std::vector<double> benefit{10, 20, 10, 30, 10, 40};
  const std::vector<int> groups{1, 2, 1, 2, 1, 2};
  const auto h = horizontal_equity(benefit, groups);
  REQUIRE(h.groups.size() == 2);
  CHECK(h.groups[0].cv == 0);
  CHECK(h.groups[0].max_min_gap == 0);
  CHECK(h.groups[1].mean_benefit == Approx(30));
  CHECK(h.groups[1].cv == Approx(std::sqrt(200.0 / 3.0) / 30.0));
  CHECK(h.groups[1].max_min_gap == Approx(20));
  CHECK(h.weighted_mean_cv == Approx(0.5 * std::sqrt(200.0 / 3.0) / 30.0));
  CHECK(h.max_gap == Approx(20));
  // Negative benefits are allowed (the CV uses |mean|).
  const auto n = horizontal_equity(std::vector<double>{-10, -30}, std::vector<int>{0, 0});
  CHECK(n.groups[0].cv == Approx(0.5));
  CHECK_THROWS_WITH(horizontal_equity(std::vector<double>{-10, 10}, std::vector<int>{0, 0}),
                    Contains("CV undefined"));
  CHECK_THROWS_WITH(horizontal_equity(benefit, std::vector<int>{1}), Contains("group labels"));
}

TEST_CASE("vertical equity by income decile", "[benefit_equity]") {
  // Twenty members with incomes 1000..20000 and a flat benefit of 100: two per decile; the
  // benefit share of income falls with income (a flat benefit is progressive).
  std::vector<double> income, benefit;
  for (int i = 1; i <= 20; ++i) {
    income.push_back(1000.0 * i);
    benefit.push_back(100);
  }
  const auto bins = vertical_equity(income, benefit);
  REQUIRE(bins.size() == 10);
  for (std::size_t b = 0; b < bins.size(); ++b) {
    CHECK(bins[b].quantile == static_cast<int>(b) + 1);
    CHECK(bins[b].weight == 2);
    CHECK(bins[b].mean_income == Approx(1000.0 * (2.0 * static_cast<double>(b) + 1.5)));
    CHECK(bins[b].benefit_share_of_income ==
          Approx(200.0 / (1000.0 * (4.0 * static_cast<double>(b) + 3.0))));
    if (b > 0) CHECK(bins[b].benefit_share_of_income < bins[b - 1].benefit_share_of_income);
  }
  // Tied incomes fall in the same bin.
  const auto tied =
      vertical_equity(std::vector<double>{5, 5, 5, 5}, std::vector<double>{1, 2, 3, 4}, 2);
  CHECK(tied[0].weight + tied[1].weight == 4);
  CHECK((tied[0].weight == 0 || tied[1].weight == 0));
  CHECK_THROWS_WITH(vertical_equity(std::vector<double>{0, 1}, std::vector<double>{1, 1}),
                    Contains("incomes must be > 0"));
  CHECK_THROWS_WITH(vertical_equity(income, benefit, 0), Contains("bins"));
}

TEST_CASE("weighted quantiles follow the Hazen convention", "[weighted_stats]") {
  const std::vector<double> x{4, 1, 3, 2};
  CHECK(weighted_median(x) == Approx(2.5));  // mean of the two middle values
  CHECK(weighted_quantile(x, 0) == 1);
  CHECK(weighted_quantile(x, 1) == 4);
  CHECK(weighted_quantile(x, 0.125) == Approx(1));  // first Hazen position
  CHECK(weighted_quantile(x, 0.25) == Approx(1.5));
  // Weight 2 equals listing twice.
  CHECK(weighted_quantile(std::vector<double>{1, 2, 3}, 0.4, std::vector<double>{2, 1, 1}) ==
        Approx(weighted_quantile(std::vector<double>{1, 1, 2, 3}, 0.4)));
  const auto r = fractional_ranks(std::vector<double>{3, 1, 3, 2});
  CHECK(r[0] == Approx(0.75));
  CHECK(r[2] == Approx(0.75));
  CHECK(r[1] == Approx(0.125));
}
