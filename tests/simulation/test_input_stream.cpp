// Inputs built period by period (InputStream, docs/performance.md "Long runs") are the whole
// run's inputs, bit for bit, whatever the ranges asked and the threads used: generated loads
// (household, tertiary, prosumers behind their meter), PV plants under shared sun tracks, CSV
// series (worked example), and two years with load growth and plant ageing. Totals of load
// and self-consumption accumulated period by period equal the whole run's. Tolerance: none.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "accord/models/scenario/loader.hpp"
#include "accord/models/simulation/energy_inputs.hpp"

using namespace accord;
using namespace accord::models;

namespace {

Scenario load(const std::string& file, std::vector<std::string> overrides) {
  LoadOptions o;
  o.overrides = std::move(overrides);
  return load_scenario(std::string(ACCORD_SOURCE_DIR) + "/scenarios/" + file, o);
}

// Elements of the first `rows` rows of `part` that differ from rows [first_row, ...) of
// `whole`.
int64_t differing(const economics::RowMatrix& part, int64_t rows, const economics::RowMatrix& whole,
                  int64_t first_row) {
  REQUIRE(part.cols() == whole.cols());
  REQUIRE(part.rows() >= rows);
  REQUIRE(first_row + rows <= whole.rows());
  int64_t n = 0;
  for (Eigen::Index t = 0; t < rows; ++t)
    for (Eigen::Index i = 0; i < part.cols(); ++i)
      n += part(t, i) != whole(first_row + t, i) ? 1 : 0;
  return n;
}

void check_stream(const Scenario& s) {
  const sim::TimeGrid grid =
      sim::TimeGrid::covering(s.time.start_utc, s.time.end_utc, s.time.step_seconds);
  const sim::StepCalendar cal =
      sim::StepCalendar::build(grid, sim::TimeZone::from_name(s.time.timezone));
  const EnergyInputs whole = build_energy_inputs(s, grid, cal, 1);
  REQUIRE(whole.consumption.rows() == grid.steps);
  const InputStream stream(s, grid, cal, 2);
  EnergyInputs totals;
  totals.load_kwh.assign(s.participants.size(), 0.0);
  totals.self_consumed_kwh.assign(s.participants.size(), 0.0);
  economics::RowMatrix consumption, production;
  for (int64_t m = 0; m < cal.periods(); ++m) {
    INFO("period " << m);
    stream.fill(m, m + 1, consumption, production, &totals);
    const int64_t t0 = cal.period_first_step[static_cast<size_t>(m)];
    const int64_t rows = cal.period_first_step[static_cast<size_t>(m) + 1] - t0;
    CHECK(differing(consumption, rows, whole.consumption, t0) == 0);
    CHECK(differing(production, rows, whole.production, t0) == 0);
  }
  CHECK(totals.load_kwh == whole.load_kwh);
  CHECK(totals.self_consumed_kwh == whole.self_consumed_kwh);
  // A window of two periods out of order (what evaluate() makes again) is the same rows.
  if (cal.periods() >= 3) {
    economics::RowMatrix window_consumption, window_production;
    stream.fill(1, 3, window_consumption, window_production);
    const int64_t rows = cal.period_first_step[3] - cal.period_first_step[1];
    CHECK(window_consumption.rows() == rows);
    CHECK(differing(window_consumption, rows, whole.consumption, cal.period_first_step[1]) == 0);
    CHECK(differing(window_production, rows, whole.production, cal.period_first_step[1]) == 0);
  }
}

}  // namespace

TEST_CASE("inputs period by period: the default district", "[simulation][long-runs]") {
  // 96 participants, prosumers behind their meters, 15 plants, the March DST change.
  check_stream(load("quartier-mixte.yaml", {"time.end=2025-05-01"}));
}

TEST_CASE("inputs period by period: CSV series of the worked example", "[simulation][long-runs]") {
  check_stream(load("worked-example.yaml", {}));
}

TEST_CASE("inputs period by period: two years of growth and ageing", "[simulation][long-runs]") {
  // The run years change mid-period (the run starts on the 15th): growth and ageing factors
  // switch inside a period's rows.
  Scenario s = load("quartier-mixte.yaml", {"time.start=2025-01-15", "time.end=2027-03-01"});
  for (auto& p : s.participants) p.consumption.growth_per_year = 0.02;
  for (auto& p : s.producers)
    if (auto* pv = std::get_if<PvSpec>(&p.production.source)) pv->degradation_per_year = 0.005;
  check_stream(s);
}
