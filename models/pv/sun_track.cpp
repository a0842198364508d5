#include "accord/models/pv/sun_track.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "accord/models/pv/irradiance.hpp"
#include "spa.hpp"

namespace accord::models::pv {
namespace {

// Spacing of the geocentric knots. Declination and right ascension have second derivatives
// below 0.007 deg/day^2, so linear interpolation over 0.25 day errs by < 6e-5 deg.
constexpr int64_t kKnotSeconds = 6 * 3600;
// Standard atmosphere assumed for refraction (the site's weather is not modelled).
constexpr double kPressureSeaLevelMbar = 1013.25;
constexpr double kTemperatureC = 12.0;

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

}  // namespace

SunTrack compute_sun_track(const GeoPoint& site, const sim::TimeGrid& grid,
                           const SunTrackOptions& options) {
  if (grid.step_seconds <= 0 || grid.steps < 0) {
    throw std::invalid_argument("compute_sun_track: grid needs a positive step and >= 0 steps");
  }
  SunTrack track;
  track.site = site;
  track.grid = grid;
  int n = options.samples_per_step;
  if (n <= 0) n = static_cast<int>((grid.step_seconds + 599) / 600);
  track.samples_per_step = n;
  const std::size_t count = static_cast<std::size_t>(grid.steps) * static_cast<std::size_t>(n);
  track.sun_east.assign(count, 0.0);
  track.sun_north.assign(count, 0.0);
  track.sun_up.assign(count, 0.0);
  track.dni_extra_wm2.assign(count, 0.0);
  track.ghi_clear_wm2.assign(count, 0.0);
  track.airmass.assign(count, 0.0);
  track.inv_cos_zenith.assign(count, 0.0);
  track.kt_clear.assign(count, 0.0);
  if (count == 0) return track;

  // Geocentric knots covering [start, end].
  // Offsets are taken from first_knot: the whole run's first knot when this track is a part
  // of the run (the interpolation weights, and so every value, are then the whole track's).
  const int64_t own_first_knot = floor_div(grid.start_utc, kKnotSeconds) * kKnotSeconds;
  const int64_t first_knot = options.knot_origin_utc
                                 ? floor_div(*options.knot_origin_utc, kKnotSeconds) * kKnotSeconds
                                 : own_first_knot;
  if (first_knot > own_first_knot)
    throw std::invalid_argument("compute_sun_track: knot origin after the grid's start");
  const int64_t skipped = (own_first_knot - first_knot) / kKnotSeconds;  // knots before the grid
  const int64_t knots = floor_div(grid.end_utc() - first_knot, kKnotSeconds) + 2 - skipped;
  std::vector<spa::Geocentric> geo(static_cast<std::size_t>(knots));
  for (int64_t k = 0; k < knots; ++k) {
    const double t = static_cast<double>(first_knot + (skipped + k) * kKnotSeconds);
    geo[static_cast<std::size_t>(k)] = spa::geocentric(spa::julian_day(t), options.delta_t_s);
  }

  const double pressure =
      kPressureSeaLevelMbar * std::exp(-options.elevation_m / 8434.5);  // barometric, mbar
  const spa::Observer obs =
      spa::make_observer(site.lat_deg, site.lon_deg, options.elevation_m, pressure, kTemperatureC);

  const double sub = static_cast<double>(grid.step_seconds) / n;
  for (int64_t t = 0; t < grid.steps; ++t) {
    for (int j = 0; j < n; ++j) {
      const std::size_t s =
          static_cast<std::size_t>(t) * static_cast<std::size_t>(n) + static_cast<std::size_t>(j);
      // Offset from the first knot, kept in integer + fraction so that precision does not
      // depend on the epoch.
      const double offset = static_cast<double>(grid.step_start(t) - first_knot) + (j + 0.5) * sub;
      const double kf = offset / static_cast<double>(kKnotSeconds);
      const auto whole_k = static_cast<std::size_t>(kf);
      const double w = kf - static_cast<double>(whole_k);
      const auto k = whole_k - static_cast<std::size_t>(skipped);
      const spa::Geocentric& g0 = geo[k];
      const spa::Geocentric& g1 = geo[k + 1];
      double da = g1.alpha_deg - g0.alpha_deg;
      if (da < -180.0) da += 360.0;  // right ascension wraps at 360 deg
      if (da > 180.0) da -= 360.0;
      spa::Geocentric g;
      g.alpha_deg = g0.alpha_deg + w * da;
      g.delta_deg = g0.delta_deg + w * (g1.delta_deg - g0.delta_deg);
      g.radius_au = g0.radius_au + w * (g1.radius_au - g0.radius_au);
      g.equation_of_equinoxes_deg =
          g0.equation_of_equinoxes_deg +
          w * (g1.equation_of_equinoxes_deg - g0.equation_of_equinoxes_deg);

      const double jd = spa::julian_day(static_cast<double>(first_knot) + offset);
      const spa::Topocentric topo = spa::topocentric(g, jd, obs);
      track.sun_east[s] = topo.sin_zenith * topo.sin_azimuth;
      track.sun_north[s] = topo.sin_zenith * topo.cos_azimuth;
      track.sun_up[s] = topo.cos_zenith;
      const double e0n = kSolarConstantWm2 / (g.radius_au * g.radius_au);
      track.dni_extra_wm2[s] = e0n;
      if (topo.cos_zenith > 0) {
        const double am = relative_airmass(topo.zenith_deg);
        track.airmass[s] = am;
        const double ghi = clear_sky_ghi_ineichen(topo.cos_zenith, am, options.linke_turbidity,
                                                  options.elevation_m, e0n);
        const double inv_cz = 1.0 / std::max(topo.cos_zenith, kMinCosZenith);
        track.ghi_clear_wm2[s] = ghi;
        track.inv_cos_zenith[s] = inv_cz;
        track.kt_clear[s] = ghi * inv_cz / e0n;
      }
    }
  }
  return track;
}

}  // namespace accord::models::pv
