#pragma once
// Consumption (and production) time series on the scenario grid, in kWh per step:
// from files users bring (Enedis exports, plain CSV) or from built-in generators.
#include <string>
#include <vector>

#include "accord/models/scenario/specs.hpp"
#include "accord/sim/civil_time.hpp"
#include "accord/sim/rng.hpp"
#include "accord/sim/time_grid.hpp"

namespace accord::models::energy {

// Reads a CSV series and resamples it onto `grid` with energy conserved. Formats: Enedis
// portal export (header block, `Horodate;Valeur`, average power in W, end-of-interval
// timestamps with UTC offsets, 10/30-min steps, DST days), SGE export, plain
// `timestamp,kWh`. The file must cover the grid. Throws DataError "FILE:LINE:COL: ...".
std::vector<double> read_series_csv(const CsvSeriesSpec& spec, const sim::TimeGrid& grid,
                                    const sim::TimeZone& zone);

// Built-in load generator scaled to spec.annual_kwh per year. `shape` draws per-participant
// shape parameters, `variation` the day-to-day variation (keyed by local day).
std::vector<double> generate_load(const LoadProfileSpec& spec, const sim::TimeGrid& grid,
                                  const sim::StepCalendar& calendar,
                                  const sim::RandomStream& shape,
                                  const sim::RandomStream& variation);

// Names accepted in LoadProfileSpec::profile.
const std::vector<std::string>& known_profiles();

}  // namespace accord::models::energy
