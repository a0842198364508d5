#pragma once
// Regulatory checks of an ACC operation (docs/regulation.md): the geographic perimeter (the
// two most distant participants) and the cap on cumulative production power. They return
// structured results; the scenario loader turns a failed check into an error, or into a
// warning when the scenario declares a derogation.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/models/scenario/specs.hpp"

namespace accord::models::economics {

inline constexpr double kEarthMeanRadiusM = 6371008.8;  // IUGG mean Earth radius, m

// Great-circle distance on a sphere of the mean Earth radius (haversine formula), m.
double haversine_m(const GeoPoint& a, const GeoPoint& b);

// Which perimeter rule applies to the operation.
enum class PerimeterCase {
  kUrban,      // 2 km (arrêté of 21 Nov 2019 as amended)
  kPeriurban,  // 10 km: all participants in periurban or rural communes (arrêté 19 Sep 2023)
  kRural,      // 20 km: all participants in rural communes (arrêté 19 Sep 2023)
  kEpciPublic  // no distance limit within the EPCI: a commune/EPCI participates and all
               // participants are public bodies (arrêté 21 Feb 2025)
};
// Names used in scenarios: urban | periurban | rural | epci_public.
std::vector<std::string> perimeter_case_names();
std::optional<PerimeterCase> perimeter_case_from_name(std::string_view name);
std::string perimeter_case_name(PerimeterCase c);

// Distance limit between the two most distant participants, m (infinity: no limit).
double perimeter_limit_m(PerimeterCase c);

// 2025-02-21 00:00 Europe/Paris: entry into force assumed for the arrêté of 21 Feb 2025.
inline constexpr int64_t kArrete21Feb2025Utc = 1740092400;

// Cap on the cumulative production power of the operation at `at_utc`, kW: 3 MW before the
// arrêté of 21 Feb 2025, 5 MW from it, 10 MW for the public-bodies-within-EPCI case (from it).
double power_cap_kw(PerimeterCase c, int64_t at_utc);

struct PerimeterCheck {
  bool ok = true;
  double distance_m = 0;  // measured: distance between the two most distant points, m
  double limit_m = std::numeric_limits<double>::infinity();  // m
  size_t first = 0;  // indices of the two most distant points (first < second)
  size_t second = 0;
  std::string message;  // one line, names the two participants and the rule
};

// Finds the two most distant points (ties: smallest (first, second) pair) and compares their
// distance with the case's limit. `ids` names the points in the message (may be empty).
// O(N^2) on unit vectors (no trigonometry in the loop): ~0.1 s for 10,000 points.
PerimeterCheck check_perimeter(const std::vector<GeoPoint>& points,
                               const std::vector<std::string>& ids, PerimeterCase c);

struct PowerCapCheck {
  bool ok = true;
  double total_kw = 0;  // measured: cumulative production power, kW (kWc for PV)
  double limit_kw = 0;  // kW
  std::string message;
};

PowerCapCheck check_power_cap(double total_kw, PerimeterCase c, int64_t at_utc);

}  // namespace accord::models::economics
