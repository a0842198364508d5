// /summary indicators of phase 5 (docs/lifecycle.md): whether and when the project started,
// whether it was abandoned or dissolved, and how long it operated, so that sweeps over seeds
// and actors can compare the road to operation.
#include <algorithm>
#include <limits>

#include "accord/models/simulation/simulation.hpp"

namespace accord::models {

std::vector<output::Kpi> lifecycle_kpis(const output::RunResult& run) {
  const output::LifecycleRecord& l = run.lifecycle;
  if (!l.enabled) return {};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto& starts = run.calendar.period_start_utc;
  const double months =
      l.start_period < 0
          ? nan
          : static_cast<double>(starts[static_cast<size_t>(l.start_period)] - starts.front()) /
                (365.25 / 12 * 86400);
  const auto operating = std::count(l.phase.begin(), l.phase.end(), uint8_t{5});
  const bool dissolved = std::find(l.phase.begin(), l.phase.end(), uint8_t{7}) != l.phase.end();
  double outages = 0;
  for (const auto& e : l.events)
    outages += e.type == "outage" || e.type == "inverter_failure" ? 1 : 0;
  return {
      {"lifecycle_started", l.start_period >= 0 ? 1.0 : 0.0, "1",
       "1 when the operation started within the run"},
      {"lifecycle_months_to_start", months, "month",
       "months from the first meeting to the first operating period (NaN: never)"},
      {"lifecycle_abandoned", l.abandoned_in.empty() ? 0.0 : 1.0, "1",
       "1 when the project was abandoned before operating"},
      {"lifecycle_abandoned_in_feasibility", l.abandoned_in == "feasibility" ? 1.0 : 0.0, "1",
       "1 when the project was abandoned during the feasibility study"},
      {"lifecycle_dissolved", dissolved ? 1.0 : 0.0, "1",
       "1 when the operation dissolved for lack of members"},
      {"lifecycle_operating_periods", static_cast<double>(operating), "1",
       "periods in which the operation ran"},
      {"lifecycle_outages", outages, "1", "plant outages and inverter failures"},
  };
}

}  // namespace accord::models
