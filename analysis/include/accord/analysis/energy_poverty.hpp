#pragma once
// Energy-poverty indicators of households (domain sharing-governance-equity.md §3;
// docs/equity-metrics.md gives the definitions, thresholds and sources).
//
// Money is EUR per year. "Per CU" means divided by the household's consumption units
// (modified OECD scale). Relative thresholds (medians, the 3rd income decile) are either
// frozen at a baseline population (default: e.g. the members before the operation, so that
// an indicator moves only when households move) or recomputed from the population assessed.
#include <cstdint>
#include <span>
#include <vector>

namespace accord::analysis {

// Modified OECD scale: 1 for the first person aged 14+, 0.5 for each other person aged 14+,
// 0.3 for each child under 14. Throws std::invalid_argument unless persons_14_plus >= 1 and
// children_under_14 >= 0.
double oecd_modified_consumption_units(int persons_14_plus, int children_under_14);

struct Household {
  double income_eur = 0;                // disposable income, > 0
  double energy_spend_eur = 0;          // actual energy expenditure, >= 0
  double required_energy_cost_eur = 0;  // modelled need for LIHC, >= 0 (use the actual spend
                                        // when no need model is available)
  double housing_cost_eur = 0;          // rent or mortgage and charges, >= 0 (BRDE, LIHC)
  double consumption_units = 1;         // >= 1 (modified OECD)
  double weight = 1;                    // population weight, >= 0
};

// The relative thresholds, all computed with population weights and Hazen quantiles.
struct EnergyPovertyThresholds {
  double median_energy_share = 0;                     // median of spend / income (2M)
  double median_energy_spend_eur = 0;                 // median of spend (M/2)
  double income_per_cu_decile3_eur = 0;               // 30th percentile of income / CU (ONPE)
  double median_energy_spend_per_cu_eur = 0;          // median of spend / CU (BRDE)
  double median_income_after_housing_per_cu_eur = 0;  // median of (income - housing) / CU
  double median_required_cost_per_cu_eur = 0;         // median of required cost / CU (LIHC)
};

enum class ThresholdMode { kFrozen, kRecomputed };

struct EnergyPovertyOptions {
  ThresholdMode mode = ThresholdMode::kFrozen;
  double boardman_share = 0.10;        // 10 % rule
  double onpe_effort_share = 0.08;     // ONPE energy effort
  double onpe_income_quantile = 0.30;  // ONPE: 3 lowest deciles of income per CU
  double poverty_line_share = 0.60;    // BRDE and LIHC: 60 % of the median
};

// One flag per household (1 = energy poor) and the weighted share of households flagged.
struct IndicatorResult {
  std::vector<uint8_t> flags;
  double rate = 0;
};

struct EnergyPovertyResult {
  EnergyPovertyThresholds thresholds;  // the thresholds actually used
  IndicatorResult boardman;            // spend / income > 10 %
  IndicatorResult onpe;                // spend / income > 8 % and income/CU <= D3
  IndicatorResult brde;                // spend/CU > median and (income - housing)/CU < 60 % median
  IndicatorResult lihc;  // required/CU > median and (income - housing - required)/CU < 60 %
                         // of the median of (income - housing)/CU
  IndicatorResult twice_median_share;  // 2M: spend / income > 2 x median share
  IndicatorResult half_median_spend;   // M/2: spend < median spend / 2 (hidden poverty)
};

// Thresholds of a population; throws std::invalid_argument on invalid households.
EnergyPovertyThresholds energy_poverty_thresholds(std::span<const Household> households);

// Indicators of `households`. With ThresholdMode::kFrozen the given baseline thresholds are
// used as given (so onpe_income_quantile only acts through how the baseline was computed);
// with kRecomputed they are recomputed from `households` and `baseline` is ignored.
EnergyPovertyResult assess_energy_poverty(std::span<const Household> households,
                                          const EnergyPovertyThresholds& baseline,
                                          const EnergyPovertyOptions& options = {});
// Convenience: the population is its own baseline (both modes agree).
EnergyPovertyResult assess_energy_poverty(std::span<const Household> households,
                                          const EnergyPovertyOptions& options = {});

}  // namespace accord::analysis
