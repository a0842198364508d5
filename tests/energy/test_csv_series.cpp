// CSV series: the three formats, DST days, resampling with energy conserved, error locations.
// Fixtures in tests/data/energy were written for these tests; expected values follow from
// the definitions (Enedis/SGE: average W over the interval, kWh = W x h / 1000).
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

std::string fixture(const std::string& name) {
  return std::string(ACCORD_SOURCE_DIR) + "/tests/data/energy/" + name;
}

CsvSeriesSpec spec_for(const std::string& path, const std::string& format = "auto") {
  CsvSeriesSpec s;
  s.path = path;
  s.format = format;
  return s;
}

// A throw-away file in the temp directory (unique per label and process).
std::string temp_file(const std::string& label, const std::string& content) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("accord_energy_" + label + "_" + std::to_string(getpid()) + ".csv");
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

double sum(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0);
}

// One day of 30-min Enedis data on 2025-01-01 (local, UTC+1), rows 3.. as given.
const TimeGrid kJan1Hour =
    TimeGrid::covering(utc_seconds(2024, 12, 31, 23), utc_seconds(2025, 1, 1, 0), 1800);

}  // namespace

TEST_CASE("Enedis export, spring DST day has 46 half-hours", "[energy][csv]") {
  const auto grid =
      TimeGrid::covering(utc_seconds(2025, 3, 29, 23), utc_seconds(2025, 3, 30, 22), 1800);
  REQUIRE(grid.steps == 46);
  for (const char* format : {"auto", "enedis"}) {
    const auto kwh = read_series_csv(spec_for(fixture("enedis_spring.csv"), format), grid, kParis);
    REQUIRE(kwh.size() == 46);
    for (size_t i = 0; i < kwh.size(); ++i)
      REQUIRE(kwh[i] ==
              Approx((200.0 + 10.0 * static_cast<double>(i)) * 0.5 / 1000).epsilon(1e-12));
  }
}

TEST_CASE("Enedis export, autumn DST day has 50 half-hours", "[energy][csv]") {
  const auto grid =
      TimeGrid::covering(utc_seconds(2025, 10, 25, 22), utc_seconds(2025, 10, 26, 23), 1800);
  REQUIRE(grid.steps == 50);
  const auto kwh = read_series_csv(spec_for(fixture("enedis_autumn.csv")), grid, kParis);
  for (size_t i = 0; i < kwh.size(); ++i)
    REQUIRE(kwh[i] == Approx((300.0 + 5.0 * static_cast<double>(i)) * 0.5 / 1000).epsilon(1e-12));
}

TEST_CASE("Enedis 10-min curve resampled to 30 min conserves energy", "[energy][csv]") {
  const auto grid =
      TimeGrid::covering(utc_seconds(2025, 1, 14, 23), utc_seconds(2025, 1, 15, 23), 1800);
  const auto kwh = read_series_csv(spec_for(fixture("enedis_10min.csv")), grid, kParis);
  REQUIRE(kwh.size() == 48);
  // Each half-hour holds three 10-min rows of 600, 660 and 720 W.
  for (double v : kwh) REQUIRE(v == Approx((600.0 + 660.0 + 720.0) / 6.0 / 1000.0).epsilon(1e-12));
  REQUIRE(sum(kwh) == Approx(48 * 1980.0 / 6000.0).epsilon(1e-12));
}

TEST_CASE("30-min curve resampled to 15 min splits each interval evenly", "[energy][csv]") {
  const auto grid =
      TimeGrid::covering(utc_seconds(2025, 3, 29, 23), utc_seconds(2025, 3, 30, 22), 900);
  const auto kwh = read_series_csv(spec_for(fixture("enedis_spring.csv")), grid, kParis);
  REQUIRE(kwh.size() == 92);
  double source_total = 0;
  for (size_t i = 0; i < 46; ++i) {
    const double half = (200.0 + 10.0 * static_cast<double>(i)) * 0.25 / 1000;
    REQUIRE(kwh[2 * i] == Approx(half).epsilon(1e-12));
    REQUIRE(kwh[2 * i + 1] == Approx(half).epsilon(1e-12));
    source_total += 2 * half;
  }
  REQUIRE(std::abs(sum(kwh) - source_total) <= 1e-9 * source_total);
}

TEST_CASE("SGE export: local times, repeated autumn hour resolved by order", "[energy][csv]") {
  const auto grid =
      TimeGrid::covering(utc_seconds(2025, 10, 25, 22), utc_seconds(2025, 10, 26, 23), 1800);
  for (const char* format : {"auto", "sge"}) {
    const auto kwh = read_series_csv(spec_for(fixture("sge_autumn.csv"), format), grid, kParis);
    REQUIRE(kwh.size() == 50);
    for (size_t i = 0; i < kwh.size(); ++i)
      REQUIRE(kwh[i] ==
              Approx((1000.0 + 20.0 * static_cast<double>(i)) * 0.5 / 1000).epsilon(1e-12));
  }
}

TEST_CASE("Plain format with offsets, column choice, 60 min onto a misaligned grid",
          "[energy][csv]") {
  // Rows: 2025-06-01 hh:00+02:00, pv, load = 0.5 + 0.01 h (kWh over the hour from the stamp).
  auto spec = spec_for(fixture("plain_offset.csv"));
  const auto day =
      TimeGrid::covering(utc_seconds(2025, 5, 31, 22), utc_seconds(2025, 6, 1, 22), 3600);
  const auto pv = read_series_csv(spec, day, kParis);  // default: second column
  REQUIRE(pv[5] == 0.0);
  REQUIRE(pv[12] == Approx(1.5));
  spec.column = "load";
  const auto load = read_series_csv(spec, day, kParis);
  for (size_t h = 0; h < 24; ++h)
    REQUIRE(load[h] == Approx(0.5 + 0.01 * static_cast<double>(h)).epsilon(1e-12));

  // 30-min steps shifted by 15 min: [22:15Z, 22:45Z) lies in hour 0, [22:45Z, 23:15Z)
  // straddles hours 0 and 1.
  const int64_t start = utc_seconds(2025, 5, 31, 22, 15);
  const auto grid = TimeGrid::covering(start, start + 46 * 1800, 1800);
  const auto kwh = read_series_csv(spec, grid, kParis);
  REQUIRE(kwh[0] == Approx(0.5 * 0.50).epsilon(1e-12));
  REQUIRE(kwh[1] == Approx(0.25 * 0.50 + 0.25 * 0.51).epsilon(1e-12));
  // Covered window [22:15Z, 21:15Z next day): all hours but 3/4 of the last and 1/4 of the first.
  double expected = 0;
  for (size_t h = 0; h < 24; ++h) expected += load[h];
  expected -= 0.25 * load[0] + 0.75 * load[23];
  REQUIRE(std::abs(sum(kwh) - expected) <= 1e-9 * expected);

  spec.scale = 2.0;
  REQUIRE(sum(read_series_csv(spec, grid, kParis)) == Approx(2 * expected).epsilon(1e-12));
}

TEST_CASE("Plain format without offsets is local time; the autumn 02:00 appears twice",
          "[energy][csv]") {
  const auto grid =
      TimeGrid::covering(utc_seconds(2025, 10, 25, 22), utc_seconds(2025, 10, 26, 23), 3600);
  REQUIRE(grid.steps == 25);
  const auto kwh = read_series_csv(spec_for(fixture("plain_local.csv"), "plain"), grid, kParis);
  for (size_t i = 0; i < 25; ++i)
    REQUIRE(kwh[i] == Approx(1.0 + 0.1 * static_cast<double>(i)).epsilon(1e-12));
}

TEST_CASE("A file that does not cover the grid is an error at its first or last row",
          "[energy][csv][errors]") {
  const auto path = fixture("enedis_spring.csv");
  const auto late_end =
      TimeGrid::covering(utc_seconds(2025, 3, 29, 23), utc_seconds(2025, 3, 30, 23), 1800);
  REQUIRE_THROWS_WITH(read_series_csv(spec_for(path), late_end, kParis),
                      Catch::Contains("enedis_spring.csv:50:1: the data end at"));
  const auto early_start =
      TimeGrid::covering(utc_seconds(2025, 3, 29, 22), utc_seconds(2025, 3, 30, 22), 1800);
  REQUIRE_THROWS_WITH(read_series_csv(spec_for(path), early_start, kParis),
                      Catch::Contains("enedis_spring.csv:5:1: the data start at"));
  REQUIRE_THROWS_AS(read_series_csv(spec_for(path), early_start, kParis), DataError);
}

TEST_CASE("Bad data is reported as FILE:LINE:COL: message", "[energy][csv][errors]") {
  const std::string head = "Horodate;Valeur\n2025-01-01T00:30:00+01:00;12\n";
  struct Case {
    const char* label;
    std::string content;
    std::string expected;  // after the file name
  };
  const std::vector<Case> cases = {
      {"number", head + "2025-01-01T01:00:00+01:00;1x2\n", ":3:27: bad number '1x2'"},
      {"stamp", head + "2025-01-01T01:60:00+01:00;5\n", ":3:1: bad timestamp"},
      {"dup", head + "2025-01-01T01:00:00+01:00;5\n2025-01-01T01:00:00+01:00;5\n",
       ":4:1: duplicate timestamp"},
      {"order", head + "2025-01-01T01:00:00+01:00;5\n2025-01-01T00:00:00+01:00;5\n",
       ":4:1: timestamps not increasing"},
      {"gap", head + "2025-01-01T01:00:00+01:00;5\n2025-01-01T02:30:00+01:00;5\n",
       ":4:1: gap in the data"},
      {"missing", head + "2025-01-01T01:00:00+01:00;5\n2025-01-01T01:30:00+01:00;\n",
       ":4:27: missing value"},
      {"negative", head + "2025-01-01T01:00:00+01:00;-5\n", ":3:27: negative value"},
      {"short", head + "2025-01-01T01:00:00+01:00;5\n2025-01-01T01:20:00+01:00;5\n",
       ":4:1: irregular step"},
      {"empty", "", ":1:1: empty file"},
      {"noheader", "foo,bar\n1,2\n", ":1:1: unknown series format"},
      {"norows", "Horodate;Valeur\n", ":1:1: no data rows"},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.label) {
      const auto path = temp_file(c.label, c.content);
      REQUIRE_THROWS_AS(read_series_csv(spec_for(path), kJan1Hour, kParis), DataError);
      REQUIRE_THROWS_WITH(read_series_csv(spec_for(path), kJan1Hour, kParis),
                          Catch::Contains(path + c.expected));
      std::filesystem::remove(path);
    }
  }
}

TEST_CASE("Format, column and file errors", "[energy][csv][errors]") {
  const auto plain = temp_file("plainerr",
                               "timestamp,kwh\n2025-01-01T00:00:00+01:00,1\n"
                               "2025-01-01T00:30:00+01:00,2\n");
  auto spec = spec_for(plain);
  spec.column = "pv";
  REQUIRE_THROWS_WITH(read_series_csv(spec, kJan1Hour, kParis),
                      Catch::Contains(":1:1: no column 'pv' in the header; columns: kwh"));
  spec = spec_for(plain, "xml");
  REQUIRE_THROWS_WITH(read_series_csv(spec, kJan1Hour, kParis),
                      Catch::Contains("unknown series format 'xml'"));
  spec = spec_for(plain, "enedis");
  REQUIRE_THROWS_WITH(read_series_csv(spec, kJan1Hour, kParis),
                      Catch::Contains("no 'Horodate;Valeur' header"));
  // Plain rows are interval starts: two rows cover [00:00, 01:00) local = the grid.
  REQUIRE(sum(read_series_csv(spec_for(plain), kJan1Hour, kParis)) == Approx(3.0));
  std::filesystem::remove(plain);

  const auto sge = temp_file("sgeerr",
                             "Date de la mesure;Heure de la mesure;Valeur;Pas en minutes\n"
                             "01/01/2025;00:30:00;100;30\n32/01/2025;01:00:00;100;30\n");
  REQUIRE_THROWS_WITH(read_series_csv(spec_for(sge), kJan1Hour, kParis),
                      Catch::Contains(sge + ":3:1: bad date '32/01/2025'"));
  std::filesystem::remove(sge);

  REQUIRE_THROWS_AS(read_series_csv(spec_for("/nonexistent/accord.csv"), kJan1Hour, kParis),
                    DataError);
}
