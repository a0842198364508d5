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

// The document of FILE: a saved analysis (.json) or an analysis of the run or sweep file.
nlohmann::json analysis_of(const std::string& file, const ReportArgs& args, int bootstrap) {
  if (std::filesystem::path(file).extension() == ".json") return read_analysis_json(file);
  analysis::AnalyzeOptions options;
  options.confidence = args.confidence;
  options.bootstrap_samples = bootstrap;
  return analysis::analyze_file(file, options);
}

// What a sweep's page embeds of a screening sweep (docs/report.md, "--screening"): its
// file, name, design (with the parameters' display names), KPI units and sensitivity
// indices. The screening must be a Morris or Sobol sweep with indices.
nlohmann::json screening_part(const std::string& file, const ReportArgs& args) {
  const nlohmann::json doc = analysis_of(file, args, args.bootstrap);
  const SourceLocation where{file, 0, 0};
  if (doc.value("kind", "") != "sweep")
    throw DataError(where,
                    "--screening needs a sweep file (a Morris or Sobol sweep written by "
                    "`accord sweep`), not a run file");
  const nlohmann::json sens = doc.value("sensitivity", nlohmann::json::object());
  const std::string method = sens.is_object() ? sens.value("method", "") : std::string();
  const nlohmann::json outputs =
      sens.is_object() ? sens.value("outputs", nlohmann::json()) : nlohmann::json();
  const std::string type = doc.contains("design") && doc["design"].is_object()
                               ? doc["design"].value("type", "")
                               : std::string();
  if ((method != "morris" && method != "sobol") || !outputs.is_object() || outputs.empty())
    throw DataError(where,
                    "--screening needs a Morris or Sobol sweep with sensitivity indices "
                    "(this sweep's design is '" +
                        type + "')");
  nlohmann::json part = {{"file", doc.value("file", file)}, {"sensitivity", sens}};
  for (const char* key : {"name", "design", "kpi_units", "confidence"})
    if (doc.contains(key)) part[key] = doc[key];
  return part;
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
  report->add_option("--screening", args.screening,
                     "A Morris or Sobol sweep (SWEEP.h5) of uncertain parameters whose sensitivity "
                     "ranking the sweep's page shows too (repeatable)");
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
  std::vector<std::filesystem::path> inputs = {args.file};
  for (const auto& s : args.screening) inputs.emplace_back(s);
  sim::check_output_path(output, inputs);  // before the work, not after
  // The workshop page shows no Sobol indices: do not spend time on their intervals.
  nlohmann::json doc = analysis_of(args.file, args, args.workshop ? 10 : args.bootstrap);
  if (!args.screening.empty()) {
    if (args.workshop)
      throw DataError(SourceLocation{args.file, 0, 0},
                      "--screening is for the report page, not the workshop page");
    if (doc.value("kind", "") != "sweep")
      throw DataError(SourceLocation{args.file, 0, 0},
                      "--screening needs the page of a sweep file, not of a run file");
    nlohmann::json parts = nlohmann::json::array();
    for (const auto& s : args.screening) parts.push_back(screening_part(s, args));
    doc["screening"] = std::move(parts);
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
