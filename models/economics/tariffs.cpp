#include "accord/models/economics/tariffs.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <string_view>

#include "accord/models/physical_bounds.hpp"

namespace accord::models::economics {

namespace {

using sim::ConfigNode;
using sim::Range;
using sim::TimeZone;
using Rates = std::array<double, kTimeClasses>;

int64_t local_midnight(const TimeZone& zone, int year, int month, int day) {
  return zone.to_utc(year, month, day);
}

// TURPE 6 BT <= 36 kVA CU4 (Aug 2023), EUR/kWh by class HPH, HCH, HPB, HCB.
constexpr Rates kTurpe6Standard{0.0667, 0.0456, 0.0143, 0.0088};
constexpr Rates kTurpe6Auto{0.0164, 0.0129, 0.0077, 0.0037};
constexpr Rates kTurpe6Allo{0.0723, 0.0442, 0.0229, 0.0086};
// TURPE 7 (Feb 2025) standard CU4; its ACC option rates were not found (assumption below).
constexpr Rates kTurpe7Standard{0.0750, 0.0513, 0.0160, 0.0100};

// Assumption (docs/tariffs.md): when a TURPE version's ACC option rates are unknown, they keep
// the TURPE 6 ratio to the standard rate of the same class.
Rates scaled_like_turpe6(const Rates& standard, const Rates& turpe6_acc) {
  Rates out{};
  for (size_t i = 0; i < kTimeClasses; ++i)
    out[i] = standard[i] * turpe6_acc[i] / kTurpe6Standard[i];
  return out;
}

// Assumption: TRVE subscriptions grow linearly with the subscribed power, about 1.16 EUR per
// kVA and month around 6-12 kVA (docs/tariffs.md).
constexpr double kSubscriptionSlope = 1.16;

RetailPrices trve_entry(double base, double hp, double hc, double base_sub, double hphc_sub) {
  return RetailPrices{base, hp, hc, base_sub, hphc_sub, kSubscriptionSlope};
}

}  // namespace

TariffBook TariffBook::defaults(const TimeZone& zone) {
  TariffBook b;
  auto at = [&](int y, int m, int d) { return local_midnight(zone, y, m, d); };

  // TRVE (EDF Tarif Bleu) TTC; sources and assumptions in docs/tariffs.md.
  b.retail.set(at(2024, 2, 1), trve_entry(0.2516, 0.2700, 0.2068, 12.62, 12.94));
  b.retail.set(at(2025, 2, 1), trve_entry(0.2016, 0.2146, 0.1696, 13.72, 14.04));
  b.retail.set(at(2025, 8, 1), trve_entry(0.1952, 0.2081, 0.1635, 15.47, 15.79));
  b.retail.set(at(2026, 2, 1), trve_entry(0.1940, 0.2065, 0.1579, 15.86, 16.18));

  b.network.set(at(2023, 8, 1),
                NetworkRates{"TURPE 6", kTurpe6Standard, kTurpe6Auto, kTurpe6Allo, 8.25});
  b.network.set(
      at(2025, 2, 1),
      NetworkRates{"TURPE 7", kTurpe7Standard, scaled_like_turpe6(kTurpe7Standard, kTurpe6Auto),
                   scaled_like_turpe6(kTurpe7Standard, kTurpe6Allo), 8.80});

  b.excise_eur_per_kwh.set(at(2024, 2, 1), 0.02100);
  b.excise_eur_per_kwh.set(at(2025, 2, 1), 0.03370);
  b.excise_eur_per_kwh.set(at(2025, 8, 1), 0.02998);

  b.cta_rate.set(at(2021, 8, 1), 0.2193);
  b.cta_rate.set(at(2026, 2, 1), 0.15);

  // S21-like purchase obligation for small PV: 12.69 c/kWh until Mar 2025, then 4 c/kWh.
  b.surplus_eur_per_kwh.set(at(2024, 1, 1), 0.1269);
  b.surplus_eur_per_kwh.set(at(2025, 3, 1), 0.04);

  b.acc_excise_exemption_from_utc = at(2025, 3, 1);
  for (int m : {11, 12, 1, 2, 3}) b.high_season_month[static_cast<size_t>(m)] = true;
  return b;
}

// ----------------------------------------------------------------------------------------
namespace {

// Reads the dated entries of a list; records an error on duplicate dates. Returns the
// entries' dates and nodes in date order. (ConfigNodes are never assigned or swapped:
// assigning a YAML::Node rebinds the node it refers to, so sorting them would corrupt the
// document; the order is kept in an index instead.)
struct DatedEntries {
  std::vector<ConfigNode> nodes;
  std::vector<int64_t> from_utc;
  std::vector<size_t> order;  // indices into nodes, by date
};

DatedEntries dated_entries(const ConfigNode& list, const std::vector<std::string>& keys,
                           const TimeZone& zone) {
  DatedEntries out;
  if (!list.present() || !list.expect_sequence()) return out;
  for (const ConfigNode& e : list.elements()) {
    if (!e.expect_map(keys)) continue;
    const auto from = e.child("from").as_time_utc(zone);
    if (!from) continue;
    if (std::find(out.from_utc.begin(), out.from_utc.end(), *from) != out.from_utc.end()) {
      e.optional("from").error("two entries have the same 'from' date");
      continue;
    }
    out.nodes.push_back(e);
    out.from_utc.push_back(*from);
  }
  out.order.resize(out.nodes.size());
  for (size_t i = 0; i < out.order.size(); ++i) out.order[i] = i;
  std::sort(out.order.begin(), out.order.end(),
            [&](size_t a, size_t b) { return out.from_utc[a] < out.from_utc[b]; });
  return out;
}

void parse_retail(const ConfigNode& node, const TimeZone& zone, TariffBook& book) {
  if (!node.present() || !node.expect_map({"schedule", "prices"})) return;
  const std::string schedule = node.choice_or("schedule", {"trve", "custom"}, "trve");
  const ConfigNode prices = node.optional("prices");
  const Schedule<RetailPrices> trve = book.retail;
  if (schedule == "custom") {
    book.retail.clear();
    if (!prices.present()) node.error("schedule: custom needs a 'prices' list");
  }
  const auto entries =
      dated_entries(prices,
                    {"from", "base_eur_per_kwh", "hp_eur_per_kwh", "hc_eur_per_kwh",
                     "base_subscription_6kva_eur_per_month", "hphc_subscription_6kva_eur_per_month",
                     "subscription_eur_per_kva_month"},
                    zone);
  const Range price = Range::non_negative().at_most(bounds::kMaxPriceEurPerKwh);
  // Subscriptions are per month, not per kWh: only the general magnitude bound applies.
  const Range monthly = Range::non_negative();
  for (size_t i : entries.order) {
    const int64_t from = entries.from_utc[i];
    const ConfigNode& e = entries.nodes[i];
    // Fields not given inherit the entry in force at that date; a custom schedule's first
    // entry has nothing to inherit energy prices from, so they are required there.
    const bool first_custom = book.retail.empty();
    RetailPrices p = first_custom ? trve.at(from) : book.retail.at(from);
    if (first_custom) {
      p.base_eur_per_kwh = e.number("base_eur_per_kwh", price);
      p.hp_eur_per_kwh = e.number_or("hp_eur_per_kwh", p.base_eur_per_kwh, price);
      p.hc_eur_per_kwh = e.number_or("hc_eur_per_kwh", p.base_eur_per_kwh, price);
    } else {
      p.base_eur_per_kwh = e.number_or("base_eur_per_kwh", p.base_eur_per_kwh, price);
      p.hp_eur_per_kwh = e.number_or("hp_eur_per_kwh", p.hp_eur_per_kwh, price);
      p.hc_eur_per_kwh = e.number_or("hc_eur_per_kwh", p.hc_eur_per_kwh, price);
    }
    p.base_subscription_6kva_eur_per_month = e.number_or(
        "base_subscription_6kva_eur_per_month", p.base_subscription_6kva_eur_per_month, monthly);
    p.hphc_subscription_6kva_eur_per_month = e.number_or(
        "hphc_subscription_6kva_eur_per_month", p.hphc_subscription_6kva_eur_per_month, monthly);
    p.subscription_eur_per_kva_month =
        e.number_or("subscription_eur_per_kva_month", p.subscription_eur_per_kva_month, monthly);
    book.retail.set(from, p);
  }
  if (book.retail.empty()) {
    if (prices.present()) prices.error("schedule: custom needs at least one dated entry");
    book.retail = trve;  // keep a usable book; the error stops the run
  }
}

std::optional<Rates> parse_rates(const ConfigNode& node) {
  if (!node.present() || !node.expect_map({"hph", "hch", "hpb", "hcb"})) return std::nullopt;
  Rates r{};
  const char* names[] = {"hph", "hch", "hpb", "hcb"};
  for (size_t i = 0; i < kTimeClasses; ++i)
    r[i] = node.number(names[i], Range::non_negative().at_most(bounds::kMaxPriceEurPerKwh));
  return r;
}

void parse_network(const ConfigNode& node, const TimeZone& zone, TariffBook& book) {
  if (!node.present() || !node.expect_map({"turpe_acc_option", "versions"})) return;
  book.turpe_acc_option = node.boolean_or("turpe_acc_option", book.turpe_acc_option);
  const auto entries =
      dated_entries(node.optional("versions"),
                    {"from", "name", "standard_eur_per_kwh", "autoproduite_eur_per_kwh",
                     "alloproduite_eur_per_kwh", "fixed_eur_per_month"},
                    zone);
  for (size_t i : entries.order) {
    const int64_t from = entries.from_utc[i];
    const ConfigNode& e = entries.nodes[i];
    NetworkRates n = book.network.at(from);
    n.name = e.string_or("name", "custom");
    const auto standard = parse_rates(e.child("standard_eur_per_kwh"));
    if (!standard) continue;
    n.standard = *standard;
    // Assumption: ACC option rates not given keep the TURPE 6 ratios to the standard rates.
    n.autoproduite = parse_rates(e.optional("autoproduite_eur_per_kwh"))
                         .value_or(scaled_like_turpe6(n.standard, kTurpe6Auto));
    n.alloproduite = parse_rates(e.optional("alloproduite_eur_per_kwh"))
                         .value_or(scaled_like_turpe6(n.standard, kTurpe6Allo));
    n.fixed_eur_per_month =
        e.number_or("fixed_eur_per_month", n.fixed_eur_per_month, Range::non_negative());
    book.network.set(from, n);
  }
}

// A list of {from, <value_key>} merged into `schedule`.
void parse_dated_values(const ConfigNode& list, const char* value_key, Range range,
                        const TimeZone& zone, Schedule<double>& schedule) {
  const DatedEntries entries = dated_entries(list, {"from", value_key}, zone);
  for (size_t i : entries.order)
    if (const auto v = entries.nodes[i].child(value_key).as_number(range))
      schedule.set(entries.from_utc[i], *v);
}

void parse_excise(const ConfigNode& node, const TimeZone& zone, TariffBook& book) {
  if (!node.present() || !node.expect_map({"acc_exemption", "acc_exemption_from", "rates"})) return;
  book.acc_excise_exemption = node.boolean_or("acc_exemption", book.acc_excise_exemption);
  if (auto t = node.optional("acc_exemption_from").as_time_utc(zone))
    book.acc_excise_exemption_from_utc = *t;
  parse_dated_values(node.optional("rates"), "eur_per_kwh",
                     Range::non_negative().at_most(bounds::kMaxPriceEurPerKwh), zone,
                     book.excise_eur_per_kwh);
}

// "HH:MM-HH:MM" (24:00 allowed as an end).
std::optional<HcWindow> parse_window(std::string_view s) {
  auto read_hm = [](std::string_view t, int& minute) {
    if (t.size() != 5 || t[2] != ':') return false;
    int h = 0, m = 0;
    auto r1 = std::from_chars(t.data(), t.data() + 2, h);
    auto r2 = std::from_chars(t.data() + 3, t.data() + 5, m);
    if (r1.ec != std::errc() || r1.ptr != t.data() + 2 || r2.ec != std::errc() ||
        r2.ptr != t.data() + 5 || m < 0 || m > 59 || h < 0 || h > 24 || (h == 24 && m != 0))
      return false;
    minute = h * 60 + m;
    return true;
  };
  const auto dash = s.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  HcWindow w;
  if (!read_hm(s.substr(0, dash), w.start_minute) || !read_hm(s.substr(dash + 1), w.end_minute))
    return std::nullopt;
  if (w.start_minute == w.end_minute || w.start_minute == 24 * 60) return std::nullopt;
  return w;
}

void parse_hc_windows(const ConfigNode& node, TariffBook& book) {
  if (!node.present() || !node.expect_sequence()) return;
  std::vector<HcWindow> windows;
  for (const ConfigNode& e : node.elements()) {
    const auto s = e.as_string();
    if (!s) continue;
    const auto w = parse_window(*s);
    if (!w) {
      e.error("expected an off-peak window \"HH:MM-HH:MM\" (e.g. \"22:00-06:00\"), got '" + *s +
              "'");
      continue;
    }
    windows.push_back(*w);
  }
  book.hc_windows = std::move(windows);
}

void parse_high_season(const ConfigNode& node, TariffBook& book) {
  if (!node.present() || !node.expect_sequence()) return;
  std::array<bool, 13> months{};
  for (const ConfigNode& e : node.elements())
    if (auto m = e.as_integer(Range::between(1, 12))) months[static_cast<size_t>(*m)] = true;
  book.high_season_month = months;
}

}  // namespace

TariffBook parse_tariffs(const ConfigNode& node, const TimeZone& zone) {
  TariffBook book = TariffBook::defaults(zone);
  if (!node.present() || node.is_null()) return book;
  if (!node.expect_map({"retail", "network", "excise", "cta", "hc_windows", "high_season_months",
                        "surplus_eur_per_kwh", "vat_rate", "local_vat_rate", "pmo", "escalation"}))
    return book;
  if (const ConfigNode e = node.optional("escalation");
      e.present() && e.expect_map({"retail_per_year", "network_per_year", "surplus_per_year"})) {
    const Range rate = Range::between(-0.5, 1);
    book.escalation.retail_per_year = e.number_or("retail_per_year", 0, rate);
    book.escalation.network_per_year = e.number_or("network_per_year", 0, rate);
    book.escalation.surplus_per_year = e.number_or("surplus_per_year", 0, rate);
  }
  parse_retail(node.optional("retail"), zone, book);
  parse_network(node.optional("network"), zone, book);
  parse_excise(node.optional("excise"), zone, book);
  if (const ConfigNode cta = node.optional("cta"); cta.present() && cta.expect_map({"rates"}))
    parse_dated_values(cta.optional("rates"), "rate", Range::fraction(), zone, book.cta_rate);
  parse_hc_windows(node.optional("hc_windows"), book);
  parse_high_season(node.optional("high_season_months"), book);

  // A number is a flat price for the whole run; a list of {from, eur_per_kwh} is merged.
  const ConfigNode surplus = node.optional("surplus_eur_per_kwh");
  if (surplus.is_sequence()) {
    parse_dated_values(surplus, "eur_per_kwh",
                       Range::non_negative().at_most(bounds::kMaxPriceEurPerKwh), zone,
                       book.surplus_eur_per_kwh);
  } else if (auto v =
                 surplus.as_number(Range::non_negative().at_most(bounds::kMaxPriceEurPerKwh))) {
    book.surplus_eur_per_kwh = Schedule<double>(*v);
  }

  book.vat_rate = node.number_or("vat_rate", book.vat_rate, Range::fraction());
  book.local_vat_rate = node.number_or("local_vat_rate", book.local_vat_rate, Range::fraction());
  if (const ConfigNode pmo = node.optional("pmo");
      pmo.present() && pmo.expect_map({"fee_eur_per_member_month", "costs_eur_per_month"})) {
    book.pmo_fee_eur_per_member_month = pmo.number_or(
        "fee_eur_per_member_month", book.pmo_fee_eur_per_member_month, Range::non_negative());
    book.pmo_costs_eur_per_month =
        pmo.number_or("costs_eur_per_month", book.pmo_costs_eur_per_month, Range::non_negative());
  }
  return book;
}

namespace {

RetailPrices scaled(RetailPrices r, double f) {
  for (double* v : {&r.base_eur_per_kwh, &r.hp_eur_per_kwh, &r.hc_eur_per_kwh,
                    &r.base_subscription_6kva_eur_per_month,
                    &r.hphc_subscription_6kva_eur_per_month, &r.subscription_eur_per_kva_month})
    *v *= f;
  return r;
}

NetworkRates scaled(NetworkRates n, double f) {
  for (auto* rates : {&n.standard, &n.autoproduite, &n.alloproduite})
    for (double& v : *rates) v *= f;
  n.fixed_eur_per_month *= f;
  return n;
}

double scaled(double v, double f) {
  return v * f;
}

// Rebuilds `schedule` so that what is in force in run year k is scaled by (1 + rate)^k.
template <class V>
void escalate_schedule(Schedule<V>& schedule, double rate, const std::vector<int64_t>& year_start) {
  if (rate == 0 || schedule.empty()) return;
  const Schedule<V> original = schedule;
  for (size_t k = 1; k < year_start.size(); ++k) {
    const double f = std::pow(1.0 + rate, static_cast<double>(k));
    const int64_t from = year_start[k];
    const int64_t to =
        k + 1 < year_start.size() ? year_start[k + 1] : std::numeric_limits<int64_t>::max();
    schedule.set(from, scaled(original.at(from), f));
    for (const auto& e : original.entries())
      if (e.valid_from_utc > from && e.valid_from_utc < to)
        schedule.set(e.valid_from_utc, scaled(e.value, f));
  }
}

}  // namespace

TariffBook escalate(const TariffBook& book, int64_t start_utc, int64_t end_utc,
                    const sim::TimeZone& zone) {
  TariffBook out = book;
  if (!book.escalation.any()) return out;
  std::vector<int64_t> year_start{start_utc};
  while (true) {
    const int64_t next = sim::add_local_years(start_utc, static_cast<int>(year_start.size()), zone);
    if (next >= end_utc) break;
    year_start.push_back(next);
  }
  escalate_schedule(out.retail, book.escalation.retail_per_year, year_start);
  escalate_schedule(out.network, book.escalation.network_per_year, year_start);
  escalate_schedule(out.surplus_eur_per_kwh, book.escalation.surplus_per_year, year_start);
  return out;
}

}  // namespace accord::models::economics
