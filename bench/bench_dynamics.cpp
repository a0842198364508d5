// What social dynamics (phase 4) cost: the same run with and without a `dynamics:` section,
// simulation wall time (median of R runs). Usage: bench_dynamics [R]
//   1000     1,000 members (bench_run's community) and 1,000 candidates around them, a year at
//            30 min, monthly dynamics, two meetings per person a month, detail periods
// Target (issue 12): the dynamics phase under 10 % of a run's time at 1,000 members.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "accord/models/scenario/loader.hpp"
#include "accord/models/simulation/simulation.hpp"
#include "bench_community.hpp"

using namespace accord::models;
using Clock = std::chrono::steady_clock;

namespace {

double simulate(const Scenario& s) {
  const auto t0 = Clock::now();
  Simulation sim(s, SimulationOptions{1, /*whole_ledger=*/false});
  sim.run();
  const auto t1 = Clock::now();
  (void)sim.take_result();
  return std::chrono::duration<double>(t1 - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  const std::string text = accord::bench::community_scenario(1000, "{}");
  LoadOptions on;
  on.overrides = {
      "dynamics={attitude: {meetings_per_person: 2}, network: {homophily: 0.3, "
      "homophily_by: income_decile}, candidates: [{group: c, count: 1000, kind: household, "
      "income: {deciles: [1,2,3,4,5,6,7,8,9,10]}, location: {radius_m: 500}, "
      "consumption: {profile: household, annual_kwh: 4000}}]}"};
  const Scenario off_scenario = load_scenario_text(text, "bench.yaml", ".");
  const Scenario on_scenario = load_scenario_text(text, "bench.yaml", ".", on);
  std::vector<double> off, with;
  for (int r = 0; r < repeats; ++r) {
    off.push_back(simulate(off_scenario));
    with.push_back(simulate(on_scenario));
  }
  const double a = median(off), b = median(with);
  std::printf(
      "1000 + 1000 candidates | simulation %.3f -> %.3f s | dynamics %.3f s = %.1f %% of the run\n",
      a, b, b - a, 100.0 * (b - a) / b);
  return 0;
}
