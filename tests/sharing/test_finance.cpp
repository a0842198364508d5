// Finance (models/sharing/finance.hpp): NPV, IRR, payback and annuities against values
// computed by hand (closed forms of two-period flows; annuity formula), and the PV project's
// cash flows by investor.
#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "accord/models/sharing/finance.hpp"
#include "accord/sim/error.hpp"

using namespace accord::models::sharing;
using Catch::Matchers::Contains;

TEST_CASE("NPV and IRR of -100, 60, 60") {
  const std::vector<double> flows{-100, 60, 60};
  // 60/1.05 + 60/1.05^2 - 100
  CHECK(npv(0.05, flows) == Approx(11.564625850340128).epsilon(1e-12));
  CHECK(npv(0.0, flows) == Approx(20.0));
  // 60x + 60x^2 = 100 with x = 1/(1+r): x = (-3 + sqrt(69))/6, r = 13.0662 %.
  const IrrResult r = irr(flows);
  CHECK(r.status == IrrStatus::kUnique);
  CHECK(r.rate == Approx(0.1306623862918075).epsilon(1e-10));
  CHECK(std::abs(npv(r.rate, flows)) < 1e-8);
}

TEST_CASE("IRR: negative, multiple and missing") {
  // 50x + 40x^2 = 100: x = (-5 + sqrt(185))/8, r = -6.99 %.
  const IrrResult negative = irr({-100, 50, 40});
  CHECK(negative.status == IrrStatus::kUnique);
  CHECK(negative.rate == Approx(-0.06992647456322787).epsilon(1e-9));
  // -100 + 230x - 132x^2 = 0: x = 240/264 or 220/264, r = 10 % and 20 %.
  const IrrResult multiple = irr({-100, 230, -132});
  CHECK(multiple.status == IrrStatus::kMultiple);
  REQUIRE(multiple.roots.size() == 2);
  CHECK(multiple.roots[0] == Approx(0.10).epsilon(1e-9));
  CHECK(multiple.roots[1] == Approx(0.20).epsilon(1e-9));
  CHECK(multiple.rate == Approx(0.10).epsilon(1e-9));  // nearest 0
  const IrrResult one_sign = irr({100, 50});
  CHECK(one_sign.status == IrrStatus::kNone);
  CHECK(std::isnan(one_sign.rate));
  CHECK_THAT(one_sign.reason, Contains("never change sign"));
  // A root at r = -99.999 %: outside the search range.
  const IrrResult out_of_range = irr({-100, 1e-3});
  CHECK(out_of_range.status == IrrStatus::kNone);
  CHECK_THAT(out_of_range.reason, Contains("no rate"));
}

TEST_CASE("payback periods") {
  CHECK(*payback_periods({-100, 60, 60}) == Approx(1 + 40.0 / 60));
  // The cumulative flow dips again in year 2: payback counts from the last negative year.
  CHECK(*payback_periods({-100, 60, -10, 60}) == Approx(2 + 50.0 / 60));
  CHECK_FALSE(payback_periods({-100, 10, 10}).has_value());
  CHECK(*payback_periods({0, 10}) == 0.0);
  // Discounted at 10 %: -100, 54.545, 49.587 -> cumulative -45.455 after year 1.
  CHECK(*discounted_payback_periods(0.10, {-100, 60, 60}) ==
        Approx(1 + (100 - 60 / 1.1) / (60 / 1.21)));
  const CashFlowMetrics m = evaluate_cash_flows({-100, 60, 60}, 0.05);
  CHECK(m.invested_eur == 100);
  CHECK(m.received_eur == 120);
}

TEST_CASE("annuity and loan schedule") {
  // A = P r / (1 - (1 + r)^-n), P = 1000, r = 5 %, n = 10.
  CHECK(annuity_payment(1000, 0.05, 10) == Approx(129.5045749654566).epsilon(1e-12));
  CHECK(annuity_payment(1000, 0.0, 10) == Approx(100));
  const LoanSchedule s = loan_schedule(1000, 0.05, 10);
  REQUIRE(s.payment.size() == 10);
  CHECK(s.interest[0] == Approx(50));
  CHECK(s.balance.back() == Approx(0).margin(1e-9));
  double repaid = 0;
  for (double p : s.principal) repaid += p;
  CHECK(repaid == Approx(1000));
  for (double p : s.payment) CHECK(p == Approx(129.5045749654566));
  CHECK_THROWS_AS(annuity_payment(1000, 0.05, 0), std::invalid_argument);
}

TEST_CASE("PV project cash flows by investor") {
  PvInvestmentSpec spec;
  spec.kwp = 100;
  spec.capex_eur_per_kwp = 1150;  // 115,000 EUR
  spec.subsidies_eur = 15000;
  spec.loan_fraction = 0.5;  // 50,000 EUR at 4 % over 15 years
  spec.equity_shares = {0.6, 0.4, 0.0, 0.0};
  const ProjectCashFlows f = project_cash_flows(spec, {12000});
  REQUIRE(f.equity_flow_eur.size() == 26);
  CHECK(f.equity_flow_eur[0] == Approx(-50000));
  CHECK(f.investor_flow_eur[0][0] == Approx(-30000));
  CHECK(f.investor_flow_eur[1][0] == Approx(-20000));
  // Year 1: revenue 12,000 - O&M 2,000 - annuity 4,497.055.
  CHECK(f.equity_flow_eur[1] == Approx(5502.944981451343));
  // Year 15: O&M escalated 2 %/yr, inverter replaced (10,000), last annuity.
  CHECK(f.om_eur[15] == Approx(-2000 * std::pow(1.02, 14) - 10000));
  CHECK(f.debt_service_eur[16] == 0.0);
  CHECK(f.investor_metrics[0].irr.status == IrrStatus::kUnique);
  // Shares scale flows, so both investors have the same IRR, payback and NPV ratio.
  CHECK(f.investor_metrics[0].irr.rate == Approx(f.investor_metrics[1].irr.rate));
  CHECK(f.investor_metrics[0].npv_eur == Approx(1.5 * f.investor_metrics[1].npv_eur));
  CHECK(*f.investor_metrics[0].payback_years == Approx(*f.investor_metrics[1].payback_years));
  CHECK(f.project_metrics.irr.status == IrrStatus::kUnique);
}

TEST_CASE("finance parameters are validated") {
  PvInvestmentSpec spec;
  spec.equity_shares = {0.5, 0.4, 0.0, 0.0};
  CHECK_THROWS_WITH(validate_pv_investment(spec), Contains("finance.pv.equity_shares"));
  spec = PvInvestmentSpec{};
  spec.loan_fraction = 0.5;
  spec.loan_years = 30;
  CHECK_THROWS_AS(validate_pv_investment(spec), accord::ConfigError);
}

TEST_CASE("PMO budget and fund balances") {
  const PmoBudget b = pmo_budget(PmoCostSpec{}, 10);
  CHECK(b.costs_eur == Approx(600 + 1200 + 40 * 35));
  CHECK(b.fees_eur == Approx(240));
  CHECK(b.balance_eur == Approx(240 - 3200));
  // Inflows 100 per period; requests 0, 250, 50: the fund is never overdrawn.
  const FundLedger l = fund_balances({100, 100, 100}, {0, 250, 50});
  CHECK(l.balance_eur == std::vector<double>{100, 0, 50});
  CHECK(l.paid_eur == std::vector<double>{0, 200, 50});
  CHECK(l.unmet_eur == std::vector<double>{0, 50, 0});
  const FundLedger interest = fund_balances({100, 0}, {}, 0, 0.01);
  CHECK(interest.balance_eur[1] == Approx(101));
}

// ---- PMO costs per year, period rates, solidarity payouts (docs/benefit-rules.md §4) ---------

TEST_CASE("PMO yearly costs add fixed, software and valued staff time", "[finance][pmo]") {
  PmoCostSpec spec;  // 600 + 1200 + 40 h x 35 EUR/h
  CHECK(pmo_costs_per_year(spec) == Approx(3200.0).margin(1e-12));
  CHECK(pmo_costs_per_year(spec) == Approx(pmo_budget(spec, 0).costs_eur).margin(1e-12));
  spec.staff_eur_per_hour = -1;
  try {
    validate_pmo_costs(spec);
    FAIL("expected a ConfigError");
  } catch (const accord::ConfigError& e) {
    CHECK(std::string(e.what()).find("community.pmo.staff_eur_per_hour") != std::string::npos);
  }
}

TEST_CASE("a yearly rate compounds over a period's length", "[finance][funds]") {
  // Twelve months of 1/12 year give back the yearly rate.
  CHECK(std::pow(1 + period_rate(0.05, 1.0 / 12), 12) - 1 == Approx(0.05).epsilon(1e-12));
  CHECK(period_rate(0.03, 28.0 / 365) == Approx(std::pow(1.03, 28.0 / 365) - 1).epsilon(1e-14));
  CHECK(period_rate(0, 0.5) == 0);
  CHECK_THROWS_AS(period_rate(-1, 0.5), std::invalid_argument);
}

TEST_CASE("solidarity requests follow the payout policy and eligibility", "[finance][funds]") {
  const std::vector<double> bills{100, 60, -5, 80};
  const std::vector<double> eligible{1, 1, 1, 0};
  SolidarityPayout none;
  CHECK(solidarity_requests(none, bills, eligible, 0.1) == std::vector<double>(4, 0.0));
  SolidarityPayout share{SolidarityPolicy::kBillShare, 0.25, 0};
  // A quarter of each eligible bill; a negative bill asks nothing; the ineligible nothing.
  CHECK(solidarity_requests(share, bills, eligible, 0.1) == std::vector<double>{25, 15, 0, 0});
  SolidarityPayout flat{SolidarityPolicy::kPerMember, 0, 365};
  const auto asks = solidarity_requests(flat, bills, eligible, 28.0 / 365);
  CHECK(asks[0] == Approx(28.0).epsilon(1e-14));
  CHECK(asks[2] == Approx(28.0).epsilon(1e-14));
  CHECK(asks[3] == 0);
  CHECK_THROWS_AS(solidarity_requests(share, bills, {1, 1}, 0.1), std::invalid_argument);
}

TEST_CASE("proportional rationing pays what is there, equal requests equally", "[finance][funds]") {
  const std::vector<double> asks{30, 10, 10, 0};
  const auto short_of = ration_pro_rata(asks, 25);
  CHECK(short_of[0] == Approx(15).epsilon(1e-14));
  CHECK(short_of[1] == Approx(5).epsilon(1e-14));
  CHECK(short_of[1] == short_of[2]);
  CHECK(short_of[3] == 0);
  // Never more than asked.
  CHECK(ration_pro_rata(asks, 1000) == asks);
  CHECK(ration_pro_rata(asks, 0) == std::vector<double>(4, 0.0));
}

TEST_CASE("one period at a time equals the whole ledger", "[finance][funds]") {
  // The simulation calls fund_balances per period with the previous balance: same result.
  const std::vector<double> in{10, 0, 5, 20}, out{4, 20, 0, 3};
  const double rate = 0.01;
  const FundLedger whole = fund_balances(in, out, 7, rate);
  double balance = 7;
  for (size_t m = 0; m < in.size(); ++m) {
    const FundLedger one = fund_balances({in[m]}, {out[m]}, balance, rate);
    CHECK(one.balance_eur[0] == Approx(whole.balance_eur[m]).epsilon(1e-14));
    CHECK(one.paid_eur[0] == Approx(whole.paid_eur[m]).epsilon(1e-14));
    CHECK(one.unmet_eur[0] == Approx(whole.unmet_eur[m]).margin(1e-14));
    balance = one.balance_eur[0];
  }
  // Period 1 asks 20 with (7 * 1.01 + 10 - 4) * 1.01 = 13.2007 available: pays that, never
  // overdrawn, and records the rest as unmet.
  CHECK(whole.paid_eur[1] == Approx(13.2007).epsilon(1e-12));
  CHECK(whole.unmet_eur[1] == Approx(20 - 13.2007).epsilon(1e-12));
  CHECK(whole.balance_eur[1] == 0);
}
