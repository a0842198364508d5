#pragma once
// NREL Solar Position Algorithm (Reda & Andreas 2004, NREL/TP-560-34302, revised 2008),
// split in two halves so that a year of positions stays cheap:
//  - the geocentric half (VSOP87 earth terms, nutation, aberration; hundreds of
//    trigonometric terms) varies slowly and can be sampled a few times a day and
//    interpolated;
//  - the topocentric half (sidereal time, parallax, refraction, azimuth) is cheap and is
//    evaluated at every instant.

namespace accord::models::pv::spa {

inline constexpr double kJulianDayUnixEpoch = 2440587.5;  // JD of 1970-01-01T00:00:00 UTC

// Julian day (UT) of a UTC instant in seconds since the Unix epoch.
inline double julian_day(double utc_seconds) {
  return kJulianDayUnixEpoch + utc_seconds / 86400.0;
}

// Geocentric apparent position of the sun (SPA steps 3.1 to 3.8), all angles in degrees.
struct Geocentric {
  double alpha_deg = 0;                  // apparent right ascension, 0..360
  double delta_deg = 0;                  // apparent declination
  double radius_au = 1;                  // earth-sun distance, AU
  double equation_of_equinoxes_deg = 0;  // nutation in longitude x cos(true obliquity)
};

// Geocentric sun at Julian day `jd` (UT); delta_t_s = TT - UT1 in seconds.
Geocentric geocentric(double jd, double delta_t_s);

// Site constants of the parallax correction (SPA step 3.10), computed once per site.
struct Observer {
  double lat_rad = 0;
  double sin_lat = 0;
  double cos_lat = 1;
  double lon_deg = 0;           // east positive
  double rho_cos = 1;           // x in SPA: rho cos(geocentric latitude)
  double rho_sin = 0;           // y in SPA: rho sin(geocentric latitude)
  double refraction_scale = 1;  // (P/1010)(283/(273+T))
};
Observer make_observer(double lat_deg, double lon_deg, double elevation_m, double pressure_mbar,
                       double temperature_c);

// Topocentric result (SPA steps 3.9 to 3.14).
struct Topocentric {
  double zenith_deg = 0;   // refraction-corrected
  double azimuth_deg = 0;  // from north, eastward
  double cos_zenith = 0;
  double sin_zenith = 0;
  double sin_azimuth = 0;
  double cos_azimuth = 0;
};

// Topocentric position seen by `obs` at Julian day `jd` (UT) for geocentric position `geo`.
Topocentric topocentric(const Geocentric& geo, double jd, const Observer& obs);

}  // namespace accord::models::pv::spa
