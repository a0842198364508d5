#include "accord/models/pv/solar_position.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "spa.hpp"

namespace accord::models::pv {

SolarPosition solar_position(double utc_seconds, const SolarSite& site, double surface_tilt_deg,
                             double surface_azimuth_deg) {
  constexpr double kDeg = std::numbers::pi / 180.0;
  const double jd = spa::julian_day(utc_seconds);
  const spa::Geocentric geo = spa::geocentric(jd, site.delta_t_s);
  const spa::Observer obs = spa::make_observer(site.lat_deg, site.lon_deg, site.elevation_m,
                                               site.pressure_mbar, site.temperature_c);
  const spa::Topocentric topo = spa::topocentric(geo, jd, obs);

  // SPA 3.16 (Iqbal 1983): cos I = cos z cos tilt + sin tilt sin z cos(azimuth - surface az).
  // Both azimuths are from north here, so their difference equals SPA's difference of
  // south-based angles.
  const double tilt = surface_tilt_deg * kDeg;
  const double cos_inc =
      topo.cos_zenith * std::cos(tilt) +
      std::sin(tilt) * topo.sin_zenith * std::cos((topo.azimuth_deg - surface_azimuth_deg) * kDeg);

  SolarPosition p;
  p.zenith_deg = topo.zenith_deg;
  p.azimuth_deg = topo.azimuth_deg;
  p.incidence_deg = std::acos(std::clamp(cos_inc, -1.0, 1.0)) / kDeg;
  return p;
}

}  // namespace accord::models::pv
