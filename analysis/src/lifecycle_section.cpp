// The "lifecycle" section of `accord analyze` on a run with phase 5 (docs/analyze.md): the
// project's phases as spans of periods (a timeline), when it started or why it stopped, and
// its events in time order.
#include "run_analysis.hpp"

namespace accord::analysis::detail {

namespace {

const char* phase_name(uint8_t p) {
  static const char* const names[] = {"emergence",      "feasibility", "recruitment", "structuring",
                                      "grid_agreement", "operation",   "abandoned",   "dissolved"};
  return p < 8 ? names[p] : "unknown";
}

}  // namespace

nlohmann::json lifecycle_section(const RunData& run) {
  using nlohmann::json;
  const auto& l = run.lifecycle;
  const std::size_t m = run.periods;
  json out;
  out["initiator"] = l.initiator;
  out["start_period"] = l.start_period;
  out["start"] = l.start_period >= 0 && static_cast<std::size_t>(l.start_period) < m
                     ? json(iso_date(run.period_start[static_cast<std::size_t>(l.start_period)]))
                     : json(nullptr);
  out["months_to_start"] =
      l.start_period >= 0 && static_cast<std::size_t>(l.start_period) < m
          ? number(static_cast<double>(run.period_start[static_cast<std::size_t>(l.start_period)] -
                                       run.period_start.front()) /
                   (365.25 / 12 * 86400))
          : json(nullptr);
  out["abandoned_in"] = l.abandoned_in.empty() ? json(nullptr) : json(l.abandoned_in);
  out["abandonment_cause"] =
      l.abandonment_cause.empty() ? json(nullptr) : json(l.abandonment_cause);
  // Contiguous spans of the same phase: [from, to) as period starts (to: the next span's).
  out["phases"] = json::array();
  for (std::size_t p = 0; p < m;) {
    std::size_t q = p;
    while (q < m && l.phase[q] == l.phase[p]) ++q;
    // The span ends where the next begins; the last one a period after its last start.
    const int64_t last_length = m > 1 ? run.period_start[m - 1] - run.period_start[m - 2] : 0;
    const int64_t to = q < m ? run.period_start[q] : run.period_start[m - 1] + last_length;
    out["phases"].push_back({{"phase", phase_name(l.phase[p])},
                             {"from", iso_date(run.period_start[p])},
                             {"to", iso_date(to)},
                             {"first_period", p},
                             {"periods", q - p}});
    p = q;
  }
  out["events"] = json::array();
  for (const auto& e : l.events)
    out["events"].push_back({{"date", iso_date(e.time_utc)},
                             {"period", e.period},
                             {"type", e.type},
                             {"subject", e.subject},
                             {"cause", e.cause}});
  return out;
}

}  // namespace accord::analysis::detail
