#pragma once
// Consumption (and production) time series on the scenario grid, in kWh per step:
// from files users bring (Enedis exports, plain CSV) or from built-in generators.
#include <string>
#include <vector>

#include "accord/models/energy/french_calendar.hpp"
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
                                  const sim::StepCalendar& calendar, const sim::RandomStream& shape,
                                  const sim::RandomStream& variation);

// Same, with the school-holiday zone used by the `school` profile (the overload above uses
// zone A, which holds Lyon, the default site). Throws std::invalid_argument for an unknown
// profile or occupancy (listing the known names), a negative or non-finite annual_kwh or
// variation, or a calendar that does not match the grid.
std::vector<double> generate_load(const LoadProfileSpec& spec, const sim::TimeGrid& grid,
                                  const sim::StepCalendar& calendar, const sim::RandomStream& shape,
                                  const sim::RandomStream& variation, SchoolZone school_zone);

// Names accepted in LoadProfileSpec::profile.
const std::vector<std::string>& known_profiles();

// Names accepted in LoadProfileSpec::occupancy (household profile).
const std::vector<std::string>& known_occupancies();

}  // namespace accord::models::energy
