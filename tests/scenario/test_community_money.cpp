// community.pmo, community.pooled_producer_revenue and community.funds: values, defaults and
// located errors.
#include <catch2/catch.hpp>

#include <string>

#include "accord/models/scenario/loader.hpp"
#include "accord/sim/error.hpp"
#include "scenario_text_support.hpp"

using namespace accord;
using namespace accord::models;
using accord::test_scenarios::error_of;
using accord::test_scenarios::load;

namespace {

const char* kBase = R"(accord: 1
name: mini
time: {start: 2025-01-01, end: 2025-03-01, step: 30min}
participants:
  - {id: a, kind: household, consumption: {profile: household, annual_kwh: 3000}}
producers:
  - {id: pv, owner: commune, pv: {kwp: 30}}
)";

}  // namespace

TEST_CASE("without money sections nothing is charged, pooled or kept", "[scenario][funds]") {
  const Scenario s = load(kBase);
  CHECK(sharing::pmo_costs_per_year(s.pmo) == 0);
  CHECK(s.pmo.fee_eur_per_member_year == 0);
  CHECK(s.pooled_producer_revenue == PoolingMode::kNone);
  CHECK(s.funds.solidarity_fund.payout.policy == sharing::SolidarityPolicy::kNone);
  CHECK(s.funds.reinvestment_reserve.spending.empty());
  // The resolved scenario states the PMO model and the pooling it ran with.
  CHECK(s.resolved_yaml.find("fee_eur_per_member_year: 0") != std::string::npos);
  CHECK(s.resolved_yaml.find("pooled_producer_revenue: none") != std::string::npos);
}

TEST_CASE("community money sections are read with their units", "[scenario][funds]") {
  const Scenario s = load(std::string(kBase) + R"(community:
  pmo: {fixed_eur_per_year: 600, software_eur_per_year: 1200, staff_hours_per_year: 40,
        staff_eur_per_hour: 35, fee_eur_per_member_year: 24}
  pooled_producer_revenue: surplus
  funds:
    solidarity_fund: {initial_eur: 100, interest_rate_per_year: 0.03,
                      payout: {policy: bill_share, bill_share: 0.15}}
    reinvestment_reserve:
      initial_eur: 2000
      spending:
        - {date: 2025-02-10, eur: 1500, purpose: inverter_replacement}
        - {date: 2025-01-20, eur: 300}
)");
  // 600 + 1200 + 40 h x 35 EUR/h = 3,200 EUR/yr.
  CHECK(sharing::pmo_costs_per_year(s.pmo) == Approx(3200).margin(1e-9));
  CHECK(s.pmo.fee_eur_per_member_year == 24);
  CHECK(s.pooled_producer_revenue == PoolingMode::kSurplus);
  CHECK(s.funds.solidarity_fund.initial_eur == 100);
  CHECK(s.funds.solidarity_fund.interest_rate_per_year == 0.03);
  CHECK(s.funds.solidarity_fund.payout.policy == sharing::SolidarityPolicy::kBillShare);
  CHECK(s.funds.solidarity_fund.payout.bill_share == 0.15);
  const auto& spend = s.funds.reinvestment_reserve.spending;
  REQUIRE(spend.size() == 2);
  // Sorted by date; local midnight in Europe/Paris (UTC+1 in winter).
  CHECK(spend[0].eur == 300);
  CHECK(spend[0].purpose == "other");
  CHECK(spend[1].purpose == "inverter_replacement");
  CHECK(spend[1].at_utc == 1739142000);  // 2025-02-10T00:00+01:00
}

TEST_CASE("bad community money values are located errors", "[scenario][funds]") {
  const std::string base = kBase;
  SECTION("negative PMO cost") {
    const std::string e = error_of(base + "community: {pmo: {fixed_eur_per_year: -5}}\n");
    CHECK(e.rfind("mini.yaml:8:", 0) == 0);
    CHECK(e.find("out of range") != std::string::npos);
    CHECK(e.find("(community.pmo.fixed_eur_per_year)") != std::string::npos);
  }
  SECTION("misspelt PMO key") {
    const std::string e = error_of(base + "community: {pmo: {fee_eur_per_member_yr: 5}}\n");
    CHECK(e.find("did you mean 'fee_eur_per_member_year'") != std::string::npos);
  }
  SECTION("unknown pooling mode") {
    const std::string e = error_of(base + "community: {pooled_producer_revenue: surplu}\n");
    INFO(e);
    CHECK(e.rfind("mini.yaml:8:38:", 0) == 0);
    CHECK(e.find("did you mean 'surplus'") != std::string::npos);
  }
  SECTION("unknown payout policy") {
    const std::string e =
        error_of(base + "community: {funds: {solidarity_fund: {payout: {policy: everyone}}}}\n");
    CHECK(e.find("(community.funds.solidarity_fund.payout.policy)") != std::string::npos);
  }
  SECTION("per_member without an amount") {
    const std::string e =
        error_of(base + "community: {funds: {solidarity_fund: {payout: {policy: per_member}}}}\n");
    CHECK(e.find("needs eur_per_member_year") != std::string::npos);
  }
  SECTION("bill share above 1") {
    const std::string e = error_of(
        base +
        "community: {funds: {solidarity_fund: {payout: {policy: bill_share, bill_share: 2}}}}\n");
    CHECK(e.find("(community.funds.solidarity_fund.payout.bill_share)") != std::string::npos);
  }
  SECTION("spending without an amount") {
    const std::string e = error_of(
        base +
        "community:\n  funds:\n    reinvestment_reserve:\n      spending: [{date: 2025-02-01}]\n");
    CHECK(e.rfind("mini.yaml:11:", 0) == 0);
    INFO(e);
    CHECK(e.find("eur") != std::string::npos);
    CHECK(e.find("(community.funds.reinvestment_reserve.spending[0]") != std::string::npos);
  }
  SECTION("a bad spending date") {
    const std::string e = error_of(base +
                                   "community:\n  funds:\n    reinvestment_reserve:\n      "
                                   "spending: [{date: soon, eur: 5}]\n");
    CHECK(e.find("(community.funds.reinvestment_reserve.spending[0].date)") != std::string::npos);
  }
  SECTION("both the deprecated tariffs.pmo and community.pmo") {
    const std::string e = error_of(base +
                                   "tariffs: {pmo: {costs_eur_per_month: 10}}\n"
                                   "community: {pmo: {fixed_eur_per_year: 120}}\n");
    CHECK(e.find("replaced by community.pmo") != std::string::npos);
  }
}

TEST_CASE("the deprecated flat tariffs.pmo becomes the yearly model", "[scenario][funds]") {
  const Scenario s =
      load(std::string(kBase) +
           "tariffs: {pmo: {fee_eur_per_member_month: 2, costs_eur_per_month: 50}}\n");
  CHECK(s.pmo.fixed_eur_per_year == 600);
  CHECK(s.pmo.fee_eur_per_member_year == 24);
  // Not counted twice: the tariff book's flat values are cleared.
  CHECK(s.tariffs.pmo_costs_eur_per_month == 0);
  CHECK(s.tariffs.pmo_fee_eur_per_member_month == 0);
  REQUIRE(s.warnings.size() == 1);
  CHECK(s.warnings[0].find("deprecated") != std::string::npos);
}
