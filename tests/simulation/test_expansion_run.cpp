// Expansion: a planned plant (producers[].planned) produces nothing until a governance round
// builds it (agenda item `expansion`), then produces from the next period; a planned plant
// never built changes nothing; the owner weighs the plant's yearly cost. Tolerances stated
// per test.
#include <catch2/catch.hpp>

#include "accord/models/simulation/simulation.hpp"
#include "simulation/governance_mini.hpp"

using namespace accord::models;
using accord::test_governance::MiniGovernance;
using accord::test_governance::rows_of;
using accord::test_governance::run;

namespace {

// A second roof of the town hall, planned: 120 kWp at `cost` EUR a year.
std::string planned_roof(const std::string& cost) {
  return "  - {id: pv2, owner: mairie, pv: {kwp: 120}, planned: {cost_eur_per_year: " + cost +
         "}}\n";
}

}  // namespace

TEST_CASE("expansion: a planned plant never built changes nothing", "[expansion][invariant]") {
  // The same community with a planned roof nobody puts on the agenda: it produces 0 in every
  // period, and every member's allocation, bill and benefit equal the run without it (1e-9).
  MiniGovernance plain;
  MiniGovernance with = plain;
  with.more_producers = planned_roof("0");
  const auto a = run(plain);
  const auto b = run(with);
  REQUIRE(b.producers.size() == 2);
  CHECK(b.producer_commissioned == std::vector<int32_t>{0, -1});
  CHECK(b.period_energy.production.col(1).cwiseAbs().maxCoeff() == 0.0);
  CHECK((a.period_energy.allocated - b.period_energy.allocated).cwiseAbs().maxCoeff() < 1e-9);
  CHECK((a.accounts.bill - b.accounts.bill).cwiseAbs().maxCoeff() < 1e-9);
  CHECK((a.accounts.benefit - b.accounts.benefit).cwiseAbs().maxCoeff() < 1e-9);
  CHECK(rows_of(b, "expansion").empty());
}

TEST_CASE("expansion: the assembly builds a roof that brings its members kWh",
          "[expansion][behaviour]") {
  // A small plant (30 kWp) and an internal price (0.06 EUR/kWh) at which every allocated kWh
  // is a gain: the households, who hold the majority, vote at the first round (after
  // January) to build the planned 120 kWp roof, which costs them nothing. It produces from
  // February, not before; the item leaves the agenda once the roof is built.
  MiniGovernance g;
  g.kwp = "30";
  g.community = "  internal_price: {eur_per_kwh: 0.06}";
  g.more_producers = planned_roof("0");
  g.agenda = "[{item: expansion, protocol: vote, options: [pv2]}]";
  const auto r = run(g);
  const auto rows = rows_of(r, "expansion");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]->period == 0);
  CHECK(rows[0]->chosen == 1);
  CHECK(rows[0]->options == std::vector<std::string>{"build nothing", "build pv2"});
  CHECK(r.producer_commissioned == std::vector<int32_t>{0, 1});
  CHECK(r.period_energy.production(0, 1) == 0.0);
  for (Eigen::Index m = 1; m < r.period_energy.production.rows(); ++m)
    CHECK(r.period_energy.production(m, 1) > 0.0);
  // The households voted for it: with it they get more kWh in February than the 30 kWp gave.
  int households_for = 0, households_voting = 0;
  for (size_t i = 0; i < 40; ++i)
    if (rows[0]->ballot[i] >= 0) {
      ++households_voting;
      households_for += rows[0]->ballot[i] == 1 ? 1 : 0;
    }
  CHECK(households_for * 2 > households_voting);
}

TEST_CASE("expansion: the owner weighs the plant's yearly cost", "[expansion][behaviour]") {
  // The item is delegated to the municipality, which owns the roof and weighs only its plants'
  // revenue: at no cost it builds at the first round; at 1 million EUR a year (far above what
  // the roof earns) it never does, at any round.
  MiniGovernance g;
  g.municipality = "{id: mairie, objectives: {plant_revenue: 1}}";
  g.agenda = "[{item: expansion, protocol: delegated, delegate: municipality, options: [pv2]}]";
  g.more_producers = planned_roof("0");
  const auto free = run(g);
  CHECK(free.producer_commissioned == std::vector<int32_t>{0, 1});
  g.more_producers = planned_roof("1000000");
  const auto dear = run(g);
  CHECK(dear.producer_commissioned == std::vector<int32_t>{0, -1});
  const auto rows = rows_of(dear, "expansion");
  REQUIRE(rows.size() == 5);  // every monthly round but the last period's
  for (const auto* row : rows) {
    CHECK(row->decided_by == "municipality");
    CHECK(row->chosen == 0);
    CHECK(row->payoff_eur(40, 1) < row->payoff_eur(40, 0));  // the town hall pays for it
  }
}
