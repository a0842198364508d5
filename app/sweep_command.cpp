#include "sweep_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>

#include "accord/models/output/ledger_stream.hpp"
#include "accord/models/output/run_result.hpp"
#include "accord/models/scenario/loader.hpp"
#include "accord/models/simulation/simulation.hpp"
#include "accord/sim/atomic_text_file.hpp"
#include "accord/sim/error.hpp"
#include "accord/sim/h5/h5.hpp"
#include "accord/sim/h5/library.hpp"
#include "accord/sim/output_path.hpp"
#include "accord/sim/parallel.hpp"
#include "accord/sim/sweep/design.hpp"
#include "accord/sim/sweep/runner.hpp"
#include "accord/sim/sweep/salib.hpp"
#include "accord/sim/sweep/spec.hpp"
#include "build_info.hpp"

#ifdef ACCORD_WITH_MPI
#include "accord/sim/sweep/mpi.hpp"
#endif

namespace accord::app {

namespace sw = sim::sweep;

namespace {

// "I/N" with 0 <= I < N.
std::pair<int64_t, int64_t> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  int64_t i = -1;
  int64_t n = 0;
  bool ok = slash != std::string::npos;
  if (ok) {
    const auto r1 = std::from_chars(text.data(), text.data() + slash, i);
    const auto r2 = std::from_chars(text.data() + slash + 1, text.data() + text.size(), n);
    ok = r1.ec == std::errc() && r1.ptr == text.data() + slash && r2.ec == std::errc() &&
         r2.ptr == text.data() + text.size() && n >= 1 && i >= 0 && i < n;
  }
  if (!ok)
    throw ConfigError(SourceLocation{"--shard " + text, 0, 0},
                      "expected --shard I/N with 0 <= I < N (e.g. --shard 0/4)");
  return {i, n};
}

// The scenario of one run of the sweep: the point's overrides, the replicate's seed, and the
// runs made at the same time (the memory check).
models::LoadOptions load_options_of(const sw::RunRequest& req, int parallel_runs = 1) {
  models::LoadOptions options;
  options.overrides = req.overrides;
  options.seed = req.seed;
  options.replicate = req.replicate;
  options.parallel_runs = parallel_runs;
  // At detail full the runs stream their ledgers (run_one) where the library allows it.
  options.streamed_ledgers = sim::h5::library_threadsafe();
  return options;
}

// One run of the sweep: the base scenario with the point's overrides and the replicate's
// seed, simulated on one thread (the sweep parallelizes over runs), written at the sweep's
// detail.
std::vector<sw::RunKpi> run_one(const sw::RunRequest& req, int parallel_runs) {
  const models::Scenario scenario =
      models::load_scenario(req.base, load_options_of(req, parallel_runs));
  const auto detail = models::output::parse_detail(req.detail);
  models::SimulationOptions sim_options;
  sim_options.threads = 1;
  sim_options.whole_ledger = false;  // per period only
  // At detail full the run's ledgers go to its file as its periods close, as `accord run`
  // does, where threads may write files at the same time (a thread-safe libhdf5); otherwise
  // the run keeps them whole and writes them at the end.
  std::unique_ptr<models::output::LedgerStream> stream;
  if (detail == models::output::Detail::kFull && sim::h5::library_threadsafe())
    stream = models::stream_ledgers(scenario, req.output_path, 1, sim_options);
  else if (detail == models::output::Detail::kFull)
    sim_options.whole_ledger = true;
  models::Simulation simulation(scenario, sim_options);
  simulation.run();
  models::output::RunResult result = simulation.take_result();
  result.provenance.accord_version = kAccordVersion;
  result.provenance.git_sha = kAccordGitSha;
  result.provenance.created_utc = utc_now_iso8601();
  if (stream) {
    models::output::write_run_streamed(result, *stream, 1);
  } else {
    // Checked and compressed on this thread, in parallel with the other runs; then written
    // while the other threads write theirs (a thread-safe libhdf5 serialises each call only).
    const auto prepared = models::output::prepare_run(result, req.output_path, detail, 1);
    const auto lock = sw::h5_serial_lock();
    models::output::write_prepared(prepared);
  }
  std::vector<sw::RunKpi> kpis;
  for (const auto& k : result.summary) kpis.push_back({k.name, k.value, k.units, k.description});
  return kpis;
}

// --resume reuses a complete run file only if it holds the run the sweep would make now: the
// resolved scenario stored in the file (/scenario/yaml: base scenario, fixed and design
// values, seed, replicate, defaults) and its detail must equal the request's. Otherwise the
// sweep file or the base scenario changed since, and the run is made again.
bool run_is_current(const sw::RunRequest& req, const std::string& path) {
  std::string resolved;
  try {
    resolved = models::load_scenario(req.base, load_options_of(req)).resolved_yaml;
  } catch (const std::exception&) {
    return false;  // the run is made again and fails there with its error
  }
  const auto lock = sw::h5_serial_lock();
  try {
    const sim::h5::File f = sim::h5::File::open(path);
    if (!f.has_attr("detail") || f.attr_string("detail") != req.detail) return false;
    if (!f.exists("scenario")) return false;
    return f.open_group("scenario").open_dataset("yaml").read_string() == resolved;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace

CLI::App* add_sweep_command(CLI::App& app, SweepArgs& args) {
  auto* sweep = app.add_subcommand("sweep", "Run a sweep of scenario runs (design x replicates)");
  sweep->add_option("sweep", args.sweep, "Sweep YAML file")->required();
  sweep->add_option("-j,--threads", args.threads, "Runs in parallel (default: all cores)");
  sweep->add_option("--shard", args.shard, "Run only runs with id % N == I (I/N, job arrays)");
  sweep->add_flag("--resume", args.resume, "Skip runs whose file is already complete");
  sweep->add_option("--export-design", args.export_design,
                    "Write the design points as CSV to this file and exit");
  sweep->add_option("--export-salib", args.export_salib,
                    "Write PREFIX.problem.txt, PREFIX.sample.txt (SALib's order) and "
                    "PREFIX.points.txt, and exit");
  sweep->add_option("-o,--output-dir", args.output_dir, "Output folder (default: output.dir)");
  sweep->add_flag("-q,--quiet", args.quiet, "No progress and no summary line");
  return sweep;
}

namespace {

// Runs made at the same time by this process.
int parallel_runs(unsigned threads, int64_t runs) {
  const unsigned t = threads > 0 ? threads : sim::default_threads();
  return static_cast<int>(std::clamp<int64_t>(runs, 1, t));
}

// The first run's memory, checked before any run starts: a sweep whose runs fit the machine
// one at a time but not -j at a time is refused at once (exit 2) with the -j that fits,
// rather than failing run after run. Any other problem of the run is left to the run itself.
void check_memory_of_first_run(const sw::SweepSpec& spec, const sw::Design& design, int parallel) {
  if (parallel <= 1 || sw::run_count(spec, design) == 0) return;
  const sw::RunRequest req = sw::make_request(spec, design, 0, ".");
  models::LoadOptions options = load_options_of(req, parallel);
  try {
    (void)models::load_scenario(req.base, options);
  } catch (const ConfigError&) {
    options.parallel_runs = 1;
    try {
      (void)models::load_scenario(req.base, options);
    } catch (const std::exception&) {
      return;  // wrong whatever the threads: the run reports it
    }
    throw;  // fits alone, not -j at a time
  }
}

// `distribution`: the MPI ranks sharing the sweep (null: this process alone); only rank 0
// exports, prints and writes the sweep file.
int sweep_with(const SweepArgs& args, const sw::SweepSpec& spec, const sw::Design& design,
               sw::Distribution* distribution) {
  const bool root = distribution == nullptr || distribution->rank() == 0;
  if (!args.export_design.empty() || !args.export_salib.empty()) {
    if (!root) return 0;
    if (!args.export_design.empty()) {
      const std::filesystem::path inputs[] = {spec.source_file, spec.base};
      sim::check_output_path(args.export_design, inputs);
      std::ostringstream out;
      sw::write_design_csv(design, out);
      sim::write_text_file_atomically(args.export_design, out.str());
      if (!args.quiet)
        std::cout << args.export_design << ": " << design.points.size() << " design points, "
                  << design.columns.size() << " parameters\n";
    }
    if (!args.export_salib.empty()) {
      const auto paths = sw::export_salib(spec, design, args.export_salib);
      if (!args.quiet)
        std::cout << "wrote " << paths[0] << ", " << paths[1] << " and " << paths[2] << " ("
                  << design.points.size() << " rows, " << design.columns.size() << " parameters)\n";
    }
    return 0;
  }
  sw::RunnerOptions options;
  // One thread per rank under MPI unless -j says otherwise (ranks usually fill the cores).
  options.threads = distribution && args.threads == 0 ? 1 : args.threads;
  if (!args.shard.empty())
    std::tie(options.shard_index, options.shard_count) = parse_shard(args.shard);
  options.resume = args.resume;
  options.run_is_current = run_is_current;
  options.output_dir = args.output_dir;
  options.distribution = distribution;
  if (!args.quiet && root) {
    options.progress = &std::cerr;
    options.progress_is_terminal = ::isatty(::fileno(stderr)) == 1;
  }
  const int parallel = parallel_runs(options.threads, sw::run_count(spec, design));
  if (root) check_memory_of_first_run(spec, design, parallel);
  const sw::SweepOutcome o = sw::run_sweep(
      spec, design, [parallel](const sw::RunRequest& req) { return run_one(req, parallel); },
      options);
  if (!root) return 0;  // rank 0 reports for all ranks
  if (!args.quiet) {
    std::cout << spec.name << ": " << o.runs << " runs in the design; " << o.executed
              << " run now (" << o.failed << " failed)";
    if (distribution) std::cout << " on " << distribution->size() << " MPI ranks";
    std::cout << ", " << o.skipped << " already complete";
    if (o.stale)
      std::cout << " (" << o.stale
                << " complete but made for another scenario: the sweep or base file changed; "
                   "made again)";
    if (o.missing) std::cout << ", " << o.missing << " missing";
    if (o.temporaries_removed)
      std::cout << "; removed " << o.temporaries_removed << " temporary files of killed runs";
    std::cout << "\n";
    if (!o.sweep_file.empty())
      std::cout << "wrote " << o.sweep_file << " and " << o.summary_csv << "\n";
    else
      std::cout << "shard done; gather with: accord sweep " << args.sweep << " --resume"
                << (args.output_dir.empty() ? "" : " -o " + args.output_dir) << "\n";
  }
  if (o.failed > 0) {
    std::cerr << "accord: error: " << o.failed << " of " << o.executed << " runs failed"
              << (o.first_error.empty() ? "" : " (first: " + o.first_error + ")")
              << "; their errors are in the design table, status 'failed'\n";
    return 1;
  }
  return 0;
}

}  // namespace

int cmd_sweep(const SweepArgs& args) {
  // Read and checked first, the same on every rank: a bad sweep file fails everywhere alike.
  const sw::SweepSpec spec = sw::load_sweep(args.sweep);
  const sw::Design design = sw::make_design(spec);
#ifdef ACCORD_WITH_MPI
  // Under mpirun/srun (detected from the launcher's environment, no flag): MPI is started,
  // and with more than one rank the ranks share the runs. A plain `accord sweep` never
  // initialises MPI.
  if (sw::launched_by_mpi()) {
    sw::MpiSession mpi;
    if (mpi.size() > 1) {
      const auto distribution = mpi.distribution();
      try {
        return sweep_with(args, spec, design, distribution.get());
      } catch (const std::exception& e) {
        // The other ranks may be waiting for this one: end them all, with the error.
        std::cerr << "accord: error: (MPI rank " << mpi.rank() << ") " << e.what() << "\n";
        const auto* err = dynamic_cast<const Error*>(&e);
        mpi.abort(err ? err->exit_status() : 1);
      }
    }
  }
#endif
  return sweep_with(args, spec, design, nullptr);
}

}  // namespace accord::app
