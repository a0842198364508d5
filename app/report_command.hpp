#pragma once
// `accord report RUN_OR_SWEEP.h5 -o report.html`: one self-contained HTML page with the
// charts and tables of `accord analyze` (docs/report.md). FILE may also be the JSON document
// `accord analyze --format json` wrote (a .json file), so an analysis can be reported again.
#include <CLI/CLI.hpp>

#include <string>

namespace accord::app {

struct ReportArgs {
  std::string file;
  std::string output = "report.html";
  double confidence = 0.95;
  int bootstrap = 1000;
};

// Registers the subcommand on `app`; the returned pointer tells whether it was chosen.
CLI::App* add_report_command(CLI::App& app, ReportArgs& args);
int cmd_report(const ReportArgs& args);

}  // namespace accord::app
