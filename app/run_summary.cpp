#include "run_summary.hpp"

#include <fmt/format.h>

#include <map>

namespace accord::app {

namespace {
double kpi(const models::output::RunResult& run, const std::string& name) {
  for (const auto& k : run.summary)
    if (k.name == name) return k.value;
  return 0;
}
}  // namespace

void print_run_summary(std::ostream& out, const models::output::RunResult& run,
                       const std::string& path) {
  const double years =
      static_cast<double>(run.grid.steps * run.grid.step_seconds) / (365.0 * 86400);
  out << fmt::format("{}: {} participants, {} producers, {} steps of {} min ({:.2f} years)\n",
                     run.provenance.scenario_name, run.participants.size(), run.producers.size(),
                     run.grid.steps, run.grid.step_seconds / 60, years);
  out << fmt::format("  consumption          {:>14.0f} kWh\n", kpi(run, "consumption_kwh"));
  out << fmt::format("  production           {:>14.0f} kWh\n", kpi(run, "production_kwh"));
  out << fmt::format("  allocated            {:>14.0f} kWh\n", kpi(run, "allocated_kwh"));
  out << fmt::format("  surplus              {:>14.0f} kWh\n", kpi(run, "surplus_kwh"));
  out << fmt::format("  self-consumption     {:>13.1f} %\n",
                     100 * kpi(run, "self_consumption_rate"));
  out << fmt::format("  self-sufficiency     {:>13.1f} %\n",
                     100 * kpi(run, "self_sufficiency_rate"));
  out << fmt::format("  total savings        {:>14.2f} EUR\n", kpi(run, "savings_eur"));
  out << fmt::format("  surplus revenue      {:>14.2f} EUR\n",
                     kpi(run, "producer_surplus_revenue_eur"));
  out << fmt::format("  internal sales       {:>14.2f} EUR\n",
                     kpi(run, "producer_internal_revenue_eur"));
  out << "  savings per participant, by kind:\n";
  std::map<std::string, int> counts;
  for (const auto& p : run.participants) counts[p.kind] += 1;
  for (const auto& [kind, n] : counts)
    out << fmt::format("    {:<18} {:>4} x {:>10.2f} EUR\n", kind, n,
                       kpi(run, "savings_per_" + kind + "_eur"));
  out << "  written: " << path << "\n";
}

}  // namespace accord::app
