#pragma once
// The exogenous energy of a run, built once before the loop: each participant's withdrawal
// from the grid and each producer's injection, kWh per step. A prosumer's plant covers its own
// load first (behind the meter); only its injection reaches the pool.
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

// Builds the series in parallel over members (`threads`); results do not depend on it.
EnergyInputs build_energy_inputs(const Scenario& scenario, const sim::TimeGrid& grid,
                                 const sim::StepCalendar& calendar, unsigned threads);

}  // namespace accord::models
