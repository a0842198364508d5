// Timing driver for the PV module: one sun track for a year at 30 min, then 100 plants at
// the same site (the per-plant cost must stay far below the sun track's). Prints figures only.
#include <chrono>
#include <cstdio>
#include <numeric>

#include "accord/models/pv/pv_production.hpp"
#include "accord/sim/civil_time.hpp"

namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main() {
  namespace pv = accord::models::pv;
  namespace sim = accord::sim;
  const auto zone = sim::TimeZone::from_name("Europe/Paris");
  const auto grid = sim::TimeGrid::covering(zone.to_utc(2025, 1, 1), zone.to_utc(2026, 1, 1), 1800);
  const auto calendar = sim::StepCalendar::build(grid, zone);
  const accord::models::GeoPoint site;  // Lyon
  const sim::RandomStream weather(1, 0, sim::Purpose::kCloudiness,
                                  sim::entity_key(std::string("lyon")));

  auto t0 = std::chrono::steady_clock::now();
  const pv::SunTrack sun = pv::compute_sun_track(site, grid);
  const double track_ms = ms_since(t0);

  constexpr int kPlants = 100;
  double total_kwh = 0;
  t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < kPlants; ++i) {
    accord::models::PvSpec spec;
    spec.kwp = 3.0 + 0.1 * i;
    spec.azimuth_deg = 90.0 + 1.8 * i;
    const auto kwh = pv::pv_production(spec, sun, calendar, weather);
    total_kwh += std::accumulate(kwh.begin(), kwh.end(), 0.0);
  }
  const double plants_ms = ms_since(t0);

  t0 = std::chrono::steady_clock::now();
  pv::SolarSite direct;
  direct.lat_deg = site.lat_deg;
  direct.lon_deg = site.lon_deg;
  double zsum = 0;
  for (int i = 0; i < 10000; ++i) {
    zsum += pv::solar_position(static_cast<double>(grid.start_utc) + 600.0 * i, direct).zenith_deg;
  }
  const double direct_us = ms_since(t0) * 1000.0 / 10000.0;

  std::printf("pv: year at 30 min, %lld steps, %d samples/step\n",
              static_cast<long long>(grid.steps), sun.samples_per_step);
  std::printf("  sun track (one site)        %8.1f ms\n", track_ms);
  std::printf("  %d plants (excl. track)    %8.1f ms  (%.0f kWh total)\n", kPlants, plants_ms,
              total_kwh);
  std::printf("  direct solar_position       %8.2f us/call (checksum %.1f)\n", direct_us, zsum);
  return 0;
}
