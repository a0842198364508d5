#include "commands.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "accord/models/output/ledger_stream.hpp"
#include "accord/models/output/run_result.hpp"
#include "accord/models/scenario/loader.hpp"
#include "accord/models/simulation/simulation.hpp"
#include "accord/sim/error.hpp"
#include "accord/sim/logging.hpp"
#include "accord/sim/output_path.hpp"
#include "accord/sim/parallel.hpp"
#include "build_info.hpp"
#include "run_inputs.hpp"
#include "run_summary.hpp"

namespace accord::app {

std::string version_string() {
  return std::string("accord ") + kAccordVersion + " (" + kAccordGitSha + ")";
}

void set_log_level(const std::string& level) {
  sim::set_log_level(level);
}

int guarded(const std::function<int()>& command) {
  try {
    return command();
  } catch (const Error& e) {
    std::cerr << e.what() << "\n";
    return e.exit_status();
  } catch (const std::exception& e) {
    std::cerr << "accord: error: " << e.what() << "\n";
    return 1;
  }
}

namespace {
models::LoadOptions load_options(const std::vector<std::string>& overrides,
                                 std::optional<uint64_t> seed) {
  models::LoadOptions o;
  o.overrides = overrides;
  o.seed = seed;
  return o;
}

void print_warnings(const models::Scenario& s) {
  for (const auto& w : s.warnings) std::cerr << s.source_file << ": warning: " << w << "\n";
}
}  // namespace

int cmd_validate(const ValidateArgs& args) {
  // Checked as `accord run` would run it: ledgers streamed, inputs period by period.
  models::LoadOptions load = load_options(args.overrides, {});
  load.streamed_ledgers = true;
  const models::Scenario s = models::load_scenario(args.scenario, load);
  print_warnings(s);
  // Data files are part of the scenario: building the inputs reads and checks every CSV
  // (formats, coverage of the run, coefficient files) without running anything.
  models::SimulationOptions options;
  options.threads = sim::default_threads();
  options.whole_ledger = false;
  const models::Simulation simulation(s, options);
  const int64_t steps = (s.time.end_utc - s.time.start_utc) / s.time.step_seconds;
  std::cout << s.source_file << ": valid: " << s.participants.size() << " participants, "
            << s.producers.size() << " producers, " << steps << " steps of "
            << s.time.step_seconds / 60 << " min, key " << s.sharing_key.type << "\n";
  return 0;
}

int cmd_run(const RunArgs& args) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  models::LoadOptions load = load_options(args.overrides, args.seed);
  load.streamed_ledgers = true;  // at detail full the ledgers go to the file period by period
  const models::Scenario s = models::load_scenario(args.scenario, load);
  print_warnings(s);
  const std::string out_path = args.output.empty() ? s.output.path : args.output;
  const auto detail = models::output::parse_detail(s.output.detail);
  // Before simulating: a path accord may not replace, or one of the run's own inputs, is
  // refused now rather than after the run (the writer checks the path again).
  sim::check_output_path(out_path, input_files(s));

  models::SimulationOptions options;
  options.threads = args.threads > 0 ? args.threads : sim::default_threads();
  // At detail full the per-step ledgers go to the file as the periods close (the run holds
  // one period of them); the file keeps its temporary name until the run is written whole.
  options.whole_ledger = false;
  const auto parent = std::filesystem::path(out_path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  std::unique_ptr<models::output::LedgerStream> stream;
  if (detail == models::output::Detail::kFull)
    stream = models::stream_ledgers(s, out_path, options.threads, options);
  models::Simulation simulation(s, options);
  const auto t1 = Clock::now();
  const double inputs_before_run = simulation.input_seconds();
  simulation.run();
  const auto t2 = Clock::now();
  // Inputs are built period by period as the run goes: their time is counted as inputs.
  const double inputs_during_run = simulation.input_seconds() - inputs_before_run;
  models::output::RunResult result = simulation.take_result();
  result.provenance.accord_version = kAccordVersion;
  result.provenance.git_sha = kAccordGitSha;
  result.provenance.created_utc = utc_now_iso8601();

  if (stream)
    models::output::write_run_streamed(result, *stream, options.threads);
  else
    models::output::write_run(result, out_path, detail, options.threads);
  const auto t3 = Clock::now();
  if (!args.quiet) {
    auto sec = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
    print_run_summary(std::cout, result, out_path);
    std::cout << fmt::format("wall time: inputs {:.2f} s, simulation {:.2f} s, output {:.2f} s\n",
                             sec(t0, t1) + inputs_during_run, sec(t1, t2) - inputs_during_run,
                             sec(t2, t3));
  }
  return 0;
}

int cmd_schema() {
  std::cout << kScenarioSchema;
  return 0;
}

}  // namespace accord::app
