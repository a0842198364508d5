#pragma once
// Consumption (and production) time series on the scenario grid, in kWh per step:
// from files users bring (Enedis exports, plain CSV) or from built-in generators.
#include <array>
#include <cstdint>
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

// A participant's generated load, a range of steps at a time: the values of generate_load
// over the whole grid, to the bit, whatever the ranges. What scales the series (the run's
// total energy) is taken once, at construction, by one pass over the run that keeps nothing
// of it; a generator holds a few parameters (about 100 bytes). Used to
// build inputs period by period (docs/performance.md, "Long runs").
class LoadGenerator {
 public:
  // Same arguments and errors as generate_load.
  LoadGenerator(const LoadProfileSpec& spec, const sim::TimeGrid& grid,
                const sim::StepCalendar& calendar, const sim::RandomStream& shape,
                const sim::RandomStream& variation, SchoolZone school_zone);
  // out[k] = load of step first + k in kWh, for steps [first, last) of the run whose whole
  // calendar is `calendar`. Not safe to call from two threads on the same generator.
  void fill(const sim::StepCalendar& calendar, int64_t first, int64_t last, double* out) const;

 private:
  const void* tables_ = nullptr;  // the profile's tables (static storage)
  sim::RandomStream variation_;
  SchoolZone school_zone_;
  double cv_ = 0;  // relative sd of the daily variation
  int closed_weekday_ = 0;
  double heat_scale_ = 0;
  double scale_ = 1;
  int shift_ = 0;  // of the day's curves, 5-min bins
  double base_factor_ = 1, amplitude_ = 1;
  // Per-day weights of the range being filled (scratch, reused).
  mutable std::vector<uint8_t> day_type_;
  mutable std::vector<double> w_winter_, w_summer_, w_heat_;
};

// Names accepted in LoadProfileSpec::profile.
const std::vector<std::string>& known_profiles();

// Names accepted in LoadProfileSpec::occupancy (household profile).
const std::vector<std::string>& known_occupancies();

}  // namespace accord::models::energy
