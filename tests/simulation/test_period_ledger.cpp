// A run that keeps its allocation ledger for the period being run only
// (SimulationOptions::whole_ledger false, what `detail: periods` and `summary` runs use) gives
// the same results, bit for bit, as one that keeps it [T, N] for the whole run: per-period
// energy, bills, benefits of every rule, funds, governance decisions and trust, every KPI.
// Cases: the default district (prosumers, DST change), the SCIC district (governance rounds
// valuing other keys by evaluate()), a dynamic_custom key read from a coefficient file (per-
// step data indexed by the run's step), the worked example and the 4-member example.
// Tolerance: none (exact equality).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "accord/models/output/run_result.hpp"
#include "accord/models/scenario/loader.hpp"
#include "accord/models/simulation/simulation.hpp"

using namespace accord;
using namespace accord::models;

namespace {

output::RunResult run_with(const Scenario& s, bool whole_ledger) {
  SimulationOptions options;
  options.whole_ledger = whole_ledger;
  Simulation sim(s, options);
  sim.run();
  return sim.take_result();
}

Scenario load(const std::string& file, std::vector<std::string> overrides) {
  LoadOptions o;
  o.overrides = std::move(overrides);
  return load_scenario(std::string(ACCORD_SOURCE_DIR) + "/scenarios/" + file, o);
}

template <class M>
void same(const char* what, const M& a, const M& b) {
  INFO(what);
  REQUIRE(a.rows() == b.rows());
  REQUIRE(a.cols() == b.cols());
  // NaN (no game value) equals NaN here: compare the bits' meaning element by element.
  for (Eigen::Index i = 0; i < a.size(); ++i) {
    const double x = a.data()[i], y = b.data()[i];
    if (x != y && !(std::isnan(x) && std::isnan(y))) {
      INFO("element " << i << ": " << x << " vs " << y);
      CHECK(x == y);
      return;
    }
  }
}

void check_identical(const output::RunResult& whole, const output::RunResult& block) {
  // The per-period run hands over no per-step ledger.
  CHECK(block.allocated.size() == 0);
  CHECK(block.supplied.size() == 0);
  CHECK(whole.allocated.rows() == whole.grid.steps);
  const auto& e = whole.period_energy;
  const auto& f = block.period_energy;
  same("consumption", e.consumption, f.consumption);
  same("allocated", e.allocated, f.allocated);
  same("supplied", e.supplied, f.supplied);
  same("production", e.production, f.production);
  same("surplus", e.surplus, f.surplus);
  const auto& a = whole.accounts;
  const auto& b = block.accounts;
  same("bill_reference", a.bill_reference, b.bill_reference);
  same("bill", a.bill, b.bill);
  same("internal_purchase", a.internal_purchase, b.internal_purchase);
  same("benefit", a.benefit, b.benefit);
  same("producer_internal_revenue", a.producer_internal_revenue, b.producer_internal_revenue);
  same("producer_surplus_revenue", a.producer_surplus_revenue, b.producer_surplus_revenue);
  same("pmo_costs", a.pmo_costs, b.pmo_costs);
  same("pmo_fees", a.pmo_fees, b.pmo_fees);
  same("community_benefit", whole.sharing.community_benefit, block.sharing.community_benefit);
  same("game_grand_value", whole.sharing.game_grand_value, block.sharing.game_grand_value);
  REQUIRE(whole.sharing.rules.size() == block.sharing.rules.size());
  for (size_t r = 0; r < whole.sharing.rules.size(); ++r) {
    same("rule benefit", whole.sharing.rules[r].benefit, block.sharing.rules[r].benefit);
    same("rule territorial", whole.sharing.rules[r].territorial,
         block.sharing.rules[r].territorial);
  }
  REQUIRE(whole.sharing.funds.size() == block.sharing.funds.size());
  for (size_t k = 0; k < whole.sharing.funds.size(); ++k)
    same("fund balance", whole.sharing.funds[k].balance, block.sharing.funds[k].balance);
  const auto& g = whole.governance;
  const auto& h = block.governance;
  CHECK(g.rounds == h.rounds);
  CHECK(g.key_in_force == h.key_in_force);
  CHECK(g.rule_in_force == h.rule_in_force);
  same("internal_price", g.internal_price, h.internal_price);
  same("trust_pmo", g.trust_pmo, h.trust_pmo);
  REQUIRE(whole.summary.size() == block.summary.size());
  for (size_t k = 0; k < whole.summary.size(); ++k) {
    INFO(whole.summary[k].name);
    CHECK(whole.summary[k].name == block.summary[k].name);
    CHECK((whole.summary[k].value == block.summary[k].value ||
           (std::isnan(whole.summary[k].value) && std::isnan(block.summary[k].value))));
  }
}

}  // namespace

TEST_CASE("per-period ledger: the default district gives the same run", "[simulation][ledger]") {
  const Scenario s = load("quartier-mixte.yaml", {"time.end=2025-04-01"});
  check_identical(run_with(s, true), run_with(s, false));
}

TEST_CASE("per-period ledger: governance rounds value the same options", "[simulation][ledger]") {
  const Scenario s = load("quartier-mixte-scic.yaml", {"time.end=2025-08-01"});
  const auto whole = run_with(s, true);
  REQUIRE(whole.governance.rounds > 0);
  check_identical(whole, run_with(s, false));
}

TEST_CASE("per-period ledger: coefficient files are read at the run's step",
          "[simulation][ledger]") {
  // Coefficients that change every step, for every participant of two months of the district.
  const Scenario base = load("quartier-mixte.yaml", {"time.end=2025-03-01"});
  const int64_t steps = (base.time.end_utc - base.time.start_utc) / base.time.step_seconds;
  const std::string path = "period_ledger_keys.csv";
  {
    std::ofstream f(path);
    f << "timestamp";
    for (const auto& p : base.participants) f << ";" << p.id;
    f << "\n";
    const auto n = static_cast<int64_t>(base.participants.size());
    for (int64_t t = 0; t < steps; ++t) {
      char stamp[32];
      const time_t utc = base.time.start_utc + t * base.time.step_seconds;
      std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&utc));
      f << stamp;
      for (int64_t i = 0; i < n; ++i) f << ";" << ((i + t) % n < 20 ? "4,5" : "0");
      f << "\n";
    }
  }
  const Scenario s =
      load("quartier-mixte.yaml",
           {"time.end=2025-03-01",
            "community.sharing_key={type: dynamic_custom, coefficients_file: {csv: " +
                (std::filesystem::current_path() / path).string() + "}}"});
  const auto whole = run_with(s, true);
  check_identical(whole, run_with(s, false));
  std::remove(path.c_str());
}

TEST_CASE("per-period ledger: the worked and 4-member examples", "[simulation][ledger]") {
  for (const char* file : {"worked-example.yaml", "four-members.yaml"}) {
    INFO(file);
    const Scenario s = load(file, {});
    check_identical(run_with(s, true), run_with(s, false));
  }
}

TEST_CASE("per-period ledger: the road to operation, recruits, outages and an expansion",
          "[simulation][ledger][long-runs]") {
  // 27 months of the district made from its first meeting: production cleared before the
  // start, recruits joining with the founders, an outage, inverter failures and an anchor's
  // exit, and the car-park canopy that the rounds value (planned production made again for
  // the windows, kept in the last periods) and build. The per-period run also holds no
  // per-step inputs.
  const Scenario s =
      load("fabrique-quartier.yaml",
           {"time.end=2027-04-01",
            "lifecycle.events=[{type: outage, producer: pv-gymnase, at: 2026-11-03, days: 14}, "
            "{type: inverter_failures, rate_per_year: 0.5, days_range: [3, 20]}, "
            "{type: anchor_exit, participant: boulangerie, at: 2027-01-31}]"});
  const output::RunResult whole = run_with(s, true), block = run_with(s, false);
  check_identical(whole, block);
  CHECK(block.consumption.size() == 0);
  CHECK(block.production.size() == 0);
  CHECK(whole.consumption.rows() == whole.grid.steps);
  same("member", whole.member.cast<double>().eval(), block.member.cast<double>().eval());
  // The canopy was built during the run, and produced only from then on.
  const auto canopy = std::find_if(s.producers.begin(), s.producers.end(),
                                   [](const Producer& p) { return p.planned; });
  REQUIRE(canopy != s.producers.end());
  const auto p = static_cast<size_t>(canopy - s.producers.begin());
  const int32_t built = block.producer_commissioned[p];
  REQUIRE(built > 0);
  CHECK(whole.producer_commissioned[p] == built);
  const auto first = whole.calendar.period_first_step[static_cast<size_t>(built)];
  CHECK(whole.production.col(static_cast<Eigen::Index>(p)).head(first).maxCoeff() == 0.0);
  CHECK(whole.production.col(static_cast<Eigen::Index>(p)).tail(whole.grid.steps - first).sum() >
        0.0);
}
