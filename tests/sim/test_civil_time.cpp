#include <catch2/catch.hpp>

#include <algorithm>

#include "accord/sim/civil_time.hpp"
#include "accord/sim/time_grid.hpp"

using namespace accord::sim;

TEST_CASE("days_from_civil and civil_from_days round-trip", "[civil_time]") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(2000, 3, 1) == 11017);
  CHECK(days_from_civil(2025, 1, 1) == 20089);
  for (int64_t d = -800000; d < 800000; d += 997) {
    const CivilDate c = civil_from_days(d);
    REQUIRE(days_from_civil(c.year, c.month, c.day) == d);
  }
}

TEST_CASE("Europe/Paris follows the EU summer-time rule", "[civil_time]") {
  const TimeZone paris = TimeZone::from_name("Europe/Paris");
  // 2025: summer time from 2025-03-30 01:00 UTC to 2025-10-26 01:00 UTC.
  const int64_t spring = utc_seconds(2025, 3, 30, 1, 0, 0);
  const int64_t autumn = utc_seconds(2025, 10, 26, 1, 0, 0);
  CHECK(paris.offset_at(spring - 1) == 3600);
  CHECK(paris.offset_at(spring) == 7200);
  CHECK(paris.offset_at(autumn - 1) == 7200);
  CHECK(paris.offset_at(autumn) == 3600);
  const LocalDateTime l = paris.to_local(spring);
  CHECK(l.hour == 3);
  CHECK(l.day == 30);
  CHECK(l.weekday == 7);  // a Sunday
  // Local midnight of 2025-07-14 is 22:00 UTC the day before.
  CHECK(paris.to_utc(2025, 7, 14) == utc_seconds(2025, 7, 13, 22));
  // Autumn overlap: 02:30 local happens twice; the first (summer) instant is returned.
  CHECK(paris.to_utc(2025, 10, 26, 2, 30) == utc_seconds(2025, 10, 26, 0, 30));
  CHECK_THROWS_WITH(TimeZone::from_name("Mars/Olympus"), Catch::Contains("Europe/Paris"));
}

TEST_CASE("local times skipped or repeated by a DST change are named as such", "[civil_time]") {
  const TimeZone paris = TimeZone::from_name("Europe/Paris");
  CHECK(paris.kind_of(2025, 3, 30, 2, 30) == LocalTimeKind::kNonexistent);  // 02:00 -> 03:00
  CHECK(paris.kind_of(2025, 10, 26, 2, 30) == LocalTimeKind::kAmbiguous);   // 03:00 -> 02:00
  CHECK(paris.kind_of(2025, 10, 26, 3, 30) == LocalTimeKind::kUnique);
  // In the spring gap the time is read with the offset before it (+01:00).
  CHECK(paris.to_utc(2025, 3, 30, 2, 30) == utc_seconds(2025, 3, 30, 1, 30));
  CHECK(TimeZone::from_name("UTC").kind_of(2025, 3, 30, 2, 30) == LocalTimeKind::kUnique);
}

TEST_CASE("any IANA zone of the system's tzdata", "[civil_time]") {
  // Reunion: UTC+4 all year; New York: the US rule (second Sunday of March, 07:00 UTC in 2025).
  const TimeZone reunion = TimeZone::from_name("Indian/Reunion");
  CHECK(reunion.offset_at(utc_seconds(2025, 1, 1)) == 4 * 3600);
  CHECK(reunion.offset_at(utc_seconds(2025, 7, 1)) == 4 * 3600);
  CHECK_FALSE(reunion.is_dst(utc_seconds(2025, 7, 1)));
  const TimeZone new_york = TimeZone::from_name("America/New_York");
  CHECK(new_york.offset_at(utc_seconds(2025, 3, 9, 7) - 1) == -5 * 3600);
  CHECK(new_york.offset_at(utc_seconds(2025, 3, 9, 7)) == -4 * 3600);
  const auto names = TimeZone::known_names();
  CHECK(std::find(names.begin(), names.end(), "Europe/Paris") != names.end());
}

TEST_CASE("ISO 8601 parsing with and without offsets", "[civil_time]") {
  const TimeZone paris = TimeZone::from_name("Europe/Paris");
  int64_t t = 0;
  REQUIRE(parse_iso8601("2025-03-30T03:30:00+02:00", paris, t));
  CHECK(t == utc_seconds(2025, 3, 30, 1, 30));
  REQUIRE(parse_iso8601("2025-01-01", paris, t));
  CHECK(t == utc_seconds(2024, 12, 31, 23));
  REQUIRE(parse_iso8601("2025-06-01T12:00Z", paris, t));
  CHECK(t == utc_seconds(2025, 6, 1, 12));
  CHECK_FALSE(parse_iso8601("2025-02-30", paris, t));
  CHECK_FALSE(parse_iso8601("2025-13-01", paris, t));
  CHECK_FALSE(parse_iso8601("25-01-01", paris, t));
  CHECK_FALSE(parse_iso8601("2025-01-01T25:00", paris, t));
  CHECK(format_iso8601(utc_seconds(2025, 7, 1, 10), paris) == "2025-07-01T12:00:00+02:00");
}

TEST_CASE("StepCalendar splits a year into local months and handles DST days", "[time_grid]") {
  const TimeZone paris = TimeZone::from_name("Europe/Paris");
  const TimeGrid grid =
      TimeGrid::covering(paris.to_utc(2025, 1, 1), paris.to_utc(2026, 1, 1), 1800);
  CHECK(grid.steps == 17520);
  const StepCalendar cal = StepCalendar::build(grid, paris);
  REQUIRE(cal.periods() == 12);
  // March has one hour less (1,486 half-hours), October one more (1,490).
  CHECK(cal.period_first_step[3] - cal.period_first_step[2] == 31 * 48 - 2);
  CHECK(cal.period_first_step[10] - cal.period_first_step[9] == 31 * 48 + 2);
  // The first step of every period is local midnight of the 1st.
  for (int64_t m = 0; m < 12; ++m) {
    const LocalDateTime l = paris.to_local(cal.period_start_utc[static_cast<size_t>(m)]);
    CHECK(l.day == 1);
    CHECK(l.hour == 0);
    CHECK(l.month == m + 1);
  }
  CHECK(cal.local_hour[0] == Approx(0.25));
  CHECK(cal.weekday[0] == 3);  // 2025-01-01 was a Wednesday
}
