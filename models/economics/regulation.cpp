#include "accord/models/economics/regulation.hpp"

#include <cmath>
#include <cstdio>
#include <numbers>

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
    // The great-circle distance grows with the chord between unit vectors, so the most
    // distant pair maximises the squared chord: 8 flops per pair instead of a haversine.
    std::vector<double> x(n), y(n), z(n);
    for (size_t i = 0; i < n; ++i) {
      const double lat = points[i].lat_deg * kDegToRad, lon = points[i].lon_deg * kDegToRad;
      x[i] = std::cos(lat) * std::cos(lon);
      y[i] = std::cos(lat) * std::sin(lon);
      z[i] = std::sin(lat);
    }
    double best = -1.0;
    size_t bi = 0, bj = 1;
    for (size_t i = 0; i + 1 < n; ++i) {
      const double xi = x[i], yi = y[i], zi = z[i];
      double row_best = -1.0;
      size_t row_j = 0;
      for (size_t j = i + 1; j < n; ++j) {
        const double dx = x[j] - xi, dy = y[j] - yi, dz = z[j] - zi;
        const double d2 = dx * dx + dy * dy + dz * dz;
        if (d2 > row_best) {
          row_best = d2;
          row_j = j;
        }
      }
      if (row_best > best) {
        best = row_best;
        bi = i;
        bj = row_j;
      }
    }
    r.first = bi;
    r.second = bj;
    r.distance_m = haversine_m(points[bi], points[bj]);
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
