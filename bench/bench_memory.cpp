// Peak resident memory of whole runs (issue "Long runs at bounded memory"): bench_run's
// community of N members at 30 min over Y years, each configuration in a fresh child process
// (getrusage ru_maxrss is a high-water mark), at detail `periods` and `full`. Prints the peak
// RSS, the wall time and the memory the loader estimates (models' run_memory); a
// configuration the loader refuses for want of memory is reported as refused.
// Usage: bench_memory [N] [periods|full] [YEARS ...]   (default: 1000 members, both details,
// 1 and 2 years)
// Target: 1 and 20 years differ by < 50 MB, and 20 years of 1,000 members stay under 300 MB
// (met at detail periods since inputs are built period by period; detail full still keeps
// the [T, N] ledgers for the recorder).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "accord/models/output/ledger_stream.hpp"
#include "accord/models/output/run_result.hpp"
#include "accord/models/scenario/loader.hpp"
#include "accord/models/simulation/simulation.hpp"
#include "accord/sim/error.hpp"
#include "bench_community.hpp"

using namespace accord::models;
using Clock = std::chrono::steady_clock;

namespace {

// One run in this (child) process; returns its exit status: 0 done, 3 refused.
int run_once(int n, int years, const std::string& detail, const std::string& out) {
  LoadOptions options;
  options.overrides = {"time.end=" + std::to_string(2025 + years) + "-01-01",
                       "output.detail=" + detail};
  try {
    const Scenario s = load_scenario_text(accord::bench::community_scenario(n,
                                                                            "{sharing_key: {type: "
                                                                            "dynamic_default}}"),
                                          "bench.yaml", ".", options);
    // As `accord run`: inputs and ledgers per period, streamed to the file at detail full.
    SimulationOptions sim_options;
    sim_options.whole_ledger = false;
    std::unique_ptr<output::LedgerStream> stream;
    if (detail == "full") stream = stream_ledgers(s, out, 1, sim_options);
    Simulation sim(s, sim_options);
    sim.run();
    if (stream)
      output::write_run_streamed(sim.take_result(), *stream, 1);
    else
      output::write_run(sim.take_result(), out, output::parse_detail(detail), 1);
  } catch (const accord::Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 3;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 1000;
  std::vector<int> years;
  std::vector<std::string> details;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "periods" || a == "full")
      details.push_back(a);
    else
      years.push_back(std::atoi(argv[i]));
  }
  if (years.empty()) years = {1, 2};
  if (details.empty()) details = {"periods", "full"};
  const auto out = std::filesystem::temp_directory_path() / "accord-bench-memory.h5";
  std::printf("%8s %6s %8s %12s %10s %10s\n", "members", "years", "detail", "peak RSS MB", "wall s",
              "file MB");
  for (const std::string& d : details) {
    const char* detail = d.c_str();
    for (const int y : years) {
      std::fflush(stdout);
      const auto t0 = Clock::now();
      const pid_t pid = fork();
      if (pid == 0) _exit(run_once(n, y, detail, out.string()));
      int status = 0;
      struct rusage usage {};
      wait4(pid, &status, 0, &usage);
      const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
      const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      if (code != 0) {
        std::printf("%8d %6d %8s %12s %10.2f %10s\n", n, y, detail,
                    code == 3 ? "refused" : "failed", wall, "-");
        continue;
      }
      std::error_code ec;
      const auto bytes = std::filesystem::file_size(out, ec);
      std::printf("%8d %6d %8s %12.1f %10.2f %10.1f\n", n, y, detail,
                  static_cast<double>(usage.ru_maxrss) / 1024.0, wall,
                  ec ? 0.0 : static_cast<double>(bytes) / 1e6);
      std::filesystem::remove(out, ec);
    }
  }
  return 0;
}
