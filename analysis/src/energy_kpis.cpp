#include "accord/analysis/energy_kpis.hpp"

#include <numeric>

namespace accord::analysis {

namespace {
double ratio(double num, double den) {
  return den > 0 ? num / den : 0.0;
}
double sum(std::span<const double> x) {
  return std::accumulate(x.begin(), x.end(), 0.0);
}
}  // namespace

double EnergyTotals::self_consumption_rate() const {
  return ratio(allocated_kwh, production_kwh);
}
double EnergyTotals::self_sufficiency_rate() const {
  return ratio(allocated_kwh, consumption_kwh);
}
double EnergyTotals::coverage() const {
  return ratio(production_kwh, consumption_kwh);
}

EnergyTotals energy_totals(std::span<const double> consumption, std::span<const double> allocated,
                           std::span<const double> production, std::span<const double> surplus) {
  return EnergyTotals{sum(consumption), sum(allocated), sum(production), sum(surplus)};
}

}  // namespace accord::analysis
