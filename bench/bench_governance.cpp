// What governance rounds cost: the same run with and without rounds, wall time (median of
// R runs). Usage: bench_governance [R]
//   default   scenarios/quartier-mixte.yaml, a year at 30 min, detail full, quarterly rounds
//             on three items (sharing key, benefit rule, internal price) with five options each
//   1000      1,000 members (bench_run's community), a year at 30 min, detail periods,
//             monthly rounds on the same three items
// Targets (issue "Governance"): default <= 1.5x, 1,000 members <= 3x the run without rounds.
#include <algorithm>
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

// Three items with five options each (the status quo and four alternatives).
const char* kAgenda =
    "governance.agenda=["
    "{item: sharing_key, protocol: vote, options: [priority, "
    "{type: dynamic_custom, rule: favour_low_income, rule_share: 0.1}, "
    "{type: dynamic_custom, rule: favour_low_income, rule_share: 0.3}, "
    "{type: dynamic_custom, rule: favour_low_income, rule_share: 0.5}]}, "
    "{item: benefit_rule, protocol: vote, options: [equal, proportional_consumption, "
    "proportional_allocated, {type: needs_based, sigma: 0.3, base_rule: equal}]}, "
    "{item: internal_price, protocol: vote, options: [0.08, 0.10, 0.12, 0.16]}]";

std::string community_of(int n) {
  return accord::bench::community_scenario(n, "{internal_price: {eur_per_kwh: 0.14}}",
                                           "{participation: 0.4, alpha: {uniform: [0, 1]}}");
}

struct Timing {
  double simulation = 0, total = 0;
  size_t rows = 0;
};

Timing time_run(const Scenario& s, output::Detail detail, const std::string& out) {
  const auto t0 = Clock::now();
  Simulation sim(s, SimulationOptions{1, /*whole_ledger=*/detail == output::Detail::kFull});
  const auto t1 = Clock::now();
  sim.run();
  const auto t2 = Clock::now();
  auto result = sim.take_result();
  const size_t rows = result.governance.rows.size();
  output::write_run(result, out, detail);
  const auto t3 = Clock::now();
  (void)t1;
  return {std::chrono::duration<double>(t2 - t1).count(),
          std::chrono::duration<double>(t3 - t0).count(), rows};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void compare(const char* label, const Scenario& off, const Scenario& on, output::Detail detail,
             int repeats) {
  const auto out = (std::filesystem::temp_directory_path() / "accord-bench-gov.h5").string();
  std::vector<double> sim_off, sim_on, total_off, total_on;
  size_t rows = 0;
  for (int r = 0; r < repeats; ++r) {
    const Timing a = time_run(off, detail, out), b = time_run(on, detail, out);
    sim_off.push_back(a.simulation);
    total_off.push_back(a.total);
    sim_on.push_back(b.simulation);
    total_on.push_back(b.total);
    rows = b.rows;
  }
  std::filesystem::remove(out);
  std::printf(
      "%-8s rows %3zu | simulation %7.3f -> %7.3f s (x%.2f) | run %7.3f -> %7.3f s (x%.2f)\n",
      label, rows, median(sim_off), median(sim_on), median(sim_on) / median(sim_off),
      median(total_off), median(total_on), median(total_on) / median(total_off));
}

}  // namespace

int main(int argc, char** argv) {
  const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  {
    LoadOptions off, on;
    on.overrides = {"governance.calendar=quarterly", kAgenda};
    const std::string path = ACCORD_BENCH_SCENARIOS "/quartier-mixte.yaml";
    compare("default", load_scenario(path, off), load_scenario(path, on), output::Detail::kFull,
            repeats);
  }
  {
    LoadOptions off, on;
    on.overrides = {"governance.calendar=monthly", "governance.window_periods=1", kAgenda};
    const std::string text = community_of(1000);
    compare("1000", load_scenario_text(text, "bench.yaml", "."),
            load_scenario_text(text, "bench.yaml", ".", on), output::Detail::kPeriods,
            std::max(1, repeats / 2));
  }
  return 0;
}
