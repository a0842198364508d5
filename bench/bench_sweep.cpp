// Sweep benchmark (plain timing driver, prints figures):
//  1. parallel efficiency on 2 threads of a 64-run sweep of tiny runs (the mixed district
//     over one week, detail summary, unless --end and --detail say otherwise): T(1) / (2 T(2))
//     (with the time the HDF5 lock is held and waited for, the serial part of a run; the run
//     file is checked and compressed before the lock is taken, as `accord sweep` does);
//  2. per-run overhead of the sweep beyond the run itself (wall time on 1 thread minus the
//     time spent inside the runs, per run);
//  3. peak memory (getrusage ru_maxrss) of the sweep machinery from 100 to 10,000 runs at
//     detail summary, each size in its own child process (ru_maxrss is a high-water mark),
//     with a stand-in run writing a 25-KPI summary file.
// Usage: bench_sweep [--skip-memory] [--max-runs N] [--detail full|periods|summary]
//                    [--end YYYY-MM-DD (default 2025-01-08: one week)]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <string>

#include "accord/models/output/run_result.hpp"
#include "accord/models/scenario/loader.hpp"
#include "accord/models/simulation/simulation.hpp"
#include "accord/sim/h5/h5.hpp"
#include "accord/sim/sweep/runner.hpp"

using namespace accord;
namespace sw = accord::sim::sweep;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

models::output::Detail g_detail = models::output::Detail::kSummary;  // --detail
std::string g_end = "2025-01-08";                                    // --end
std::atomic<int64_t> g_run_ns{0};
std::atomic<int64_t> g_wait_ns{0};   // waiting for the HDF5 lock
std::atomic<int64_t> g_write_ns{0};  // holding it (writing the run file)

// What `accord sweep` does per run (app/sweep_command.cpp), timed from the inside.
std::vector<sw::RunKpi> real_run(const sw::RunRequest& req) {
  const auto t0 = Clock::now();
  models::LoadOptions options;
  options.overrides = req.overrides;
  options.seed = req.seed;
  options.replicate = req.replicate;
  const models::Scenario scenario = models::load_scenario(req.base, options);
  models::Simulation simulation(
      scenario, models::SimulationOptions{1, g_detail == models::output::Detail::kFull});
  simulation.run();
  const models::output::RunResult result = simulation.take_result();
  {
    const auto prepared = models::output::prepare_run(result, req.output_path, g_detail, 1);
    const auto w0 = Clock::now();
    const auto lock = sw::h5_serial_lock();
    const auto w1 = Clock::now();
    models::output::write_prepared(prepared);
    g_wait_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(w1 - w0).count();
    g_write_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - w1).count();
  }
  std::vector<sw::RunKpi> kpis;
  for (const auto& k : result.summary) kpis.push_back({k.name, k.value, k.units, k.description});
  g_run_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
  return kpis;
}

// A stand-in run: a summary-only file with 25 KPIs (what detail summary writes).
std::vector<sw::RunKpi> fake_run(const sw::RunRequest& req) {
  std::vector<sw::RunKpi> kpis;
  for (int i = 0; i < 25; ++i)
    kpis.push_back({"kpi_" + std::to_string(i), static_cast<double>(req.seed % 97) + i, "1", ""});
  const auto lock = sw::h5_serial_lock();
  sim::h5::AtomicFile out(req.output_path);
  auto g = out.file().create_group("summary");
  for (const auto& k : kpis) g.write_scalar(k.name, k.value, sim::h5::WriteOptions::with("1"));
  out.file().set_attr_int("complete", 1);
  out.commit();
  return kpis;
}

sw::SweepSpec spec_for(int64_t points, const std::string& dir) {
  sw::SweepSpec s;
  s.name = "bench";
  // The source tree, from this file's path (the build passes absolute source paths).
  s.base =
      (fs::path(__FILE__).parent_path().parent_path() / "scenarios/quartier-mixte.yaml").string();
  s.replicates = 2;
  s.fixed = {"time.end=" + g_end};
  sw::Parameter p;
  p.path = "community.internal_price.eur_per_kwh";
  p.kind = sw::Parameter::Kind::kUniform;
  p.a = 0.08;
  p.b = 0.16;
  s.parameters = {p};
  s.design.type = sw::DesignType::kLhs;
  s.design.samples = points;
  s.output_dir = dir;
  return s;
}

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  bool memory = true;
  int64_t max_runs = 10000;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--skip-memory") == 0) memory = false;
    if (std::strcmp(argv[i], "--max-runs") == 0 && i + 1 < argc) max_runs = std::atoll(argv[++i]);
    if (std::strcmp(argv[i], "--detail") == 0 && i + 1 < argc)
      g_detail = models::output::parse_detail(argv[++i]);
    if (std::strcmp(argv[i], "--end") == 0 && i + 1 < argc) g_end = argv[++i];
  }
  const fs::path root =
      fs::temp_directory_path() / ("accord-bench-sweep-" + std::to_string(getpid()));

  // 1 and 2: 64 real tiny runs on 1 and 2 threads.
  const sw::SweepSpec s1 = spec_for(32, (root / "j1").string());
  const sw::Design design = sw::make_design(s1);
  sw::RunnerOptions o;
  o.threads = 1;
  auto t0 = Clock::now();
  sw::run_sweep(s1, design, real_run, o);
  const double t1 = seconds_since(t0);
  const double inside = static_cast<double>(g_run_ns.load()) * 1e-9;
  const double write1 = static_cast<double>(g_write_ns.exchange(0)) * 1e-9;
  g_wait_ns = 0;
  o.threads = 2;
  t0 = Clock::now();
  sw::run_sweep(spec_for(32, (root / "j2").string()), design, real_run, o);
  const double t2 = seconds_since(t0);
  std::printf("64 runs (quartier-mixte to %s, detail %s)\n", g_end.c_str(),
              g_detail == models::output::Detail::kFull      ? "full"
              : g_detail == models::output::Detail::kPeriods ? "periods"
                                                             : "summary");
  std::printf("  1 thread : %.3f s (%.1f ms per run, %.1f ms inside the run)\n", t1, 1e3 * t1 / 64,
              1e3 * inside / 64);
  std::printf("  2 threads: %.3f s, parallel efficiency %.0f %%\n", t2, 100 * t1 / (2 * t2));
  std::printf(
      "  writing the run file: %.2f ms per run (1 thread); waited for h5_serial_lock %.2f ms"
      " per run on 2 threads (nothing to wait for with a thread-safe libhdf5)\n",
      1e3 * write1 / 64, 1e3 * static_cast<double>(g_wait_ns.load()) * 1e-9 / 64);
  std::printf(
      "  sweep overhead beyond the run: %.2f ms per run (design, seeds, resume check,"
      " sweep.h5 + summary.csv)\n",
      1e3 * (t1 - inside) / 64);

  // 3: peak memory per sweep size, each in a fresh process.
  if (memory) {
    std::printf("peak memory (ru_maxrss), stand-in runs at detail summary, 2 threads\n");
    for (int64_t runs = 100; runs <= max_runs; runs *= 10) {
      std::fflush(stdout);
      const pid_t pid = fork();
      if (pid == 0) {
        const auto dir = root / ("mem-" + std::to_string(runs));
        const sw::SweepSpec s = spec_for(runs / 2, dir.string());
        const auto start = Clock::now();
        sw::RunnerOptions mo;
        mo.threads = 2;
        sw::run_sweep(s, sw::make_design(s), fake_run, mo);
        rusage u{};
        getrusage(RUSAGE_SELF, &u);
        std::printf("  %6lld runs: %7.1f MiB, %.2f s (%.2f ms per run)\n",
                    static_cast<long long>(runs), static_cast<double>(u.ru_maxrss) / 1024.0,
                    seconds_since(start), 1e3 * seconds_since(start) / static_cast<double>(runs));
        std::fflush(stdout);
        _exit(0);
      }
      int status = 0;
      waitpid(pid, &status, 0);
    }
  }
  std::error_code ignored;
  fs::remove_all(root, ignored);
  return 0;
}
