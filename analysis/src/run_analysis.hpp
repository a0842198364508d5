#pragma once
// Private to the analysis library: the run and sweep halves of analyze_file.
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "accord/analysis/analyze.hpp"
#include "accord/analysis/run_file.hpp"
#include "accord/analysis/sweep_file.hpp"

namespace accord::analysis::detail {

// A JSON number, or null when not finite.
inline nlohmann::json number(double x) {
  return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr);
}

// Local calendar date (YYYY-MM-DD) of a period or round start (local midnight, UTC seconds).
std::string iso_date(int64_t utc_seconds);

nlohmann::json analyze_run(const RunData& run, const AnalyzeOptions& options);
// The document's "governance" section (procedural indicators, decisions, rule changes) of a
// run whose run.governance.present is true.
nlohmann::json governance_section(const RunData& run);
// The "dynamics" section (phase 4's state over time and by group) of a run whose
// run.dynamics.present() is true (docs/analyze.md).
nlohmann::json dynamics_section(const RunData& run);
// The "lifecycle" section (phases as spans of periods, events) of a run whose
// run.lifecycle.present is true (docs/analyze.md).
nlohmann::json lifecycle_section(const RunData& run);
nlohmann::json analyze_sweep(const std::filesystem::path& path, const AnalyzeOptions& options);
nlohmann::json analyze_sweep_data(const SweepData& sweep, const AnalyzeOptions& options);

}  // namespace accord::analysis::detail
