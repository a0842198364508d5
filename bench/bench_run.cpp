// Whole-run benchmark: a year at 30 min for N participants (generated profiles, PV, key,
// bills, output at detail `periods`), wall time per stage. Usage: bench_run [N ...] [-j T]
// "inputs" counts the generators set up before the run and each period's inputs built during it
// (Simulation::input_seconds); "steps+bills" the rest of the run, with the per-period energy
// totals (summed as the steps run); "output" is Simulation::take_result (summary KPIs) and
// write_run. A run at detail periods holds no [T, N] array (docs/performance.md).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "accord/models/output/run_result.hpp"
#include "accord/models/scenario/loader.hpp"
#include "accord/models/simulation/simulation.hpp"
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
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "-j" && i + 1 < argc)
      threads = static_cast<unsigned>(std::atoi(argv[++i]));
    else
      sizes.push_back(std::atoi(argv[i]));
  }
  if (sizes.empty()) sizes = {100, 1000};
  const auto out = std::filesystem::temp_directory_path() / "accord-bench-run.h5";
  std::printf("%8s %8s %10s %10s %10s %10s %10s\n", "N", "threads", "load s", "inputs s",
              "steps+bills s", "output s", "total s");
  for (int n : sizes) {
    const auto t0 = Clock::now();
    const Scenario s = load_scenario_text(scenario_text(n, "dynamic_default"), "bench.yaml", ".");
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
    std::printf("%8d %8u %10.3f %10.3f %10.3f %10.3f %10.3f\n", n, threads, seconds(t0, t1),
                seconds(t1, t2) + during_run, seconds(t2, t3) - during_run, seconds(t3, t4),
                seconds(t0, t4));
  }
  std::filesystem::remove(out);
  return 0;
}
