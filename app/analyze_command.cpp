#include "analyze_command.hpp"

#include <fstream>
#include <iostream>

#include "accord/analysis/analyze.hpp"
#include "accord/sim/error.hpp"

namespace accord::app {

CLI::App* add_analyze_command(CLI::App& app, AnalyzeArgs& args) {
  auto* cmd = app.add_subcommand(
      "analyze", "Equity tables of a run, replicate statistics and sensitivity of a sweep");
  cmd->add_option("file", args.file,
                  "Run file (accord-run), sweep file (accord-sweep) or CSV of design + responses")
      ->required();
  cmd->add_option("-f,--format", args.format, "table (default), csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("-o,--output", args.output, "Write to this file instead of stdout");
  cmd->add_option("--confidence", args.confidence,
                  "Level of the t-based intervals over replicates (default 0.95)")
      ->check(CLI::Range(0.5, 0.999));
  cmd->add_option("--bootstrap", args.bootstrap, "Sobol bootstrap resamples (default 1000)")
      ->check(CLI::Range(0, 100000));
  cmd->add_option("--design", args.csv_design, "CSV input: the design's layout, morris or saltelli")
      ->check(CLI::IsMember({"morris", "saltelli"}));
  cmd->add_option("--parameters", args.csv_parameters,
                  "CSV input: number of leading parameter columns (default: all but the last)")
      ->check(CLI::Range(1, 10000));
  return cmd;
}

int cmd_analyze(const AnalyzeArgs& args) {
  analysis::AnalyzeOptions options;
  options.confidence = args.confidence;
  options.bootstrap_samples = args.bootstrap;
  options.csv_design = args.csv_design;
  options.csv_parameters = args.csv_parameters;
  const auto doc = analysis::analyze_file(args.file, options);
  const auto text =
      analysis::render_analysis(doc, analysis::parse_analyze_format(args.format), args.file);
  if (args.output.empty()) {
    std::cout << text;
    return 0;
  }
  std::ofstream out(args.output, std::ios::binary);
  out << text;
  if (!out.good()) throw IoError("accord: error: cannot write " + args.output);
  return 0;
}

}  // namespace accord::app
