#include "accord/sim/civil_time.hpp"

#include <date/tz.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace accord::sim {

// Howard Hinnant's days-from-civil formulation (public-domain algorithm description),
// written out: eras of 400 years make the Gregorian cycle exact.
int64_t days_from_civil(int year, int month, int day) {
  const int64_t y = static_cast<int64_t>(year) - (month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return {static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

int64_t utc_seconds(int year, int month, int day, int hour, int minute, int second) {
  return days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

namespace {

int64_t floor_div(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

date::sys_seconds sys(int64_t t) {
  return date::sys_seconds{std::chrono::seconds{t}};
}

date::local_seconds local(int year, int month, int day, int hour, int minute, int second) {
  return date::local_seconds{
      std::chrono::seconds{utc_seconds(year, month, day, hour, minute, second)}};
}

}  // namespace

TimeZone TimeZone::from_name(std::string_view name) {
  try {
    return TimeZone(std::string(name), date::locate_zone(name));
  } catch (const std::runtime_error&) {
    throw std::invalid_argument("unknown time zone '" + std::string(name) +
                                "'; expected an IANA zone name such as Europe/Paris or UTC");
  }
}

std::vector<std::string> TimeZone::known_names() {
  std::vector<std::string> names;
  for (const auto& z : date::get_tzdb().zones) names.emplace_back(z.name());
  return names;
}

bool TimeZone::is_dst(int64_t t) const {
  return zone_->get_info(sys(t)).save != std::chrono::minutes{0};
}

int TimeZone::offset_at(int64_t t) const {
  return static_cast<int>(zone_->get_info(sys(t)).offset.count());
}

LocalDateTime TimeZone::to_local(int64_t t) const {
  const int offset = offset_at(t);
  const int64_t local_seconds = t + offset;
  const int64_t days = floor_div(local_seconds, 86400);
  const int64_t sod = local_seconds - days * 86400;
  const CivilDate d = civil_from_days(days);
  LocalDateTime out;
  out.year = d.year;
  out.month = d.month;
  out.day = d.day;
  out.hour = static_cast<int>(sod / 3600);
  out.minute = static_cast<int>(sod % 3600 / 60);
  out.second = static_cast<int>(sod % 60);
  out.weekday = static_cast<int>(((days + 3) % 7 + 7) % 7 + 1);
  out.day_of_year = static_cast<int>(days - days_from_civil(d.year, 1, 1) + 1);
  out.utc_offset_seconds = offset;
  return out;
}

int64_t TimeZone::to_utc(int year, int month, int day, int hour, int minute, int second) const {
  const date::local_seconds l = local(year, month, day, hour, minute, second);
  // Unique: its offset; ambiguous: the first (summer) instant; nonexistent: the offset before
  // the gap. In all three cases that is the `first` of date's local_info.
  const date::local_info info = zone_->get_info(l);
  return l.time_since_epoch().count() - info.first.offset.count();
}

LocalTimeKind TimeZone::kind_of(int year, int month, int day, int hour, int minute,
                                int second) const {
  switch (zone_->get_info(local(year, month, day, hour, minute, second)).result) {
    case date::local_info::nonexistent:
      return LocalTimeKind::kNonexistent;
    case date::local_info::ambiguous:
      return LocalTimeKind::kAmbiguous;
    default:
      return LocalTimeKind::kUnique;
  }
}

LocalTimeKind TimeZone::kind_of_wall(int64_t wall) const {
  const int64_t days = floor_div(wall, 86400);
  const auto second_of_day = static_cast<int>(wall - days * 86400);
  const CivilDate d = civil_from_days(days);
  return kind_of(d.year, d.month, d.day, second_of_day / 3600, second_of_day / 60 % 60,
                 second_of_day % 60);
}

bool has_utc_offset(std::string_view s) {
  return s.size() > 10 && s.find_first_of("Z+-", 10) != std::string_view::npos;
}

namespace {
bool read_int(std::string_view s, size_t pos, size_t len, int& out) {
  if (pos + len > s.size()) return false;
  for (size_t i = pos; i < pos + len; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  auto r = std::from_chars(s.data() + pos, s.data() + pos + len, out);
  return r.ec == std::errc();
}
}  // namespace

bool parse_iso8601(std::string_view s, const TimeZone& zone, int64_t& utc_out) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  if (!read_int(s, 0, 4, y) || !read_int(s, 5, 2, mo) || !read_int(s, 8, 2, d)) return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  if (days_from_civil(y, mo, d) != days_from_civil(y, mo, 1) + d - 1 ||
      civil_from_days(days_from_civil(y, mo, d)).month != mo)
    return false;
  size_t pos = 10;
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ')) {
    if (!read_int(s, pos + 1, 2, h) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !read_int(s, pos + 4, 2, mi))
      return false;
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      if (!read_int(s, pos + 1, 2, se)) return false;
      pos += 3;
      // Fractional seconds are accepted and dropped (metering timestamps are whole seconds).
      if (pos < s.size() && s[pos] == '.') {
        ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      }
    }
    if (h > 24 || mi > 59 || se > 60 || (h == 24 && (mi != 0 || se != 0))) return false;
  }
  if (pos == s.size()) {
    utc_out = zone.to_utc(y, mo, d, h, mi, se);
    return true;
  }
  if (s[pos] == 'Z' && pos + 1 == s.size()) {
    utc_out = utc_seconds(y, mo, d, h, mi, se);
    return true;
  }
  if (s[pos] == '+' || s[pos] == '-') {
    int oh = 0, om = 0;
    if (!read_int(s, pos + 1, 2, oh)) return false;
    size_t p = pos + 3;
    if (p < s.size() && s[p] == ':') ++p;
    if (p < s.size()) {
      if (!read_int(s, p, 2, om)) return false;
      p += 2;
    }
    if (p != s.size()) return false;
    const int sign = s[pos] == '+' ? 1 : -1;
    utc_out = utc_seconds(y, mo, d, h, mi, se) - sign * (oh * 3600 + om * 60);
    return true;
  }
  return false;
}

std::string format_iso8601(int64_t t, const TimeZone& zone) {
  const LocalDateTime l = zone.to_local(t);
  const int off = l.utc_offset_seconds;
  const char sign = off < 0 ? '-' : '+';
  const int a = off < 0 ? -off : off;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", l.year, l.month, l.day,
                l.hour, l.minute, l.second, sign, a / 3600, a % 3600 / 60);
  return buf;
}

int64_t add_local_years(int64_t utc_seconds, int years, const TimeZone& zone) {
  const LocalDateTime t = zone.to_local(utc_seconds);
  const int y = t.year + years;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int day = t.month == 2 && t.day == 29 && !leap ? 28 : t.day;
  return zone.to_utc(y, t.month, day, t.hour, t.minute, t.second);
}

}  // namespace accord::sim
