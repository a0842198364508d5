#pragma once
// The metering-step grid of a run and, per step, the local calendar fields every model
// needs (billing period, hour, weekday, season). Computed once; steps read arrays.
#include <cstdint>
#include <vector>

#include "accord/sim/civil_time.hpp"

namespace accord::sim {

struct TimeGrid {
  int64_t start_utc = 0;        // start of step 0, seconds since epoch (UTC)
  int64_t step_seconds = 1800;  // metering step, s
  int64_t steps = 0;            // number of steps T

  int64_t step_start(int64_t t) const { return start_utc + t * step_seconds; }
  int64_t end_utc() const { return start_utc + steps * step_seconds; }
  double step_hours() const { return static_cast<double>(step_seconds) / 3600.0; }
  // Grid covering [start, end); end - start must be a multiple of the step.
  static TimeGrid covering(int64_t start_utc, int64_t end_utc, int64_t step_seconds);
};

// Per-step local calendar (structure of arrays, one entry per step).
struct StepCalendar {
  std::vector<int32_t> period;             // billing period index (local calendar month), 0-based
  std::vector<uint8_t> month;              // local month 1..12
  std::vector<uint8_t> weekday;            // ISO 1 = Monday .. 7 = Sunday (local)
  std::vector<uint16_t> day_of_year;       // local 1..366
  std::vector<int32_t> local_day;          // local days since 1970-01-01 (for per-day draws)
  std::vector<float> local_hour;           // local hour of the step's midpoint, 0..24
  std::vector<int64_t> period_start_utc;   // [M+1]: start of each period, last = grid end
  std::vector<int64_t> period_first_step;  // [M+1]: first step of each period, last = T

  int64_t periods() const { return static_cast<int64_t>(period_start_utc.size()) - 1; }
  static StepCalendar build(const TimeGrid& grid, const TimeZone& zone);
  // The calendar of periods [first_period, last_period) alone, steps and periods renumbered
  // from 0 (for re-simulating a window into buffers of the window's size).
  StepCalendar slice(int64_t first_period, int64_t last_period) const;
};

}  // namespace accord::sim
