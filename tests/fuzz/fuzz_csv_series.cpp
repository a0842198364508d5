// The CSV series reader (every format) on arbitrary bytes, onto one day at 30 min in
// Europe/Paris. The first byte picks the format; the rest is the file.
#include "accord/models/energy/load_series.hpp"
#include "accord/sim/civil_time.hpp"
#include "accord/sim/error.hpp"
#include "accord/sim/time_grid.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  static const char* const kFormats[] = {"auto", "enedis", "sge", "plain"};
  static const accord::sim::TimeZone zone = accord::sim::TimeZone::from_name("Europe/Paris");
  static const accord::sim::TimeGrid grid = accord::sim::TimeGrid::covering(
      zone.to_utc(2025, 3, 30), zone.to_utc(2025, 3, 31), 1800);  // a spring-forward day
  accord::models::CsvSeriesSpec spec;
  spec.format = kFormats[data[0] % 4];
  spec.path =
      accord::fuzz::scratch_file("series.csv", accord::fuzz::as_text(data + 1, size - 1)).string();
  try {
    (void)accord::models::energy::read_series_csv(spec, grid, zone);
  } catch (const accord::Error&) {
  }
  return 0;
}
