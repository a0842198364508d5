// Regulatory checks: great-circle distance, the perimeter of the two most distant
// participants and the power cap by date and case.
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "accord/models/economics/regulation.hpp"
#include "accord/sim/civil_time.hpp"
#include "accord/sim/rng.hpp"

using namespace accord;
using namespace accord::models;
using namespace accord::models::economics;
using Catch::Matchers::Contains;

namespace {
// Metres per degree of latitude on the mean sphere: R * pi / 180 = 111,195.08 m.
constexpr double kMetresPerDegree = kEarthMeanRadiusM * std::numbers::pi / 180.0;
}  // namespace

TEST_CASE("haversine distance", "[regulation]") {
  // Paris (Notre-Dame, 48.8566 N 2.3522 E) to Lyon (45.7640 N 4.8357 E): ~392 km great circle
  // (391.5 km on the mean sphere; published road-free distances quote 391-392 km).
  const GeoPoint paris{48.8566, 2.3522}, lyon{45.7640, 4.8357};
  CHECK(haversine_m(paris, lyon) == Approx(392000).margin(1000));
  CHECK(haversine_m(paris, lyon) == Approx(haversine_m(lyon, paris)));
  CHECK(haversine_m(paris, paris) == 0.0);
  // One degree along a meridian.
  CHECK(haversine_m({45, 4}, {46, 4}) == Approx(kMetresPerDegree).epsilon(1e-12));
  // A quarter of the equator.
  CHECK(haversine_m({0, 0}, {0, 90}) ==
        Approx(kEarthMeanRadiusM * std::numbers::pi / 2).epsilon(1e-12));
}

TEST_CASE("perimeter: 2.5 km fails urban, passes periurban", "[regulation]") {
  const double dlat = 2500.0 / kMetresPerDegree;
  const std::vector<GeoPoint> pts{{45.0, 4.0}, {45.0 + dlat / 2, 4.0}, {45.0 + dlat, 4.0}};
  const std::vector<std::string> ids{"ecole", "mairie", "ferme"};
  const PerimeterCheck urban = check_perimeter(pts, ids, PerimeterCase::kUrban);
  CHECK_FALSE(urban.ok);
  CHECK(urban.distance_m == Approx(2500).epsilon(1e-9));
  CHECK(urban.limit_m == 2000);
  CHECK(urban.first == 0);
  CHECK(urban.second == 2);
  CHECK_THAT(urban.message, Contains("'ecole' and 'ferme'"));
  CHECK_THAT(urban.message, Contains("2.500 km"));
  CHECK_THAT(urban.message, Contains("beyond"));
  const PerimeterCheck peri = check_perimeter(pts, ids, PerimeterCase::kPeriurban);
  CHECK(peri.ok);
  CHECK(peri.limit_m == 10000);
  CHECK(check_perimeter(pts, ids, PerimeterCase::kRural).limit_m == 20000);
}

TEST_CASE("perimeter: limits by case", "[regulation]") {
  const double dlat = 15000.0 / kMetresPerDegree;
  const std::vector<GeoPoint> pts{{45.0, 4.0}, {45.0 + dlat, 4.0}};
  CHECK_FALSE(check_perimeter(pts, {}, PerimeterCase::kPeriurban).ok);
  CHECK(check_perimeter(pts, {}, PerimeterCase::kRural).ok);
  const PerimeterCheck epci = check_perimeter({{45, 4}, {46, 5}}, {}, PerimeterCase::kEpciPublic);
  CHECK(epci.ok);
  CHECK(std::isinf(epci.limit_m));
  CHECK_THAT(epci.message, Contains("no distance limit"));
  CHECK_THAT(epci.message, Contains("#0 and #1"));
  // Fewer than two points: trivially fine.
  CHECK(check_perimeter({}, {}, PerimeterCase::kUrban).ok);
  CHECK(check_perimeter({{45, 4}}, {}, PerimeterCase::kUrban).distance_m == 0.0);
  CHECK(perimeter_case_from_name("epci_public") == PerimeterCase::kEpciPublic);
  CHECK_FALSE(perimeter_case_from_name("suburban").has_value());
  CHECK(perimeter_case_name(PerimeterCase::kPeriurban) == "periurban");
}

TEST_CASE("perimeter: most distant pair equals brute-force haversine", "[regulation]") {
  const sim::RandomStream rng(5, 0, sim::Purpose::kGroupAttributes, 1);
  std::vector<GeoPoint> pts(300);
  for (size_t i = 0; i < pts.size(); ++i)
    pts[i] = GeoPoint{45.70 + 0.1 * rng.uniform(i, 0), 4.80 + 0.15 * rng.uniform(i, 1)};
  double best = -1;
  size_t bi = 0, bj = 0;
  for (size_t i = 0; i < pts.size(); ++i)
    for (size_t j = i + 1; j < pts.size(); ++j)
      if (const double d = haversine_m(pts[i], pts[j]); d > best) {
        best = d;
        bi = i;
        bj = j;
      }
  const PerimeterCheck r = check_perimeter(pts, {}, PerimeterCase::kRural);
  CHECK(r.distance_m == Approx(best).epsilon(1e-12));
  CHECK(r.first == bi);
  CHECK(r.second == bj);
}

TEST_CASE("perimeter: shared locations give the brute-force pair", "[regulation]") {
  // The brute force: the first pair in (i, j) order at the largest great-circle distance (the
  // members at one location tie: the lowest indices name it).
  const auto brute = [](const std::vector<GeoPoint>& pts) {
    double best = -1;
    std::pair<size_t, size_t> at{0, 1};
    for (size_t i = 0; i < pts.size(); ++i)
      for (size_t j = i + 1; j < pts.size(); ++j)
        if (const double d = haversine_m(pts[i], pts[j]); d > best + 1e-9) {
          best = d;
          at = {i, j};
        }
    return at;
  };
  // Groups of members at a few shared locations, in shuffled order.
  const sim::RandomStream rng(9, 0, sim::Purpose::kGroupAttributes, 2);
  std::vector<GeoPoint> sites(12);
  for (size_t k = 0; k < sites.size(); ++k)
    sites[k] = GeoPoint{45.7 + 0.05 * rng.uniform(k, 0), 4.8 + 0.05 * rng.uniform(k, 1)};
  std::vector<GeoPoint> pts(400);
  for (size_t i = 0; i < pts.size(); ++i)
    pts[i] = sites[static_cast<size_t>(rng.uniform(100 + i, 0) * 12) % 12];
  auto r = check_perimeter(pts, {}, PerimeterCase::kRural);
  CHECK(std::pair(r.first, r.second) == brute(pts));
  // 100,000 members at one place and two elsewhere: one distinct point stands for the many.
  std::vector<GeoPoint> town(100000, GeoPoint{45.75, 4.85});
  town[70000] = GeoPoint{45.76, 4.85};
  town[90000] = GeoPoint{45.74, 4.86};
  r = check_perimeter(town, {}, PerimeterCase::kRural);
  CHECK(std::pair(r.first, r.second) == std::pair<size_t, size_t>(70000, 90000));
  CHECK(check_perimeter(std::vector<GeoPoint>(5, GeoPoint{45, 4}), {}, PerimeterCase::kUrban)
            .distance_m == 0.0);
}

TEST_CASE("power cap by date and case", "[regulation]") {
  // The arrêté of 21 Feb 2025 raises the cap from 3 to 5 MW (10 MW for public bodies in an EPCI).
  CHECK(kArrete21Feb2025Utc == sim::TimeZone::from_name("Europe/Paris").to_utc(2025, 2, 21));
  const int64_t before = sim::utc_seconds(2025, 1, 1);
  const int64_t after = sim::utc_seconds(2025, 3, 1);
  CHECK(power_cap_kw(PerimeterCase::kUrban, before) == 3000);
  CHECK(power_cap_kw(PerimeterCase::kUrban, after) == 5000);
  CHECK(power_cap_kw(PerimeterCase::kEpciPublic, before) == 3000);
  CHECK(power_cap_kw(PerimeterCase::kEpciPublic, after) == 10000);
  const PowerCapCheck r4_before = check_power_cap(4000, PerimeterCase::kUrban, before);
  CHECK_FALSE(r4_before.ok);
  CHECK_THAT(r4_before.message, Contains("4.000 MW exceeds the 3 MW cap"));
  CHECK(check_power_cap(4000, PerimeterCase::kRural, after).ok);
  CHECK_FALSE(check_power_cap(6000, PerimeterCase::kUrban, after).ok);
  const PowerCapCheck epci = check_power_cap(8000, PerimeterCase::kEpciPublic, after);
  CHECK(epci.ok);
  CHECK(epci.limit_kw == 10000);
  CHECK(check_power_cap(5000, PerimeterCase::kUrban, after).ok);  // the cap is inclusive
}
