#pragma once
// Civil (calendar) time and time zones. Zones are the IANA zones of the system's tzdata, read
// by Howard Hinnant's date/tz (libhowardhinnant-date-dev): any zone works, and the past rules
// of a zone (the EU summer time since 1996 for Europe/Paris) do not change between tzdata
// releases, so results stay reproducible across machines for the years accord simulates.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace date {
class time_zone;
}

namespace accord::sim {

// Days since 1970-01-01 of a proleptic Gregorian date (month 1-12, day 1-31).
int64_t days_from_civil(int year, int month, int day);

struct CivilDate {
  int year = 1970;
  int month = 1;
  int day = 1;
};
CivilDate civil_from_days(int64_t days);

// A local wall-clock reading.
struct LocalDateTime {
  int year = 1970;
  int month = 1;        // 1..12
  int day = 1;          // 1..31
  int hour = 0;         // 0..23
  int minute = 0;       // 0..59
  int second = 0;       // 0..59
  int weekday = 3;      // ISO: 1 = Monday .. 7 = Sunday
  int day_of_year = 1;  // 1..366
  int utc_offset_seconds = 0;
};

// What a local wall-clock reading is in a zone: one instant, none (skipped by a spring-forward
// change) or two (repeated by an autumn change).
enum class LocalTimeKind { kUnique, kNonexistent, kAmbiguous };

class TimeZone {
 public:
  // An IANA zone name ("UTC", "Europe/Paris", "America/Cayenne", ...). Throws
  // std::invalid_argument naming the zone for anything the system's tzdata does not hold.
  static TimeZone from_name(std::string_view name);
  // Every zone name of the system's tzdata, sorted.
  static std::vector<std::string> known_names();

  const std::string& name() const { return name_; }
  // Offset from UTC in seconds at a UTC instant (seconds since epoch).
  int offset_at(int64_t utc_seconds) const;
  bool is_dst(int64_t utc_seconds) const;
  LocalDateTime to_local(int64_t utc_seconds) const;
  // UTC instant of a local wall-clock time. In the autumn overlap the first (summer) instant
  // is returned; in the spring gap the time is read with the offset in force before the gap.
  int64_t to_utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) const;
  LocalTimeKind kind_of(int year, int month, int day, int hour = 0, int minute = 0,
                        int second = 0) const;
  // The same for a wall-clock reading given as seconds since 1970-01-01 on the local calendar
  // (what parse_iso8601 gives for an offset-free time read in UTC).
  LocalTimeKind kind_of_wall(int64_t wall_seconds) const;

 private:
  TimeZone(std::string name, const date::time_zone* zone) : name_(std::move(name)), zone_(zone) {}
  std::string name_;
  const date::time_zone* zone_ = nullptr;  // owned by date's tz database (lives until exit)
};

// UTC instant of a UTC civil date-time.
int64_t utc_seconds(int year, int month, int day, int hour = 0, int minute = 0, int second = 0);

// Parses ISO 8601 "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" with optional "Z" or "+HH:MM" offset.
// Without an offset, the time is local in `zone`. Returns false on a malformed string.
bool parse_iso8601(std::string_view text, const TimeZone& zone, int64_t& utc_out);

// True when an ISO 8601 date-time carries its UTC offset ("Z", "+HH:MM", "-HH:MM"): without
// one, parse_iso8601 reads it as a local wall-clock time.
bool has_utc_offset(std::string_view text);

// "2025-01-01T00:00:00+01:00" in the given zone.
std::string format_iso8601(int64_t utc_seconds, const TimeZone& zone);

// The same local date and time `years` later (29 February becomes 28 February in a common
// year): the anniversaries that count the years of a long run.
int64_t add_local_years(int64_t utc_seconds, int years, const TimeZone& zone);

}  // namespace accord::sim
