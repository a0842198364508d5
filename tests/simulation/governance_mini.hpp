#pragma once
// A small community with governance, written inline: 40 households across the ten income
// deciles, a town hall, a school and one municipal PV plant, six months at 60 min, a monthly
// vote on the benefit rule. Pieces are replaced per test (behaviour, actors, agenda, ...).
#include <string>

#include <catch2/catch.hpp>

#include "accord/models/scenario/loader.hpp"
#include "accord/models/simulation/simulation.hpp"

namespace accord::test_governance {

struct MiniGovernance {
  unsigned seed = 1;
  std::string behaviour = "{participation: 1, forecast_noise: 0}";           // households
  std::string public_behaviour = "{participation: 0.3, forecast_noise: 0}";  // town hall, school
  std::string statutes =
      "colleges: [{name: households, weight: 0.5, kinds: [household]},"
      " {name: public, weight: 0.3, kinds: [public]}, {name: town, weight: 0.2, kinds: "
      "[municipality]}]\n"
      "      voting: {rule: majority, base: cast}";
  std::string intermediaries = "[]";
  std::string municipality;  // an `actors.municipality` map, or none
  std::string agenda =
      "[{item: benefit_rule, protocol: vote, options: [equal, proportional_consumption]}]";
  std::string calendar = "monthly";
  std::string plant_owner = "mairie";
  std::string kwp = "120";
  std::string more_producers;  // further `producers:` entries, each "  - {...}\n"
  std::string community;       // a `community:` section, or none
  std::string dynamics;        // a `dynamics:` section, or none
  std::string lifecycle;       // a `lifecycle:` section, or none
  std::string end = "2025-07-01";

  std::string text() const {
    return "accord: 1\nname: gov-mini\nseed: " + std::to_string(seed) +
           "\ntime: {start: 2025-01-01, end: " + end +
           ", step: 60min}\n"
           "participants:\n"
           "  - group: menages\n    count: 40\n    kind: household\n"
           "    income: {deciles: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}\n"
           "    consumption: {profile: household, annual_kwh: 4000, spread: 0.6}\n"
           "    behaviour: " +
           behaviour +
           "\n"
           "  - {id: mairie, kind: municipality, consumption: {profile: town_hall, annual_kwh: "
           "30000},\n"
           "     behaviour: " +
           public_behaviour +
           "}\n"
           "  - {id: ecole, kind: public, consumption: {profile: school, annual_kwh: 40000},\n"
           "     behaviour: " +
           public_behaviour +
           "}\n"
           "producers:\n  - {id: pv, owner: " +
           plant_owner + ", pv: {kwp: " + kwp + "}}\n" + more_producers +
           "actors:\n  pmo:\n    form: association\n    statutes:\n      " + statutes +
           "\n"
           "  intermediaries: " +
           intermediaries + "\n" +
           (municipality.empty() ? "" : "  municipality: " + municipality + "\n") +
           "governance:\n  calendar: " + calendar + "\n  window_periods: 1\n  agenda: " + agenda +
           "\n" + (community.empty() ? "" : "community:\n" + community + "\n") +
           (dynamics.empty() ? "" : "dynamics:\n" + dynamics + "\n") +
           (lifecycle.empty() ? "" : "lifecycle:\n" + lifecycle + "\n") +
           "output: {detail: periods}\n";
  }
  models::Scenario load(models::LoadOptions o = {}) const {
    return models::load_scenario_text(text(), "gov-mini.yaml", ACCORD_SOURCE_DIR "/scenarios", o);
  }
};

// 60 households around the operation, across the ten deciles (a `dynamics.candidates` entry).
inline const std::string kNeighbourCandidates =
    "  candidates:\n"
    "    - group: voisins\n      count: 60\n      kind: household\n"
    "      income: {deciles: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}\n"
    "      consumption: {profile: household, annual_kwh: 4000}\n";

// The rows of a run's governance record deciding `item`, in order.
inline std::vector<const models::output::GovernanceRow*> rows_of(const models::output::RunResult& r,
                                                                 const std::string& item) {
  std::vector<const models::output::GovernanceRow*> rows;
  for (const auto& row : r.governance.rows)
    if (row.item == item) rows.push_back(&row);
  return rows;
}

// The value of KPI `name` in the run's /summary (fails the test when it is absent).
inline double kpi_of(const models::output::RunResult& r, const std::string& name) {
  for (const auto& k : r.summary)
    if (k.name == name) return k.value;
  FAIL("no KPI " << name);
  return 0.0;
}

// Runs the community to the end and hands over the result.
inline models::output::RunResult run(const MiniGovernance& g, unsigned threads = 1) {
  models::Simulation sim(g.load(), models::SimulationOptions{threads});
  sim.run();
  return sim.take_result();
}

}  // namespace accord::test_governance
