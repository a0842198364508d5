// The recorder: a finished run written to the HDF5 contract of DESIGN.md §3.3
// (docs/hdf5-format.md documents every name written here).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "accord/models/output/ledger_stream.hpp"
#include "accord/models/output/run_result.hpp"
#include "accord/sim/error.hpp"
#include "accord/sim/h5/h5.hpp"
#include "finite_check.hpp"
#include "sha256.hpp"
#include "step_series.hpp"

namespace accord::models::output {

namespace h5 = sim::h5;

namespace {

// Contract version of the run file; bump the major on any incompatible change.
constexpr int32_t kFormatMajor = 1;
// 1.1 adds /periods energy totals, /periods/producer_pooled_revenue and /sharing/funds.
// 1.2 fills /governance and adds /actors and /dynamics/trust_pmo.
// 1.3 adds phase 4's /dynamics (satisfaction, aspiration, attitude, candidates, network).
// 1.4 adds /dynamics/membership (with it /participants holds the candidates too, member 0
//     in /periods/member until they join), /dynamics/trust_municipality and
//     /dynamics/trust_intermediaries/<id>.
// 1.5 adds /producers/commissioned_period (planned plants built by an expansion).
constexpr int32_t kFormatMinor = 5;
// CF-style time units: readers (xarray) decode these to datetimes.
constexpr const char* kEpochUnits = "seconds since 1970-01-01 00:00:00 UTC";
// Per-period arrays are small: compression hardly matters, keep them cheap.
constexpr int kPeriodDeflate = 1;

h5::WriteOptions meta(std::string units, std::string description, int deflate = 0) {
  return h5::WriteOptions::with(std::move(units), std::move(description)).compress(deflate);
}

std::span<const double> row_major(const RowMatrix& m) {
  return {m.data(), static_cast<size_t>(m.size())};
}

void check_shape(const char* what, Eigen::Index rows, Eigen::Index cols, int64_t want_rows,
                 size_t want_cols) {
  if (rows != want_rows || cols != static_cast<Eigen::Index>(want_cols)) {
    throw IoError(fmt::format("cannot record the run: {} is {}x{}, expected {}x{}", what, rows,
                              cols, want_rows, want_cols));
  }
}

void check_shapes(const RunResult& run, const PeriodEnergy& e, Detail detail) {
  const int64_t t = run.grid.steps;
  const int64_t m = run.calendar.periods();
  const size_t n = run.participants.size();
  const size_t p = run.producers.size();
  if (detail == Detail::kSummary) return;
  if (m < 0) throw IoError("cannot record the run: the calendar has no period starts");
  if (detail == Detail::kFull) {
    check_shape("energy/consumption", run.consumption.rows(), run.consumption.cols(), t, n);
    check_shape("energy/allocated", run.allocated.rows(), run.allocated.cols(), t, n);
    check_shape("energy/supplied", run.supplied.rows(), run.supplied.cols(), t, n);
    check_shape("energy/production", run.production.rows(), run.production.cols(), t, p);
    check_shape("energy/autoprod", run.autoprod.rows(), run.autoprod.cols(), t, p);
    check_shape("energy/surplus", run.surplus.rows(), run.surplus.cols(), t, p);
  }
  const auto& a = run.accounts;
  check_shape("periods/member", run.member.rows(), run.member.cols(), m, n);
  check_shape("periods/bill_reference", a.bill_reference.rows(), a.bill_reference.cols(), m, n);
  check_shape("periods/bill", a.bill.rows(), a.bill.cols(), m, n);
  check_shape("periods/benefit", a.benefit.rows(), a.benefit.cols(), m, n);
  check_shape("periods/internal_purchase", a.internal_purchase.rows(), a.internal_purchase.cols(),
              m, n);
  check_shape("periods/producer_internal_revenue", a.producer_internal_revenue.rows(),
              a.producer_internal_revenue.cols(), m, p);
  check_shape("periods/producer_surplus_revenue", a.producer_surplus_revenue.rows(),
              a.producer_surplus_revenue.cols(), m, p);
  check_shape("periods/pmo_costs", a.pmo_costs.size(), 1, m, 1);
  check_shape("periods/pmo_fees", a.pmo_fees.size(), 1, m, 1);
  // Energy totals are optional: a run handed over without its ledger has none.
  const std::pair<const char*, const RowMatrix*> energy[] = {
      {"periods/consumption", &e.consumption},
      {"periods/allocated", &e.allocated},
      {"periods/supplied", &e.supplied},
      {"periods/production", &e.production},
      {"periods/surplus", &e.surplus}};
  for (const auto& [name, values] : energy)
    if (values->rows() != 0)
      check_shape(name, values->rows(), values->cols(), m,
                  values == &e.production || values == &e.surplus ? p : n);
  const auto& pooled = run.sharing.producer_pooled;
  if (pooled.size() > 0)
    check_shape("periods/producer_pooled_revenue", pooled.rows(), pooled.cols(), m, p);
  for (const auto& f : run.sharing.funds) {
    const std::string name = "sharing/funds/" + f.name;
    for (const auto* v : {&f.balance, &f.inflow, &f.interest, &f.requested, &f.paid, &f.unmet})
      check_shape(name.c_str(), v->size(), 1, m, 1);
    if (f.paid_to_member.size() > 0)
      check_shape((name + "/paid_to_member").c_str(), f.paid_to_member.rows(),
                  f.paid_to_member.cols(), m, n);
  }
}

const char* detail_name(Detail detail) {
  switch (detail) {
    case Detail::kFull:
      return "full";
    case Detail::kPeriods:
      return "periods";
    case Detail::kSummary:
      return "summary";
  }
  return "full";
}

void write_provenance(h5::File& file, const RunResult& run, Detail detail) {
  const auto& p = run.provenance;
  file.set_attr_string("filetype", "accord-run");
  const int32_t version[] = {kFormatMajor, kFormatMinor};
  file.set_attr_ints("format_version", version);
  file.set_attr_string("accord_version", p.accord_version);
  file.set_attr_string("git_sha", p.git_sha);
  file.set_attr_string("created_utc", p.created_utc);
  // Stored as int64: seeds >= 2^63 keep their bit pattern and read back negative.
  file.set_attr_int("seed", static_cast<int64_t>(p.seed));
  file.set_attr_int("replicate", static_cast<int64_t>(p.replicate));
  file.set_attr_string("scenario_name", p.scenario_name);
  file.set_attr_string("detail", detail_name(detail));
  file.set_attr_int("complete", 0);  // set to 1 as the very last write

  auto scenario = file.create_group("scenario");
  scenario.set_attr_string("description", "The resolved scenario of the run");
  auto yaml = scenario.write_string("yaml", p.scenario_yaml,
                                    meta("", "Resolved scenario (YAML, defaults filled in)"));
  yaml.set_attr_string("sha256", sha256_hex(p.scenario_yaml));
}

// Start of each step and of each billing period, seconds since epoch UTC.
std::vector<int64_t> step_starts(const sim::TimeGrid& grid) {
  std::vector<int64_t> start(static_cast<size_t>(grid.steps));
  for (int64_t t = 0; t < grid.steps; ++t) start[static_cast<size_t>(t)] = grid.step_start(t);
  return start;
}

std::vector<int64_t> period_starts(const sim::StepCalendar& calendar) {
  const auto m = static_cast<size_t>(std::max<int64_t>(calendar.periods(), 0));
  return {calendar.period_start_utc.begin(),
          calendar.period_start_utc.begin() + static_cast<std::ptrdiff_t>(m)};
}

void write_time(h5::File& file, const RunResult& run, const std::vector<int64_t>& start) {
  auto group = file.create_group("time");
  group.set_attr_string("description", "The metering-step grid of the run");
  auto ds = group.write_1d("start", start,
                           meta(kEpochUnits, "Start of each metering step (UTC)", kSeriesDeflate));
  ds.set_attr_int("step_seconds", run.grid.step_seconds);
  ds.set_attr_string("timezone", run.timezone);
  ds.make_scale("time");
}

template <class F>
std::vector<double> column(const std::vector<Participant>& ps, F f) {
  std::vector<double> out;
  out.reserve(ps.size());
  for (const auto& p : ps) out.push_back(f(p));
  return out;
}

void write_participants(h5::File& file, const std::vector<Participant>& ps) {
  auto group = file.create_group("participants");
  group.set_attr_string("description", "Static attributes of the participants, one per member");
  std::vector<std::string> id, kind, grp, profile, retail;
  std::vector<int32_t> decile;
  std::vector<uint8_t> low_income;
  for (const auto& p : ps) {
    id.push_back(p.id);
    kind.push_back(p.kind);
    grp.push_back(p.group);
    profile.push_back(p.profile);
    retail.push_back(p.retail_option);
    decile.push_back(static_cast<int32_t>(p.income_decile));
    low_income.push_back(p.low_income ? 1 : 0);
  }
  auto scale = group.write_strings("id", id, meta("", "Participant identifier"));
  scale.make_scale("participant");
  std::vector<h5::Dataset> attached;
  attached.push_back(group.write_strings(
      "kind", kind,
      meta("", "household | business | public | municipality | social_landlord | other")));
  attached.push_back(group.write_strings(
      "group", grp, meta("", "Generating group id, empty for explicit members")));
  attached.push_back(
      group.write_strings("profile", profile, meta("", "Consumption profile name or csv")));
  attached.push_back(
      group.write_strings("retail_option", retail, meta("", "Retail tariff option: base | hphc")));
  attached.push_back(group.write_1d(
      "income_eur_per_year", column(ps, [](const auto& p) { return p.income_eur_per_year; }),
      meta("EUR/year", "Disposable income of the household (NaN unknown)")));
  attached.push_back(
      group.write_1d("income_decile", decile, meta("1", "Income decile 1..10, 0 unknown")));
  attached.push_back(
      group.write_1d("low_income", low_income,
                     meta("1", "1 if eligible for social/solidarity keys and rules, else 0")));
  attached.push_back(group.write_1d(
      "consumption_units", column(ps, [](const auto& p) { return p.consumption_units; }),
      meta("1", "OECD-modified consumption units of the household (NaN unknown)")));
  attached.push_back(group.write_1d("subscribed_kva",
                                    column(ps, [](const auto& p) { return p.subscribed_kva; }),
                                    meta("kVA", "Subscribed power")));
  attached.push_back(group.write_1d("lat",
                                    column(ps, [](const auto& p) { return p.location.lat_deg; }),
                                    meta("degrees_north", "Latitude (WGS84)")));
  attached.push_back(group.write_1d("lon",
                                    column(ps, [](const auto& p) { return p.location.lon_deg; }),
                                    meta("degrees_east", "Longitude (WGS84)")));
  for (auto& ds : attached) ds.attach_scale(scale, 0);
}

void write_producers(h5::File& file, const std::vector<Producer>& ps,
                     const std::vector<int32_t>& commissioned) {
  auto group = file.create_group("producers");
  group.set_attr_string("description", "Static attributes of the producers (injection points)");
  std::vector<std::string> id, owner;
  std::vector<double> lat, lon, surplus_price;
  for (const auto& p : ps) {
    id.push_back(p.id);
    owner.push_back(p.owner);
    lat.push_back(p.location.lat_deg);
    lon.push_back(p.location.lon_deg);
    surplus_price.push_back(p.surplus_price_eur_per_kwh);
  }
  auto scale = group.write_strings("id", id, meta("", "Producer identifier"));
  scale.make_scale("producer");
  std::vector<h5::Dataset> attached;
  attached.push_back(group.write_strings(
      "owner", owner, meta("", "Owner: participant id or actor (commune, cooperative, ...)")));
  attached.push_back(group.write_1d("lat", lat, meta("degrees_north", "Latitude (WGS84)")));
  attached.push_back(group.write_1d("lon", lon, meta("degrees_east", "Longitude (WGS84)")));
  attached.push_back(group.write_1d(
      "surplus_price_eur_per_kwh", surplus_price,
      meta("EUR/kWh", "Price of unallocated injection (NaN: the scenario default)")));
  std::vector<int32_t> from = commissioned;
  from.resize(ps.size(), 0);
  attached.push_back(group.write_1d(
      "commissioned_period", from,
      meta("1",
           "First period the plant produces for the operation: 0 from the start, a later "
           "period for a planned plant an expansion built, -1 never built")));
  for (auto& ds : attached) ds.attach_scale(scale, 0);
}

// Coordinate scales local to a data group: netCDF readers (xarray) name a dimension after
// its scale dataset and only see scales of the group itself or its ancestors, so /energy
// and /periods each carry their own copies named after the dimensions.
struct LocalScales {
  h5::Dataset along;  // time or period
  h5::Dataset participant;
  h5::Dataset producer;
};

LocalScales write_local_scales(h5::Group& group, const char* along_name,
                               const std::vector<int64_t>& along, const char* along_description,
                               const RunResult& run) {
  LocalScales s;
  s.along = group.write_1d(along_name, along, meta(kEpochUnits, along_description));
  s.along.make_scale(along_name);
  std::vector<std::string> pid, qid;
  for (const auto& p : run.participants) pid.push_back(p.id);
  for (const auto& q : run.producers) qid.push_back(q.id);
  s.participant = group.write_strings("participant", pid,
                                      meta("", "Participant identifier (= /participants/id)"));
  s.participant.make_scale("participant");
  s.producer =
      group.write_strings("producer", qid, meta("", "Producer identifier (= /producers/id)"));
  s.producer.make_scale("producer");
  return s;
}

struct EnergySeries {
  const char* name;
  const RowMatrix* values;
  bool per_participant;
  const char* description;
};

// The per-step ledgers of /energy, in the order they are written (kStepSeries).
std::array<EnergySeries, 6> energy_series(const RunResult& run) {
  const std::array<const RowMatrix*, 6> values = {&run.consumption, &run.allocated, &run.supplied,
                                                  &run.production,  &run.autoprod,  &run.surplus};
  std::array<EnergySeries, 6> out{};
  for (size_t i = 0; i < out.size(); ++i)
    out[i] = {kStepSeries[i].name, values[i], kStepSeries[i].per_participant,
              kStepSeries[i].description};
  return out;
}

h5::WriteOptions series_options(const EnergySeries& s) {
  return step_series_options(StepSeries{s.name, s.per_participant, s.description});
}

// Ledgers up to this size are compressed when the run is prepared, outside any lock on HDF5
// (a sweep's runs: the default district's year at detail full is 46 MB); larger ones at write
// time, a band of chunks at a time, so that a long run never holds a compressed copy of its
// ledger beside it.
constexpr uint64_t kPrepareBytes = 64 << 20;

// The ledgers compressed (no HDF5 call), or none of them when they are larger than
// kPrepareBytes or empty (those are compressed as they are written).
std::vector<h5::EncodedArray> encode_energy(const RunResult& run, unsigned threads) {
  const auto series = energy_series(run);
  uint64_t bytes = 0;
  for (const auto& s : series) bytes += static_cast<uint64_t>(s.values->size()) * sizeof(double);
  std::vector<h5::EncodedArray> out(series.size());
  if (bytes > kPrepareBytes) return out;
  for (size_t i = 0; i < series.size(); ++i) {
    const auto& m = *series[i].values;
    if (m.size() == 0) continue;
    out[i] = h5::encode_2d(row_major(m), static_cast<uint64_t>(m.rows()),
                           static_cast<uint64_t>(m.cols()), series_options(series[i]), threads);
  }
  return out;
}

// The ledgers the stream wrote during the run get their scales.
void write_streamed_energy(LedgerStream& stream, const RunResult& run,
                           const std::vector<int64_t>& start) {
  h5::Group& group = stream.group();
  const auto scales =
      write_local_scales(group, "time", start, "Start of each metering step (= /time/start)", run);
  auto& datasets = stream.datasets();
  for (size_t i = 0; i < datasets.size(); ++i) {
    datasets[i].attach_scale(scales.along, 0);
    datasets[i].attach_scale(kStepSeries[i].per_participant ? scales.participant : scales.producer,
                             1);
  }
}

void write_energy(h5::File& file, const RunResult& run, const std::vector<int64_t>& start,
                  const std::vector<h5::EncodedArray>& encoded, unsigned threads) {
  auto group = file.create_group("energy");
  group.set_attr_string("description", kEnergyGroupDescription);
  const auto scales =
      write_local_scales(group, "time", start, "Start of each metering step (= /time/start)", run);
  const auto t = static_cast<uint64_t>(run.grid.steps);
  const uint64_t n = run.participants.size();
  const uint64_t p = run.producers.size();
  const auto series = energy_series(run);
  for (size_t i = 0; i < series.size(); ++i) {
    const auto& s = series[i];
    auto ds = encoded[i].chunks.empty()
                  ? group.write_2d(s.name, row_major(*s.values), t, s.per_participant ? n : p,
                                   series_options(s).on_threads(threads))
                  : group.write_encoded(s.name, encoded[i], series_options(s));
    ds.attach_scale(scales.along, 0);
    ds.attach_scale(s.per_participant ? scales.participant : scales.producer, 1);
  }
}

void write_periods(h5::File& file, const RunResult& run, const PeriodEnergy& energy,
                   const std::vector<int64_t>& start) {
  auto group = file.create_group("periods");
  group.set_attr_string("description", "Accounts per billing period (EUR)");
  const auto scales = write_local_scales(group, "period", start,
                                         "Start of each billing period (= /periods/start)", run);
  auto start_ds =
      group.write_1d("start", start, meta(kEpochUnits, "Start of each billing period (UTC)"));
  start_ds.attach_scale(scales.along, 0);
  const auto m = static_cast<uint64_t>(start.size());
  const uint64_t n = run.participants.size();
  const uint64_t p = run.producers.size();

  auto member = group.write_2d(
      "member", std::span<const uint8_t>(run.member.data(), static_cast<size_t>(run.member.size())),
      m, n, meta("1", "1 where the participant was a member during the period", kPeriodDeflate));
  member.attach_scale(scales.along, 0);
  member.attach_scale(scales.participant, 1);

  const auto& a = run.accounts;
  const RowMatrix pooled =
      run.sharing.producer_pooled.size() > 0
          ? run.sharing.producer_pooled
          : RowMatrix::Zero(static_cast<Eigen::Index>(m), static_cast<Eigen::Index>(p));
  struct Table {
    const char* name;
    const RowMatrix* values;
    bool per_participant;
    const char* description;
  };
  const Table tables[] = {
      {"bill_reference", &a.bill_reference, true,
       "What the participant would pay without the operation"},
      {"bill", &a.bill, true,
       "What the participant pays with the operation (supplier + internal purchase)"},
      {"benefit", &a.benefit, true, "The participant's share of the community benefit"},
      {"internal_purchase", &a.internal_purchase, true,
       "Paid for allocated kWh at the internal price"},
      {"producer_internal_revenue", &a.producer_internal_revenue, false,
       "Sales of AUTOPROD at the internal price"},
      {"producer_surplus_revenue", &a.producer_surplus_revenue, false,
       "Sales of SURPLUS at the surplus price"},
      {"producer_pooled_revenue", &pooled, false,
       "Part of the producer's revenue pooled into the community benefit (kept: internal + "
       "surplus revenue - this)"},
  };
  const Table energy_tables[] = {
      {"consumption", &energy.consumption, true, "Withdrawal over the period (CONS)"},
      {"allocated", &energy.allocated, true, "Allocated local production over the period"},
      {"supplied", &energy.supplied, true, "Complement from the supplier over the period"},
      {"production", &energy.production, false, "Injection over the period (PROD)"},
      {"surplus", &energy.surplus, false, "Unallocated injection over the period (SURPLUS)"},
  };
  for (const auto& s : energy_tables) {
    if (s.values->rows() == 0) continue;  // no ledger handed over
    auto ds = group.write_2d(s.name, row_major(*s.values), m, s.per_participant ? n : p,
                             meta("kWh", s.description, kPeriodDeflate));
    ds.attach_scale(scales.along, 0);
    ds.attach_scale(s.per_participant ? scales.participant : scales.producer, 1);
  }
  for (const auto& s : tables) {
    auto ds = group.write_2d(s.name, row_major(*s.values), m, s.per_participant ? n : p,
                             meta("EUR", s.description, kPeriodDeflate));
    ds.attach_scale(scales.along, 0);
    ds.attach_scale(s.per_participant ? scales.participant : scales.producer, 1);
  }
  auto costs = group.write_1d("pmo_costs",
                              std::span<const double>(a.pmo_costs.data(), static_cast<size_t>(m)),
                              meta("EUR",
                                   "Running costs of the PMO (fixed, software, staff time), "
                                   "prorated by period length"));
  costs.attach_scale(scales.along, 0);
  auto fees =
      group.write_1d("pmo_fees", std::span<const double>(a.pmo_fees.data(), static_cast<size_t>(m)),
                     meta("EUR",
                          "Membership fees collected by the PMO (prorated by period length, "
                          "weighted by membership)"));
  fees.attach_scale(scales.along, 0);
}

// /sharing: value accounting per period and one group per benefit rule (the rule in force
// first, then the counterfactual rules evaluated on the same periods).
void write_sharing(h5::File& file, const RunResult& run, const std::vector<int64_t>& start) {
  const SharingRecord& sh = run.sharing;
  if (sh.rules.empty()) return;
  auto group = file.create_group("sharing");
  group.set_attr_string("description",
                        "Community benefit per billing period and its distribution by each "
                        "benefit rule (docs/benefit-rules.md)");
  const auto scales = write_local_scales(group, "period", start,
                                         "Start of each billing period (= /periods/start)", run);
  const auto m = static_cast<uint64_t>(start.size());
  const uint64_t n = run.participants.size();
  auto vec = [&](h5::Group& g, const char* name, const Eigen::VectorXd& v, const char* units,
                 const char* description) {
    auto ds = g.write_1d(name, std::span<const double>(v.data(), static_cast<size_t>(v.size())),
                         meta(units, description));
    ds.attach_scale(scales.along, 0);
  };
  vec(group, "community_benefit", sh.community_benefit, "EUR",
      "Community benefit V = member savings + pooled producer revenue + PMO fees - PMO costs");
  vec(group, "member_savings", sh.member_savings, "EUR", "Sum of bill_reference - bill");
  vec(group, "pooled_producer_revenue", sh.pooled_producer_revenue, "EUR",
      "Producers' revenue pooled by the community");
  vec(group, "pmo_fees", sh.pmo_fees, "EUR", "Membership fees (already in the bills)");
  vec(group, "pmo_costs", sh.pmo_costs, "EUR", "Running costs of the PMO");
  vec(group, "game_grand_value", sh.game_grand_value, "EUR",
      "v(N) of the community savings game (NaN when no game rule ran)");
  std::vector<std::string> names;
  for (const auto& r : sh.rules) names.push_back(r.name);
  group.write_strings("rules", names,
                      meta("",
                           "Benefit rules recorded: the rule in force first, then the "
                           "counterfactual rules"));
  if (!sh.funds.empty()) {
    auto funds = group.create_group("funds");
    funds.set_attr_string("description",
                          "Balances of the PMO's funds, fed by the territorial shares of the rule "
                          "in force: balance = previous + interest + inflow - paid");
    for (const auto& f : sh.funds) {
      auto g = funds.create_group(f.name);
      g.set_attr_string("description", "Fund " + f.name);
      g.set_attr_double("initial_eur", f.initial_eur);
      vec(g, "balance", f.balance, "EUR", "Balance after the period (never negative)");
      vec(g, "inflow", f.inflow, "EUR", "Territorial share of the rule in force");
      vec(g, "interest", f.interest, "EUR", "Interest earned on the previous balance");
      vec(g, "requested", f.requested, "EUR", "Outflow asked by the payout or spending policy");
      vec(g, "paid", f.paid, "EUR", "Outflow paid (at most what the fund holds)");
      vec(g, "unmet", f.unmet, "EUR", "Requested but not paid for lack of funds");
      if (f.paid_to_member.size() > 0) {
        auto ds = g.write_2d("paid_to_member", row_major(f.paid_to_member), m, n,
                             meta("EUR", "Aid paid to each member's bill", kPeriodDeflate));
        ds.attach_scale(scales.along, 0);
        ds.attach_scale(scales.participant, 1);
      }
    }
  }
  for (const auto& r : sh.rules) {
    auto g = group.create_group(r.name);
    g.set_attr_string("description", "Benefit distribution by rule " + r.name);
    auto benefit = g.write_2d(
        "benefit", row_major(r.benefit), m, n,
        meta("EUR", "Each participant's share of the distributed benefit", kPeriodDeflate));
    benefit.attach_scale(scales.along, 0);
    benefit.attach_scale(scales.participant, 1);
    g.write_2d("territorial", row_major(r.territorial), m, 3,
               meta("EUR",
                    "Territorial shares taken first: solidarity fund, reinvestment "
                    "reserve, municipality (columns)"))
        .attach_scale(scales.along, 0);
    vec(g, "distributed", r.distributed, "EUR", "Benefit distributed to members");
    vec(g, "budget_gap", r.budget_gap, "EUR", "Sum of shares minus distributed benefit");
    vec(g, "ir_violations", r.ir_violations, "1",
        "Members whose share is below their stand-alone value (individual rationality)");
    vec(g, "max_ir_shortfall", r.max_ir_shortfall, "EUR", "Largest individual shortfall");
    vec(g, "core_shortfall", r.core_shortfall, "EUR",
        "Largest v(S) - x(S) over coalitions (NaN: not computed)");
    vec(g, "core_exact", r.core_exact, "1",
        "1 when all coalitions were checked, 0 for a sampled lower bound, NaN not computed");
    vec(g, "core_coalitions", r.core_coalitions, "1", "Coalitions checked");
    vec(g, "max_standard_error", r.max_standard_error, "EUR",
        "Largest standard error of a sampled Shapley share (0 when exact)");
  }
}

void write_summary(h5::File& file, const std::vector<Kpi>& kpis) {
  auto group = file.create_group("summary");
  group.set_attr_string("description", "Scalar indicators of the run");
  for (const auto& k : kpis) {
    if (k.name.empty() || k.name.find('/') != std::string::npos || k.name == ".") {
      throw IoError(fmt::format("cannot record the run: invalid summary name '{}'", k.name));
    }
    group.write_scalar(k.name, k.value, meta(k.units.empty() ? "1" : k.units, k.description));
  }
}

std::span<const double> values_of(const Eigen::VectorXd& v) {
  return {v.data(), static_cast<size_t>(v.size())};
}

void write_rules_in_force(h5::Group& group, const GovernanceRecord& g, uint64_t m) {
  auto f = group.create_group("in_force");
  f.set_attr_string("description", "The rules in force in each billing period");
  f.write_strings("sharing_key", g.key_in_force, meta("", "Sharing key (one-line YAML)"));
  f.write_strings("benefit_rule", g.rule_in_force, meta("", "Benefit rule (one-line YAML)"));
  f.write_1d("internal_price", values_of(g.internal_price), meta("EUR/kWh", "Internal price"));
  f.write_2d(
      "territorial", row_major(g.territorial), m, 3,
      meta("1", "Territorial fractions: solidarity fund, reinvestment reserve, municipality"));
  f.write_1d("pmo_fee", values_of(g.pmo_fee), meta("EUR/member/yr", "Membership fee"));
}

void write_voting_power(h5::Group& group, const GovernanceRecord& g) {
  auto v = group.create_group("voting_power");
  v.set_attr_string("description",
                    "A priori voting power of the statutes on the registered members "
                    "(Shapley-Shubik and normalised Banzhaf)");
  v.write_strings("college", g.college, meta("", "College names"));
  v.write_1d("college_weight", values_of(g.college_weight), meta("1", "Statutory weight"));
  v.write_1d("college_members", g.college_members, meta("1", "Registered members"));
  v.write_1d("college_shapley_shubik", values_of(g.college_shapley_shubik),
             meta("1", "Sum of its members' Shapley-Shubik indices"));
  v.write_1d("college_banzhaf", values_of(g.college_banzhaf),
             meta("1", "Sum of its members' normalised Banzhaf indices"));
  v.write_1d("member_college", g.member_college, meta("", "College of each participant, -1 none"));
  v.write_1d("member_shapley_shubik", values_of(g.member_shapley_shubik),
             meta("1", "Shapley-Shubik index of each member"));
  v.write_1d("member_banzhaf", values_of(g.member_banzhaf),
             meta("1", "Normalised Banzhaf index of each member"));
  v.write_scalar("exact", static_cast<uint8_t>(g.power_exact ? 1 : 0),
                 meta("", "1 exact, 0 sampled"));
}

void write_governance_rows(h5::Group& group, const GovernanceRecord& g, uint64_t n) {
  const auto& rows = g.rows;
  const uint64_t r = rows.size();
  size_t k_max = 1;
  for (const auto& row : rows) k_max = std::max(k_max, row.options.size());
  const uint64_t k = k_max;
  std::vector<int64_t> period, time, chosen, rounds;
  std::vector<std::string> item, protocol, decided_by, refused, options, source;
  std::vector<uint8_t> changed, quorum, agreed;
  std::vector<double> support, participation, turnout, forecast, cost;
  std::vector<int32_t> ballot;
  std::vector<double> utility, payoff;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const auto& row : rows) {
    period.push_back(row.period);
    time.push_back(row.time_utc);
    chosen.push_back(row.chosen);
    rounds.push_back(row.rounds);
    item.push_back(row.item);
    protocol.push_back(row.protocol);
    decided_by.push_back(row.decided_by);
    refused.push_back(row.refused);
    changed.push_back(row.changed ? 1 : 0);
    quorum.push_back(row.quorum_reached ? 1 : 0);
    agreed.push_back(row.agreed ? 1 : 0);
    support.push_back(row.support);
    participation.push_back(row.participation);
    turnout.push_back(row.turnout);
    forecast.push_back(row.forecast_error);
    cost.push_back(row.transaction_cost_eur);
    for (size_t c = 0; c < k; ++c) {
      options.push_back(c < row.options.size() ? row.options[c] : "");
      source.push_back(c < row.option_source.size() ? row.option_source[c] : "");
    }
    for (uint64_t i = 0; i < n; ++i) {
      ballot.push_back(i < row.ballot.size() ? row.ballot[i] : -2);
      for (size_t c = 0; c < k; ++c) {
        const bool has = static_cast<Eigen::Index>(c) < row.utility.cols();
        utility.push_back(
            has ? row.utility(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c)) : nan);
        payoff.push_back(
            has ? row.payoff_eur(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c)) : nan);
      }
    }
  }
  group.write_1d("period", period, meta("", "Billing period after which the round was held"));
  group.write_1d("time", time, meta(kEpochUnits, "When the round was held (start of period + 1)"));
  group.write_strings("item", item, meta("", "Agenda item"));
  group.write_strings("protocol", protocol,
                      meta("", "vote | bargaining | single_text | delegated"));
  group.write_strings("decided_by", decided_by,
                      meta("", "assembly | board | municipality | parties | mediator"));
  group.write_strings_2d("options", options, r, k,
                         meta("", "Options (one-line YAML); [0] status quo"));
  group.write_strings_2d("option_source", source, r, k,
                         meta("", "status_quo | scenario | expertise:<intermediary id>"));
  group.write_1d("chosen", chosen, meta("", "Column of the decided option (0 = status quo kept)"));
  group.write_1d("changed", changed, meta("", "1 when the rule in force changed"));
  group.write_1d("support", support,
                 meta("1", "Vote: share of the base supporting the chosen option"));
  group.write_1d("participation", participation,
                 meta("1", "Share of the registered voting weight taking part"));
  group.write_1d("turnout", turnout, meta("1", "Share of members taking part"));
  group.write_1d("quorum_reached", quorum, meta("", "0 when the quorum was missed"));
  group.write_1d("rounds", rounds, meta("1", "Rounds to agreement"));
  group.write_1d("agreed", agreed, meta("", "1 when the parties agreed"));
  group.write_strings("refused", refused, meta("", "Options refused and why"));
  group.write_1d("forecast_error", forecast,
                 meta("1", "Mean |forecast - realised| of the chosen option's normalised payoff"));
  group.write_1d("transaction_cost_eur", cost,
                 meta("EUR", "Transaction cost of the round, charged to the PMO next period"));
  group.write_2d(
      "ballot", ballot, r, n,
      meta("", "Option each member voted for; -1 took no part; -2 not a voter", kPeriodDeflate));
  group.write_3d("utility", utility, r, n, k,
                 meta("1", "Each member's perceived utility of each option", kPeriodDeflate));
  group.write_3d(
      "payoff_eur", payoff, r, n, k,
      meta("EUR", "Each member's evaluated payoff of each option over the window", kPeriodDeflate));
}

void write_governance(h5::File& file, const RunResult& run) {
  const GovernanceRecord& g = run.governance;
  auto group = file.create_group("governance");
  group.set_attr_string("description",
                        "Governance rounds and decisions: one row per round and agenda item "
                        "(docs/hdf5-format.md, docs/governance.md)");
  group.set_attr_string("calendar", g.calendar);
  group.set_attr_int("window_periods", g.window_periods);
  group.set_attr_int("rounds", g.rounds);
  const auto m = static_cast<uint64_t>(run.calendar.periods());
  const uint64_t n = run.participants.size();
  if (g.internal_price.size() == static_cast<Eigen::Index>(m)) write_rules_in_force(group, g, m);
  if (g.college.empty()) return;
  write_voting_power(group, g);
  if (!g.rows.empty()) write_governance_rows(group, g, n);
  if (g.trust_pmo.rows() == static_cast<Eigen::Index>(m)) {
    auto d = file.create_group("dynamics");
    d.set_attr_string("description", "Members' state over time (docs/governance.md)");
    d.write_2d("trust_pmo", row_major(g.trust_pmo), m, n,
               meta("1", "Trust in the PMO at the end of each period", kPeriodDeflate));
  }
}

void write_candidates(h5::Group& dynamics, const std::vector<Participant>& candidates) {
  auto group = dynamics.create_group("candidates");
  group.set_attr_string("description",
                        "People inside the perimeter who are not members (dynamics.candidates)");
  auto column = [&](auto get) {
    using T = decltype(get(candidates.front()));
    std::vector<T> out;
    for (const auto& c : candidates) out.push_back(get(c));
    return out;
  };
  if (candidates.empty()) return;
  group.write_strings("id", column([](const Participant& c) { return c.id; }),
                      meta("", "Candidate identifier"));
  group.write_strings("kind", column([](const Participant& c) { return c.kind; }),
                      meta("", "household | business | public | ..."));
  group.write_strings("group", column([](const Participant& c) { return c.group; }),
                      meta("", "Generating group id (empty for an explicit candidate)"));
  group.write_1d("income_decile",
                 column([](const Participant& c) { return static_cast<int32_t>(c.income_decile); }),
                 meta("1", "Income decile 1..10 (0 unknown)"));
  group.write_1d("low_income",
                 column([](const Participant& c) { return static_cast<uint8_t>(c.low_income); }),
                 meta("1", "1 where low-income"));
}

// /dynamics/membership (dynamics.membership): states per period, and who joined and left when.
void write_membership(h5::Group& dynamics, const RunResult& run, const h5::Dataset& participant,
                      const h5::Dataset& period) {
  const MembershipRecord& r = run.membership;
  if (!r.enabled) return;
  const auto m = static_cast<uint64_t>(r.state.rows());
  const uint64_t n = run.participants.size();
  auto group = dynamics.create_group("membership");
  group.set_attr_string("description",
                        "Who applied, joined and left (dynamics.membership, docs/dynamics.md)");
  auto state = group.write_2d(
      "state", std::span<const uint8_t>(r.state.data(), static_cast<size_t>(r.state.size())), m, n,
      meta("1",
           "State after each period's decisions: 0 candidate, 1 applicant, 2 member, 3 member "
           "under notice, 4 left",
           kPeriodDeflate));
  state.attach_scale(period, 0);
  state.attach_scale(participant, 1);
  for (const auto& [name, values, description] :
       {std::tuple{"applied", &r.applied, "Period of application (index into /periods), -1 never"},
        std::tuple{"joined", &r.joined,
                   "First period as a member (0 for founding members), -1 never"},
        std::tuple{"left", &r.left, "First period no longer a member, -1 never"}}) {
    auto ds = group.write_1d(name, *values, meta("1", description));
    ds.attach_scale(participant, 0);
  }
  auto cause = group.write_1d(
      "exit_cause", r.exit_cause,
      meta("1", "Why a member left: 0 did not, 1 dissatisfied, 2 lost money, 3 event"));
  cause.attach_scale(participant, 0);
}

void write_dynamics(h5::File& file, const RunResult& run, const std::vector<int64_t>& periods) {
  const DynamicsRecord& d = run.dynamics;
  if (!d.enabled) return;
  auto group =
      file.exists("dynamics") ? file.open_group("dynamics") : file.create_group("dynamics");
  group.set_attr_string("description",
                        "Members' state over time and attitudes of members and candidates "
                        "(docs/dynamics.md)");
  group.set_attr_string("attitude_model", d.attitude_model);
  const auto m = static_cast<uint64_t>(periods.size());
  const uint64_t n = run.participants.size();
  const uint64_t persons = n + d.candidates.size();
  auto period = group.write_1d("period", periods, meta(kEpochUnits, "Start of each period"));
  period.make_scale("period");
  std::vector<std::string> pid, person;
  for (const auto& p : run.participants) pid.push_back(p.id);
  person = pid;
  for (const auto& c : d.candidates) person.push_back(c.id);
  auto participant = group.write_strings("participant", pid, meta("", "= /participants/id"));
  participant.make_scale("participant");
  auto person_scale = group.write_strings(
      "person", person, meta("", "Participants (/participants/id), then candidates"));
  person_scale.make_scale("person");
  auto per_member = [&](const char* name, const RowMatrix& values, const char* units,
                        const char* description) {
    auto ds =
        group.write_2d(name, row_major(values), m, n, meta(units, description, kPeriodDeflate));
    ds.attach_scale(period, 0);
    ds.attach_scale(participant, 1);
  };
  auto per_person = [&](const char* name, const RowMatrix& values, const char* description) {
    auto ds =
        group.write_2d(name, row_major(values), m, persons, meta("1", description, kPeriodDeflate));
    ds.attach_scale(period, 0);
    ds.attach_scale(person_scale, 1);
  };
  per_member("satisfaction", d.satisfaction, "1",
             "Satisfaction (propensity to stay) at the end of each period, [0, 1]");
  per_member("aspiration", d.aspiration, "1",
             "Expected money as a share of the reference bill at the end of each period");
  if (!group.exists("trust_pmo") && run.governance.trust_pmo.rows() == static_cast<Eigen::Index>(m))
    per_member("trust_pmo", run.governance.trust_pmo, "1",
               "Trust in the PMO at the end of each period");
  per_person("attitude", d.attitude,
             "Attitude towards the operation at the end of each period, [0, 1]");
  if (d.attitude_uncertainty.size() > 0)
    per_person("attitude_uncertainty", d.attitude_uncertainty,
               "Uncertainty of the attitude (relative agreement) at the end of each period");
  if (d.trust_municipality.size() > 0)
    per_person("trust_municipality", d.trust_municipality,
               "Trust in the municipality at the end of each period, [0, 1]");
  if (!d.intermediary_ids.empty()) {
    auto trust = group.create_group("trust_intermediaries");
    trust.set_attr_string("description",
                          "Trust in each intermediary (dataset named by its id) at the end of "
                          "each period, [0, 1]; [M, N + C] like attitude");
    for (size_t k = 0; k < d.intermediary_ids.size(); ++k) {
      auto ds = trust.write_2d(
          d.intermediary_ids[k], row_major(d.trust_intermediaries[k]), m, persons,
          meta("1", "Trust in this intermediary at the end of each period", kPeriodDeflate));
      ds.attach_scale(period, 0);
      ds.attach_scale(person_scale, 1);
    }
  }
  write_candidates(group, d.candidates);
  auto network = group.create_group("network");
  network.set_attr_string("description",
                          "Ties of the social network: indices into /dynamics/person, from < to");
  std::vector<int32_t> from, to;
  for (const auto& [a, b] : d.ties) {
    from.push_back(a);
    to.push_back(b);
  }
  network.write_1d("from", from, meta("1", "Index of one end (into /dynamics/person)"));
  network.write_1d("to", to, meta("1", "Index of the other end (into /dynamics/person)"));
  write_membership(group, run, participant, period);
}

// /lifecycle (format 1.4, with a `lifecycle:` section): the phase of each period and the
// project's events.
void write_lifecycle(h5::File& file, const RunResult& run, const std::vector<int64_t>& periods) {
  const LifecycleRecord& l = run.lifecycle;
  if (!l.enabled) return;
  auto group = file.create_group("lifecycle");
  group.set_attr_string("description",
                        "The project from the first meeting: phase per period, events "
                        "(docs/lifecycle.md)");
  group.set_attr_string("initiator", l.initiator);
  group.set_attr_int("start_period", l.start_period);
  group.set_attr_string("abandoned_in", l.abandoned_in);
  group.set_attr_string("abandonment_cause", l.abandonment_cause);
  auto period = group.write_1d("period", periods, meta(kEpochUnits, "Start of each period"));
  period.make_scale("period");
  auto phase = group.write_1d(
      "phase", l.phase,
      meta("1",
           "Phase in each period: 0 emergence, 1 feasibility, 2 recruitment, 3 structuring, "
           "4 grid agreement, 5 operation, 6 abandoned, 7 dissolved"));
  phase.attach_scale(period, 0);
  auto events = group.create_group("events");
  events.set_attr_string("description", "The project's events in time order");
  std::vector<int32_t> event_period;
  std::vector<int64_t> time;
  std::vector<std::string> type, subject, cause;
  for (const auto& e : l.events) {
    event_period.push_back(static_cast<int32_t>(e.period));
    time.push_back(e.time_utc);
    type.push_back(e.type);
    subject.push_back(e.subject);
    cause.push_back(e.cause);
  }
  events.write_1d("period", event_period, meta("1", "Period it falls in (index into period)"));
  events.write_1d("time", time, meta(kEpochUnits, "When it happened (UTC)"));
  events.write_strings("type", type,
                       meta("",
                            "phase | abandoned | derogation_granted | not_started | outage | "
                            "inverter_failure | anchor_exit | dissolved"));
  events.write_strings("subject", subject, meta("", "The phase, producer or participant"));
  events.write_strings("cause", cause, meta("", "Why, or how it was set (dated, drawn)"));
}

void write_actors(h5::File& file, const RunResult& run) {
  const ActorsSpec& a = run.actors;
  auto group = file.create_group("actors");
  group.set_attr_string("description", "The PMO, municipality and intermediaries as they ran");
  {
    auto pmo = group.create_group("pmo");
    const auto& st = a.pmo.statutes;
    pmo.set_attr_string("form", a.pmo.form);
    static const char* rules[] = {"majority", "qualified_majority", "plurality",
                                  "borda",    "approval",           "unanimity"};
    pmo.set_attr_string("voting_rule", rules[static_cast<int>(st.voting.rule)]);
    pmo.set_attr_string("majority_base",
                        st.voting.base == governance::MajorityBase::kCast ? "cast" : "registered");
    pmo.set_attr_double("qualified_fraction", st.voting.qualified_fraction);
    pmo.set_attr_double("quorum", st.voting.quorum);
    pmo.set_attr_int("board_size", st.board.size);
    pmo.set_attr_string("board_chosen_by", st.board.chosen_by);
    std::string items;
    for (const auto& i : st.board.decides) items += (items.empty() ? "" : ",") + i;
    pmo.set_attr_string("board_items", items);
    std::vector<std::string> names;
    std::vector<double> weights;
    for (const auto& c : st.colleges) {
      names.push_back(c.name);
      weights.push_back(c.weight);
    }
    pmo.write_strings("college_name", names, meta("", "College names"));
    pmo.write_1d("college_weight", weights, meta("1", "College weights"));
    pmo.write_strings("board", run.governance.board, meta("", "Member ids on the board"));
  }
  if (a.municipality.present) {
    auto m = group.create_group("municipality");
    const auto& s = a.municipality;
    m.set_attr_string("id", s.id);
    std::string roles;
    for (const auto& r : s.roles) roles += (roles.empty() ? "" : ",") + r;
    m.set_attr_string("roles", roles);
    m.set_attr_double("staff_hours_per_year", s.staff_hours_per_year);
    m.set_attr_double("budget_eur_per_year", s.budget_eur_per_year);
    std::vector<std::string> names(kMunicipalObjectives.begin(), kMunicipalObjectives.end());
    m.write_strings("objective", names, meta("", "Objectives"));
    std::vector<double> w(s.objectives.begin(), s.objectives.end());
    std::vector<int64_t> at;
    for (const auto& e : s.elections) {
      w.insert(w.end(), e.objectives.begin(), e.objectives.end());
      at.push_back(e.at_utc);
    }
    m.write_2d("objective_weight", w, s.elections.size() + 1, 4,
               meta("1", "Objective weights: row 0 at the start, row e after election e"));
    m.write_1d("election_time", at, meta(kEpochUnits, "Election dates"));
  }
  if (!a.intermediaries.empty()) {
    auto g = group.create_group("intermediaries");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<std::string> id, role, paid_by;
    std::vector<int64_t> from, to;
    std::vector<double> cost, contacts, boost, repair, forecast, transaction;
    std::vector<uint8_t> single;
    for (const auto& i : a.intermediaries) {
      id.push_back(i.id);
      role.push_back(i.mediation && i.expertise ? "mediation+expertise"
                                                : (i.mediation ? "mediation" : "expertise"));
      paid_by.push_back(i.paid_by);
      from.push_back(i.from_utc);
      to.push_back(i.to_utc);
      cost.push_back(i.cost_eur_per_year);
      contacts.push_back(i.mediation ? i.mediation_params.outreach_contacts : nan);
      boost.push_back(i.mediation ? i.mediation_params.participation_boost : nan);
      repair.push_back(i.mediation ? i.mediation_params.trust_repair : nan);
      single.push_back(i.mediation && i.mediation_params.single_text ? 1 : 0);
      forecast.push_back(i.expertise ? i.expertise_params.forecast_error_reduction : nan);
      transaction.push_back(i.expertise ? i.expertise_params.transaction_cost_reduction : nan);
    }
    g.write_strings("id", id, meta("", "Intermediary id"));
    g.write_strings("role", role, meta("", "mediation | expertise | mediation+expertise"));
    g.write_1d("engaged_from", from, meta(kEpochUnits, "Start of the engagement"));
    g.write_1d("engaged_to", to, meta(kEpochUnits, "End of the engagement (exclusive)"));
    g.write_1d("cost_eur_per_year", cost, meta("EUR/yr", "Cost while engaged"));
    g.write_strings("paid_by", paid_by, meta("", "pmo | municipality | subsidy"));
    g.write_1d("cost_eur", values_of(run.governance.intermediary_cost_eur),
               meta("EUR", "Cost paid over the run"));
    g.write_1d("outreach_contacts", contacts, meta("1", "Members contacted before each assembly"));
    g.write_1d("participation_boost", boost, meta("1", "Participation boost of a contact"));
    g.write_1d("trust_repair", repair,
               meta("1", "Share of an outvoted member's trust loss repaired"));
    g.write_1d("single_text", single, meta("", "1 when it facilitates the single text"));
    g.write_1d("forecast_error_reduction", forecast, meta("1", "Forecast sd reduction of advice"));
    g.write_1d("transaction_cost_reduction", transaction, meta("1", "Transaction cost saved"));
  }
  {
    auto b = group.create_group("behaviour");
    b.set_attr_string("description", "Each participant's decision parameters as drawn");
    const auto& ps = run.participants;
    b.write_1d("money_weight", column(ps, [](const auto& p) { return p.behaviour.money_weight; }),
               meta("1", "Weight of own normalised money"));
    b.write_1d("alpha", column(ps, [](const auto& p) { return p.behaviour.alpha; }),
               meta("1", "Fehr-Schmidt alpha"));
    b.write_1d("beta", column(ps, [](const auto& p) { return p.behaviour.beta; }),
               meta("1", "Fehr-Schmidt beta"));
    b.write_1d("community_motive",
               column(ps, [](const auto& p) { return p.behaviour.community_motive; }),
               meta("1", "Weight of the community's self-consumption rate"));
    b.write_1d("participation", column(ps, [](const auto& p) { return p.behaviour.participation; }),
               meta("1", "Propensity to take part at trust 0.5"));
    b.write_1d("initial_trust", column(ps, [](const auto& p) { return p.behaviour.initial_trust; }),
               meta("1", "Trust in the PMO at the start"));
    b.write_1d("forecast_noise",
               column(ps, [](const auto& p) { return p.behaviour.forecast_noise; }),
               meta("1", "Forecast error sd on a normalised payoff"));
  }
}

void write_contents(h5::File& file, const RunResult& run, const PeriodEnergy& energy, Detail detail,
                    const std::vector<h5::EncodedArray>& encoded_energy, unsigned threads,
                    LedgerStream* streamed = nullptr) {
  write_provenance(file, run, detail);
  if (detail != Detail::kSummary) {
    const auto steps = step_starts(run.grid);
    const auto periods = period_starts(run.calendar);
    write_time(file, run, steps);
    write_participants(file, run.participants);
    write_producers(file, run.producers, run.producer_commissioned);
    if (detail == Detail::kFull && streamed != nullptr)
      write_streamed_energy(*streamed, run, steps);
    else if (detail == Detail::kFull)
      write_energy(file, run, steps, encoded_energy, threads);
    write_periods(file, run, energy, periods);
    write_sharing(file, run, periods);
    write_governance(file, run);
    write_dynamics(file, run, periods);
    write_lifecycle(file, run, periods);
    write_actors(file, run);
  }
  write_summary(file, run.summary);
  file.set_attr_int("complete", 1);  // the very last write: readers trust the file from here
}

}  // namespace

Detail parse_detail(const std::string& name) {
  if (name == "full") return Detail::kFull;
  if (name == "periods") return Detail::kPeriods;
  if (name == "summary") return Detail::kSummary;
  throw std::invalid_argument(
      fmt::format("unknown output detail '{}' (known: full, periods, summary)", name));
}

struct PreparedRun::Parts {
  const RunResult* run = nullptr;
  std::string path;
  Detail detail = Detail::kFull;
  unsigned threads = 1;
  PeriodEnergy derived;  // when the run has no per-period energy of its own
  std::vector<h5::EncodedArray> energy;
  const PeriodEnergy& period_energy() const {
    return run->period_energy.consumption.size() > 0 ? run->period_energy : derived;
  }
};

PreparedRun::PreparedRun(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
PreparedRun::PreparedRun(PreparedRun&&) noexcept = default;
PreparedRun& PreparedRun::operator=(PreparedRun&&) noexcept = default;
PreparedRun::~PreparedRun() = default;

PreparedRun prepare_run(const RunResult& run, const std::string& path, Detail detail,
                        unsigned threads) {
  auto parts = std::make_unique<PreparedRun::Parts>();
  parts->run = &run;
  parts->path = path;
  parts->detail = detail;
  parts->threads = threads;
  // Per-period energy: as the simulation computed it, else summed from the per-step ledger
  // (referenced, not copied, when the run has it).
  if (detail != Detail::kSummary && run.period_energy.consumption.size() == 0)
    parts->derived = period_energy_of(run);
  check_shapes(run, parts->period_energy(), detail);
  check_finite(run, parts->period_energy(), path);
  if (detail == Detail::kFull) parts->energy = encode_energy(run, threads);
  return PreparedRun(std::move(parts));
}

void write_prepared(const PreparedRun& prepared) {
  const PreparedRun::Parts& p = *prepared.parts_;
  h5::AtomicFile out(p.path);
  try {
    write_contents(out.file(), *p.run, p.period_energy(), p.detail, p.energy, p.threads);
  } catch (const IoError& e) {
    // A full disk while writing datasets: the temporary goes with `out`; say which output.
    throw IoError(
        fmt::format("{}: cannot write the file, nothing was written ({})", p.path, e.what()));
  }
  out.commit();
}

void write_run(const RunResult& run, const std::string& path, Detail detail, unsigned threads) {
  write_prepared(prepare_run(run, path, detail, threads));
}

void write_run_streamed(const RunResult& run, LedgerStream& stream, unsigned threads) {
  stream.finish();
  h5::AtomicFile& out = stream.file();
  const std::string& path = out.final_path();
  if (run.period_energy.consumption.size() == 0)
    throw IoError(
        fmt::format("{}: cannot record the run: the streamed run has no per-period energy", path));
  // The per-step ledgers are in the file already (checked as they were streamed).
  check_shapes(run, run.period_energy, Detail::kPeriods);
  check_finite(run, run.period_energy, path);
  try {
    write_contents(out.file(), run, run.period_energy, Detail::kFull, {}, threads, &stream);
  } catch (const IoError& e) {
    throw IoError(
        fmt::format("{}: cannot write the file, nothing was written ({})", path, e.what()));
  }
  out.commit();
}

}  // namespace accord::models::output
