#pragma once
// `accord report RUN_OR_SWEEP.h5 -o report.html`: one self-contained HTML page with the
// charts and tables of `accord analyze` (docs/report.md). FILE may also be the JSON document
// `accord analyze --format json` wrote (a .json file), so an analysis can be reported again.
// With --workshop, a sweep's page for participatory sessions instead: choose each factor's
// level, see the benefit per kind of member and income decile (French / English).
// With --screening SCREENING.h5 (repeatable), the sensitivity ranking of a Morris or Sobol
// sweep of the uncertain parameters is embedded in a sweep's page ("Which uncertain
// parameters matter").
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace accord::app {

struct ReportArgs {
  std::string file;
  std::string output;                  // default report.html, or workshop.html with --workshop
  bool workshop = false;               // the workshop page (docs/report.md, "Workshop page")
  std::vector<std::string> screening;  // Morris or Sobol sweeps (or their JSON documents)
  double confidence = 0.95;
  int bootstrap = 1000;
};

// Registers the subcommand on `app`; the returned pointer tells whether it was chosen.
CLI::App* add_report_command(CLI::App& app, ReportArgs& args);
int cmd_report(const ReportArgs& args);

}  // namespace accord::app
