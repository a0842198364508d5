#include "accord/models/economics/accounts.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "accord/sim/civil_time.hpp"

namespace accord::models::economics {

namespace {

// Days in the local month that contains local day `local_day` (days since 1970-01-01).
int days_in_month_of(int64_t local_day) {
  const sim::CivilDate d = sim::civil_from_days(local_day);
  const int next_year = d.month == 12 ? d.year + 1 : d.year;
  const int next_month = d.month == 12 ? 1 : d.month + 1;
  return static_cast<int>(sim::days_from_civil(next_year, next_month, 1) -
                          sim::days_from_civil(d.year, d.month, 1));
}

// Per-step matrices may have more rows than the grid (scratch buffers sized for the longest
// window are reused across windows); only the grid's rows are read.
void check_shape(const RowMatrix* m, int64_t rows, int64_t cols, const char* name) {
  if (m == nullptr)
    throw std::invalid_argument(std::string("compute_accounts: ") + name + " missing");
  if (m->rows() < rows || m->cols() != cols)
    throw std::invalid_argument(std::string("compute_accounts: ") + name + " has shape " +
                                std::to_string(m->rows()) + "x" + std::to_string(m->cols()) +
                                ", expected " + std::to_string(rows) + "x" + std::to_string(cols));
}

// Prices of one bucket: a run of steps of one billing period with the same tariff entries,
// and one time class.
struct BucketPrices {
  int64_t period = 0;         // absolute period index
  double reference_base = 0;  // retail TTC, Base option, EUR/kWh
  double reference_hphc = 0;  // retail TTC, HP/HC option
  double supplied_base = 0;   // supplied kWh of a member, TTC
  double supplied_hphc = 0;
  double allocated = 0;        // allocated kWh: internal price + network + excise, TTC
  double surplus_default = 0;  // default surplus price, EUR/kWh
};

}  // namespace

double period_fraction(const sim::StepCalendar& cal, int64_t m) {
  const auto first = static_cast<size_t>(cal.period_first_step[static_cast<size_t>(m)]);
  const auto last = static_cast<size_t>(cal.period_first_step[static_cast<size_t>(m) + 1]) - 1;
  const int64_t covered = cal.local_day[last] - cal.local_day[first] + 1;
  const int dim = days_in_month_of(cal.local_day[first]);
  return std::min(1.0, static_cast<double>(covered) / dim);
}

double period_year_fraction(const sim::StepCalendar& cal, int64_t m) {
  const auto first = static_cast<size_t>(cal.period_first_step[static_cast<size_t>(m)]);
  const auto last = static_cast<size_t>(cal.period_first_step[static_cast<size_t>(m) + 1]) - 1;
  double years = 0;
  for (int64_t day = cal.local_day[first]; day <= cal.local_day[last]; ++day) {
    const int year = sim::civil_from_days(day).year;
    const auto days_in_year = static_cast<double>(sim::days_from_civil(year + 1, 1, 1) -
                                                  sim::days_from_civil(year, 1, 1));
    years += 1.0 / days_in_year;
  }
  return years;
}

PeriodAccounts compute_accounts(const TariffBook& tariffs, const BillingInput& in) {
  if (in.grid == nullptr || in.calendar == nullptr || in.participants == nullptr ||
      in.producers == nullptr)
    throw std::invalid_argument(
        "compute_accounts: grid, calendar, participants and producers "
        "are required");
  const sim::TimeGrid& grid = *in.grid;
  const sim::StepCalendar& cal = *in.calendar;
  const auto& participants = *in.participants;
  const auto& producers = *in.producers;
  const int64_t T = grid.steps;
  const auto N = static_cast<int64_t>(participants.size());
  const auto P = static_cast<int64_t>(producers.size());
  check_shape(in.consumption, T, N, "consumption");
  check_shape(in.allocated, T, N, "allocated");
  check_shape(in.supplied, T, N, "supplied");
  check_shape(in.autoprod, T, P, "autoprod");
  check_shape(in.surplus, T, P, "surplus");
  const int64_t M_all = cal.periods();
  const int64_t first = in.first_period;
  const int64_t last = in.last_period < 0 ? M_all : in.last_period;
  if (first < 0 || first > last || last > M_all)
    throw std::invalid_argument("compute_accounts: bad period window");
  if (in.member != nullptr) check_shape(in.member, M_all, N, "member");
  const int64_t M = last - first;

  PeriodAccounts acc;
  acc.bill_reference = RowMatrix::Zero(M, N);
  acc.bill = RowMatrix::Zero(M, N);
  acc.internal_purchase = RowMatrix::Zero(M, N);
  acc.producer_internal_revenue = RowMatrix::Zero(M, P);
  acc.producer_surplus_revenue = RowMatrix::Zero(M, P);
  acc.pmo_costs = Eigen::VectorXd::Zero(M);
  acc.pmo_fees = Eigen::VectorXd::Zero(M);
  acc.benefit = RowMatrix::Zero(M, N);
  if (M == 0) return acc;

  const int64_t t0 = cal.period_first_step[static_cast<size_t>(first)];
  const int64_t t1 = cal.period_first_step[static_cast<size_t>(last)];
  const double internal = in.internal_price_eur_per_kwh;
  const double local_vat = 1.0 + tariffs.local_vat_rate;

  // 1. Buckets: a segment is a run of steps in one period with the same schedule entries;
  //    each segment has one bucket per time class. Steps only carry a bucket index.
  std::vector<BucketPrices> buckets;
  std::vector<int32_t> bucket_of(static_cast<size_t>(t1 - t0));
  // Per segment: first step's retail entry for subscriptions, and its number of steps.
  struct Segment {
    int64_t period;
    size_t retail_index;
    int64_t steps;
  };
  std::vector<Segment> segments;
  {
    int64_t prev_period = -1;
    size_t prev_key[5] = {0, 0, 0, 0, 0};
    for (int64_t t = t0; t < t1; ++t) {
      const int64_t utc = grid.step_start(t);
      const auto ts = static_cast<size_t>(t);
      const int64_t m = cal.period[ts];
      const size_t key[5] = {tariffs.retail.index_at(utc), tariffs.network.index_at(utc),
                             tariffs.excise_eur_per_kwh.index_at(utc),
                             tariffs.surplus_eur_per_kwh.index_at(utc),
                             static_cast<size_t>(tariffs.acc_excise_eur_per_kwh(utc) == 0.0)};
      if (m != prev_period || !std::equal(key, key + 5, prev_key)) {
        prev_period = m;
        std::copy(key, key + 5, prev_key);
        segments.push_back(Segment{m, key[0], 0});
        for (size_t c = 0; c < kTimeClasses; ++c) {
          const auto cls = static_cast<TimeClass>(c);
          const bool hc = is_off_peak(cls);
          const RetailPrices& r = tariffs.retail.at(utc);
          BucketPrices b;
          b.period = m;
          b.reference_base = r.energy_eur_per_kwh(false, hc);
          b.reference_hphc = r.energy_eur_per_kwh(true, hc);
          b.supplied_base = tariffs.supplied_eur_per_kwh(false, cls, utc);
          b.supplied_hphc = tariffs.supplied_eur_per_kwh(true, cls, utc);
          b.allocated =
              (internal + tariffs.allocated_network_and_excise_eur_per_kwh(cls, utc)) * local_vat;
          b.surplus_default = tariffs.surplus_eur_per_kwh.at(utc);
          buckets.push_back(b);
        }
      }
      ++segments.back().steps;
      const auto cls = tariffs.time_class(cal.local_hour[ts], cal.month[ts]);
      bucket_of[static_cast<size_t>(t - t0)] =
          static_cast<int32_t>((segments.size() - 1) * kTimeClasses + static_cast<size_t>(cls));
    }
  }

  // 2. Energy per (bucket, participant) and (bucket, producer): contiguous row sums.
  const size_t B = buckets.size();
  const auto Nu = static_cast<size_t>(N), Pu = static_cast<size_t>(P);
  std::vector<double> cons(B * Nu, 0.0), alloc(B * Nu, 0.0), supp(B * Nu, 0.0);
  std::vector<double> autoprod(B * Pu, 0.0), surplus(B * Pu, 0.0);
  for (int64_t t = t0; t < t1; ++t) {
    const auto b = static_cast<size_t>(bucket_of[static_cast<size_t>(t - t0)]);
    const double* c_row = in.consumption->data() + t * N;
    const double* a_row = in.allocated->data() + t * N;
    const double* s_row = in.supplied->data() + t * N;
    double* c_acc = cons.data() + b * Nu;
    double* a_acc = alloc.data() + b * Nu;
    double* s_acc = supp.data() + b * Nu;
    for (size_t n = 0; n < Nu; ++n) {
      c_acc[n] += c_row[n];
      a_acc[n] += a_row[n];
      s_acc[n] += s_row[n];
    }
    const double* ap_row = in.autoprod->data() + t * P;
    const double* sp_row = in.surplus->data() + t * P;
    double* ap_acc = autoprod.data() + b * Pu;
    double* sp_acc = surplus.data() + b * Pu;
    for (size_t p = 0; p < Pu; ++p) {
      ap_acc[p] += ap_row[p];
      sp_acc[p] += sp_row[p];
    }
  }

  // 3. Prices.
  std::vector<uint8_t> hphc(Nu);
  for (size_t n = 0; n < Nu; ++n) hphc[n] = participants[n].retail_option == "hphc";
  auto is_member = [&](int64_t m, size_t n) {
    return in.member == nullptr || (*in.member)(m, static_cast<Eigen::Index>(n)) != 0.0;
  };
  for (size_t b = 0; b < B; ++b) {
    const BucketPrices& pr = buckets[b];
    const int64_t m = pr.period;
    const Eigen::Index row = m - first;
    const double* c = cons.data() + b * Nu;
    const double* a = alloc.data() + b * Nu;
    const double* s = supp.data() + b * Nu;
    for (size_t n = 0; n < Nu; ++n) {
      const auto col = static_cast<Eigen::Index>(n);
      const double reference = hphc[n] ? pr.reference_hphc : pr.reference_base;
      acc.bill_reference(row, col) += c[n] * reference;
      if (is_member(m, n)) {
        const double supplied = hphc[n] ? pr.supplied_hphc : pr.supplied_base;
        acc.bill(row, col) += s[n] * supplied + a[n] * pr.allocated;
      } else {
        acc.bill(row, col) += s[n] * reference + a[n] * pr.allocated;
      }
      acc.internal_purchase(row, col) += a[n] * internal;
    }
    const double* ap = autoprod.data() + b * Pu;
    const double* sp = surplus.data() + b * Pu;
    for (size_t p = 0; p < Pu; ++p) {
      const auto col = static_cast<Eigen::Index>(p);
      const double own = producers[p].surplus_price_eur_per_kwh;
      acc.producer_internal_revenue(row, col) += ap[p] * internal;
      acc.producer_surplus_revenue(row, col) +=
          sp[p] * (std::isnan(own) ? pr.surplus_default : own);
    }
  }

  // 4. Fixed parts per period: subscriptions (weighted by the steps of each retail entry
  //    within the period), PMO fees and costs.
  std::vector<double> fraction(static_cast<size_t>(M));
  for (int64_t m = first; m < last; ++m)
    fraction[static_cast<size_t>(m - first)] = period_fraction(cal, m);
  for (const Segment& seg : segments) {
    const Eigen::Index row = seg.period - first;
    const auto period_steps =
        static_cast<double>(cal.period_first_step[static_cast<size_t>(seg.period) + 1] -
                            cal.period_first_step[static_cast<size_t>(seg.period)]);
    const double weight =
        fraction[static_cast<size_t>(row)] * static_cast<double>(seg.steps) / period_steps;
    const RetailPrices& r = tariffs.retail.entries()[seg.retail_index].value;
    for (size_t n = 0; n < Nu; ++n) {
      const double sub =
          weight * r.subscription_eur_per_month(hphc[n] != 0, participants[n].subscribed_kva);
      acc.bill_reference(row, static_cast<Eigen::Index>(n)) += sub;
      acc.bill(row, static_cast<Eigen::Index>(n)) += sub;
    }
  }
  for (int64_t m = first; m < last; ++m) {
    const Eigen::Index row = m - first;
    const double f = fraction[static_cast<size_t>(row)];
    const double years = period_year_fraction(cal, m);
    acc.pmo_costs(row) = tariffs.pmo_costs_eur_per_month * f + in.pmo_costs_eur_per_year * years;
    const double fee =
        tariffs.pmo_fee_eur_per_member_month * f + in.pmo_fee_eur_per_member_year * years;
    for (size_t n = 0; n < Nu; ++n) {
      if (!is_member(m, n)) continue;
      // Weighted by membership: a fractional value is a member for part of the period.
      const double weight =
          in.member == nullptr ? 1.0 : (*in.member)(m, static_cast<Eigen::Index>(n));
      acc.bill(row, static_cast<Eigen::Index>(n)) += fee * weight;
      acc.pmo_fees(row) += fee * weight;
    }
  }
  acc.benefit = acc.bill_reference - acc.bill;
  return acc;
}

}  // namespace accord::models::economics
