#include "report_command.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "accord/analysis/analyze.hpp"
#include "accord/report/workshop.hpp"
#include "accord/report/write_report.hpp"
#include "accord/sim/error.hpp"
#include "accord/sim/output_path.hpp"

namespace accord::app {

namespace {

// An analysis document saved by `accord analyze --format json`.
nlohmann::json read_analysis_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(SourceLocation{path, 0, 0}, "cannot open the file");
  nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
  if (doc.is_discarded())
    throw DataError(SourceLocation{path, 0, 0},
                    "not valid JSON (expected the document of "
                    "`accord analyze --format json`)");
  const auto kind = doc.is_object() ? doc.find("kind") : doc.end();
  if (!doc.is_object() || kind == doc.end() || !kind->is_string() ||
      (*kind != "run" && *kind != "sweep"))
    throw DataError(SourceLocation{path, 0, 0},
                    "not an accord analysis document (expected \"kind\": \"run\" or \"sweep\")");
  return doc;
}

}  // namespace

CLI::App* add_report_command(CLI::App& app, ReportArgs& args) {
  auto* report = app.add_subcommand(
      "report", "Write a self-contained HTML report (charts, tables) of a run or sweep file");
  report
      ->add_option("file", args.file, "Run or sweep HDF5 file (or an `analyze --format json` file)")
      ->required();
  report->add_option("-o,--output", args.output,
                     "Output HTML file (default: report.html; workshop.html with --workshop)");
  report->add_flag("--workshop", args.workshop,
                   "Write the workshop page of a sweep (grid, list or ofat of discrete values) "
                   "instead: choose each factor's level and see the benefit per kind of member "
                   "and income decile, with its uncertainty, in French or English");
  report->add_option("--confidence", args.confidence, "Confidence level of intervals (sweeps)")
      ->check(CLI::Range(0.5, 0.999));
  report->add_option("--bootstrap", args.bootstrap, "Bootstrap resamples of Sobol intervals")
      ->check(CLI::Range(10, 100000));
  return report;
}

int cmd_report(const ReportArgs& args) {
  const std::string output = !args.output.empty() ? args.output
                             : args.workshop      ? "workshop.html"
                                                  : "report.html";
  const std::filesystem::path inputs[] = {args.file};
  sim::check_output_path(output, inputs);  // before the work, not after
  nlohmann::json doc;
  if (std::filesystem::path(args.file).extension() == ".json") {
    doc = read_analysis_json(args.file);
  } else {
    analysis::AnalyzeOptions options;
    options.confidence = args.confidence;
    // The workshop page shows no Sobol indices: do not spend time on their intervals.
    options.bootstrap_samples = args.workshop ? 10 : args.bootstrap;
    doc = analysis::analyze_file(args.file, options);
  }
  if (args.workshop) {
    if (const auto why = report::workshop_unsuitable(doc); !why.empty())
      throw DataError(SourceLocation{args.file, 0, 0}, why);
    report::write_workshop(doc, output);
    std::cout << "report: wrote the workshop page " << output << "\n";
    return 0;
  }
  report::write_report(doc, output);
  std::cout << "report: wrote " << output << "\n";
  return 0;
}

}  // namespace accord::app
