#pragma once
// The sun seen from one site over a whole time grid, computed once and shared by every PV
// plant at that site (a community may have 100+ rooftop plants under the same sky).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "accord/models/scenario/specs.hpp"
#include "accord/sim/time_grid.hpp"

namespace accord::models::pv {

struct SunTrackOptions {
  double elevation_m = 0;        // site altitude, m (clear-sky model, parallax)
  double linke_turbidity = 3.5;  // Linke turbidity at air mass 2 (typical European year)
  double delta_t_s = 69.2;       // TT - UT1, s
  int samples_per_step = 0;      // sample points per step; 0 = one per started 10 min
  // Start of the whole run when the grid is a part of it (a period): the geocentric knots are
  // then placed as for the whole run, and every value is the whole run's track's, to the bit.
  std::optional<int64_t> knot_origin_utc;
};

// Per-step sun geometry and clear-sky irradiance, sampled at `samples_per_step` points per
// step: sample j of step t is at step_start(t) + (j + 0.5) * step_seconds / samples_per_step
// and is stored at index t * samples_per_step + j. Averaging a plant's power over a step's
// samples gives its mean power over the step (midpoint rule on sub-intervals).
struct SunTrack {
  GeoPoint site;
  sim::TimeGrid grid;
  int samples_per_step = 1;
  // Unit vector towards the sun (topocentric, refraction-corrected) in the local
  // east-north-up frame; sun_up = cos(zenith) is <= 0 while the sun is below the horizon.
  std::vector<double> sun_east;
  std::vector<double> sun_north;
  std::vector<double> sun_up;
  std::vector<double> dni_extra_wm2;  // extraterrestrial normal irradiance, W/m2
  std::vector<double> ghi_clear_wm2;  // clear-sky global horizontal irradiance, W/m2
  std::vector<double> airmass;        // relative optical air mass, 0 at night
  // Derived per sample so that plants do no division: 1 / max(cos zenith, kMinCosZenith), 0 at
  // night, and the clear-sky clearness index ghi_clear / (dni_extra * capped cos zenith).
  std::vector<double> inv_cos_zenith;
  std::vector<double> kt_clear;

  std::size_t samples() const { return sun_up.size(); }
};

// Computes the track with NREL SPA. The slowly varying geocentric part (earth periodic terms,
// nutation, aberration) is evaluated every 6 h UTC and interpolated linearly (error below
// 1e-4 deg); the topocentric part (sidereal time, parallax, refraction) at every sample.
// Throws std::invalid_argument for a grid with a non-positive step.
SunTrack compute_sun_track(const GeoPoint& site, const sim::TimeGrid& grid,
                           const SunTrackOptions& options = {});

}  // namespace accord::models::pv
