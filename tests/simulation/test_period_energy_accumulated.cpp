// The per-period energy totals accumulated by the simulation while it runs the steps
// (Simulation::run_steps) against the reference: output::period_energy_of, the per-step
// ledger summed over each billing period after the run.
//
// Tolerance: 1e-9 relative per element (the contract of the accumulation: it may sum in
// another order than the reference, which changes the last bits only; a kWh total of a month
// is a sum of at most ~1500 steps, so reordering moves it by far less than 1e-12 relative).
// Elements that are 0 in the reference must be 0 within 1e-12 kWh.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "accord/models/output/run_result.hpp"
#include "accord/models/scenario/loader.hpp"
#include "accord/models/simulation/simulation.hpp"

using namespace accord;
using namespace accord::models;

namespace {

constexpr double kRelTol = 1e-9;
constexpr double kAbsFloorKwh = 1e-12;

// Three months of the shipped mixed district (about 100 participants, prosumers behind the
// meter, four producers): 4344 steps at 30 min, months of unequal length, and the
// daylight-saving change of March inside the last period.
Scenario district(std::vector<std::string> overrides = {}) {
  LoadOptions o;
  o.overrides = std::move(overrides);
  o.overrides.push_back("time.end=2025-04-01");
  return load_scenario(ACCORD_SOURCE_DIR "/scenarios/quartier-mixte.yaml", o);
}

// Largest |a - b| / max(|b|, floor) over the elements; shapes must match.
double max_rel_diff(const output::RowMatrix& a, const output::RowMatrix& b) {
  REQUIRE(a.rows() == b.rows());
  REQUIRE(a.cols() == b.cols());
  double worst = 0;
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
      const double ref = b(i, j);
      worst = std::max(worst, std::abs(a(i, j) - ref) / std::max(std::abs(ref), kAbsFloorKwh));
    }
  return worst;
}

void check_matches_reference(const output::RunResult& r) {
  const output::PeriodEnergy ref = output::period_energy_of(r);
  const output::PeriodEnergy& got = r.period_energy;
  const auto m = r.calendar.periods();
  const auto n = static_cast<Eigen::Index>(r.participants.size());
  const auto p = static_cast<Eigen::Index>(r.producers.size());
  REQUIRE(got.consumption.rows() == m);
  REQUIRE(got.consumption.cols() == n);
  REQUIRE(got.production.cols() == p);
  CHECK(max_rel_diff(got.consumption, ref.consumption) <= kRelTol);
  CHECK(max_rel_diff(got.allocated, ref.allocated) <= kRelTol);
  CHECK(max_rel_diff(got.supplied, ref.supplied) <= kRelTol);
  CHECK(max_rel_diff(got.production, ref.production) <= kRelTol);
  CHECK(max_rel_diff(got.surplus, ref.surplus) <= kRelTol);
  // Not trivially equal: every period has consumption, sharing and production.
  for (Eigen::Index k = 0; k < m; ++k) {
    CHECK(got.consumption.row(k).sum() > 0);
    CHECK(got.allocated.row(k).sum() > 0);
    CHECK(got.production.row(k).sum() > 0);
  }
}

}  // namespace

TEST_CASE("accumulated period energy equals the ledger summed after the run",
          "[simulation][periods]") {
  Simulation sim(district());
  sim.run();
  const auto r = sim.take_result();
  REQUIRE(r.calendar.periods() == 3);
  check_matches_reference(r);
}

TEST_CASE("accumulated period energy with other sharing keys", "[simulation][periods]") {
  for (const std::string key : {"static", "static_redistributed"}) {
    INFO("sharing key " << key);
    Simulation sim(district({"community.sharing_key.type=" + key}));
    sim.run();
    check_matches_reference(sim.take_result());
  }
}

TEST_CASE("accumulated period energy does not depend on stepping one step at a time",
          "[simulation][periods]") {
  Simulation by_period(district());
  by_period.run();
  const auto a = by_period.take_result();
  Simulation by_step(district());
  while (by_step.step()) {
  }
  const auto b = by_step.take_result();
  check_matches_reference(b);
  // Blocks of steps and single steps allocate the same ledger.
  CHECK(a.allocated == b.allocated);
  CHECK(a.supplied == b.supplied);
  CHECK(a.surplus == b.surplus);
  CHECK(max_rel_diff(a.period_energy.allocated, b.period_energy.allocated) <= kRelTol);
  CHECK(max_rel_diff(a.period_energy.surplus, b.period_energy.surplus) <= kRelTol);
}
