#pragma once
// `accord analyze RUN_OR_SWEEP.h5 [--format table|csv|json]`: the equity tables of a run, the
// replicate statistics and sensitivity indices of a sweep (docs/analyze.md).
#include <CLI/CLI.hpp>

#include <string>

namespace accord::app {

struct AnalyzeArgs {
  std::string file;
  std::string format = "table";
  std::string output;  // write here instead of stdout
  double confidence = 0.95;
  int bootstrap = 1000;
  std::string csv_design;  // morris | saltelli, for a CSV of design plus responses
  int csv_parameters = 0;  // leading parameter columns of that CSV (0: all but the last)
};

// Registers the subcommand on `app`; the returned pointer tells whether it was chosen.
CLI::App* add_analyze_command(CLI::App& app, AnalyzeArgs& args);
int cmd_analyze(const AnalyzeArgs& args);

}  // namespace accord::app
