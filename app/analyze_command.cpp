#include "analyze_command.hpp"

#include <filesystem>
#include <iostream>

#include "accord/analysis/analyze.hpp"
#include "accord/sim/atomic_text_file.hpp"
#include "accord/sim/output_path.hpp"

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
  if (!args.output.empty()) {
    const std::filesystem::path inputs[] = {args.file};
    sim::check_output_path(args.output, inputs);  // before the work, not after
  }
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
  // Like every output file: a temporary name renamed when complete, so an old file is never
  // destroyed by a failed write (stdout is checked at exit, app/process_exit.hpp).
  sim::write_text_file_atomically(args.output, text);
  return 0;
}

}  // namespace accord::app
