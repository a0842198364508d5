#pragma once
// PV production from solar position, clear-sky irradiance, plane-of-array transposition and
// a seeded day-to-day cloudiness (docs/pv-model.md).
#include <cstdint>
#include <vector>

#include "accord/models/pv/irradiance.hpp"
#include "accord/models/pv/solar_position.hpp"
#include "accord/models/pv/sun_track.hpp"
#include "accord/models/scenario/specs.hpp"
#include "accord/sim/rng.hpp"
#include "accord/sim/time_grid.hpp"

namespace accord::models::pv {

// Daily clear-sky index k (ratio of the day's global irradiance to clear sky, 0..1) of local
// day `local_day` (days since 1970-01-01) with day of year `day_of_year`. Its mean over a year
// is 1 - cloudiness; `lat_deg` orients the seasonal cycle (cloudier winters).
double daily_clear_sky_index(double cloudiness, int day_of_year, double lat_deg, int32_t local_day,
                             const sim::RandomStream& stream);

// Injection of a PV plant in kWh per step on `sun.grid` (average power over each step times
// the step length), never negative, 0 at night. `calendar` must be built on the same grid.
// `cloudiness` draws the daily clear-sky index keyed by local day, so plants under the same
// stream see the same weather. Throws ConfigError (key path "pv.<field>") for an invalid spec
// and std::invalid_argument for a calendar that does not match the grid.
std::vector<double> pv_production(const PvSpec& spec, const SunTrack& sun,
                                  const sim::StepCalendar& calendar,
                                  const sim::RandomStream& cloudiness);

}  // namespace accord::models::pv
