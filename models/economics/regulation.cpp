#include "accord/models/economics/regulation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <utility>
#include <vector>

namespace accord::models::economics {

namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;

std::string format_km(double metres) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f km", metres / 1000.0);
  return buf;
}

std::string format_mw(double kw) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f MW", kw / 1000.0);
  return buf;
}

std::string rule_text(PerimeterCase c) {
  switch (c) {
    case PerimeterCase::kUrban:
      return "urban limit (arrêté of 21 Nov 2019 as amended)";
    case PerimeterCase::kPeriurban:
      return "periurban/rural derogation (arrêté of 19 Sep 2023)";
    case PerimeterCase::kRural:
      return "rural derogation (arrêté of 19 Sep 2023)";
    case PerimeterCase::kEpciPublic:
      return "public bodies within an EPCI (arrêté of 21 Feb 2025)";
  }
  return "";
}

// The most distant pair of points (by great-circle distance), the first such pair in (i, j)
// order when several are as distant. The distance grows with the chord between the points'
// unit vectors, so the pair maximises the squared chord (8 flops a pair, no haversine).
// Exact but not quadratic on a real operation: the members of a group share their location
// (one distinct point stands for all), and distinct points are scanned from the farthest from
// their centroid inward, a pair being skipped when even r_i + r_j (the triangle inequality
// through the centroid) cannot beat the best chord found. Scenarios of 100,000 members load in
// milliseconds rather than minutes.
std::pair<size_t, size_t> most_distant_pair(const std::vector<GeoPoint>& points) {
  struct Unit {
    double x, y, z, r;
    size_t index;  // first participant at this location
  };
  std::vector<Unit> u;
  u.reserve(points.size());
  {
    std::vector<std::pair<std::pair<double, double>, size_t>> seen;
    seen.reserve(points.size());
    for (size_t i = 0; i < points.size(); ++i)
      seen.push_back({{points[i].lat_deg, points[i].lon_deg}, i});
    std::stable_sort(seen.begin(), seen.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (size_t k = 0; k < seen.size(); ++k) {
      if (k > 0 && seen[k].first == seen[k - 1].first) continue;  // keeps the lowest index
      const double lat = seen[k].first.first * kDegToRad, lon = seen[k].first.second * kDegToRad;
      u.push_back({std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat), 0,
                   seen[k].second});
    }
  }
  if (u.size() < 2) return {0, 1};  // all at one place: distance 0
  double cx = 0, cy = 0, cz = 0;
  for (const auto& p : u) {
    cx += p.x;
    cy += p.y;
    cz += p.z;
  }
  const auto m = static_cast<double>(u.size());
  cx /= m;
  cy /= m;
  cz /= m;
  for (auto& p : u)
    p.r = std::sqrt((p.x - cx) * (p.x - cx) + (p.y - cy) * (p.y - cy) + (p.z - cz) * (p.z - cz));
  std::sort(u.begin(), u.end(), [](const Unit& a, const Unit& b) {
    return a.r != b.r ? a.r > b.r : a.index < b.index;
  });
  // A bound within rounding of the best chord is not pruned: ties are kept for the (i, j) rule.
  constexpr double kSlack = 1 + 1e-9;
  double best = -1.0;
  size_t bi = 0, bj = 1;
  for (size_t a = 0; a + 1 < u.size(); ++a) {
    const double reach = u[a].r + u[a + 1].r;
    if (reach * reach * kSlack < best) break;  // no later pair can do better
    for (size_t b = a + 1; b < u.size(); ++b) {
      const double bound = u[a].r + u[b].r;
      if (bound * bound * kSlack < best) break;  // r decreases along b
      const double dx = u[b].x - u[a].x, dy = u[b].y - u[a].y, dz = u[b].z - u[a].z;
      const double d2 = dx * dx + dy * dy + dz * dz;
      const size_t i = std::min(u[a].index, u[b].index), j = std::max(u[a].index, u[b].index);
      if (d2 > best || (d2 == best && std::pair(i, j) < std::pair(bi, bj))) {
        best = d2;
        bi = i;
        bj = j;
      }
    }
  }
  return {bi, bj};
}

}  // namespace

double haversine_m(const GeoPoint& a, const GeoPoint& b) {
  const double lat1 = a.lat_deg * kDegToRad, lat2 = b.lat_deg * kDegToRad;
  const double dlat = lat2 - lat1, dlon = (b.lon_deg - a.lon_deg) * kDegToRad;
  const double s1 = std::sin(dlat / 2), s2 = std::sin(dlon / 2);
  const double h = s1 * s1 + std::cos(lat1) * std::cos(lat2) * s2 * s2;
  return 2.0 * kEarthMeanRadiusM * std::asin(std::sqrt(std::min(1.0, h)));
}

std::vector<std::string> perimeter_case_names() {
  return {"urban", "periurban", "rural", "epci_public"};
}

std::optional<PerimeterCase> perimeter_case_from_name(std::string_view name) {
  if (name == "urban") return PerimeterCase::kUrban;
  if (name == "periurban") return PerimeterCase::kPeriurban;
  if (name == "rural") return PerimeterCase::kRural;
  if (name == "epci_public") return PerimeterCase::kEpciPublic;
  return std::nullopt;
}

std::string perimeter_case_name(PerimeterCase c) {
  return perimeter_case_names()[static_cast<size_t>(c)];
}

double perimeter_limit_m(PerimeterCase c) {
  switch (c) {
    case PerimeterCase::kUrban:
      return 2000.0;
    case PerimeterCase::kPeriurban:
      return 10000.0;
    case PerimeterCase::kRural:
      return 20000.0;
    case PerimeterCase::kEpciPublic:
      return std::numeric_limits<double>::infinity();
  }
  return 2000.0;
}

double power_cap_kw(PerimeterCase c, int64_t at_utc) {
  if (at_utc < kArrete21Feb2025Utc) return 3000.0;
  return c == PerimeterCase::kEpciPublic ? 10000.0 : 5000.0;
}

PerimeterCheck check_perimeter(const std::vector<GeoPoint>& points,
                               const std::vector<std::string>& ids, PerimeterCase c) {
  PerimeterCheck r;
  r.limit_m = perimeter_limit_m(c);
  const size_t n = points.size();
  if (n >= 2) {
    const auto [i, j] = most_distant_pair(points);
    r.first = i;
    r.second = j;
    r.distance_m = haversine_m(points[i], points[j]);
  }
  r.ok = r.distance_m <= r.limit_m;
  // Built with append: g++ 12 reports a false -Wrestrict on "'" + str + "'" at -O3.
  auto name = [&](size_t i) {
    std::string out;
    if (i < ids.size()) {
      out.append(1, '\'').append(ids[i]).append(1, '\'');
    } else {
      out.append(1, '#').append(std::to_string(i));
    }
    return out;
  };
  const std::string limit =
      std::isfinite(r.limit_m) ? format_km(r.limit_m) : std::string("no distance limit");
  if (n < 2) {
    r.message = "fewer than two located participants: perimeter trivially respected";
  } else {
    r.message = "the two most distant participants, " + name(r.first) + " and " + name(r.second) +
                ", are " + format_km(r.distance_m) + " apart; " + (r.ok ? "within " : "beyond ") +
                "the " + rule_text(c) + ": " + limit;
  }
  return r;
}

PowerCapCheck check_power_cap(double total_kw, PerimeterCase c, int64_t at_utc) {
  PowerCapCheck r;
  r.total_kw = total_kw;
  r.limit_kw = power_cap_kw(c, at_utc);
  r.ok = total_kw <= r.limit_kw;
  std::string rule;
  if (at_utc < kArrete21Feb2025Utc)
    rule = "3 MW cap (arrêté of 21 Nov 2019) before the arrêté of 21 Feb 2025";
  else if (c == PerimeterCase::kEpciPublic)
    rule = "10 MW cap for public bodies within an EPCI (arrêté of 21 Feb 2025)";
  else
    rule = "5 MW cap (arrêté of 21 Feb 2025)";
  r.message = "cumulative production power " + format_mw(total_kw) +
              (r.ok ? " within " : " exceeds ") + "the " + rule;
  return r;
}

}  // namespace accord::models::economics
