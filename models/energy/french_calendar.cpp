#include "accord/models/energy/french_calendar.hpp"

#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include "accord/sim/civil_time.hpp"

namespace accord::models::energy {

using sim::days_from_civil;

namespace {

int iso_weekday(int64_t day) {
  return static_cast<int>(((day + 3) % 7 + 7) % 7 + 1);
}

// First Saturday on or after a date.
int64_t saturday_on_or_after(int year, int month, int day) {
  const int64_t d = days_from_civil(year, month, day);
  return d + (6 - iso_weekday(d) + 7) % 7;
}

// A holiday: no class from `first` (the Saturday classes end) to the day before `resume`.
struct Holiday {
  int y0, m0, d0;  // first day without class
  int y1, m1, d1;  // day classes resume
};

// Official calendar (Ministère de l'Éducation nationale, arrêtés fixing the school calendar
// for 2022-2023 to 2025-2026, as published on education.gouv.fr). Toussaint, Christmas and
// summer are common to the three zones; winter and spring holidays rotate between zones.
constexpr std::array<Holiday, 12> kCommon{{
    {2022, 10, 22, 2022, 11, 7},
    {2022, 12, 17, 2023, 1, 3},
    {2023, 7, 8, 2023, 9, 4},
    {2023, 10, 21, 2023, 11, 6},
    {2023, 12, 23, 2024, 1, 8},
    {2024, 7, 6, 2024, 9, 2},
    {2024, 10, 19, 2024, 11, 4},
    {2024, 12, 21, 2025, 1, 6},
    {2025, 7, 5, 2025, 9, 1},
    {2025, 10, 18, 2025, 11, 3},
    {2025, 12, 20, 2026, 1, 5},
    {2026, 7, 4, 2026, 9, 1},
}};
constexpr std::array<std::array<Holiday, 8>, 3> kZoned{{
    // zone A
    {{{2023, 2, 4, 2023, 2, 20},
      {2023, 4, 8, 2023, 4, 24},
      {2024, 2, 17, 2024, 3, 4},
      {2024, 4, 13, 2024, 4, 29},
      {2025, 2, 22, 2025, 3, 10},
      {2025, 4, 19, 2025, 5, 5},
      {2026, 2, 7, 2026, 2, 23},
      {2026, 4, 4, 2026, 4, 20}}},
    // zone B
    {{{2023, 2, 11, 2023, 2, 27},
      {2023, 4, 15, 2023, 5, 2},
      {2024, 2, 24, 2024, 3, 11},
      {2024, 4, 20, 2024, 5, 6},
      {2025, 2, 8, 2025, 2, 24},
      {2025, 4, 5, 2025, 4, 22},
      {2026, 2, 14, 2026, 3, 2},
      {2026, 4, 11, 2026, 4, 27}}},
    // zone C
    {{{2023, 2, 18, 2023, 3, 6},
      {2023, 4, 22, 2023, 5, 9},
      {2024, 2, 10, 2024, 2, 26},
      {2024, 4, 6, 2024, 4, 22},
      {2025, 2, 15, 2025, 3, 3},
      {2025, 4, 12, 2025, 4, 28},
      {2026, 2, 21, 2026, 3, 9},
      {2026, 4, 18, 2026, 5, 4}}},
}};

// The table covers school years 2022-2023 .. 2025-2026 (1 Sep 2022 .. 31 Aug 2026).
const int64_t kTableFirst = days_from_civil(2022, 9, 1);
const int64_t kTableEnd = days_from_civil(2026, 9, 1);

// The table as [first, resume) day ranges per zone (common holidays included), built once.
struct DayRange {
  int64_t first;
  int64_t resume;
};
const std::array<std::vector<DayRange>, 3>& table_ranges() {
  static const std::array<std::vector<DayRange>, 3> kRanges = [] {
    std::array<std::vector<DayRange>, 3> r;
    for (size_t z = 0; z < 3; ++z) {
      for (const auto& h : kCommon)
        r[z].push_back({days_from_civil(h.y0, h.m0, h.d0), days_from_civil(h.y1, h.m1, h.d1)});
      for (const auto& h : kZoned[z])
        r[z].push_back({days_from_civil(h.y0, h.m0, h.d0), days_from_civil(h.y1, h.m1, h.d1)});
    }
    return r;
  }();
  return kRanges;
}

bool in_range(int64_t day, int64_t first, int64_t resume) {
  return day >= first && day < resume;
}

// The pattern the published calendars follow (checked against the table in the tests):
// Toussaint and Christmas start on the Saturday in [17, 23] Oct/Dec and last 16 days;
// summer starts on the Saturday in [2, 8] July and ends on 1 September (next Monday when it
// falls on a weekend); winter and spring start from the Saturday in [4, 10] Feb and
// [2, 8] Apr, each zone offset by 0, 1 or 2 weeks in a 3-year rotation (2023: A, B, C;
// 2024: C, A, B; 2025: B, C, A).
bool rule_holiday(int64_t day, SchoolZone zone) {
  const int year = sim::civil_from_days(day).year;
  int64_t first = saturday_on_or_after(year, 10, 17);
  if (in_range(day, first, first + 16)) return true;
  first = saturday_on_or_after(year, 12, 17);
  if (in_range(day, first, first + 16)) return true;
  // Christmas holidays of the previous year spill into early January.
  first = saturday_on_or_after(year - 1, 12, 17);
  if (in_range(day, first, first + 16)) return true;
  first = saturday_on_or_after(year, 7, 2);
  int64_t resume = days_from_civil(year, 9, 1);
  const int wd = iso_weekday(resume);
  if (wd >= 6) resume += 8 - wd;
  if (in_range(day, first, resume)) return true;
  const int z = static_cast<int>(zone);
  const int position = (((z + year - 2023) % 3) + 3) % 3;
  first = saturday_on_or_after(year, 2, 4) + 7 * position;
  if (in_range(day, first, first + 16)) return true;
  first = saturday_on_or_after(year, 4, 2) + 7 * position;
  return in_range(day, first, first + 16);
}

}  // namespace

SchoolZone school_zone_from_name(std::string_view name) {
  if (name == "A" || name == "a") return SchoolZone::kA;
  if (name == "B" || name == "b") return SchoolZone::kB;
  if (name == "C" || name == "c") return SchoolZone::kC;
  throw std::invalid_argument("unknown school zone '" + std::string(name) + "'; known: A, B, C");
}

int64_t easter_sunday(int year) {
  // Anonymous Gregorian algorithm (Meeus, Astronomical Algorithms, ch. 8).
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return days_from_civil(year, month, day);
}

bool is_public_holiday(int64_t day) {
  const sim::CivilDate c = sim::civil_from_days(day);
  const int md = c.month * 100 + c.day;
  switch (md) {
    case 101:
    case 501:
    case 508:
    case 714:
    case 815:
    case 1101:
    case 1111:
    case 1225:
      return true;
    default:
      break;
  }
  const int64_t easter = easter_sunday(c.year);
  return day == easter + 1 || day == easter + 39 || day == easter + 50;
}

bool is_school_holiday_by_rule(int64_t day, SchoolZone zone) {
  // The Friday after Ascension has been a no-class day in every recent calendar.
  return day == easter_sunday(sim::civil_from_days(day).year) + 40 || rule_holiday(day, zone);
}

bool is_school_holiday(int64_t day, SchoolZone zone) {
  if (day < kTableFirst || day >= kTableEnd) return is_school_holiday_by_rule(day, zone);
  if (day == easter_sunday(sim::civil_from_days(day).year) + 40) return true;
  for (const auto& r : table_ranges()[static_cast<size_t>(zone)])
    if (day >= r.first && day < r.resume) return true;
  return false;
}

}  // namespace accord::models::energy
