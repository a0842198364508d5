#pragma once
// Private to the analysis library: the run and sweep halves of analyze_file.
#include <cmath>
#include <nlohmann/json.hpp>

#include "accord/analysis/analyze.hpp"
#include "accord/analysis/run_file.hpp"
#include "accord/analysis/sweep_file.hpp"

namespace accord::analysis::detail {

// A JSON number, or null when not finite.
inline nlohmann::json number(double x) {
  return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr);
}

nlohmann::json analyze_run(const RunData& run, const AnalyzeOptions& options);
nlohmann::json analyze_sweep(const std::filesystem::path& path, const AnalyzeOptions& options);
nlohmann::json analyze_sweep_data(const SweepData& sweep, const AnalyzeOptions& options);

}  // namespace accord::analysis::detail
