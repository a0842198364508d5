#pragma once
// Dated tariff schedules: regulated retail (Base, HP/HC), TURPE (standard and the ACC
// option: autoproduite / alloproduite), excise (accise, incl. the 0 rate on eligible ACC kWh
// from 2025-03-01), CTA, VAT, surplus purchase prices, PMO fees. Every default is documented
// with its source and date in docs/tariffs.md.
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "accord/sim/civil_time.hpp"
#include "accord/sim/config_node.hpp"

namespace accord::models::economics {

// A value that changes at dated instants: entries sorted by valid_from (UTC s). Before the
// first entry the first value applies (a run may start before the oldest documented grid).
template <class V>
class Schedule {
 public:
  struct Entry {
    int64_t valid_from_utc = 0;
    V value{};
  };

  Schedule() = default;
  explicit Schedule(V value) { set(std::numeric_limits<int64_t>::min(), std::move(value)); }

  // Inserts or replaces the entry valid from `from_utc`.
  void set(int64_t from_utc, V value) {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), from_utc,
                               [](const Entry& e, int64_t t) { return e.valid_from_utc < t; });
    if (it != entries_.end() && it->valid_from_utc == from_utc)
      it->value = std::move(value);
    else
      entries_.insert(it, Entry{from_utc, std::move(value)});
  }
  void clear() { entries_.clear(); }
  bool empty() const { return entries_.empty(); }
  const std::vector<Entry>& entries() const { return entries_; }

  // Index of the entry in force at `utc` (requires a non-empty schedule).
  size_t index_at(int64_t utc) const {
    auto it = std::upper_bound(entries_.begin(), entries_.end(), utc,
                               [](int64_t t, const Entry& e) { return t < e.valid_from_utc; });
    return it == entries_.begin() ? 0 : static_cast<size_t>(it - entries_.begin()) - 1;
  }
  const V& at(int64_t utc) const { return entries_[index_at(utc)].value; }

 private:
  std::vector<Entry> entries_;
};

// TURPE BT <= 36 kVA time classes (CU4): high season (saison haute) / low season, peak (HP) /
// off-peak (HC). Retail HP/HC follows the same off-peak windows.
enum class TimeClass : uint8_t { kHph = 0, kHch = 1, kHpb = 2, kHcb = 3 };
inline constexpr size_t kTimeClasses = 4;
inline bool is_off_peak(TimeClass c) {
  return c == TimeClass::kHch || c == TimeClass::kHcb;
}

// Regulated retail tariff (TRVE), all taxes included (TTC).
struct RetailPrices {
  double base_eur_per_kwh = 0;
  double hp_eur_per_kwh = 0;
  double hc_eur_per_kwh = 0;
  // Subscription per month for 6 kVA, and its slope per kVA (linear in the subscribed power;
  // an assumption that approximates the TRVE grid, see docs/tariffs.md).
  double base_subscription_6kva_eur_per_month = 0;
  double hphc_subscription_6kva_eur_per_month = 0;
  double subscription_eur_per_kva_month = 0;

  double energy_eur_per_kwh(bool hphc, bool off_peak) const {
    return hphc ? (off_peak ? hc_eur_per_kwh : hp_eur_per_kwh) : base_eur_per_kwh;
  }
  double subscription_eur_per_month(bool hphc, double kva) const {
    const double at6 =
        hphc ? hphc_subscription_6kva_eur_per_month : base_subscription_6kva_eur_per_month;
    return std::max(0.0, at6 + subscription_eur_per_kva_month * (kva - 6.0));
  }
};

// Network tariff (TURPE) energy rates per time class, excl. VAT, EUR/kWh.
struct NetworkRates {
  std::string name;                                 // e.g. "TURPE 6", "TURPE 7"
  std::array<double, kTimeClasses> standard{};      // without the ACC option
  std::array<double, kTimeClasses> autoproduite{};  // ACC option, self-consumed (allocated) kWh
  std::array<double, kTimeClasses> alloproduite{};  // ACC option, kWh bought from the supplier
  double fixed_eur_per_month = 0;  // fixed network part (6 kVA), base of the CTA; informative
};

// Off-peak window in local wall-clock minutes [start, end), wrapping past midnight.
struct HcWindow {
  int start_minute = 22 * 60;
  int end_minute = 6 * 60;
  bool contains(double local_minute) const {
    const double s = start_minute, e = end_minute;
    return s <= e ? (local_minute >= s && local_minute < e)
                  : (local_minute >= s || local_minute < e);
  }
};

// Yearly escalation of prices over a long run (`tariffs.escalation`), fractions per year: in
// year k of the run (counted from the run's start date) the book's values are x (1 + e)^k.
struct TariffEscalation {
  double retail_per_year = 0;   // retail energy prices and subscriptions
  double network_per_year = 0;  // TURPE energy rates and the fixed network part
  double surplus_per_year = 0;  // price of unallocated injection
  bool any() const {
    return retail_per_year != 0 || network_per_year != 0 || surplus_per_year != 0;
  }
};

struct TariffBook {
  Schedule<RetailPrices> retail;              // TTC
  Schedule<NetworkRates> network;             // excl. VAT
  Schedule<double> excise_eur_per_kwh;        // accise on electricity (households, <= 36 kVA)
  Schedule<double> cta_rate;                  // CTA as a fraction of the fixed network part
  Schedule<double> surplus_eur_per_kwh;       // default price of unallocated injection
  bool turpe_acc_option = true;               // the operation subscribed the TURPE ACC option
  bool acc_excise_exemption = true;           // 0 excise on allocated kWh from the date below
  int64_t acc_excise_exemption_from_utc = 0;  // 2025-03-01 local midnight by default
  std::vector<HcWindow> hc_windows{HcWindow{}};
  std::array<bool, 13> high_season_month{};  // [1..12]; default Nov..Mar
  double vat_rate = 0.20;        // on retail energy (fraction); used to split TTC prices
  double local_vat_rate = 0.20;  // on the local part (allocated kWh): assumption
  // Deprecated flat PMO values (`tariffs.pmo`): the scenario loader moves them into
  // `community.pmo` (x 12 per year) and clears them, so scenario runs use BillingInput's
  // yearly PMO model; direct callers of compute_accounts may still set them.
  double pmo_fee_eur_per_member_month = 0;  // paid by each member to the PMO
  double pmo_costs_eur_per_month = 0;       // running costs of the PMO
  TariffEscalation escalation;              // applied by escalate() once the run is known

  // The documented defaults, dates read as local midnight in `zone`.
  static TariffBook defaults(const sim::TimeZone& zone);

  bool is_off_peak_hour(double local_hour) const {
    const double minute = local_hour * 60.0;
    for (const auto& w : hc_windows)
      if (w.contains(minute)) return true;
    return false;
  }
  bool is_high_season(int month) const {
    return month >= 1 && month <= 12 && high_season_month[static_cast<size_t>(month)];
  }
  TimeClass time_class(double local_hour, int month) const {
    const bool hc = is_off_peak_hour(local_hour);
    if (is_high_season(month)) return hc ? TimeClass::kHch : TimeClass::kHph;
    return hc ? TimeClass::kHcb : TimeClass::kHpb;
  }
  // Excise on an allocated (self-consumed) kWh at `utc`.
  double acc_excise_eur_per_kwh(int64_t utc) const {
    if (acc_excise_exemption && utc >= acc_excise_exemption_from_utc) return 0.0;
    return excise_eur_per_kwh.at(utc);
  }
  // Price TTC of a kWh bought from the supplier by a member: the retail price, with the
  // TURPE alloproduite rate replacing the standard one when the ACC option is on.
  double supplied_eur_per_kwh(bool hphc, TimeClass c, int64_t utc) const {
    const auto i = static_cast<size_t>(c);
    const double retail_price = retail.at(utc).energy_eur_per_kwh(hphc, is_off_peak(c));
    if (!turpe_acc_option) return retail_price;
    const NetworkRates& n = network.at(utc);
    return retail_price + (n.alloproduite[i] - n.standard[i]) * (1.0 + vat_rate);
  }
  // Network + tax part of an allocated kWh, excl. VAT: TURPE autoproduite (or standard
  // without the option) plus excise (0 when exempt).
  double allocated_network_and_excise_eur_per_kwh(TimeClass c, int64_t utc) const {
    const auto i = static_cast<size_t>(c);
    const NetworkRates& n = network.at(utc);
    return (turpe_acc_option ? n.autoproduite[i] : n.standard[i]) + acc_excise_eur_per_kwh(utc);
  }
  // Supplier's energy part of a retail kWh, excl. VAT (what remains of the TTC price after
  // VAT, standard TURPE and excise); informative.
  double supplier_energy_eur_per_kwh(bool hphc, TimeClass c, int64_t utc) const {
    const double ht = retail.at(utc).energy_eur_per_kwh(hphc, is_off_peak(c)) / (1.0 + vat_rate);
    return ht - network.at(utc).standard[static_cast<size_t>(c)] - excise_eur_per_kwh.at(utc);
  }
  // CTA per month (included in the TTC subscription; informative).
  double cta_eur_per_month(int64_t utc) const {
    return cta_rate.at(utc) * network.at(utc).fixed_eur_per_month;
  }
};

// Reads the scenario's `tariffs:` section (a missing node gives the documented defaults),
// recording validation errors on the node's context.
TariffBook parse_tariffs(const sim::ConfigNode& node, const sim::TimeZone& zone);

// The book with its escalation applied over [start_utc, end_utc): every entry in force in run
// year k (the value at each anniversary of the start, and entries dated within the year) is
// scaled by (1 + e)^k. Excise, CTA and VAT rates are set by law and not escalated.
TariffBook escalate(const TariffBook& book, int64_t start_utc, int64_t end_utc,
                    const sim::TimeZone& zone);

}  // namespace accord::models::economics
