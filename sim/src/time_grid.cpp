#include "accord/sim/time_grid.hpp"

#include <stdexcept>

namespace accord::sim {

TimeGrid TimeGrid::covering(int64_t start_utc, int64_t end_utc, int64_t step_seconds) {
  if (step_seconds <= 0) throw std::invalid_argument("step must be positive");
  if (end_utc <= start_utc) throw std::invalid_argument("end must be after start");
  if ((end_utc - start_utc) % step_seconds != 0)
    throw std::invalid_argument("the period is not a whole number of steps");
  return TimeGrid{start_utc, step_seconds, (end_utc - start_utc) / step_seconds};
}

StepCalendar StepCalendar::build(const TimeGrid& grid, const TimeZone& zone) {
  StepCalendar c;
  const auto T = static_cast<size_t>(grid.steps);
  c.period.resize(T);
  c.month.resize(T);
  c.weekday.resize(T);
  c.day_of_year.resize(T);
  c.local_day.resize(T);
  c.local_hour.resize(T);
  int current_key = -1;  // year * 12 + month of the current billing period
  for (size_t t = 0; t < T; ++t) {
    const int64_t start = grid.step_start(static_cast<int64_t>(t));
    const LocalDateTime l = zone.to_local(start);
    const int key = l.year * 12 + (l.month - 1);
    if (key != current_key) {
      current_key = key;
      c.period_start_utc.push_back(start);
      c.period_first_step.push_back(static_cast<int64_t>(t));
    }
    c.period[t] = static_cast<int32_t>(c.period_start_utc.size() - 1);
    c.month[t] = static_cast<uint8_t>(l.month);
    c.weekday[t] = static_cast<uint8_t>(l.weekday);
    c.day_of_year[t] = static_cast<uint16_t>(l.day_of_year);
    c.local_day[t] = static_cast<int32_t>(days_from_civil(l.year, l.month, l.day));
    const double mid = l.hour + l.minute / 60.0 + l.second / 3600.0 + grid.step_hours() / 2.0;
    c.local_hour[t] = static_cast<float>(mid);
  }
  c.period_start_utc.push_back(grid.end_utc());
  c.period_first_step.push_back(grid.steps);
  return c;
}

StepCalendar StepCalendar::slice(int64_t first_period, int64_t last_period) const {
  if (first_period < 0 || last_period > periods() || first_period >= last_period)
    throw std::invalid_argument("invalid period window");
  const auto a = static_cast<size_t>(period_first_step[static_cast<size_t>(first_period)]);
  const auto b = static_cast<size_t>(period_first_step[static_cast<size_t>(last_period)]);
  StepCalendar c;
  auto cut = [&](const auto& v, auto& out) { out.assign(v.begin() + a, v.begin() + b); };
  cut(period, c.period);
  for (auto& m : c.period) m -= static_cast<int32_t>(first_period);
  cut(month, c.month);
  cut(weekday, c.weekday);
  cut(day_of_year, c.day_of_year);
  cut(local_day, c.local_day);
  cut(local_hour, c.local_hour);
  for (int64_t m = first_period; m <= last_period; ++m) {
    c.period_start_utc.push_back(period_start_utc[static_cast<size_t>(m)]);
    c.period_first_step.push_back(period_first_step[static_cast<size_t>(m)] -
                                  static_cast<int64_t>(a));
  }
  return c;
}

}  // namespace accord::sim
