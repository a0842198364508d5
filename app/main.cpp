// accord — the command line. Thin: parses arguments, calls the libraries, maps errors to exit
// statuses (0 success, 2 invalid input, 1 failure while running), one line per error.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "accord/sim/temp_files.hpp"
#include "analyze_command.hpp"
#include "commands.hpp"
#include "process_exit.hpp"
#include "reading_child.hpp"
#include "report_command.hpp"
#include "sweep_command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"accord — agent-based simulator of collective self-consumption governance"};
  app.require_subcommand(0, 1);
  bool show_version = false;
  app.add_flag("--version", show_version, "Print the version and exit");
  std::string log_level = "warn";
  app.add_option("--log-level", log_level, "trace|debug|info|warn|error|off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));

  accord::app::RunArgs run_args;
  auto* run = app.add_subcommand("run", "Run a scenario and write its HDF5 trajectory");
  run->add_option("scenario", run_args.scenario, "Scenario YAML file")->required();
  run->add_option("-o,--output", run_args.output, "Output HDF5 file (default: output.path)");
  run->add_option("--set", run_args.overrides, "Override a scenario value: key.path=value");
  // CLI11 would read "-1" into the unsigned seed as 2^64 - 1: refuse any sign.
  const CLI::Validator unsigned_integer(
      [](std::string& text) {
        return text.find_first_of("-+") == std::string::npos
                   ? std::string()
                   : "expected an integer from 0 to 18446744073709551615, got " + text;
      },
      "UINT", "unsigned");
  run->add_option("--seed", run_args.seed, "Random seed (overrides the scenario's)")
      ->check(unsigned_integer);
  run->add_option("-j,--threads", run_args.threads, "Threads for building inputs (default: all)");
  run->add_flag("-q,--quiet", run_args.quiet, "Print no summary");

  accord::app::ValidateArgs validate_args;
  auto* validate = app.add_subcommand("validate", "Validate a scenario without running it");
  validate->add_option("scenario", validate_args.scenario, "Scenario YAML file")->required();
  validate->add_option("--set", validate_args.overrides, "Override: key.path=value");

  accord::app::SweepArgs sweep_args;
  auto* sweep = accord::app::add_sweep_command(app, sweep_args);
  accord::app::AnalyzeArgs analyze_args;
  auto* analyze = accord::app::add_analyze_command(app, analyze_args);
  accord::app::ReportArgs report_args;
  auto* report = accord::app::add_report_command(app, report_args);

  auto* schema = app.add_subcommand("schema", "Print the JSON Schema of the scenario format");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "accord: error: " << e.what() << " (see accord --help)\n";
    return 2;
  }
  if (show_version) {
    std::cout << accord::app::version_string() << "\n";
    return accord::app::finish(0);
  }
  accord::app::set_log_level(log_level);
  // Killed by SIGINT/SIGTERM/SIGHUP, the process removes the temporary files it was writing.
  accord::sim::remove_temp_files_on_signals();
  using accord::app::finish;
  using accord::app::guarded;
  if (*run) return finish(guarded([&] { return accord::app::cmd_run(run_args); }));
  if (*validate) return finish(guarded([&] { return accord::app::cmd_validate(validate_args); }));
  if (*sweep) return finish(guarded([&] { return accord::app::cmd_sweep(sweep_args); }));
  if (*schema) return finish(guarded([] { return accord::app::cmd_schema(); }));
  // Files given to analyze and report may be damaged in ways that crash libhdf5: read them in a
  // child process (reading_child.hpp).
  using accord::app::run_in_reading_child;
  if (*analyze)
    return finish(run_in_reading_child(analyze_args.file, [&] {
      return guarded([&] { return accord::app::cmd_analyze(analyze_args); });
    }));
  if (*report)
    return finish(run_in_reading_child(report_args.file, [&] {
      return guarded([&] { return accord::app::cmd_report(report_args); });
    }));
  std::cerr << "accord: error: a command is required: run, validate, sweep, analyze, report or "
               "schema (see accord --help)\n";
  return 2;
}
