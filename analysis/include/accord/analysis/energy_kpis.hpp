#pragma once
// Energy indicators of an operation (domain/acc-france.md §2): self-consumption rate
// sum A / sum P, self-sufficiency rate sum A / sum C, coverage sum P / sum C.
#include <span>

namespace accord::analysis {

struct EnergyTotals {
  double consumption_kwh = 0;  // sum C
  double allocated_kwh = 0;    // sum A
  double production_kwh = 0;   // sum P
  double surplus_kwh = 0;      // sum of unallocated injection

  // Ratios are 0 when their denominator is 0 (no production, no consumption).
  double self_consumption_rate() const;
  double self_sufficiency_rate() const;
  double coverage() const;
};

EnergyTotals energy_totals(std::span<const double> consumption, std::span<const double> allocated,
                           std::span<const double> production, std::span<const double> surplus);

}  // namespace accord::analysis
