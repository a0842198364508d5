#include "accord/analysis/run_equity.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>

#include "accord/analysis/inequality.hpp"

namespace accord::analysis {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kYearSeconds = 365.25 * 86400.0;

bool known_income(double income) {
  return std::isfinite(income) && income > 0;
}
}  // namespace

double annualization_factor(double covered_seconds) {
  return covered_seconds > 0 ? kYearSeconds / covered_seconds : 1.0;
}

double gini_signed(std::span<const double> x) {
  if (x.empty()) return kNaN;
  std::vector<double> s(x.begin(), x.end());
  std::sort(s.begin(), s.end());
  const auto n = static_cast<double>(s.size());
  double sum = 0;
  double weighted = 0;  // sum (2i - n - 1) x_(i), i = 1..n: half the sum of |x_i - x_j|
  for (std::size_t i = 0; i < s.size(); ++i) {
    sum += s[i];
    weighted += (2.0 * static_cast<double>(i + 1) - n - 1.0) * s[i];
  }
  const double mean = sum / n;
  if (!(mean > 0)) return kNaN;
  return weighted / (n * n * mean);
}

std::vector<EquityKpi> equity_kpis(const MemberOutcomes& m) {
  const std::size_t n = m.benefit.size();
  if (m.kinds.size() != n || m.income.size() != n || m.income_decile.size() != n ||
      m.low_income.size() != n || m.consumption_units.size() != n || m.bill_reference.size() != n) {
    throw std::invalid_argument("equity_kpis: per-member arrays differ in size");
  }
  double total = 0, low = 0, d13 = 0, decile_total = 0;
  double d13_income = 0, d13_before = 0, d13_after = 0;
  double poor_before = 0, poor_after = 0, households = 0;
  std::vector<double> income, benefit;
  for (std::size_t i = 0; i < n; ++i) {
    total += m.benefit[i];
    if (m.low_income[i]) low += m.benefit[i];
    if (m.income_decile[i] >= 1) {
      decile_total += m.benefit[i];
      if (m.income_decile[i] <= 3) d13 += m.benefit[i];
    }
    if (!known_income(m.income[i])) continue;
    income.push_back(m.income[i]);
    benefit.push_back(m.benefit[i]);
    const double before = m.bill_reference[i];
    const double after = m.bill_reference[i] - m.benefit[i];
    households += 1;
    poor_before += before > 0.10 * m.income[i] ? 1 : 0;
    poor_after += after > 0.10 * m.income[i] ? 1 : 0;
    if (m.income_decile[i] >= 1 && m.income_decile[i] <= 3) {
      d13_income += m.income[i];
      d13_before += before;
      d13_after += after;
    }
  }
  double concentration = kNaN;
  double benefit_sum = 0;
  for (double b : benefit) benefit_sum += b;
  if (income.size() >= 2 && benefit_sum > 0) concentration = concentration_index(benefit, income);

  std::vector<EquityKpi> k;
  k.push_back({"benefit_gini", gini_signed(m.benefit), "1",
               "Gini (mean difference, uncorrected) of members' benefit under the rule in force; "
               "negative benefits allowed (may exceed 1), NaN when the mean benefit is <= 0"});
  k.push_back({"benefit_concentration_index", concentration, "1",
               "concentration index of benefit ranked by income (households with known income); "
               "negative = pro-poor"});
  k.push_back({"benefit_share_low_income", total > 0 ? low / total : kNaN, "1",
               "share of the distributed benefit received by low-income members"});
  k.push_back({"benefit_share_deciles_1_3", decile_total > 0 ? d13 / decile_total : kNaN, "1",
               "share of the benefit of members with a known income decile received by deciles "
               "1-3"});
  k.push_back({"energy_burden_deciles_1_3_before_pct",
               d13_income > 0 ? 100 * d13_before / d13_income : kNaN, "%",
               "energy bills without the operation / income, households of deciles 1-3 (ratio of "
               "sums, annualized)"});
  k.push_back({"energy_burden_deciles_1_3_after_pct",
               d13_income > 0 ? 100 * d13_after / d13_income : kNaN, "%",
               "(bill without the operation - benefit) / income, households of deciles 1-3 "
               "(ratio of sums, annualized)"});
  k.push_back({"energy_poverty_ten_percent_before",
               households > 0 ? poor_before / households : kNaN, "1",
               "share of households with known income whose annualized bill without the "
               "operation exceeds 10 % of income"});
  k.push_back({"energy_poverty_ten_percent_after", households > 0 ? poor_after / households : kNaN,
               "1",
               "share of households with known income whose annualized net bill (bill "
               "without the operation - benefit) exceeds 10 % of income"});
  // Mean annual benefit per member by income decile and by kind: the distribution a sweep
  // compares across configurations (experiment reports, the workshop page). Only deciles and
  // kinds that have members get a column; a sweep's table has NaN where a run has none.
  std::array<double, 11> decile_sum{}, decile_count{};
  std::map<std::string, std::pair<double, double>> kind_sum;
  for (std::size_t i = 0; i < n; ++i) {
    if (m.income_decile[i] >= 1 && m.income_decile[i] <= 10) {
      decile_sum[static_cast<std::size_t>(m.income_decile[i])] += m.benefit[i];
      decile_count[static_cast<std::size_t>(m.income_decile[i])] += 1;
    }
    auto& e = kind_sum[m.kinds[i]];
    e.first += m.benefit[i];
    e.second += 1;
  }
  for (int d = 1; d <= 10; ++d)
    if (decile_count[static_cast<std::size_t>(d)] > 0)
      k.push_back(
          {"benefit_decile_" + std::to_string(d) + "_eur_per_year",
           decile_sum[static_cast<std::size_t>(d)] / decile_count[static_cast<std::size_t>(d)],
           "EUR/yr", "mean annual benefit of the members of income decile " + std::to_string(d)});
  for (const auto& [kind, e] : kind_sum)
    k.push_back({"benefit_" + kind + "_eur_per_year", e.first / e.second, "EUR/yr",
                 "mean annual benefit of the members of kind " + kind});
  return k;
}

}  // namespace accord::analysis
