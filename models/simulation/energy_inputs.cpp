#include "accord/models/simulation/energy_inputs.hpp"

#include <map>

#include "accord/models/energy/french_calendar.hpp"
#include "accord/models/energy/load_series.hpp"
#include "accord/models/pv/pv_production.hpp"
#include "accord/sim/parallel.hpp"

namespace accord::models {

namespace {

// Weather is shared: one cloudiness stream per run (all plants of a 2-20 km perimeter see
// the same days), and one sun track per distinct plant location.
sim::RandomStream weather_stream(const Scenario& s) {
  return sim::RandomStream(s.seed, s.replicate, sim::Purpose::kCloudiness,
                           sim::entity_key(std::string("weather")));
}

std::vector<double> load_series(const Scenario& s, const Participant& p, const sim::TimeGrid& grid,
                                const sim::StepCalendar& cal, const sim::TimeZone& zone) {
  if (const auto* csv = std::get_if<CsvSeriesSpec>(&p.consumption.source))
    return energy::read_series_csv(*csv, grid, zone);
  const auto& spec = std::get<LoadProfileSpec>(p.consumption.source);
  const uint64_t entity = sim::entity_key(p.id);
  const sim::RandomStream shape(s.seed, s.replicate, sim::Purpose::kProfileShape, entity);
  const sim::RandomStream variation(s.seed, s.replicate, sim::Purpose::kProfileVariation, entity);
  return energy::generate_load(spec, grid, cal, shape, variation,
                               energy::school_zone_from_name(s.school_zone));
}

}  // namespace

EnergyInputs build_energy_inputs(const Scenario& s, const sim::TimeGrid& grid,
                                 const sim::StepCalendar& cal, unsigned threads) {
  const auto zone = sim::TimeZone::from_name(s.time.timezone);
  const auto T = grid.steps;
  const auto N = static_cast<int64_t>(s.participants.size());
  const auto P = static_cast<int64_t>(s.producers.size());

  // Sun tracks, one per distinct location of PV plants (computed before the parallel part).
  std::map<std::pair<double, double>, pv::SunTrack> tracks;
  auto plant_site = [&](const Producer& p, const PvSpec& pv) {
    return pv.location ? *pv.location : p.location;
  };
  for (const auto& p : s.producers)
    if (const auto* pv = std::get_if<PvSpec>(&p.production.source)) {
      const GeoPoint site = plant_site(p, *pv);
      const auto key = std::make_pair(site.lat_deg, site.lon_deg);
      if (!tracks.count(key)) tracks.emplace(key, pv::compute_sun_track(site, grid));
    }
  const sim::RandomStream weather = weather_stream(s);

  std::vector<std::vector<double>> prod(static_cast<size_t>(P));
  sim::parallel_for(P, threads, [&](int64_t j) {
    const Producer& p = s.producers[static_cast<size_t>(j)];
    if (const auto* pv = std::get_if<PvSpec>(&p.production.source)) {
      const GeoPoint site = plant_site(p, *pv);
      prod[static_cast<size_t>(j)] =
          pv::pv_production(*pv, tracks.at({site.lat_deg, site.lon_deg}), cal, weather);
    } else {
      prod[static_cast<size_t>(j)] =
          energy::read_series_csv(std::get<CsvSeriesSpec>(p.production.source), grid, zone);
    }
  });

  std::map<std::string, int64_t> behind_meter;  // participant id -> producer index
  for (int64_t j = 0; j < P; ++j)
    if (!s.producers[static_cast<size_t>(j)].behind_meter_of.empty())
      behind_meter[s.producers[static_cast<size_t>(j)].behind_meter_of] = j;

  EnergyInputs in;
  in.consumption.resize(T, N);
  in.production.resize(T, P);
  in.load_kwh.assign(static_cast<size_t>(N), 0.0);
  in.self_consumed_kwh.assign(static_cast<size_t>(N), 0.0);
  // Each participant writes its own column: no shared writes between threads.
  sim::parallel_for(N, threads, [&](int64_t i) {
    const Participant& p = s.participants[static_cast<size_t>(i)];
    const std::vector<double> load = load_series(s, p, grid, cal, zone);
    const auto it = behind_meter.find(p.id);
    std::vector<double>* own =
        it == behind_meter.end() ? nullptr : &prod[static_cast<size_t>(it->second)];
    double total = 0, self = 0;
    for (int64_t t = 0; t < T; ++t) {
      const double l = load[static_cast<size_t>(t)];
      total += l;
      if (own) {
        double& g = (*own)[static_cast<size_t>(t)];
        const double used = std::min(l, g);
        self += used;
        in.consumption(t, i) = l - used;
        g -= used;  // what remains is injected; this producer's vector is touched by i only
      } else {
        in.consumption(t, i) = l;
      }
    }
    in.load_kwh[static_cast<size_t>(i)] = total;
    in.self_consumed_kwh[static_cast<size_t>(i)] = self;
  });
  for (int64_t j = 0; j < P; ++j)
    for (int64_t t = 0; t < T; ++t)
      in.production(t, j) = prod[static_cast<size_t>(j)][static_cast<size_t>(t)];
  return in;
}

}  // namespace accord::models
