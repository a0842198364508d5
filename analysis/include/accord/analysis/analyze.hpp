#pragma once
// `accord analyze`: one JSON document describing a run file (filetype accord-run) or a sweep
// file (accord-sweep). The document's fields are the contract with `accord report`
// (docs/analyze.md); fields may be added, never renamed.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace accord::analysis {

struct AnalyzeOptions {
  double confidence = 0.95;          // two-sided level of the t-based intervals over replicates
  int bootstrap_samples = 1000;      // Sobol bootstrap resamples
  std::uint64_t bootstrap_seed = 1;  // seed of the Sobol bootstrap stream
  // A CSV of design plus responses (path ending in .csv): the first `csv_parameters` columns
  // are parameters (0: all columns but the last), the others responses, one row per run;
  // `csv_design` = morris (rows in trajectories of k + 1 points) or saltelli (A, B, A_B^(i)
  // blocks), empty for per-row statistics only.
  std::string csv_design;
  int csv_parameters = 0;
};

// Reads a run file (filetype accord-run), a sweep file (accord-sweep) or a CSV of design
// columns plus response columns (.csv); throws accord::DataError (file, what is wrong) for a
// missing/incomplete/foreign file. Non-finite numbers are stored as null.
nlohmann::json analyze_file(const std::filesystem::path& path, const AnalyzeOptions& = {});

enum class AnalyzeFormat { kTable, kCsv, kJson };
// "table" | "csv" | "json"; throws std::invalid_argument otherwise.
AnalyzeFormat parse_analyze_format(const std::string& name);

// The document as aligned human tables (kTable), one tidy CSV table (kCsv) or indented JSON.
// The CSV of a sweep needs the per-run rows, so it reads `path` again (design joined with the
// summaries, one line per run, the columns of summary.csv); for a run it is the document in
// long form: section,rule,group,metric,value.
std::string render_analysis(const nlohmann::json& doc, AnalyzeFormat format,
                            const std::filesystem::path& path);

}  // namespace accord::analysis
