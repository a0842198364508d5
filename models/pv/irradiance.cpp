#include "accord/models/pv/irradiance.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace accord::models::pv {

double relative_airmass(double zenith_deg) {
  if (!(zenith_deg < 90.0)) return 0.0;
  const double cos_z = std::cos(zenith_deg * std::numbers::pi / 180.0);
  return 1.0 / (cos_z + 0.50572 * std::pow(96.07995 - zenith_deg, -1.6364));
}

double clear_sky_ghi_ineichen(double cos_zenith, double airmass_relative, double linke_turbidity,
                              double elevation_m, double dni_extra_wm2) {
  if (cos_zenith <= 0.0 || airmass_relative <= 0.0) return 0.0;
  // Altitude-corrected (absolute) air mass, pressure scale height 8434.5 m.
  const double am = airmass_relative * std::exp(-elevation_m / 8434.5);
  const double fh1 = std::exp(-elevation_m / 8000.0);
  const double fh2 = std::exp(-elevation_m / 1250.0);
  const double cg1 = 5.09e-5 * elevation_m + 0.868;
  const double cg2 = 3.92e-5 * elevation_m + 0.0387;
  const double ghi = cg1 * dni_extra_wm2 * cos_zenith *
                     std::exp(-cg2 * am * (fh1 + fh2 * (linke_turbidity - 1.0))) *
                     std::exp(0.01 * std::pow(am, 1.8));
  // The exp(0.01 AM^1.8) correction grows without bound at grazing sun; GHI can never exceed
  // the extraterrestrial horizontal irradiance.
  return std::clamp(ghi, 0.0, dni_extra_wm2 * cos_zenith);
}

double erbs_diffuse_fraction(double kt) {
  kt = std::clamp(kt, 0.0, 1.0);
  if (kt <= 0.22) return 1.0 - 0.09 * kt;
  if (kt <= 0.80) {
    return 0.9511 + kt * (-0.1604 + kt * (4.388 + kt * (-16.638 + kt * 12.336)));
  }
  return 0.165;
}

}  // namespace accord::models::pv
