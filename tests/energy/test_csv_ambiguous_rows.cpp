// CSV series rows that could be read in more than one way, or only wrongly, are errors with
// their line and column (issue 13): a decimal comma in a comma-separated file, a field too
// many, a value beyond any delivery point, rows out of order, local times the zone skips
// (spring) or shows twice (autumn).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <string>

#include "accord/models/energy/load_series.hpp"
#include "accord/sim/error.hpp"

using accord::DataError;
using accord::models::CsvSeriesSpec;
using accord::models::energy::read_series_csv;
using accord::sim::TimeGrid;
using accord::sim::TimeZone;
using accord::sim::utc_seconds;

namespace {

const TimeZone kParis = TimeZone::from_name("Europe/Paris");
// 2025-01-01 00:00 to 01:00 local (UTC+1), 30-min steps.
const TimeGrid kJan1Hour =
    TimeGrid::covering(utc_seconds(2024, 12, 31, 23), utc_seconds(2025, 1, 1, 0), 1800);

std::string temp_file(const std::string& label, const std::string& content) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("accord_ambiguous_" + label + "_" + std::to_string(getpid()) + ".csv");
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

CsvSeriesSpec spec_for(const std::string& path, double scale = 1.0) {
  CsvSeriesSpec s;
  s.path = path;
  s.scale = scale;
  return s;
}

// The error line of reading `content` onto `grid`, after the file name; empty when it reads.
std::string error_after_path(const std::string& label, const std::string& content,
                             const TimeGrid& grid = kJan1Hour, double scale = 1.0) {
  const auto path = temp_file(label, content);
  std::string out;
  try {
    (void)read_series_csv(spec_for(path, scale), grid, kParis);
  } catch (const DataError& e) {
    out = e.what();
    REQUIRE(out.rfind(path, 0) == 0);
    out = out.substr(path.size());
  }
  std::filesystem::remove(path);
  return out;
}

double total(const std::string& label, const std::string& content, double scale = 1.0) {
  const auto path = temp_file(label, content);
  const auto kwh = read_series_csv(spec_for(path, scale), kJan1Hour, kParis);
  std::filesystem::remove(path);
  return std::accumulate(kwh.begin(), kwh.end(), 0.0);
}

const std::string kT0 = "2025-01-01T00:00:00+01:00";
const std::string kT1 = "2025-01-01T00:30:00+01:00";

}  // namespace

TEST_CASE("a decimal comma in a comma-separated file is an error, not its integer part",
          "[energy][csv][errors]") {
  CHECK(error_after_path("comma", "timestamp,kwh\n" + kT0 + ",1\n" + kT1 + ",2,5\n") ==
        ":3:27: row has 3 fields, the header 2: '2,5' is ambiguous (a decimal comma in a "
        "comma-separated file?); write the decimal point (2.5) or separate the fields with ';'");
  // Quoted, it is still two fields for this reader: the same error.
  CHECK_THAT(error_after_path("quoted", "timestamp,kwh\n" + kT0 + ",\"2,5\"\n" + kT1 + ",1\n"),
             Catch::StartsWith(":2:27: row has 3 fields, the header 2"));
  // With ';' separators the decimal comma is unambiguous, and a decimal point always is.
  CHECK(total("semicolon", "timestamp;kwh\n" + kT0 + ";2,5\n" + kT1 + ";1,5\n") == Approx(4.0));
  CHECK(total("point", "timestamp,kwh\n" + kT0 + ",2.5\n" + kT1 + ",1.5\n") == Approx(4.0));
  // A separator at the end of the line adds only an empty field: harmless.
  CHECK(total("trailing", "timestamp,kwh\n" + kT0 + ",2.5,\n" + kT1 + ",1.5,\n") == Approx(4.0));
}

TEST_CASE("a field too many in an Enedis or SGE export is an error at that field",
          "[energy][csv][errors]") {
  const std::string enedis = "Horodate;Valeur\n2025-01-01T00:30:00+01:00;12\n";
  CHECK_THAT(error_after_path("enedis", enedis + "2025-01-01T01:00:00+01:00;5;7\n"),
             Catch::StartsWith(":3:29: row has 3 fields, the header 2; a field too many is "
                               "ambiguous"));
  CHECK_THAT(error_after_path("sge",
                              "Date de la mesure;Heure de la mesure;Valeur;Pas en minutes\n"
                              "01/01/2025;00:30:00;100;30;9\n"),
             Catch::StartsWith(":2:28: row has 5 fields, the header 4"));
}

TEST_CASE("a value beyond any delivery point is refused with the bound", "[energy][csv][errors]") {
  CHECK(error_after_path("huge", "timestamp,kwh\n" + kT0 + ",1\n" + kT1 + ",1e308\n") ==
        ":3:27: value 1e+308 is a mean power above 1e6 kW (1 GW) over the row's 30 min, beyond "
        "any delivery point; check the unit (W for Enedis and SGE exports, kWh per row for plain "
        "files) and the scale");
  CHECK_THAT(error_after_path("huge_w",
                              "Horodate;Valeur\n2025-01-01T00:30:00+01:00;2e9\n"
                              "2025-01-01T01:00:00+01:00;1\n"),
             Catch::StartsWith(":2:27: value 2e+09 is a mean power above 1e6 kW"));
  // The bound is on the mean power after scale: 4e5 kWh in 30 min is 0.8 GW, 6e5 is 1.2 GW.
  CHECK(total("at_bound", "timestamp,kwh\n" + kT0 + ",4e5\n" + kT1 + ",0\n") == Approx(4e5));
  CHECK_THAT(error_after_path("over", "timestamp,kwh\n" + kT0 + ",6e5\n" + kT1 + ",0\n"),
             Catch::StartsWith(":2:27: value 600000 is a mean power above 1e6 kW"));
  CHECK_THAT(
      error_after_path("scaled", "timestamp,kwh\n" + kT0 + ",1\n" + kT1 + ",1\n", kJan1Hour, 1e6),
      Catch::StartsWith(":2:27: value 1 is a mean power above 1e6 kW"));
}

TEST_CASE("an SGE step beyond a day is refused, not converted", "[energy][csv][errors]") {
  // Found by fuzz_csv_series: 5.6e60 minutes overflowed the conversion to seconds.
  const std::string head = "Date de la mesure;Heure de la mesure;Valeur;Pas en minutes\n";
  CHECK(error_after_path("sge_step", head + "01/01/2025;00:30:00;100;5.6e60\n") ==
        ":2:25: bad step '5.6e60' in Pas en minutes (expected a whole number of minutes from 1 "
        "to 1440)");
  CHECK_THAT(error_after_path("sge_step_day", head + "01/01/2025;00:30:00;100;1441\n"),
             Catch::StartsWith(":2:25: bad step '1441'"));
}

TEST_CASE("rows out of order are named as such, not as a gap", "[energy][csv][errors]") {
  // 00:30, 01:30, 01:00: the jump to 01:30 looked like a gap before the order was checked.
  const std::string head = "Horodate;Valeur\n2025-01-01T00:30:00+01:00;12\n";
  CHECK(error_after_path(
            "swapped", head + "2025-01-01T01:30:00+01:00;5\n" + "2025-01-01T01:00:00+01:00;5\n") ==
        ":4:1: timestamps not increasing: rows out of order, 2025-01-01T01:00:00+01:00 comes "
        "after 2025-01-01T01:30:00+01:00 (line 3); sort the rows by time");
  CHECK_THAT(error_after_path("plain_swapped", "timestamp,kwh\n" + kT0 + ",1\n" +
                                                   "2025-01-01T01:00:00+01:00,1\n" + kT1 + ",1\n"),
             Catch::StartsWith(":4:1: timestamps not increasing: rows out of order"));
}

TEST_CASE("local times the zone skips or shows twice are named as such", "[energy][csv][errors]") {
  const auto spring =
      TimeGrid::covering(utc_seconds(2025, 3, 29, 23), utc_seconds(2025, 3, 30, 3), 3600);
  SECTION("spring: 02:00-02:59 do not exist in Europe/Paris on 2025-03-30") {
    CHECK(error_after_path("spring_plain",
                           "timestamp;kwh\n2025-03-30 00:00;1\n2025-03-30 01:00;1\n"
                           "2025-03-30 02:00;1\n2025-03-30 03:00;1\n",
                           spring) ==
          ":4:1: local time 2025-03-30T02:00:00 does not exist in Europe/Paris (clocks go "
          "forward that night, summer time begins); local times in the hour skipped cannot be "
          "read: remove the row or write times with their UTC offset");
    CHECK_THAT(error_after_path("spring_sge",
                                "Date de la mesure;Heure de la mesure;Valeur;Pas en minutes\n"
                                "30/03/2025;02:30:00;100;30\n",
                                spring),
               Catch::StartsWith(":2:12: local time 2025-03-30T02:30:00 does not exist in "
                                 "Europe/Paris"));
    // With offsets the same instants read fine (03:00+02:00 follows 01:00+01:00).
    CHECK_NOTHROW(read_series_csv(spec_for(temp_file("spring_offset",
                                                     "timestamp;kwh\n2025-03-30T00:00+01:00;1\n"
                                                     "2025-03-30T01:00+01:00;1\n"
                                                     "2025-03-30T03:00+02:00;1\n"
                                                     "2025-03-30T04:00+02:00;1\n")),
                                  spring, kParis));
  }
  SECTION("autumn: 02:00-02:59 occur twice on 2025-10-26") {
    const auto autumn =
        TimeGrid::covering(utc_seconds(2025, 10, 25, 22), utc_seconds(2025, 10, 26, 3), 3600);
    // Given once: the next row leaves an hour uncovered; the message says why.
    CHECK(error_after_path("autumn_once",
                           "timestamp;kwh\n2025-10-26 00:00;1\n2025-10-26 01:00;1\n"
                           "2025-10-26 02:00;1\n2025-10-26 03:00;1\n",
                           autumn) ==
          ":5:1: gap in the data: no value from 2025-10-26T02:00:00+01:00 to "
          "2025-10-26T03:00:00+01:00 (step 60 min); local time 2025-10-26T02:00:00 occurs twice "
          "in Europe/Paris (clocks go back that night, summer time ends): give the rows of that "
          "hour twice, summer time first, or write times with their UTC offset");
    // Given three times: a duplicate, with the same explanation.
    CHECK_THAT(error_after_path("autumn_thrice",
                                "timestamp;kwh\n2025-10-26 01:00;1\n2025-10-26 02:00;1\n"
                                "2025-10-26 02:00;1\n2025-10-26 02:00;1\n",
                                autumn),
               Catch::StartsWith(":5:1: duplicate timestamp") &&
                   Catch::Contains("local time 2025-10-26T02:00:00 occurs twice"));
  }
}
