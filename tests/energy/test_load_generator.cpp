// Built-in load generators: exact pro-rata energy, determinism, per-entity differences and
// the calendar and seasonal properties the shapes are meant to have (docs/energy-profiles.md).
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <string>

#include "accord/models/energy/load_series.hpp"

using accord::models::LoadProfileSpec;
using accord::models::energy::generate_load;
using accord::models::energy::known_profiles;
using accord::models::energy::SchoolZone;
using accord::sim::Purpose;
using accord::sim::RandomStream;
using accord::sim::StepCalendar;
using accord::sim::TimeGrid;
using accord::sim::TimeZone;

namespace {

const TimeZone kParis = TimeZone::from_name("Europe/Paris");

struct Run {
  TimeGrid grid;
  StepCalendar calendar;
};

Run make_run(int y0, int m0, int d0, int y1, int m1, int d1, int64_t step = 1800) {
  Run r;
  r.grid = TimeGrid::covering(kParis.to_utc(y0, m0, d0), kParis.to_utc(y1, m1, d1), step);
  r.calendar = StepCalendar::build(r.grid, kParis);
  return r;
}

const Run& year2025() {
  static const Run r = make_run(2025, 1, 1, 2026, 1, 1);
  return r;
}

std::vector<double> generate(const LoadProfileSpec& spec, const Run& run, uint64_t entity = 7,
                             SchoolZone zone = SchoolZone::kA) {
  const RandomStream shape(42, 0, Purpose::kProfileShape, entity);
  const RandomStream variation(42, 0, Purpose::kProfileVariation, entity);
  return generate_load(spec, run.grid, run.calendar, shape, variation, zone);
}

double sum(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0);
}

// Energy of one local day (days since 1970-01-01).
double day_energy(const std::vector<double>& v, const Run& run, int64_t day) {
  double s = 0;
  for (size_t t = 0; t < v.size(); ++t)
    if (run.calendar.local_day[t] == day) s += v[t];
  return s;
}

double month_energy(const std::vector<double>& v, const Run& run, int month) {
  double s = 0;
  for (size_t t = 0; t < v.size(); ++t)
    if (run.calendar.month[t] == month) s += v[t];
  return s;
}

}  // namespace

TEST_CASE("Every profile sums to annual_kwh over a year, non-negative", "[energy][generator]") {
  const Run& run = year2025();
  REQUIRE(run.grid.steps == 17520);
  for (const auto& name : known_profiles()) {
    for (bool heating : {false, true}) {
      LoadProfileSpec spec;
      spec.profile = name;
      spec.annual_kwh = 12345;
      spec.electric_heating = heating;
      const auto v = generate(spec, run);
      REQUIRE(v.size() == 17520);
      REQUIRE(std::abs(sum(v) - 12345.0) <= 1e-9 * 12345.0);
      for (double x : v) REQUIRE((std::isfinite(x) && x >= 0));
    }
  }
  for (const char* occupancy : {"standard", "home_daytime", "away_weekdays"}) {
    LoadProfileSpec spec;
    spec.occupancy = occupancy;
    REQUIRE(std::abs(sum(generate(spec, run)) - 3500.0) <= 1e-9 * 3500.0);
  }
}

TEST_CASE("Partial runs get annual_kwh pro rata of their duration", "[energy][generator]") {
  // March 2025 lasts 31 days minus the hour lost to summer time.
  const Run march = make_run(2025, 3, 1, 2025, 4, 1, 900);
  LoadProfileSpec spec;
  spec.profile = "office";
  spec.annual_kwh = 36500;
  const double expected = 36500.0 * (31.0 - 1.0 / 24.0) / 365.0;
  REQUIRE(std::abs(sum(generate(spec, march)) - expected) <= 1e-9 * expected);
}

TEST_CASE("Same streams give identical series; other entities differ", "[energy][generator]") {
  const Run& run = year2025();
  LoadProfileSpec spec;
  const auto a = generate(spec, run, 1);
  const auto b = generate(spec, run, 1);
  REQUIRE(a == b);
  const auto c = generate(spec, run, 2);
  double diff = 0;
  for (size_t t = 0; t < a.size(); ++t) diff = std::max(diff, std::abs(a[t] - c[t]));
  REQUIRE(diff > 0.01);  // kWh per half-hour
  // Without day-to-day variation the series only differ by shape parameters, still different.
  spec.variation = 0;
  REQUIRE(generate(spec, run, 1) != generate(spec, run, 2));
}

TEST_CASE("Day-to-day variation has the requested relative spread", "[energy][generator]") {
  // Daily energies of the same weekday in the same month are equal without variation and
  // spread by about spec.variation with it (lognormal, sd 0.3 here; 4-5 days per month, so
  // a loose band).
  const Run& run = year2025();
  LoadProfileSpec spec;
  spec.variation = 0;
  const auto flat = generate(spec, run);
  spec.variation = 0.3;
  const auto varied = generate(spec, run);
  const int64_t first = run.calendar.local_day.front();
  double sum_sq = 0;
  int n = 0;
  for (int64_t d = first; d < first + 365; ++d) {
    const double ratio = day_energy(varied, run, d) / day_energy(flat, run, d);
    sum_sq += std::log(ratio) * std::log(ratio);
    ++n;
  }
  const double log_sd = std::sqrt(sum_sq / n);  // ~sqrt(ln(1 + 0.3^2)) = 0.294
  REQUIRE(log_sd == Approx(0.294).margin(0.06));
}

TEST_CASE("School is closed on Sundays and holidays, zone-dependent", "[energy][generator]") {
  const Run& run = year2025();
  LoadProfileSpec spec;
  spec.profile = "school";
  spec.annual_kwh = 42000;
  spec.variation = 0;  // compare shapes, not random days
  const auto a = generate(spec, run, 3, SchoolZone::kA);
  using accord::sim::days_from_civil;
  const double school_day = day_energy(a, run, days_from_civil(2025, 2, 4));  // a Tuesday
  const double holiday = day_energy(a, run, days_from_civil(2025, 2, 25));    // zone A winter
  const double sunday = day_energy(a, run, days_from_civil(2025, 2, 2));
  const double august = day_energy(a, run, days_from_civil(2025, 8, 12));
  REQUIRE(holiday < 0.12 * school_day);
  REQUIRE(sunday < 0.12 * school_day);
  REQUIRE(august < 0.12 * school_day);
  // Zone B resumed on 24 Feb 2025: 25 Feb is a school day there.
  const auto b = generate(spec, run, 3, SchoolZone::kB);
  REQUIRE(day_energy(b, run, days_from_civil(2025, 2, 25)) > 4 * holiday);
  // Wednesday afternoon: closed; Tuesday afternoon: open.
  double wed_pm = 0, tue_pm = 0;
  for (size_t t = 0; t < a.size(); ++t) {
    const bool pm = run.calendar.local_hour[t] > 14 && run.calendar.local_hour[t] < 16;
    if (run.calendar.local_day[t] == days_from_civil(2025, 2, 5) && pm) wed_pm += a[t];
    if (run.calendar.local_day[t] == days_from_civil(2025, 2, 4) && pm) tue_pm += a[t];
  }
  REQUIRE(wed_pm < 0.15 * tue_pm);
}

TEST_CASE("Electric heating makes a household strongly winter-peaking", "[energy][generator]") {
  const Run& run = year2025();
  LoadProfileSpec spec;
  spec.variation = 0;
  const auto plain = generate(spec, run, 5);
  spec.electric_heating = true;
  const auto heated = generate(spec, run, 5);
  const double ratio_plain = month_energy(plain, run, 1) / month_energy(plain, run, 7);
  const double ratio_heated = month_energy(heated, run, 1) / month_energy(heated, run, 7);
  // Non-heated French homes: winter/summer monthly ratio ~1.3-1.7 (lighting, cold water);
  // electrically heated: several times more in January.
  REQUIRE(ratio_plain > 1.2);
  REQUIRE(ratio_plain < 2.0);
  REQUIRE(ratio_heated > 3.0);
  REQUIRE(ratio_heated > 2.0 * ratio_plain);
  // Heating is nil in July (climatological temperature above the 16 degC threshold).
  const double heat_july = month_energy(heated, run, 7) / sum(heated);
  const double plain_july = month_energy(plain, run, 7) / sum(plain);
  REQUIRE(heat_july < plain_july);
}

TEST_CASE("Daily shapes: household evening peak, office weekdays, gym evenings",
          "[energy][generator]") {
  const Run& run = year2025();
  const auto mean_at = [&](const std::vector<double>& v, float h0, float h1, bool weekday) {
    double s = 0;
    int n = 0;
    for (size_t t = 0; t < v.size(); ++t) {
      const float h = run.calendar.local_hour[t];
      const bool wd = run.calendar.weekday[t] <= 5;
      if (h >= h0 && h < h1 && wd == weekday) {
        s += v[t];
        ++n;
      }
    }
    return s / n;
  };
  LoadProfileSpec spec;
  const auto home = generate(spec, run);
  REQUIRE(mean_at(home, 19, 21, true) > 1.5 * mean_at(home, 3, 5, true));
  REQUIRE(mean_at(home, 19, 21, true) > 1.5 * mean_at(home, 14, 16, true));
  spec.profile = "office";
  const auto office = generate(spec, run);
  REQUIRE(mean_at(office, 10, 16, true) > 2.5 * mean_at(office, 10, 16, false));
  spec.profile = "gym";
  const auto gym = generate(spec, run);
  REQUIRE(mean_at(gym, 18, 20, true) > 1.5 * mean_at(gym, 14, 16, true));
  spec.profile = "bakery";
  const auto bakery = generate(spec, run);
  REQUIRE(mean_at(bakery, 4, 6, true) > 1.5 * mean_at(bakery, 14, 16, true));
}

TEST_CASE("A bakery closes one weekday", "[energy][generator]") {
  const Run& run = year2025();
  LoadProfileSpec spec;
  spec.profile = "bakery";
  spec.variation = 0;
  for (uint64_t entity = 1; entity <= 5; ++entity) {
    const auto v = generate(spec, run, entity);
    std::array<double, 8> by_weekday{};
    for (size_t t = 0; t < v.size(); ++t) by_weekday[run.calendar.weekday[t]] += v[t];
    const double lowest = std::min({by_weekday[1], by_weekday[2], by_weekday[3]});
    const double highest = std::max({by_weekday[1], by_weekday[2], by_weekday[3]});
    REQUIRE(lowest < 0.4 * highest);
  }
}

TEST_CASE("Invalid generator input lists the known names", "[energy][generator]") {
  const Run run = make_run(2025, 1, 1, 2025, 1, 2);
  LoadProfileSpec spec;
  spec.profile = "factory";
  REQUIRE_THROWS_AS(generate(spec, run), std::invalid_argument);
  REQUIRE_THROWS_WITH(generate(spec, run),
                      Catch::Contains("'factory'") && Catch::Contains("household") &&
                          Catch::Contains("town_hall") && Catch::Contains("gym"));
  spec.profile = "household";
  spec.occupancy = "night_shift";
  REQUIRE_THROWS_WITH(generate(spec, run), Catch::Contains("away_weekdays"));
  spec.occupancy = "standard";
  spec.annual_kwh = -1;
  REQUIRE_THROWS_AS(generate(spec, run), std::invalid_argument);
}

// Long runs build inputs a period at a time (docs/performance.md, "Long runs"): a generator
// filled over any ranges gives the whole series' values, bit for bit (tolerance: none).
TEST_CASE("A load generator filled range by range gives the whole series", "[energy][generator]") {
  const Run run = make_run(2024, 12, 15, 2026, 2, 1);  // two calendar years, a leap day, DST
  for (const char* profile : {"household", "bakery", "school", "office"}) {
    INFO(profile);
    LoadProfileSpec spec;
    spec.profile = profile;
    spec.annual_kwh = 4200;
    spec.variation = 0.2;
    spec.electric_heating = true;
    const std::vector<double> whole = generate(spec, run, 11, SchoolZone::kB);
    const RandomStream shape(42, 0, Purpose::kProfileShape, 11);
    const RandomStream variation(42, 0, Purpose::kProfileVariation, 11);
    const accord::models::energy::LoadGenerator generator(spec, run.grid, run.calendar, shape,
                                                          variation, SchoolZone::kB);
    std::vector<double> pieces(whole.size(), -1.0);
    // Ranges of odd sizes: one step, part of a day, days, then the rest.
    int64_t t = 0;
    for (const int64_t size : {int64_t{1}, int64_t{97}, int64_t{1000}, int64_t{5003}}) {
      generator.fill(run.calendar, t, t + size, pieces.data() + t);
      t += size;
    }
    generator.fill(run.calendar, t, run.grid.steps, pieces.data() + t);
    REQUIRE(pieces.size() == whole.size());
    size_t differing = 0;
    for (size_t k = 0; k < whole.size(); ++k) differing += pieces[k] != whole[k] ? 1 : 0;
    CHECK(differing == 0);
  }
}
