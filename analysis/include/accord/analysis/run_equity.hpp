#pragma once
// Equity indicators of one run's benefit distribution, from per-member annual amounts. Used by
// the run summary (/summary, so that sweeps compare rules) and by `accord analyze`.
// Conventions (docs/equity-metrics.md): money is annualized to 365.25 days; the energy
// burden of a group is a ratio of sums (sum of bills / sum of incomes); "before" is the bill
// without the operation, "after" is bill_reference - benefit (the net energy cost once the
// member's share of the community benefit is counted).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace accord::analysis {

// Factor turning amounts over `covered_seconds` into amounts per 365.25-day year (1 when
// covered_seconds <= 0).
double annualization_factor(double covered_seconds);

// Mean-difference Gini sum_i sum_j |x_i - x_j| / (2 n^2 mean) allowing negative values (for
// benefits, which can be negative): defined when the mean is > 0, and then it may exceed 1
// when some values are negative. NaN when the mean is <= 0 or x is empty.
double gini_signed(std::span<const double> x);

// Per-member inputs, all of size N (spans of the caller's arrays).
struct MemberOutcomes {
  std::span<const std::string> kinds;
  std::span<const double> income;             // EUR/year, NaN unknown
  std::span<const int32_t> income_decile;     // 1..10, 0 unknown
  std::span<const uint8_t> low_income;        // 1 eligible for social keys and rules
  std::span<const double> consumption_units;  // NaN unknown
  std::span<const double> bill_reference;     // EUR/year without the operation
  std::span<const double> benefit;            // EUR/year, share of the community benefit
};

struct EquityKpi {
  std::string name;
  double value = 0;
  std::string units;
  std::string description;
};

// benefit_gini, benefit_concentration_index, benefit_share_low_income,
// benefit_share_deciles_1_3, energy_burden_deciles_1_3_{before,after}_pct,
// energy_poverty_ten_percent_{before,after} (NaN where undefined: no household with known
// income, a total benefit <= 0, ...). Throws std::invalid_argument on mismatched sizes.
std::vector<EquityKpi> equity_kpis(const MemberOutcomes& m);

}  // namespace accord::analysis
