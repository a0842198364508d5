// Energy-poverty indicators on a hand-computed five-household population, frozen versus
// recomputed thresholds, and invalid input.
#include <catch2/catch.hpp>

#include <vector>

#include "accord/analysis/energy_poverty.hpp"

using namespace accord::analysis;
using Catch::Matchers::Contains;

namespace {

// One consumption unit each, weight 1. Energy shares 20 %, 9 %, 5 %, 8 %, 1 %.
// Hand-computed thresholds (Hazen positions 0.1, 0.3, 0.5, 0.7, 0.9):
// median share 0.08; median spend 1350; D3 of income/CU = 15000 (second value);
// median spend/CU 1350; income after housing 7000, 11000, 15000, 24000, 32000 -> median 15000,
// poverty line 9000; median required cost/CU 1350.
std::vector<Household> population() {
  return {
      {10000, 2000, 2000, 3000, 1, 1}, {15000, 1350, 1350, 4000, 1, 1},
      {20000, 1000, 1000, 5000, 1, 1}, {30000, 2400, 2400, 6000, 1, 1},
      {40000, 400, 400, 8000, 1, 1},
  };
}

std::vector<uint8_t> flags(std::initializer_list<int> v) {
  std::vector<uint8_t> out;
  for (int b : v) out.push_back(static_cast<uint8_t>(b));
  return out;
}

}  // namespace

TEST_CASE("modified OECD consumption units", "[energy_poverty]") {
  CHECK(oecd_modified_consumption_units(1, 0) == Approx(1.0));
  CHECK(oecd_modified_consumption_units(2, 0) == Approx(1.5));
  CHECK(oecd_modified_consumption_units(2, 2) == Approx(2.1));
  CHECK(oecd_modified_consumption_units(3, 1) == Approx(2.3));
  CHECK_THROWS_WITH(oecd_modified_consumption_units(0, 2), Contains("persons_14_plus"));
  CHECK_THROWS_WITH(oecd_modified_consumption_units(1, -1), Contains("children_under_14"));
}

TEST_CASE("thresholds and indicators of a hand-computed population", "[energy_poverty]") {
  const auto h = population();
  const auto t = energy_poverty_thresholds(h);
  CHECK(t.median_energy_share == Approx(0.08));
  CHECK(t.median_energy_spend_eur == Approx(1350));
  CHECK(t.income_per_cu_decile3_eur == Approx(15000));
  CHECK(t.median_energy_spend_per_cu_eur == Approx(1350));
  CHECK(t.median_income_after_housing_per_cu_eur == Approx(15000));
  CHECK(t.median_required_cost_per_cu_eur == Approx(1350));

  const auto r = assess_energy_poverty(h);
  CHECK(r.boardman.flags == flags({1, 0, 0, 0, 0}));  // only 20 % > 10 %
  CHECK(r.boardman.rate == Approx(0.2));
  CHECK(r.onpe.flags == flags({1, 1, 0, 0, 0}));  // > 8 % and income/CU <= 15000
  CHECK(r.onpe.rate == Approx(0.4));
  CHECK(r.brde.flags == flags({1, 0, 0, 0, 0}));                // 2000 > 1350 and 7000 < 9000
  CHECK(r.lihc.flags == flags({1, 0, 0, 0, 0}));                // 2000 > 1350 and 5000 < 9000
  CHECK(r.twice_median_share.flags == flags({1, 0, 0, 0, 0}));  // 20 % > 16 %
  CHECK(r.half_median_spend.flags == flags({0, 0, 0, 0, 1}));   // 400 < 675
  CHECK(r.half_median_spend.rate == Approx(0.2));
}

TEST_CASE("population weights count households", "[energy_poverty]") {
  auto h = population();
  h[0].weight = 3;  // the poorest household stands for three
  const auto r = assess_energy_poverty(h, energy_poverty_thresholds(population()));
  CHECK(r.boardman.rate == Approx(3.0 / 7.0));
}

TEST_CASE("frozen thresholds stay at the baseline, recomputed ones follow the population",
          "[energy_poverty]") {
  const auto baseline = energy_poverty_thresholds(population());
  auto richer = population();
  for (auto& h : richer) h.income_eur *= 2;  // shares halve: 10 %, 4.5 %, 2.5 %, 4 %, 0.5 %
  EnergyPovertyOptions frozen;
  const auto f = assess_energy_poverty(richer, baseline, frozen);
  CHECK(f.thresholds.income_per_cu_decile3_eur == Approx(15000));
  CHECK(f.onpe.rate == Approx(0.0));  // nobody at or below 15000 any more
  EnergyPovertyOptions recomputed;
  recomputed.mode = ThresholdMode::kRecomputed;
  const auto r = assess_energy_poverty(richer, baseline, recomputed);
  CHECK(r.thresholds.income_per_cu_decile3_eur == Approx(30000));
  CHECK(r.onpe.flags == flags({1, 0, 0, 0, 0}));  // 10 % > 8 % and 20000 <= 30000
  // The relative 2M line moves with the population: median share 4 %, 10 % > 8 %.
  CHECK(r.twice_median_share.flags == flags({1, 0, 0, 0, 0}));
  CHECK(f.twice_median_share.flags == flags({0, 0, 0, 0, 0}));  // frozen line stays at 16 %
}

TEST_CASE("invalid households and options are refused", "[energy_poverty]") {
  auto h = population();
  h[2].income_eur = 0;
  CHECK_THROWS_WITH(energy_poverty_thresholds(h), Contains("income_eur") && Contains("index 2"));
  h = population();
  h[1].consumption_units = 0.5;
  CHECK_THROWS_WITH(assess_energy_poverty(h), Contains("consumption_units") && Contains("0.5"));
  h = population();
  h[4].energy_spend_eur = -1;
  CHECK_THROWS_WITH(assess_energy_poverty(h), Contains("energy_spend_eur"));
  CHECK_THROWS_WITH(assess_energy_poverty(std::vector<Household>{}), Contains("no households"));
  EnergyPovertyOptions bad;
  bad.boardman_share = 10;
  CHECK_THROWS_WITH(assess_energy_poverty(population(), bad), Contains("boardman_share"));
}
