// Per-period energy totals: the per-step ledger summed over each billing period.
#include "accord/models/output/run_result.hpp"

namespace accord::models::output {

namespace {

// Rows of `steps` ([T, K]) summed over each period: [M, K]. Row sums walk the row-major
// ledger contiguously.
RowMatrix sum_by_period(const RowMatrix& steps, const sim::StepCalendar& cal) {
  const int64_t m = cal.periods();
  // Without its ledger (rows other than the steps of the calendar) there is nothing to sum.
  if (m <= 0 || steps.rows() != cal.period_first_step[static_cast<size_t>(m)]) return {};
  RowMatrix out = RowMatrix::Zero(m, steps.cols());
  for (int64_t p = 0; p < m; ++p) {
    const int64_t t0 = cal.period_first_step[static_cast<size_t>(p)];
    const int64_t t1 = cal.period_first_step[static_cast<size_t>(p) + 1];
    for (int64_t t = t0; t < t1; ++t) out.row(p) += steps.row(t);
  }
  return out;
}

}  // namespace

PeriodEnergy period_energy_of(const RunResult& run) {
  PeriodEnergy e;
  e.consumption = sum_by_period(run.consumption, run.calendar);
  e.allocated = sum_by_period(run.allocated, run.calendar);
  e.supplied = sum_by_period(run.supplied, run.calendar);
  e.production = sum_by_period(run.production, run.calendar);
  e.surplus = sum_by_period(run.surplus, run.calendar);
  return e;
}

}  // namespace accord::models::output
