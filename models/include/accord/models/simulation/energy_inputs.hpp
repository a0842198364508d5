#pragma once
// The exogenous energy of a run: each participant's withdrawal from the grid and each
// producer's injection, kWh per step, for the whole run or a range of periods at a time. A
// prosumer's plant covers its own load first (behind the meter); only its injection reaches the
// pool.
#include <memory>

#include "accord/models/economics/accounts.hpp"
#include "accord/models/scenario/scenario.hpp"
#include "accord/sim/civil_time.hpp"
#include "accord/sim/time_grid.hpp"

namespace accord::models {

struct EnergyInputs {
  economics::RowMatrix consumption;       // [T, N] withdrawal after self-consumption (CONS)
  economics::RowMatrix production;        // [T, P] injection (PROD)
  std::vector<double> load_kwh;           // [N] total load before self-consumption
  std::vector<double> self_consumed_kwh;  // [N] own production used behind the meter
};

// The run year of each step: 0 until the first anniversary of the run's start (local date and
// time), then 1, ... What load growth and plant ageing count in.
std::vector<int32_t> run_year_of_steps(const sim::TimeGrid& grid, const sim::TimeZone& zone);

// The same inputs a range of billing periods at a time, so that a run holds the period it
// runs rather than its whole horizon (docs/performance.md, "Long runs"). Every value is the
// one the whole run's arrays hold, to the bit, whatever the ranges asked: the load
// generators draw by local day from counter-based streams and take the run's total once at
// construction, sun tracks keep the whole run's geocentric knots, CSV series are read once.
// Holds the scenario and the calendar by reference: both must outlive it.
class InputStream {
 public:
  InputStream();  // empty: assign one before filling
  InputStream(const Scenario& scenario, const sim::TimeGrid& grid,
              const sim::StepCalendar& calendar, unsigned threads);
  ~InputStream();
  InputStream(InputStream&&) noexcept;
  InputStream& operator=(InputStream&&) noexcept;

  // Withdrawal [rows, N] and injection [rows, P] of the steps of periods [first, last), built
  // in parallel over participants (`threads`; results do not depend on it), in the first rows
  // of `consumption` and `production`: a matrix with more rows keeps them (a run's periods
  // differ by a few days, and its buffers are reused), one with fewer is resized. Not safe to
  // call from two threads at once (the series' buffers are reused too). With `totals`,
  // each participant's load and self-consumption over these steps are added to
  // totals->load_kwh and self_consumed_kwh step by step: filling the periods in order then
  // gives the totals of build_energy_inputs, to the bit.
  void fill(int64_t first_period, int64_t last_period, economics::RowMatrix& consumption,
            economics::RowMatrix& production, EnergyInputs* totals = nullptr) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The whole run at once (every period of one InputStream): [T, N] and [T, P].
EnergyInputs build_energy_inputs(const Scenario& scenario, const sim::TimeGrid& grid,
                                 const sim::StepCalendar& calendar, unsigned threads);

}  // namespace accord::models
