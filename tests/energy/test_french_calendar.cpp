// French public and school holidays. Reference dates: Easter (any almanac); school holidays
// from the Ministère de l'Éducation nationale calendars for 2024-2025 and 2025-2026.
#include <catch2/catch.hpp>

#include "accord/models/energy/french_calendar.hpp"
#include "accord/sim/civil_time.hpp"

using accord::sim::days_from_civil;
using namespace accord::models::energy;

TEST_CASE("Easter Sunday and public holidays", "[energy][calendar]") {
  REQUIRE(easter_sunday(2024) == days_from_civil(2024, 3, 31));
  REQUIRE(easter_sunday(2025) == days_from_civil(2025, 4, 20));
  REQUIRE(easter_sunday(2026) == days_from_civil(2026, 4, 5));
  REQUIRE(is_public_holiday(days_from_civil(2025, 4, 21)));  // Easter Monday
  REQUIRE(is_public_holiday(days_from_civil(2025, 5, 29)));  // Ascension
  REQUIRE(is_public_holiday(days_from_civil(2025, 6, 9)));   // Whit Monday
  REQUIRE(is_public_holiday(days_from_civil(2025, 7, 14)));
  REQUIRE(is_public_holiday(days_from_civil(2025, 12, 25)));
  REQUIRE_FALSE(is_public_holiday(days_from_civil(2025, 7, 15)));
  int count = 0;
  for (int64_t d = days_from_civil(2025, 1, 1); d < days_from_civil(2026, 1, 1); ++d)
    count += is_public_holiday(d) ? 1 : 0;
  REQUIRE(count == 11);
}

TEST_CASE("School holidays by zone", "[energy][calendar]") {
  // Winter 2025: zone B 8-24 Feb, zone C 15 Feb-3 Mar, zone A 22 Feb-10 Mar (resumption dates).
  const int64_t feb25 = days_from_civil(2025, 2, 25);
  REQUIRE(is_school_holiday(feb25, SchoolZone::kA));
  REQUIRE_FALSE(is_school_holiday(feb25, SchoolZone::kB));
  REQUIRE(is_school_holiday(feb25, SchoolZone::kC));
  REQUIRE_FALSE(is_school_holiday(days_from_civil(2025, 3, 10), SchoolZone::kA));
  // Toussaint 2025: 18 Oct - 3 Nov, all zones.
  for (auto z : {SchoolZone::kA, SchoolZone::kB, SchoolZone::kC}) {
    REQUIRE(is_school_holiday(days_from_civil(2025, 11, 2), z));
    REQUIRE_FALSE(is_school_holiday(days_from_civil(2025, 11, 3), z));
    REQUIRE(is_school_holiday(days_from_civil(2025, 8, 15), z));
    REQUIRE_FALSE(is_school_holiday(days_from_civil(2025, 9, 2), z));
    REQUIRE(is_school_holiday(days_from_civil(2026, 5, 15), z));  // Friday after Ascension
  }
  REQUIRE(school_zone_from_name("c") == SchoolZone::kC);
  REQUIRE_THROWS_WITH(school_zone_from_name("D"), Catch::Contains("known: A, B, C"));
}

TEST_CASE("The rule used outside the table reproduces the published years", "[energy][calendar]") {
  // Days of school years 2022-2023 .. 2025-2026 where the rule and the official table
  // disagree: a few days around 2 Jan 2023, the late rentrée of 4 Sep 2023 and Easter
  // Monday 2025 (a public holiday anyway) are expected.
  for (auto z : {SchoolZone::kA, SchoolZone::kB, SchoolZone::kC}) {
    int differ = 0;
    int holidays = 0;
    for (int64_t d = days_from_civil(2022, 9, 1); d < days_from_civil(2026, 9, 1); ++d) {
      holidays += is_school_holiday(d, z) ? 1 : 0;
      differ += is_school_holiday(d, z) != is_school_holiday_by_rule(d, z) ? 1 : 0;
    }
    CHECK(differ <= 6);
    CHECK(holidays > 4 * 110);  // ~16 weeks of holidays a year
  }
}
