// Built-in load profiles. Each profile is a smooth relative-power curve per day type and
// season, tabulated once at 5-min resolution; a participant's series is table lookups
// times per-day factors (month level, seasonal blend, seeded variation, heating), scaled
// at the end so that the run's energy is exactly annual_kwh pro rata. Shape assumptions
// and sources: docs/energy-profiles.md.
#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

#include "accord/models/energy/french_calendar.hpp"
#include "accord/models/energy/load_series.hpp"

namespace accord::models::energy {

namespace {

constexpr int kBins = 288;  // 5-min bins of the local day
constexpr double kBinsPerHour = kBins / 24.0;
constexpr int kSeasons = 2;  // 0 winter shape, 1 summer shape (blended by day of year)

enum DayType : int { kWork = 0, kWednesday, kSaturday, kSunday, kClosed, kDayTypes };

using Curve = std::array<double, kBins>;
using HourFn = std::function<double(double)>;

// Gaussian bump centred at c (hours, circular over the day), width w (hours).
double bump(double h, double c, double w) {
  double d = std::fabs(h - c);
  d = std::min(d, 24.0 - d);
  return std::exp(-0.5 * (d / w) * (d / w));
}

// Smooth "open" window from a to b (hours) with logistic edges of scale e (hours).
double window(double h, double a, double b, double e) {
  return 1.0 / (1.0 + std::exp(-(h - a) / e)) / (1.0 + std::exp(-(b - h) / e));
}

Curve tabulate(const HourFn& f) {
  Curve c{};
  for (int i = 0; i < kBins; ++i) c[static_cast<size_t>(i)] = f((i + 0.5) / kBinsPerHour);
  return c;
}

// What a profile is made of. Relative power = base_factor * base + amplitude * peak;
// absolute levels only matter relative to each other (the series is scaled at the end).
struct ProfileTables {
  std::array<std::array<Curve, kSeasons>, kDayTypes> base{};
  std::array<std::array<Curve, kSeasons>, kDayTypes> peak{};
  std::array<double, 12> month_level{};  // relative daily energy at mid-month
  Curve heat{};                          // shape of electric space heating (household)
  DayType public_holiday = kSunday;      // day type of a public holiday
  bool school_calendar = false;          // closed on school holidays
  bool closing_weekday = false;          // one weekday closed, drawn per participant
  double shift_sd_h = 0.25;              // sd of the per-participant time shift, h
  double amplitude_sd = 0.1;             // relative sd of the activity amplitude
  double base_sd = 0.15;                 // relative sd of the base load

  void set(DayType d, const HourFn& base_fn, const HourFn& winter, const HourFn& summer) {
    for (int s = 0; s < kSeasons; ++s) base[d][static_cast<size_t>(s)] = tabulate(base_fn);
    peak[d][0] = tabulate(winter);
    peak[d][1] = tabulate(summer);
  }
  void same(DayType d, DayType from) {
    base[d] = base[from];
    peak[d] = peak[from];
  }
};

HourFn constant(double v) {
  return [v](double) { return v; };
}

// --- households (in the spirit of Enedis RES1/RES2 profile classes) -----------------------
ProfileTables household(const std::string& occupancy) {
  ProfileTables p;
  p.shift_sd_h = 0.5;
  p.amplitude_sd = 0.2;
  p.base_sd = 0.3;
  // Always-on loads plus the off-peak electric water heater (night, "heures creuses").
  const HourFn base = [](double h) {
    return 0.30 + 0.25 * window(h, 23.0, 29.0, 0.4) + 0.25 * window(h + 24.0, 23.0, 29.0, 0.4);
  };
  const double day_presence = occupancy == "home_daytime"    ? 0.55
                              : occupancy == "away_weekdays" ? 0.03
                                                             : 0.22;
  const double lunch = occupancy == "away_weekdays" ? 0.05 : 0.30;
  const double evening = occupancy == "away_weekdays" ? 1.3 : 1.1;
  // Working days: breakfast, lunch, evening peak (earlier and higher in winter: lighting).
  const auto work = [=](double evening_h, double evening_amp) {
    return [=](double h) {
      return 0.55 * bump(h, 7.2, 0.8) + lunch * bump(h, 12.5, 1.0) +
             day_presence * window(h, 8.5, 17.0, 0.7) + evening_amp * bump(h, evening_h, 1.6) +
             0.3 * bump(h, 21.8, 1.2);
    };
  };
  p.set(kWork, base, work(19.4, evening), work(20.3, 0.7 * evening));
  p.same(kWednesday, kWork);
  // Weekends: later morning, cooking at noon, afternoon presence.
  const double wk = occupancy == "away_weekdays" ? 1.2 : 1.0;
  const auto weekend = [=](double evening_h, double evening_amp) {
    return [=](double h) {
      return wk * (0.5 * bump(h, 9.5, 1.5) + 0.55 * bump(h, 12.8, 1.2) +
                   0.35 * window(h, 10.0, 18.0, 1.0) + evening_amp * bump(h, evening_h, 1.6) +
                   0.3 * bump(h, 21.8, 1.2));
    };
  };
  p.set(kSaturday, base, weekend(19.4, 1.0), weekend(20.3, 0.7));
  p.same(kSunday, kSaturday);
  p.same(kClosed, kSaturday);
  p.month_level = {1.24, 1.17, 1.07, 0.96, 0.89, 0.83, 0.80, 0.76, 0.86, 0.97, 1.12, 1.26};
  // Heating: morning and evening set-points, lower in the afternoon (solar and internal gains).
  p.heat = tabulate([](double h) {
    return 0.6 + 0.7 * bump(h, 6.8, 1.3) + 0.8 * bump(h, 19.5, 2.2) - 0.25 * bump(h, 14.0, 2.0);
  });
  return p;
}

// --- tertiary and public buildings (in the spirit of Enedis PRO profile classes) ---------
ProfileTables office() {
  ProfileTables p;
  p.set(
      kWork, constant(0.28),
      [](double h) { return window(h, 8.0, 18.5, 0.5) + 0.15 * bump(h, 8.8, 0.8); },
      [](double h) { return window(h, 8.0, 18.5, 0.5) + 0.15 * bump(h, 15.0, 2.0); });
  p.same(kWednesday, kWork);
  const HourFn sat = [](double h) { return 0.1 * window(h, 9.0, 13.0, 0.5); };
  p.set(kSaturday, constant(0.28), sat, sat);
  p.set(kSunday, constant(0.28), constant(0.0), constant(0.0));
  p.same(kClosed, kSunday);
  p.public_holiday = kClosed;
  p.month_level = {1.15, 1.12, 1.05, 0.97, 0.92, 0.93, 0.95, 0.80, 0.95, 0.98, 1.07, 1.12};
  return p;
}

ProfileTables shop() {
  ProfileTables p;
  const HourFn open = [](double h) {
    return window(h, 9.0, 19.3, 0.4) + 0.1 * bump(h, 17.5, 1.5) + 0.1 * window(h, 8.0, 9.0, 0.3);
  };
  p.set(kWork, constant(0.35), open, open);
  p.same(kWednesday, kWork);
  const HourFn sat = [open](double h) { return 1.15 * open(h); };
  p.set(kSaturday, constant(0.35), sat, sat);
  p.set(kSunday, constant(0.35), constant(0.0), constant(0.0));
  p.same(kClosed, kSunday);
  p.public_holiday = kClosed;
  p.month_level = {1.08, 1.02, 1.00, 0.97, 0.96, 1.00, 1.05, 1.00, 0.95, 0.97, 1.02, 1.12};
  return p;
}

ProfileTables bakery() {
  ProfileTables p;
  p.closing_weekday = true;
  // Ovens from the small hours, a second bake late morning and one mid-afternoon; the shop
  // (lighting, displays) is open 6:30-19:30.
  const HourFn work = [](double h) {
    return 1.6 * window(h, 3.5, 7.5, 0.4) + 0.8 * bump(h, 10.5, 1.5) +
           0.45 * window(h, 6.5, 19.5, 0.4) + 0.3 * bump(h, 16.5, 1.2);
  };
  p.set(kWork, constant(0.3), work, work);
  p.same(kWednesday, kWork);
  const HourFn sat = [work](double h) { return 1.1 * work(h); };
  p.set(kSaturday, constant(0.3), sat, sat);
  const HourFn sun = [](double h) {
    return 1.6 * window(h, 3.5, 8.0, 0.4) + 0.45 * window(h, 7.0, 13.0, 0.4);
  };
  p.set(kSunday, constant(0.3), sun, sun);
  p.set(kClosed, constant(0.3), constant(0.0), constant(0.0));
  p.public_holiday = kSunday;
  p.month_level = {1.05, 1.03, 1.00, 0.98, 0.96, 0.95, 0.93, 0.85, 0.97, 1.00, 1.03, 1.08};
  return p;
}

ProfileTables workshop() {
  ProfileTables p;
  const HourFn work = [](double h) {
    return window(h, 7.5, 12.0, 0.3) + window(h, 13.3, 17.0, 0.3) +
           0.2 * window(h, 12.0, 13.3, 0.3);
  };
  p.set(kWork, constant(0.15), work, work);
  p.same(kWednesday, kWork);
  const HourFn sat = [](double h) { return 0.15 * window(h, 8.0, 12.0, 0.3); };
  p.set(kSaturday, constant(0.15), sat, sat);
  p.set(kSunday, constant(0.15), constant(0.0), constant(0.0));
  p.same(kClosed, kSunday);
  p.public_holiday = kClosed;
  // August closure and the Christmas week.
  p.month_level = {1.08, 1.06, 1.02, 0.99, 0.97, 0.98, 0.95, 0.55, 1.00, 1.02, 1.05, 0.95};
  return p;
}

ProfileTables school() {
  ProfileTables p;
  p.school_calendar = true;
  // Classes 8:00-16:30, canteen kitchen at noon, after-school care to 18:30; heating
  // start-up in the morning in winter. Wednesday: morning only.
  const HourFn winter = [](double h) {
    return window(h, 7.8, 17.0, 0.35) + 0.5 * bump(h, 11.8, 0.7) + 0.2 * bump(h, 7.5, 0.6) +
           0.2 * window(h, 17.0, 18.5, 0.3);
  };
  const HourFn summer = [](double h) {
    return window(h, 7.8, 17.0, 0.35) + 0.5 * bump(h, 11.8, 0.7) + 0.2 * window(h, 17.0, 18.5, 0.3);
  };
  p.set(kWork, constant(0.05), winter, summer);
  const HourFn wed = [](double h) { return window(h, 7.8, 12.3, 0.35); };
  p.set(kWednesday, constant(0.05), wed, wed);
  p.set(kSaturday, constant(0.05), constant(0.0), constant(0.0));
  p.same(kSunday, kSaturday);
  p.same(kClosed, kSaturday);
  p.public_holiday = kClosed;
  p.month_level = {1.25, 1.20, 1.08, 0.95, 0.85, 0.85, 0.80, 0.60, 0.90, 1.00, 1.15, 1.25};
  return p;
}

ProfileTables town_hall() {
  ProfileTables p;
  const HourFn work = [](double h) {
    return window(h, 8.5, 12.0, 0.3) + window(h, 13.5, 17.5, 0.3) +
           0.35 * window(h, 12.0, 13.5, 0.3) + 0.15 * bump(h, 19.5, 1.0);
  };
  p.set(kWork, constant(0.25), work, work);
  p.same(kWednesday, kWork);
  // Saturday-morning opening (civil weddings, services) and events in the hall.
  const HourFn sat = [](double h) {
    return 0.8 * window(h, 9.0, 12.0, 0.3) + 0.2 * window(h, 14.0, 23.0, 0.5);
  };
  p.set(kSaturday, constant(0.25), sat, sat);
  const HourFn sun = [](double h) { return 0.1 * window(h, 10.0, 18.0, 1.0); };
  p.set(kSunday, constant(0.25), sun, sun);
  p.set(kClosed, constant(0.25), constant(0.0), constant(0.0));
  p.public_holiday = kClosed;
  p.month_level = {1.20, 1.15, 1.05, 0.95, 0.88, 0.85, 0.85, 0.75, 0.90, 1.00, 1.12, 1.20};
  return p;
}

ProfileTables gym() {
  ProfileTables p;
  const HourFn work = [](double h) {
    return 0.5 * window(h, 7.0, 22.0, 0.4) + 0.35 * bump(h, 7.8, 0.8) + 0.4 * bump(h, 12.5, 0.9) +
           0.9 * bump(h, 19.0, 1.5);
  };
  p.set(kWork, constant(0.3), work, work);
  p.same(kWednesday, kWork);
  const HourFn sat = [](double h) {
    return 0.5 * window(h, 9.0, 19.0, 0.4) + 0.4 * bump(h, 10.5, 1.5) + 0.2 * bump(h, 16.0, 2.0);
  };
  p.set(kSaturday, constant(0.3), sat, sat);
  const HourFn sun = [](double h) {
    return 0.45 * window(h, 9.0, 14.0, 0.4) + 0.3 * bump(h, 10.5, 1.5);
  };
  p.set(kSunday, constant(0.3), sun, sun);
  p.same(kClosed, kSunday);
  p.public_holiday = kSunday;
  p.month_level = {1.15, 1.10, 1.05, 0.98, 0.92, 0.90, 0.85, 0.75, 0.98, 1.02, 1.06, 1.00};
  return p;
}

const std::vector<std::string> kProfiles = {"household", "office", "shop",      "bakery",
                                            "workshop",  "school", "town_hall", "gym"};
const std::vector<std::string> kOccupancies = {"standard", "home_daytime", "away_weekdays"};

std::string join(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

// All tables, built once (the build is deterministic and the result immutable).
const ProfileTables& tables_for(const std::string& profile, const std::string& occupancy) {
  static const std::map<std::string, ProfileTables> kTables = [] {
    std::map<std::string, ProfileTables> m;
    for (const auto& o : kOccupancies) m.emplace("household/" + o, household(o));
    m.emplace("office", office());
    m.emplace("shop", shop());
    m.emplace("bakery", bakery());
    m.emplace("workshop", workshop());
    m.emplace("school", school());
    m.emplace("town_hall", town_hall());
    m.emplace("gym", gym());
    return m;
  }();
  if (std::find(kProfiles.begin(), kProfiles.end(), profile) == kProfiles.end())
    throw std::invalid_argument("unknown load profile '" + profile +
                                "'; known: " + join(kProfiles));
  if (profile == "household") {
    if (std::find(kOccupancies.begin(), kOccupancies.end(), occupancy) == kOccupancies.end())
      throw std::invalid_argument("unknown household occupancy '" + occupancy +
                                  "'; known: " + join(kOccupancies));
    return kTables.at("household/" + occupancy);
  }
  return kTables.at(profile);
}

constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr double kYearDays = 365.25;

// Climatological daily mean temperature, degC: a sinusoid with the annual mean and range
// of Lyon-Bron 1991-2020 normals (about 12.5 degC, January ~4, July ~22); minimum ~20 Jan.
double climate_temperature(int day_of_year) {
  return 12.8 - 9.0 * std::cos(kTwoPi * (day_of_year - 20) / kYearDays);
}

// Per day of year (index 1..366): heating degrees against a 16 degC threshold normalised to
// a yearly mean of 1, and the summer weight of the shape blend (0 mid-January, 1 mid-July).
struct SeasonTables {
  std::array<double, 367> heating{};
  std::array<double, 367> summer{};
  SeasonTables() {
    double mean = 0;
    for (int d = 1; d <= 365; ++d) mean += std::max(0.0, 16.0 - climate_temperature(d)) / 365.0;
    for (int d = 1; d <= 366; ++d) {
      heating[static_cast<size_t>(d)] = std::max(0.0, 16.0 - climate_temperature(d)) / mean;
      summer[static_cast<size_t>(d)] = 0.5 - 0.5 * std::cos(kTwoPi * (d - 15) / kYearDays);
    }
  }
};
const SeasonTables& season_tables() {
  static const SeasonTables kTables;
  return kTables;
}

// Month levels given at mid-month, interpolated linearly (circularly) by day of year.
double month_level(const std::array<double, 12>& level, int day_of_year) {
  const double pos = (day_of_year - 0.5) / (kYearDays / 12.0) - 0.5;  // 0 at mid-January
  const double fl = std::floor(pos);
  const double frac = pos - fl;
  const int i0 = ((static_cast<int>(fl) % 12) + 12) % 12;
  const int i1 = (i0 + 1) % 12;
  return (1.0 - frac) * level[static_cast<size_t>(i0)] + frac * level[static_cast<size_t>(i1)];
}

// The eleven public holidays of a year, as days since 1970-01-01.
std::array<int64_t, 11> public_holidays(int year) {
  const int64_t easter = easter_sunday(year);
  return {sim::days_from_civil(year, 1, 1),
          easter + 1,
          sim::days_from_civil(year, 5, 1),
          sim::days_from_civil(year, 5, 8),
          easter + 39,
          easter + 50,
          sim::days_from_civil(year, 7, 14),
          sim::days_from_civil(year, 8, 15),
          sim::days_from_civil(year, 11, 1),
          sim::days_from_civil(year, 11, 11),
          sim::days_from_civil(year, 12, 25)};
}

int iso_weekday(int64_t day) {
  return static_cast<int>(((day + 3) % 7 + 7) % 7 + 1);
}

// Multiplicative daily factor, lognormal with mean 1 and relative sd `cv`.
double daily_factor(const sim::RandomStream& variation, int64_t day, double cv) {
  if (cv <= 0) return 1.0;
  const double sigma = std::sqrt(std::log1p(cv * cv));
  const double z = variation.normal(static_cast<uint64_t>(day), 0);
  return std::exp(sigma * z - 0.5 * sigma * sigma);
}

}  // namespace

const std::vector<std::string>& known_profiles() {
  return kProfiles;
}
const std::vector<std::string>& known_occupancies() {
  return kOccupancies;
}

std::vector<double> generate_load(const LoadProfileSpec& spec, const sim::TimeGrid& grid,
                                  const sim::StepCalendar& calendar, const sim::RandomStream& shape,
                                  const sim::RandomStream& variation) {
  return generate_load(spec, grid, calendar, shape, variation, SchoolZone::kA);
}

std::vector<double> generate_load(const LoadProfileSpec& spec, const sim::TimeGrid& grid,
                                  const sim::StepCalendar& calendar, const sim::RandomStream& shape,
                                  const sim::RandomStream& variation, SchoolZone school_zone) {
  const LoadGenerator generator(spec, grid, calendar, shape, variation, school_zone);
  std::vector<double> out(static_cast<size_t>(grid.steps), 0.0);
  generator.fill(calendar, 0, grid.steps, out.data());
  return out;
}

LoadGenerator::LoadGenerator(const LoadProfileSpec& spec, const sim::TimeGrid& grid,
                             const sim::StepCalendar& calendar, const sim::RandomStream& shape,
                             const sim::RandomStream& variation, SchoolZone school_zone)
    : variation_(variation), school_zone_(school_zone) {
  const ProfileTables& p = tables_for(spec.profile, spec.occupancy);
  if (!std::isfinite(spec.annual_kwh) || spec.annual_kwh < 0)
    throw std::invalid_argument("annual_kwh must be a finite non-negative number");
  if (!std::isfinite(spec.variation) || spec.variation < 0)
    throw std::invalid_argument("variation must be a finite non-negative number");
  const auto steps = static_cast<size_t>(grid.steps);
  if (calendar.local_day.size() != steps || calendar.local_hour.size() != steps)
    throw std::invalid_argument("the step calendar does not match the time grid");
  tables_ = &p;
  cv_ = spec.variation;
  if (steps == 0) return;

  // Per-participant shape parameters (shape stream, step 0, one index per parameter).
  const double shift_h = std::clamp(p.shift_sd_h * shape.normal(0, 0), -1.0, 1.0);
  const int shift = static_cast<int>(std::lround(shift_h * kBinsPerHour));
  const auto lognormal = [&](double sd, uint64_t index) {
    return std::exp(sd * shape.normal(0, index) - 0.5 * sd * sd);
  };
  const double amplitude = lognormal(p.amplitude_sd, 1);
  const double base_factor = lognormal(p.base_sd, 2);
  // Electric space heating is modelled for households; tertiary month levels already carry
  // their typical winter excess.
  const bool heated = spec.electric_heating && spec.profile == "household";
  const double heat_share = heated ? std::clamp(0.55 + 0.08 * shape.normal(0, 3), 0.35, 0.75) : 0.0;
  // Bakeries close one weekday: Monday (half of them), Tuesday or Wednesday.
  const double u = shape.uniform(0, 4);
  closed_weekday_ = p.closing_weekday ? (u < 0.5 ? 1 : u < 0.8 ? 2 : 3) : 0;

  // This participant's curves, shifted in time: curve(d, s, bin) = base_factor * base[d][s][j]
  // + amplitude * peak[d][s][j], j = bin - shift, computed where used (no per-participant
  // tables: a generator stays small for runs of thousands of members).
  shift_ = shift;
  base_factor_ = base_factor;
  amplitude_ = amplitude;
  std::array<double, kDayTypes> mean{};
  for (int d = 0; d < kDayTypes; ++d)
    for (int s = 0; s < kSeasons; ++s) {
      const auto& b = p.base[static_cast<size_t>(d)][static_cast<size_t>(s)];
      const auto& k = p.peak[static_cast<size_t>(d)][static_cast<size_t>(s)];
      for (int i = 0; i < kBins; ++i) {
        const auto j = static_cast<size_t>(((i - shift) % kBins + kBins) % kBins);
        const double c = base_factor * b[j] + amplitude * k[j];
        mean[static_cast<size_t>(d)] += c / (kBins * kSeasons);
      }
    }
  double heat_mean = 0;
  for (int i = 0; i < kBins; ++i) {
    const auto j = static_cast<size_t>(((i - shift) % kBins + kBins) % kBins);
    heat_mean += p.heat[j] / kBins;
  }
  // Heating scaled so that it is heat_share of a typical year's energy (weekdays 4/7,
  // Wednesday, Saturday and Sunday 1/7 each; the heating index averages 1 over a year).
  const double typical = (4 * mean[kWork] + mean[kWednesday] + mean[kSaturday] + mean[kSunday]) / 7;
  heat_scale_ = heat_share > 0 ? heat_share / (1.0 - heat_share) * typical / heat_mean : 0.0;

  // The run's total, step by step in step order, scales every value: annual_kwh per 365 days
  // of run, exactly pro rata. It needs one pass over the whole run (without keeping it).
  // The values go through a small buffer (in L1), uninitialised: a zeroed buffer per
  // participant cost as much as the pass itself.
  scale_ = 1.0;
  constexpr int64_t kChunk = 2048;
  const std::unique_ptr<double[]> raw(new double[kChunk]);
  double total = 0;
  for (int64_t t0 = 0; t0 < grid.steps; t0 += kChunk) {
    const int64_t t1 = std::min(grid.steps, t0 + kChunk);
    fill(calendar, t0, t1, raw.get());
    for (int64_t t = t0; t < t1; ++t) total += raw[static_cast<size_t>(t - t0)];
  }
  const double run_days = static_cast<double>(grid.steps * grid.step_seconds) / 86400.0;
  const double target = spec.annual_kwh * run_days / 365.0;
  scale_ = total > 0 ? target / total : 0.0;
}

void LoadGenerator::fill(const sim::StepCalendar& calendar, int64_t first, int64_t last,
                         double* out) const {
  if (first >= last) return;
  const ProfileTables& p = *static_cast<const ProfileTables*>(tables_);
  // Per local day: day type, winter/summer weights with level and variation, heating.
  const int64_t first_day = calendar.local_day[static_cast<size_t>(first)];
  const int64_t days = calendar.local_day[static_cast<size_t>(last - 1)] - first_day + 1;
  day_type_.resize(static_cast<size_t>(days));
  w_winter_.resize(static_cast<size_t>(days));
  w_summer_.resize(static_cast<size_t>(days));
  w_heat_.resize(static_cast<size_t>(days));
  const SeasonTables& season = season_tables();
  int year = sim::civil_from_days(first_day).year;
  int64_t jan1 = sim::days_from_civil(year, 1, 1);
  auto holidays = public_holidays(year);
  for (int64_t i = 0; i < days; ++i) {
    const int64_t day = first_day + i;
    if (day >= sim::days_from_civil(year + 1, 1, 1)) {
      ++year;
      jan1 = sim::days_from_civil(year, 1, 1);
      holidays = public_holidays(year);
    }
    const int doy = static_cast<int>(day - jan1) + 1;
    const int wd = iso_weekday(day);
    DayType t = wd == 7 ? kSunday : wd == 6 ? kSaturday : wd == 3 ? kWednesday : kWork;
    if (std::find(holidays.begin(), holidays.end(), day) != holidays.end()) t = p.public_holiday;
    if (p.school_calendar && is_school_holiday(day, school_zone_)) t = kClosed;
    if (wd == closed_weekday_) t = kClosed;
    const double f = daily_factor(variation_, day, cv_);
    const double level = month_level(p.month_level, doy) * f;
    const double summer = season.summer[static_cast<size_t>(doy)];
    const auto k = static_cast<size_t>(i);
    day_type_[k] = static_cast<uint8_t>(t);
    w_winter_[k] = level * (1.0 - summer);
    w_summer_[k] = level * summer;
    w_heat_[k] = heat_scale_ * season.heating[static_cast<size_t>(doy)] * f;
  }

  for (int64_t t = first; t < last; ++t) {
    const auto st = static_cast<size_t>(t);
    const auto d = static_cast<size_t>(calendar.local_day[st] - first_day);
    const int raw_bin =
        static_cast<int>(calendar.local_hour[st] * static_cast<float>(kBinsPerHour));
    // The shifted bin: |shift| is at most an hour (12 bins), one wrap at most.
    int shifted = std::clamp(raw_bin, 0, kBins - 1) - shift_;
    if (shifted < 0) shifted += kBins;
    if (shifted >= kBins) shifted -= kBins;
    const auto j = static_cast<size_t>(shifted);
    const auto& b = p.base[day_type_[d]];
    const auto& k = p.peak[day_type_[d]];
    const double winter = base_factor_ * b[0][j] + amplitude_ * k[0][j];
    const double summer = base_factor_ * b[1][j] + amplitude_ * k[1][j];
    const double v = w_winter_[d] * winter + w_summer_[d] * summer + w_heat_[d] * p.heat[j];
    out[t - first] = v * scale_;
  }
}

}  // namespace accord::models::energy
