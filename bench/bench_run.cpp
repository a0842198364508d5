// Whole-run benchmark: a year at 30 min for N participants (generated profiles, PV, key,
// bills, output at detail `periods`), wall time per stage, then the memory bandwidth.
// Usage: bench_run [N ...] [-j T] [--years Y] [--repeat R] (R runs and their median)
// "inputs" counts the generators set up before the run and each period's inputs built during it
// (Simulation::input_seconds); "steps+bills" the rest of the run, with the per-period energy
// totals (summed as the steps run); "output" is Simulation::take_result (summary KPIs) and
// write_run. A run at detail periods holds no [T, N] array (docs/performance.md).
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "accord/models/output/run_result.hpp"
#include "accord/models/scenario/loader.hpp"
#include "accord/models/simulation/simulation.hpp"
#include "bench_bandwidth.hpp"
#include "bench_community.hpp"

using namespace accord::models;
using Clock = std::chrono::steady_clock;

namespace {

std::string scenario_text(int n, const std::string& key) {
  return accord::bench::community_scenario(n, "{sharing_key: {type: " + key + "}}");
}

double seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> sizes;
  unsigned threads = 1;
  int years = 1, repeat = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "-j" && i + 1 < argc)
      threads = static_cast<unsigned>(std::atoi(argv[++i]));
    else if (a == "--years" && i + 1 < argc)
      years = std::atoi(argv[++i]);
    else if (a == "--repeat" && i + 1 < argc)
      repeat = std::max(1, std::atoi(argv[++i]));
    else
      sizes.push_back(std::atoi(argv[i]));
  }
  if (sizes.empty()) sizes = {100, 1000};
  const auto out = std::filesystem::temp_directory_path() / "accord-bench-run.h5";
  std::printf("%8s %6s %8s %10s %10s %10s %10s %10s\n", "N", "years", "threads", "load s",
              "inputs s", "steps+bills s", "output s", "total s");
  for (int n : sizes) {
    std::vector<std::array<double, 5>> rows;
    for (int r = 0; r < repeat; ++r) {
      const auto t0 = Clock::now();
      LoadOptions options;
      options.overrides = {"time.end=" + std::to_string(2025 + years) + "-01-01"};
      const Scenario s =
          load_scenario_text(scenario_text(n, "dynamic_default"), "bench.yaml", ".", options);
      const auto t1 = Clock::now();
      Simulation sim(s, SimulationOptions{threads, /*whole_ledger=*/false});
      const auto t2 = Clock::now();
      const double inputs_before_run = sim.input_seconds();
      sim.run();
      const auto t3 = Clock::now();
      output::write_run(sim.take_result(), out.string(), output::Detail::kPeriods);
      const auto t4 = Clock::now();
      // Inputs are built period by period during the run: their time is moved from the run's
      // to the inputs' column.
      const double during_run = sim.input_seconds() - inputs_before_run;
      rows.push_back({seconds(t0, t1), seconds(t1, t2) + during_run, seconds(t2, t3) - during_run,
                      seconds(t3, t4), seconds(t0, t4)});
      const auto& x = rows.back();
      std::printf("%8d %6d %8u %10.3f %10.3f %10.3f %10.3f %10.3f\n", n, years, threads, x[0], x[1],
                  x[2], x[3], x[4]);
    }
    if (repeat > 1) {  // the median of each column
      std::array<double, 5> median{};
      for (size_t c = 0; c < median.size(); ++c) {
        std::vector<double> v;
        for (const auto& x : rows) v.push_back(x[c]);
        std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
        median[c] = v[v.size() / 2];
      }
      std::printf("%8s %6d %8u %10.3f %10.3f %10.3f %10.3f %10.3f  (median of %d)\n", "median",
                  years, threads, median[0], median[1], median[2], median[3], median[4], repeat);
    }
  }
  std::filesystem::remove(out);
  std::printf("memory bandwidth (scale-copy, 2 x 256 MiB, best of 3): %.1f GB/s\n",
              accord::bench::memory_bandwidth() / 1e9);
  return 0;
}
