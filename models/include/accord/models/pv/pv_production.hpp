#pragma once
// PV production from solar position, clear-sky irradiance, plane-of-array transposition and
// a seeded day-to-day cloudiness.
#include <vector>

#include "accord/models/scenario/specs.hpp"
#include "accord/sim/rng.hpp"
#include "accord/sim/time_grid.hpp"

namespace accord::models::pv {

struct SolarPosition {
  double zenith_deg = 0;    // topocentric zenith angle, refraction-corrected
  double azimuth_deg = 0;   // clockwise from north (0 N, 90 E, 180 S, 270 W)
  double incidence_deg = 0;  // angle of incidence on the surface, when a surface is given
};

struct SolarSite {
  double lat_deg = 0;
  double lon_deg = 0;        // east positive
  double elevation_m = 0;
  double pressure_mbar = 1013.25;
  double temperature_c = 12;
  double delta_t_s = 69.2;   // TT - UT1, s
};

// Solar position at a UTC instant (seconds since epoch, fractional allowed), within 0.01 deg
// of NREL SPA (Reda & Andreas 2004). Surface tilt/azimuth give the incidence angle.
SolarPosition solar_position(double utc_seconds, const SolarSite& site, double surface_tilt_deg = 0,
                             double surface_azimuth_deg = 180);

// Injection of a PV plant in kWh per step on `grid` (average over each step).
// `cloudiness` draws the daily clear-sky index, keyed by local day, so plants of the same
// site under the same stream see the same weather.
std::vector<double> pv_production(const PvSpec& spec, const GeoPoint& site,
                                  const sim::TimeGrid& grid, const sim::StepCalendar& calendar,
                                  const sim::RandomStream& cloudiness);

}  // namespace accord::models::pv
