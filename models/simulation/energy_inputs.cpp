#include "accord/models/simulation/energy_inputs.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <utility>

#include "accord/models/energy/french_calendar.hpp"
#include "accord/models/energy/load_series.hpp"
#include "accord/models/pv/pv_production.hpp"
#include "accord/models/pv/sun_track.hpp"
#include "accord/sim/huge_pages.hpp"
#include "accord/sim/parallel.hpp"

namespace accord::models {

namespace {

constexpr double kSolarCellDeg = 0.05;  // size of the cells sharing one sun track, degrees

// Weather is shared: one cloudiness stream per run (all plants of a 2-20 km perimeter see
// the same days), and one sun track per distinct plant location.
sim::RandomStream weather_stream(const Scenario& s) {
  return sim::RandomStream(s.seed, s.replicate, sim::Purpose::kCloudiness,
                           sim::entity_key(std::string("weather")));
}

// dst(t, first_col + k) = columns[k][t] for t in [0, rows) and k in [0, count), by tiles of
// kTile columns so that reads and writes stay in L1.
void transpose_into(const std::vector<const double*>& src, int64_t count, int64_t rows,
                    economics::RowMatrix& dst, int64_t first_col) {
  constexpr int64_t kTile = 16;  // 128 bytes of a destination row: two cache lines
  constexpr int64_t kAhead = 16;
  const int64_t T = rows, K = dst.cols();
  double* out = dst.data() + first_col;
  for (int64_t k0 = 0; k0 < count; k0 += kTile) {
    const int64_t k1 = std::min(count, k0 + kTile);
    for (int64_t t = 0; t < T; ++t) {
      double* row = out + t * K;
      // Rows are K * 8 bytes apart, beyond what the hardware prefetcher follows: ask for the
      // destination lines kAhead rows early so that their misses overlap (measured: the
      // transpose of a [17520, 1000] ledger in 0.055 s instead of 0.086 s).
      if (t + kAhead < T) {
        __builtin_prefetch(row + kAhead * K + k0, 1);
        __builtin_prefetch(row + kAhead * K + k1 - 1, 1);
      }
      for (int64_t k = k0; k < k1; ++k) row[k] = src[static_cast<size_t>(k)][t];
    }
  }
}

// Multiplies each step of `series` by factor[k], k the run year of the step (no work when every
// factor is 1: the series is then unchanged to the bit).
void scale_by_year(double* series, size_t steps, const std::vector<int32_t>& year_of_step,
                   const std::vector<double>& factor) {
  if (std::all_of(factor.begin(), factor.end(), [](double f) { return f == 1.0; })) return;
  for (size_t t = 0; t < steps; ++t) series[t] *= factor[static_cast<size_t>(year_of_step[t])];
}

// factor[k] = base^(offset + k) for each run year k.
std::vector<double> yearly_factors(double base, int offset, int years) {
  std::vector<double> f(static_cast<size_t>(years));
  for (int k = 0; k < years; ++k) f[static_cast<size_t>(k)] = std::pow(base, offset + k);
  return f;
}

}  // namespace

std::vector<int32_t> run_year_of_steps(const sim::TimeGrid& grid, const sim::TimeZone& zone) {
  std::vector<int32_t> year(static_cast<size_t>(grid.steps), 0);
  if (grid.steps == 0) return year;
  const int64_t start = grid.step_start(0);
  int k = 0;
  int64_t next = sim::add_local_years(start, 1, zone);
  for (int64_t t = 0; t < grid.steps; ++t) {
    while (grid.step_start(t) >= next) next = sim::add_local_years(start, ++k + 1, zone);
    year[static_cast<size_t>(t)] = k;
  }
  return year;
}

namespace {

// Sun tracks: one per solar cell of kSolarCellDeg (about 5 km), computed at the cell's centre
// and shared by every plant in it. Across 0.05 deg the sun's position changes by under
// 0.05 deg, far below the weather's effect, while a district of 100 rooftops needs one or
// two tracks instead of 100. A plant with an explicit pv.location gets its own track.
struct TrackKey {
  double lat, lon;
  auto operator<=>(const TrackKey&) const = default;
};
TrackKey track_key(const Producer& p, const PvSpec& pv) {
  if (pv.location) return TrackKey{pv.location->lat_deg, pv.location->lon_deg};
  return TrackKey{std::round(p.location.lat_deg / kSolarCellDeg) * kSolarCellDeg,
                  std::round(p.location.lon_deg / kSolarCellDeg) * kSolarCellDeg};
}

}  // namespace

struct InputStream::State {
  const Scenario* scenario = nullptr;
  sim::TimeGrid grid;
  const sim::StepCalendar* calendar = nullptr;
  unsigned threads = 1;
  sim::RandomStream weather;
  // Long runs: loads grow and plants age by run year (docs/energy-profiles.md, docs/pv-model.md).
  std::vector<int32_t> year_of_step;  // [T]
  // Per participant: its generator (built-in profiles) or its CSV series read once [T], and
  // its yearly growth factors; the producer behind its meter (-1 none).
  std::vector<std::unique_ptr<energy::LoadGenerator>> generator;
  std::vector<std::vector<double>> csv_load;
  std::vector<std::vector<double>> growth;
  std::vector<int64_t> own_plant;
  // Per producer: its sun track (index into track_site, -1 for a CSV series), its ageing
  // factors and its CSV series [T].
  std::vector<TrackKey> track_site;
  std::vector<int> track_of;
  std::vector<std::vector<double>> ageing;
  std::vector<std::vector<double>> csv_production;
  // Series of the range being filled, per producer and per participant of a block: kept from
  // one fill to the next, so that a run's periods reuse the same memory (no page faults, no
  // zeroing). fill() is therefore not safe to call from two threads at once.
  mutable std::vector<std::vector<double>> prod;
  mutable std::vector<double> withdrawal;  // [block participants x rows], on huge pages

  State(const Scenario& s, const sim::TimeGrid& g, const sim::StepCalendar& cal, unsigned t)
      : scenario(&s), grid(g), calendar(&cal), threads(t), weather(weather_stream(s)) {
    const auto zone = sim::TimeZone::from_name(s.time.timezone);
    year_of_step = run_year_of_steps(grid, zone);
    const int years = year_of_step.empty() ? 1 : year_of_step.back() + 1;
    const auto N = static_cast<int64_t>(s.participants.size());
    const auto P = static_cast<int64_t>(s.producers.size());

    std::map<TrackKey, int> tracks;
    track_of.assign(static_cast<size_t>(P), -1);
    ageing.resize(static_cast<size_t>(P));
    csv_production.resize(static_cast<size_t>(P));
    for (int64_t j = 0; j < P; ++j) {
      const Producer& p = s.producers[static_cast<size_t>(j)];
      if (const auto* pv = std::get_if<PvSpec>(&p.production.source)) {
        const auto [it, added] = tracks.emplace(track_key(p, *pv), static_cast<int>(tracks.size()));
        if (added) track_site.push_back(it->first);
        track_of[static_cast<size_t>(j)] = it->second;
        ageing[static_cast<size_t>(j)] =
            yearly_factors(1.0 - pv->degradation_per_year, pv->age_years, years);
      }
    }
    sim::parallel_for(P, threads, [&](int64_t j) {
      const Producer& p = s.producers[static_cast<size_t>(j)];
      if (const auto* csv = std::get_if<CsvSeriesSpec>(&p.production.source))
        csv_production[static_cast<size_t>(j)] = energy::read_series_csv(*csv, grid, zone);
    });

    std::map<std::string, int64_t> behind_meter;  // participant id -> producer index
    for (int64_t j = 0; j < P; ++j)
      if (!s.producers[static_cast<size_t>(j)].behind_meter_of.empty())
        behind_meter[s.producers[static_cast<size_t>(j)].behind_meter_of] = j;
    generator.resize(static_cast<size_t>(N));
    csv_load.resize(static_cast<size_t>(N));
    growth.resize(static_cast<size_t>(N));
    own_plant.assign(static_cast<size_t>(N), -1);
    // Generators take one pass over the run each (their total): in parallel.
    sim::parallel_for(N, threads, [&](int64_t i) {
      const auto k = static_cast<size_t>(i);
      const Participant& p = s.participants[k];
      growth[k] = yearly_factors(1.0 + p.consumption.growth_per_year, 0, years);
      if (const auto it = behind_meter.find(p.id); it != behind_meter.end())
        own_plant[k] = it->second;
      if (const auto* csv = std::get_if<CsvSeriesSpec>(&p.consumption.source)) {
        csv_load[k] = energy::read_series_csv(*csv, grid, zone);
        return;
      }
      const auto& spec = std::get<LoadProfileSpec>(p.consumption.source);
      const uint64_t entity = sim::entity_key(p.id);
      const sim::RandomStream shape(s.seed, s.replicate, sim::Purpose::kProfileShape, entity);
      const sim::RandomStream variation(s.seed, s.replicate, sim::Purpose::kProfileVariation,
                                        entity);
      generator[k] = std::make_unique<energy::LoadGenerator>(
          spec, grid, *calendar, shape, variation, energy::school_zone_from_name(s.school_zone));
    });
  }
};

InputStream::InputStream(const Scenario& scenario, const sim::TimeGrid& grid,
                         const sim::StepCalendar& calendar, unsigned threads)
    : state_(std::make_unique<State>(scenario, grid, calendar, threads)) {}
InputStream::InputStream() = default;
InputStream::~InputStream() = default;
InputStream::InputStream(InputStream&&) noexcept = default;
InputStream& InputStream::operator=(InputStream&&) noexcept = default;

void InputStream::fill(int64_t first_period, int64_t last_period, economics::RowMatrix& consumption,
                       economics::RowMatrix& production, EnergyInputs* totals) const {
  const State& st = *state_;
  const Scenario& s = *st.scenario;
  const sim::StepCalendar& whole = *st.calendar;
  const int64_t t0 = whole.period_first_step[static_cast<size_t>(first_period)];
  const int64_t t1 = whole.period_first_step[static_cast<size_t>(last_period)];
  const int64_t rows = t1 - t0;
  const auto N = static_cast<int64_t>(s.participants.size());
  const auto P = static_cast<int64_t>(s.producers.size());
  const sim::TimeGrid grid{st.grid.step_start(t0), st.grid.step_seconds, rows};
  const sim::StepCalendar cal = whole.slice(first_period, last_period);
  const std::vector<int32_t> year_of_step(st.year_of_step.begin() + t0,
                                          st.year_of_step.begin() + t1);

  // The sun over these steps only, with the whole run's knots (pv::SunTrackOptions).
  std::vector<pv::SunTrack> tracks(st.track_site.size());
  pv::SunTrackOptions track_options;
  track_options.knot_origin_utc = st.grid.start_utc;
  sim::parallel_for(static_cast<int64_t>(tracks.size()), st.threads, [&](int64_t k) {
    const TrackKey& site = st.track_site[static_cast<size_t>(k)];
    tracks[static_cast<size_t>(k)] =
        pv::compute_sun_track(GeoPoint{site.lat, site.lon}, grid, track_options);
  });
  std::vector<std::vector<double>>& prod = st.prod;
  prod.resize(static_cast<size_t>(P));
  sim::parallel_for(P, st.threads, [&](int64_t j) {
    const auto k = static_cast<size_t>(j);
    const Producer& p = s.producers[k];
    if (const auto* pv = std::get_if<PvSpec>(&p.production.source)) {
      prod[k] =
          pv::pv_production(*pv, tracks[static_cast<size_t>(st.track_of[k])], cal, st.weather);
      scale_by_year(prod[k].data(), prod[k].size(), year_of_step, st.ageing[k]);
    } else {
      prod[k].assign(st.csv_production[k].begin() + t0, st.csv_production[k].begin() + t1);
    }
  });
  tracks.clear();

  // Matrices with enough rows are kept (a run's periods differ in length by a few days).
  // They are touched once per period: on huge pages they cost 512 times fewer page faults.
  for (auto [m, cols] : {std::pair{&consumption, N}, std::pair{&production, P}}) {
    if (m->rows() >= rows && m->cols() == cols) continue;
    m->resize(rows, cols);
    sim::advise_huge_pages(m->data(), static_cast<size_t>(m->size()) * sizeof(double));
  }
  // Series are built per participant (contiguous), then transposed by tiles into the
  // time-major rows: writing a [rows, N] row-major matrix column by column would touch one
  // cache line per value. They are built a block of participants at a time (about 8 MB of
  // series), whose memory the next block reuses instead of faulting in a second [rows, N].
  constexpr int64_t kBlockBytes = 8 << 20;
  const int64_t block = std::clamp<int64_t>(kBlockBytes / std::max<int64_t>(1, rows * 8), 64,
                                            std::max<int64_t>(N, 1));
  const auto length = static_cast<size_t>(rows);
  std::vector<double>& withdrawal = st.withdrawal;
  if (withdrawal.size() < static_cast<size_t>(std::min(N, block)) * length) {
    withdrawal.resize(static_cast<size_t>(std::min(N, block)) * length);
    sim::advise_huge_pages(withdrawal.data(), withdrawal.size() * sizeof(double));
  }
  std::vector<const double*> columns(static_cast<size_t>(std::min(N, block)));
  for (size_t k = 0; k < columns.size(); ++k) columns[k] = withdrawal.data() + k * length;
  for (int64_t i0 = 0; i0 < N; i0 += block) {
    const int64_t count = std::min(N - i0, block);
    sim::parallel_for(count, st.threads, [&](int64_t k) {
      const auto i = static_cast<size_t>(i0 + k);
      double* load = withdrawal.data() + static_cast<size_t>(k) * length;
      if (st.generator[i])
        st.generator[i]->fill(whole, t0, t1, load);
      else
        std::copy(st.csv_load[i].begin() + t0, st.csv_load[i].begin() + t1, load);
      scale_by_year(load, length, year_of_step, st.growth[i]);
      // Totals add step by step into the run's accumulators, in step order.
      double scratch_total = 0, scratch_self = 0;
      double& total = totals ? totals->load_kwh[i] : scratch_total;
      double& self = totals ? totals->self_consumed_kwh[i] : scratch_self;
      if (st.own_plant[i] < 0) {
        for (size_t t = 0; t < length; ++t) total += load[t];
      } else {
        // This producer's vector belongs to participant i alone: no shared writes.
        std::vector<double>& own = prod[static_cast<size_t>(st.own_plant[i])];
        for (size_t t = 0; t < length; ++t) {
          const double used = std::min(load[t], own[t]);
          total += load[t];
          self += used;
          load[t] -= used;
          own[t] -= used;  // what remains is injected
        }
      }
    });
    transpose_into(columns, count, rows, consumption, i0);
  }
  std::vector<const double*> plants(static_cast<size_t>(P));
  for (size_t j = 0; j < plants.size(); ++j) plants[j] = prod[j].data();
  transpose_into(plants, P, rows, production, 0);
}

EnergyInputs build_energy_inputs(const Scenario& s, const sim::TimeGrid& grid,
                                 const sim::StepCalendar& cal, unsigned threads) {
  const InputStream stream(s, grid, cal, threads);
  const auto N = s.participants.size();
  EnergyInputs in;
  in.load_kwh.assign(N, 0.0);
  in.self_consumed_kwh.assign(N, 0.0);
  in.consumption.resize(grid.steps, static_cast<Eigen::Index>(N));
  in.production.resize(grid.steps, static_cast<Eigen::Index>(s.producers.size()));
  for (auto* m : {&in.consumption, &in.production})
    sim::advise_huge_pages(m->data(), static_cast<size_t>(m->size()) * sizeof(double));
  if (cal.periods() > 0) stream.fill(0, cal.periods(), in.consumption, in.production, &in);
  return in;
}

}  // namespace accord::models
