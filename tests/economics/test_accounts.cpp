// Period accounts: a hand-computed two-member month, and the aggregated computation against a
// naive per-step reference over schedule switches, the excise exemption and DST.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>
#include <string>

#include "accord/models/economics/accounts.hpp"
#include "accord/sim/rng.hpp"

using namespace accord;
using namespace accord::models;
using namespace accord::models::economics;

namespace {

const sim::TimeZone& paris() {
  static const sim::TimeZone zone = sim::TimeZone::from_name("Europe/Paris");
  return zone;
}

TariffBook parse_or_fail(const std::string& text) {
  auto ctx = std::make_shared<sim::ConfigContext>("test.yaml");
  const sim::ConfigNode root(YAML::Load(text), "", ctx);
  TariffBook b = parse_tariffs(root.optional("tariffs"), paris());
  ctx->throw_if_errors();
  return b;
}

// Simple round numbers so that the bills can be computed by hand.
const char* kHandTariffs = R"(
tariffs:
  retail:
    schedule: custom
    prices:
      - {from: 2025-01-01, base_eur_per_kwh: 0.20, hp_eur_per_kwh: 0.22, hc_eur_per_kwh: 0.16,
         base_subscription_6kva_eur_per_month: 12, hphc_subscription_6kva_eur_per_month: 13,
         subscription_eur_per_kva_month: 1}
  network:
    turpe_acc_option: true
    versions:
      - from: 2025-04-01
        standard_eur_per_kwh: {hph: 0.08, hch: 0.06, hpb: 0.04, hcb: 0.02}
        autoproduite_eur_per_kwh: {hph: 0.02, hch: 0.01, hpb: 0.01, hcb: 0.005}
        alloproduite_eur_per_kwh: {hph: 0.09, hch: 0.06, hpb: 0.05, hcb: 0.02}
  excise: {acc_exemption: EXEMPT}
  surplus_eur_per_kwh: 0.05
  vat_rate: 0.20
  local_vat_rate: 0.20
  pmo: {fee_eur_per_member_month: 2, costs_eur_per_month: 10}
)";

struct Ledger {
  sim::TimeGrid grid;
  sim::StepCalendar calendar;
  std::vector<Participant> participants;
  std::vector<Producer> producers;
  RowMatrix consumption, allocated, supplied, production, autoprod, surplus;
  RowMatrix member;

  Ledger(int64_t start, int64_t end, int64_t step, size_t n, size_t p)
      : grid(sim::TimeGrid::covering(start, end, step)),
        calendar(sim::StepCalendar::build(grid, paris())),
        participants(n),
        producers(p) {
    const auto T = grid.steps;
    const auto N = static_cast<Eigen::Index>(n), P = static_cast<Eigen::Index>(p);
    consumption = allocated = supplied = RowMatrix::Zero(T, N);
    production = autoprod = surplus = RowMatrix::Zero(T, P);
    member = RowMatrix::Ones(calendar.periods(), N);
  }
  BillingInput input(double internal_price) const {
    BillingInput in;
    in.grid = &grid;
    in.calendar = &calendar;
    in.participants = &participants;
    in.producers = &producers;
    in.consumption = &consumption;
    in.allocated = &allocated;
    in.supplied = &supplied;
    in.production = &production;
    in.autoprod = &autoprod;
    in.surplus = &surplus;
    in.member = &member;
    in.internal_price_eur_per_kwh = internal_price;
    return in;
  }
};

std::string with_exemption(bool exempt) {
  std::string s = kHandTariffs;
  s.replace(s.find("EXEMPT"), 6, exempt ? "true" : "false");
  return s;
}

}  // namespace

TEST_CASE("hand-computed bills: two members, one month", "[accounts]") {
  // April 2025 (low season, after the 2025-03-01 excise exemption), hourly steps.
  Ledger l(paris().to_utc(2025, 4, 1), paris().to_utc(2025, 5, 1), 3600, 2, 1);
  REQUIRE(l.calendar.periods() == 1);
  l.participants[0].id = "a";
  l.participants[0].retail_option = "base";
  l.participants[0].subscribed_kva = 6;
  l.participants[1].id = "b";
  l.participants[1].retail_option = "hphc";
  l.participants[1].subscribed_kva = 9;
  l.producers[0].id = "pv";
  // Step 12 = 12:00-13:00 local on 1 April (HPB); step 23 = 23:00-24:00 (HCB).
  l.consumption.row(12) << 2.0, 3.0;
  l.allocated.row(12) << 1.5, 2.0;
  l.supplied.row(12) << 0.5, 1.0;
  l.consumption.row(23) << 1.0, 2.0;
  l.supplied.row(23) << 1.0, 2.0;
  l.production(12, 0) = 4.0;
  l.autoprod(12, 0) = 3.5;
  l.surplus(12, 0) = 0.5;

  SECTION("with the excise exemption") {
    const PeriodAccounts acc = compute_accounts(parse_or_fail(with_exemption(true)), l.input(0.10));
    // a (Base, 6 kVA): reference = (2 + 1) kWh * 0.20 + 12 subscription = 12.60.
    CHECK(acc.bill_reference(0, 0) == Approx(12.60).margin(1e-12));
    // a with the operation:
    //   supplied HPB 0.5 * (0.20 + (0.05 - 0.04) * 1.2) = 0.5 * 0.212 = 0.106
    //   supplied HCB 1.0 * (0.20 + (0.02 - 0.02) * 1.2) = 0.200
    //   allocated    1.5 * (0.10 internal + 0.01 autoproduite + 0 excise) * 1.2 = 0.198
    //   subscription 12 + PMO fee 2                                        = 14.000
    //   total 14.504; benefit 12.60 - 14.504 = -1.904
    CHECK(acc.bill(0, 0) == Approx(14.504).margin(1e-12));
    CHECK(acc.benefit(0, 0) == Approx(-1.904).margin(1e-12));
    // b (HP/HC, 9 kVA): reference = 3 * 0.22 + 2 * 0.16 + (13 + 1 * 3) = 0.98 + 16 = 16.98.
    CHECK(acc.bill_reference(0, 1) == Approx(16.98).margin(1e-12));
    // b with the operation: 1 * 0.232 + 2 * 0.16 + 2 * 0.132 + 16 + 2 = 18.816.
    CHECK(acc.bill(0, 1) == Approx(18.816).margin(1e-12));
    CHECK(acc.internal_purchase(0, 0) == Approx(0.15).margin(1e-12));
    CHECK(acc.internal_purchase(0, 1) == Approx(0.20).margin(1e-12));
    // Producer: 3.5 kWh * 0.10 internal; 0.5 kWh * 0.05 surplus.
    CHECK(acc.producer_internal_revenue(0, 0) == Approx(0.35).margin(1e-12));
    CHECK(acc.producer_surplus_revenue(0, 0) == Approx(0.025).margin(1e-12));
    CHECK(acc.pmo_fees(0) == Approx(4.0).margin(1e-12));
    CHECK(acc.pmo_costs(0) == Approx(10.0).margin(1e-12));
  }
  SECTION("without the exemption: excise 33.70 EUR/MWh on allocated kWh") {
    const PeriodAccounts acc =
        compute_accounts(parse_or_fail(with_exemption(false)), l.input(0.10));
    // a: allocated 1.5 * (0.10 + 0.01 + 0.0337) * 1.2 = 0.25866 instead of 0.198.
    CHECK(acc.bill(0, 0) == Approx(14.504 - 0.198 + 0.25866).margin(1e-12));
  }
  SECTION("producer's own surplus price overrides the default") {
    l.producers[0].surplus_price_eur_per_kwh = 0.10;
    const PeriodAccounts acc = compute_accounts(parse_or_fail(with_exemption(true)), l.input(0.10));
    CHECK(acc.producer_surplus_revenue(0, 0) == Approx(0.05).margin(1e-12));
  }
  SECTION("a non-member pays retail and no fee") {
    l.member(0, 1) = 0;
    l.allocated.row(12)(1) = 0;
    l.supplied.row(12)(1) = 3;
    const PeriodAccounts acc = compute_accounts(parse_or_fail(with_exemption(true)), l.input(0.10));
    CHECK(acc.bill(0, 1) == Approx(acc.bill_reference(0, 1)).margin(1e-12));
    CHECK(acc.pmo_fees(0) == Approx(2.0).margin(1e-12));
  }
}

namespace {

// The same accounts computed step by step with the book's price functions, the obvious way.
PeriodAccounts naive_accounts(const TariffBook& b, const Ledger& l, double internal, int64_t first,
                              int64_t last) {
  const auto N = static_cast<Eigen::Index>(l.participants.size());
  const auto P = static_cast<Eigen::Index>(l.producers.size());
  const int64_t M = last - first;
  PeriodAccounts a;
  a.bill_reference = a.bill = a.internal_purchase = a.benefit = RowMatrix::Zero(M, N);
  a.producer_internal_revenue = a.producer_surplus_revenue = RowMatrix::Zero(M, P);
  a.pmo_costs = a.pmo_fees = Eigen::VectorXd::Zero(M);
  for (int64_t t = 0; t < l.grid.steps; ++t) {
    const auto ts = static_cast<size_t>(t);
    const int64_t m = l.calendar.period[ts];
    if (m < first || m >= last) continue;
    const Eigen::Index row = m - first;
    const int64_t utc = l.grid.step_start(t);
    const TimeClass c = b.time_class(l.calendar.local_hour[ts], l.calendar.month[ts]);
    const double f = period_fraction(l.calendar, m);
    const auto period_steps = static_cast<double>(l.calendar.period_first_step[size_t(m) + 1] -
                                                  l.calendar.period_first_step[size_t(m)]);
    for (Eigen::Index n = 0; n < N; ++n) {
      const Participant& p = l.participants[size_t(n)];
      const bool hphc = p.retail_option == "hphc";
      const bool mem = l.member(m, n) != 0;
      const double retail = b.retail.at(utc).energy_eur_per_kwh(hphc, is_off_peak(c));
      const double sub =
          b.retail.at(utc).subscription_eur_per_month(hphc, p.subscribed_kva) * f / period_steps;
      a.bill_reference(row, n) += l.consumption(t, n) * retail + sub;
      const double supplied_price = mem ? b.supplied_eur_per_kwh(hphc, c, utc) : retail;
      const double local_price =
          (internal + b.allocated_network_and_excise_eur_per_kwh(c, utc)) * (1 + b.local_vat_rate);
      a.bill(row, n) += l.supplied(t, n) * supplied_price + l.allocated(t, n) * local_price + sub;
      a.internal_purchase(row, n) += l.allocated(t, n) * internal;
    }
    for (Eigen::Index p = 0; p < P; ++p) {
      const double own = l.producers[size_t(p)].surplus_price_eur_per_kwh;
      const double sp = std::isnan(own) ? b.surplus_eur_per_kwh.at(utc) : own;
      a.producer_internal_revenue(row, p) += l.autoprod(t, p) * internal;
      a.producer_surplus_revenue(row, p) += l.surplus(t, p) * sp;
    }
  }
  for (int64_t m = first; m < last; ++m) {
    const Eigen::Index row = m - first;
    const double f = period_fraction(l.calendar, m);
    a.pmo_costs(row) = b.pmo_costs_eur_per_month * f;
    for (Eigen::Index n = 0; n < N; ++n) {
      if (l.member(m, n) == 0) continue;
      a.bill(row, n) += b.pmo_fee_eur_per_member_month * f;
      a.pmo_fees(row) += b.pmo_fee_eur_per_member_month * f;
    }
  }
  a.benefit = a.bill_reference - a.bill;
  return a;
}

// A random but consistent ledger: allocated <= consumption, supplied = rest, pooled
// production split pro rata between producers.
void fill_random(Ledger& l, uint64_t seed) {
  const sim::RandomStream rng(seed, 0, sim::Purpose::kProfileVariation, 7);
  const auto N = l.consumption.cols(), P = l.production.cols();
  for (int64_t t = 0; t < l.grid.steps; ++t) {
    const auto tu = static_cast<uint64_t>(t);
    double pooled_alloc = 0;
    for (Eigen::Index n = 0; n < N; ++n) {
      const double c = 2.0 * rng.uniform(tu, static_cast<uint64_t>(3 * n));
      const double share = rng.uniform(tu, static_cast<uint64_t>(3 * n + 1));
      l.consumption(t, n) = c;
      l.allocated(t, n) = c * share;
      l.supplied(t, n) = c - l.allocated(t, n);
      pooled_alloc += l.allocated(t, n);
    }
    double total = 0;
    for (Eigen::Index p = 0; p < P; ++p)
      total += (l.production(t, p) = 1.0 + 5.0 * rng.uniform(tu, 1000 + static_cast<uint64_t>(p)));
    const double scale = std::max(total, pooled_alloc) / total;
    for (Eigen::Index p = 0; p < P; ++p) {
      l.production(t, p) *= scale;
      l.autoprod(t, p) = l.production(t, p) * pooled_alloc / (total * scale);
      l.surplus(t, p) = l.production(t, p) - l.autoprod(t, p);
    }
  }
}

void check_equal(const RowMatrix& a, const RowMatrix& b, double tol) {
  REQUIRE(a.rows() == b.rows());
  REQUIRE(a.cols() == b.cols());
  CHECK((a - b).cwiseAbs().maxCoeff() <= tol);
}

}  // namespace

TEST_CASE("aggregated accounts equal a naive per-step reference", "[accounts]") {
  // Mid-December 2024 to early March 2026 at 30 min: partial first and last months, TRVE
  // switches (Feb 2025, Aug 2025, Feb 2026), TURPE 6 -> 7, the 2025-03-01 exemption, DST.
  Ledger l(paris().to_utc(2024, 12, 15), paris().to_utc(2026, 3, 3, 12), 1800, 7, 3);
  const char* options[] = {"base", "hphc"};
  for (size_t n = 0; n < l.participants.size(); ++n) {
    l.participants[n].id = "p" + std::to_string(n);
    l.participants[n].retail_option = options[n % 2];
    l.participants[n].subscribed_kva = 3.0 + 3.0 * static_cast<double>(n % 4);
  }
  l.producers[1].surplus_price_eur_per_kwh = 0.0886;
  fill_random(l, 42);
  // Some memberships end and start.
  for (int64_t m = 5; m < l.calendar.periods(); ++m) l.member(m, 2) = 0;
  for (int64_t m = 0; m < 3; ++m) l.member(m, 5) = 0;

  TariffBook book = TariffBook::defaults(paris());
  book.pmo_fee_eur_per_member_month = 1.5;
  book.pmo_costs_eur_per_month = 40;
  // A mid-month retail change, so that a period holds two retail entries.
  RetailPrices mid = book.retail.at(paris().to_utc(2025, 6, 1));
  mid.base_eur_per_kwh = 0.21;
  mid.base_subscription_6kva_eur_per_month = 14.5;
  book.retail.set(paris().to_utc(2025, 6, 16, 12), mid);

  const int64_t M = l.calendar.periods();
  REQUIRE(M == 16);
  for (bool option : {true, false}) {
    book.turpe_acc_option = option;
    for (auto [first, last] : {std::pair<int64_t, int64_t>{0, M}, {3, 9}, {15, 16}}) {
      BillingInput in = l.input(0.12);
      in.first_period = first;
      in.last_period = last;
      const PeriodAccounts got = compute_accounts(book, in);
      const PeriodAccounts want = naive_accounts(book, l, 0.12, first, last);
      // Sums of up to 1,500 terms of ~1 EUR: rounding differences far below 1e-9 EUR.
      check_equal(got.bill_reference, want.bill_reference, 1e-9);
      check_equal(got.bill, want.bill, 1e-9);
      check_equal(got.benefit, want.benefit, 1e-9);
      check_equal(got.internal_purchase, want.internal_purchase, 1e-9);
      check_equal(got.producer_internal_revenue, want.producer_internal_revenue, 1e-9);
      check_equal(got.producer_surplus_revenue, want.producer_surplus_revenue, 1e-9);
      CHECK((got.pmo_fees - want.pmo_fees).cwiseAbs().maxCoeff() <= 1e-9);
      CHECK((got.pmo_costs - want.pmo_costs).cwiseAbs().maxCoeff() <= 1e-9);
    }
  }
  // Internal sales balance: what consumers pay is what producers receive (sum A = sum AUTOPROD).
  const PeriodAccounts all = compute_accounts(book, l.input(0.12));
  CHECK(all.internal_purchase.sum() == Approx(all.producer_internal_revenue.sum()).epsilon(1e-12));
  // Partial months are prorated: 17 of 31 days in December 2024, 3 of 31 in March 2026.
  CHECK(period_fraction(l.calendar, 0) == Approx(17.0 / 31.0));
  CHECK(period_fraction(l.calendar, 15) == Approx(3.0 / 31.0));
  CHECK(period_fraction(l.calendar, 4) == 1.0);
  CHECK(all.pmo_costs(0) == Approx(40.0 * 17.0 / 31.0));
}

TEST_CASE("without local energy the bill is the reference bill", "[accounts]") {
  Ledger l(paris().to_utc(2025, 1, 1), paris().to_utc(2025, 4, 1), 1800, 3, 1);
  fill_random(l, 3);
  l.supplied = l.consumption;
  l.allocated.setZero();
  l.participants[1].retail_option = "hphc";
  TariffBook book = TariffBook::defaults(paris());
  book.turpe_acc_option = false;
  const PeriodAccounts acc = compute_accounts(book, l.input(0.12));
  CHECK(acc.benefit.cwiseAbs().maxCoeff() <= 1e-9);
  // With the ACC option, supplied kWh pay alloproduite > standard in HPH: members lose.
  book.turpe_acc_option = true;
  CHECK(compute_accounts(book, l.input(0.12)).benefit.maxCoeff() < 0);
}

TEST_CASE("bad inputs are rejected", "[accounts]") {
  Ledger l(paris().to_utc(2025, 1, 1), paris().to_utc(2025, 2, 1), 3600, 2, 1);
  BillingInput in = l.input(0.1);
  in.last_period = 5;
  const TariffBook book = TariffBook::defaults(paris());
  CHECK_THROWS_AS(compute_accounts(book, in), std::invalid_argument);
  RowMatrix wrong = RowMatrix::Zero(3, 2);
  in = l.input(0.1);
  in.allocated = &wrong;
  CHECK_THROWS_AS(compute_accounts(book, in), std::invalid_argument);
}

// Timing is reported, not asserted (hidden: run with `test_economics "[.timing]"`).
TEST_CASE("accounts of a year at 30 min for 1,000 participants", "[.timing]") {
  Ledger l(paris().to_utc(2025, 1, 1), paris().to_utc(2026, 1, 1), 1800, 1000, 20);
  fill_random(l, 9);
  const TariffBook book = TariffBook::defaults(paris());
  const auto start = std::chrono::steady_clock::now();
  const PeriodAccounts acc = compute_accounts(book, l.input(0.12));
  const auto ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::cout << "compute_accounts: " << l.grid.steps << " steps x 1000 participants: " << ms
            << " ms (total benefit " << acc.benefit.sum() << " EUR)\n";
  CHECK(acc.bill.rows() == 12);
}
