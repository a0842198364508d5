#pragma once
// Position of the sun seen from a site, by the NREL Solar Position Algorithm (Reda & Andreas
// 2004, NREL/TP-560-34302): VSOP87 earth terms, nutation, aberration, topocentric parallax
// and atmospheric refraction. Stated uncertainty +/-0.0003 deg for years -2000..6000.

namespace accord::models::pv {

struct SolarPosition {
  double zenith_deg = 0;     // topocentric zenith angle, refraction-corrected
  double azimuth_deg = 0;    // clockwise from north (0 N, 90 E, 180 S, 270 W)
  double incidence_deg = 0;  // angle of incidence on the surface, when a surface is given
};

struct SolarSite {
  double lat_deg = 0;
  double lon_deg = 0;  // east positive
  double elevation_m = 0;
  double pressure_mbar = 1013.25;
  double temperature_c = 12;
  double delta_t_s = 69.2;  // TT - UT1, s (about 69 s in 2020-2025)
};

// Solar position at a UTC instant (seconds since epoch, fractional allowed), within 0.01 deg
// of NREL SPA (it is SPA). Surface tilt (0 = horizontal) and azimuth (clockwise from north)
// give the incidence angle. Evaluates the full algorithm: use SunTrack for many instants.
SolarPosition solar_position(double utc_seconds, const SolarSite& site, double surface_tilt_deg = 0,
                             double surface_azimuth_deg = 180);

}  // namespace accord::models::pv
