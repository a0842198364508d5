#include "accord/models/pv/pv_production.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>

#include "accord/sim/error.hpp"

namespace accord::models::pv {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr double kTwoPi = 2.0 * std::numbers::pi;

// Seasonal cycle of cloudiness: relative amplitude around the annual mean, largest in
// mid-January (north); French sites have markedly cloudier winters than summers.
constexpr double kSeasonalAmplitude = 0.3;
constexpr double kCloudiestDayOfYear = 15.0;

constexpr double kAlbedo = 0.2;  // ground reflectance (grass, urban surfaces)

// Temperature derate: cell temperature by Ross' linear model T_cell = T_amb + k * POA, with a
// moderately ventilated rooftop coefficient, and crystalline-silicon power coefficient.
constexpr double kRossKm2PerW = 0.03;           // K per W/m2
constexpr double kPowerTempCoeffPerK = -0.004;  // 1/K, relative to 25 degC (STC)
// Ambient temperature climatology of metropolitan France: annual mean and half-amplitude,
// coldest around 15 January (north). Daily cycle ignored (sunny hours are warmer, cloudy
// ones cooler; the two partly cancel in energy terms).
constexpr double kAmbientMeanC = 12.0;
constexpr double kAmbientAmplitudeC = 8.0;

void require(bool ok, const std::string& field, const std::string& what) {
  if (!ok) throw ConfigError({}, "pv." + field + " " + what, "pv." + field);
}

void validate(const PvSpec& spec) {
  require(std::isfinite(spec.kwp) && spec.kwp >= 0, "kwp", "must be a finite number >= 0 kWc");
  require(std::isfinite(spec.tilt_deg) && spec.tilt_deg >= 0 && spec.tilt_deg <= 90, "tilt_deg",
          "must be in [0, 90] degrees");
  require(std::isfinite(spec.azimuth_deg) && spec.azimuth_deg >= 0 && spec.azimuth_deg <= 360,
          "azimuth_deg", "must be in [0, 360] degrees (clockwise from north)");
  require(std::isfinite(spec.losses) && spec.losses >= 0 && spec.losses < 1, "losses",
          "must be a fraction in [0, 1)");
  require(std::isfinite(spec.cloudiness) && spec.cloudiness >= 0 && spec.cloudiness <= 1,
          "cloudiness", "must be a fraction in [0, 1]");
}

// Phase of the seasonal cycles, +1 in the local winter, -1 in the local summer.
double winter_phase(int day_of_year, double lat_deg) {
  const double c = std::cos(kTwoPi * (day_of_year - kCloudiestDayOfYear) / 365.25);
  return lat_deg >= 0 ? c : -c;
}

}  // namespace

double daily_clear_sky_index(double cloudiness, int day_of_year, double lat_deg, int32_t local_day,
                             const sim::RandomStream& stream) {
  if (cloudiness <= 0) return 1.0;
  if (cloudiness >= 1) return 0.0;
  // Seasonal mean of the day's attenuation, kept in (0, 1): the amplitude shrinks for very
  // cloudy climates so that c (1 + a) never exceeds 1 and the annual mean stays `cloudiness`.
  const double amplitude = kSeasonalAmplitude * std::min(1.0, (1.0 - cloudiness) / cloudiness);
  const double c = cloudiness * (1.0 + amplitude * winter_phase(day_of_year, lat_deg));
  // Attenuation = U^((1-c)/c) with U uniform: values in [0, 1], mean exactly c, many near-clear
  // days and a tail of overcast ones (skewed like observed daily clear-sky indices).
  const double u = stream.uniform(static_cast<uint64_t>(static_cast<int64_t>(local_day)), 0);
  const double attenuation = std::pow(u, (1.0 - c) / c);
  return 1.0 - attenuation;
}

std::vector<double> pv_production(const PvSpec& spec, const SunTrack& sun,
                                  const sim::StepCalendar& calendar,
                                  const sim::RandomStream& cloudiness) {
  validate(spec);
  const auto steps = static_cast<std::size_t>(sun.grid.steps);
  if (calendar.local_day.size() != steps || calendar.day_of_year.size() != steps) {
    throw std::invalid_argument("pv_production: calendar does not match the sun track's grid");
  }
  if (spec.location && (std::abs(spec.location->lat_deg - sun.site.lat_deg) > 1e-9 ||
                        std::abs(spec.location->lon_deg - sun.site.lon_deg) > 1e-9)) {
    throw std::invalid_argument("pv_production: plant location differs from the sun track's site");
  }
  std::vector<double> out(steps, 0.0);
  if (spec.kwp == 0 || steps == 0) return out;

  // Plane normal in the east-north-up frame.
  const double tilt = spec.tilt_deg * kDeg;
  const double az = spec.azimuth_deg * kDeg;
  const double nx = std::sin(tilt) * std::sin(az);
  const double ny = std::sin(tilt) * std::cos(az);
  const double nz = std::cos(tilt);
  const double sky_view = 0.5 * (1.0 + nz);
  const double ground_view = 0.5 * (1.0 - nz);

  const auto n = static_cast<std::size_t>(sun.samples_per_step);
  // kWh per step = mean over samples of POA (W/m2) x kWp / 1000 W/m2 x derates x step hours.
  const double scale =
      spec.kwp / 1000.0 * (1.0 - spec.losses) * sun.grid.step_hours() / static_cast<double>(n);
  const double lat = sun.site.lat_deg;

  int32_t day = std::numeric_limits<int32_t>::min();
  double k = 0;
  double t_ambient = kAmbientMeanC;
  for (std::size_t t = 0; t < steps; ++t) {
    if (calendar.local_day[t] != day) {
      day = calendar.local_day[t];
      const int doy = calendar.day_of_year[t];
      k = daily_clear_sky_index(spec.cloudiness, doy, lat, day, cloudiness);
      t_ambient = kAmbientMeanC - kAmbientAmplitudeC * winter_phase(doy, lat);
    }
    if (k <= 0) continue;
    double sum = 0;
    for (std::size_t s = t * n; s < (t + 1) * n; ++s) {
      const double inv_cz = sun.inv_cos_zenith[s];  // 0 at night
      if (inv_cz == 0.0) continue;
      const double ghi = k * sun.ghi_clear_wm2[s];
      // Erbs decomposition of the cloud-attenuated global irradiance.
      const double dhi = erbs_diffuse_fraction(k * sun.kt_clear[s]) * ghi;
      const double bhi = ghi - dhi;
      const double dni = bhi * inv_cz;
      // Hay-Davies transposition: circumsolar diffuse follows the beam in proportion to the
      // anisotropy index A = DNI / E0n, the rest is isotropic; plus ground reflection.
      const double cos_inc = nx * sun.sun_east[s] + ny * sun.sun_north[s] + nz * sun.sun_up[s];
      const double rb = std::max(cos_inc, 0.0) * inv_cz;
      const double ai = std::min(dni / sun.dni_extra_wm2[s], 1.0);
      const double poa =
          bhi * rb + dhi * (ai * rb + (1.0 - ai) * sky_view) + ghi * kAlbedo * ground_view;
      const double t_cell = t_ambient + kRossKm2PerW * poa;
      sum += poa * (1.0 + kPowerTempCoeffPerK * (t_cell - 25.0));
    }
    out[t] = std::max(sum * scale, 0.0);
  }
  return out;
}

}  // namespace accord::models::pv
