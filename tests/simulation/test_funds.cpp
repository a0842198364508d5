// PMO costs prorated per period, the funds fed by territorial shares, pooled producer revenue
// and per-period energy totals, on small runs.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "accord/models/economics/accounts.hpp"
#include "accord/models/scenario/loader.hpp"
#include "accord/models/simulation/simulation.hpp"

using namespace accord;
using namespace accord::models;

namespace {

// Two months (January 31 days, February 28 days, 2025 is not a leap year), five members of
// whom two are low-income, one municipal plant and one prosumer.
const char* kScenario = R"(accord: 1
name: funds
time: {start: 2025-01-01, end: 2025-03-01, step: 60min}
participants:
  - {id: a, kind: household, income: {decile: 2}, consumption: {profile: household, annual_kwh: 3000}}
  - {id: b, kind: household, income: {decile: 3}, consumption: {profile: household, annual_kwh: 4500}}
  - {id: c, kind: household, income: {decile: 8}, consumption: {profile: household, annual_kwh: 5000},
     pv: {kwp: 6}}
  - {id: d, kind: business, consumption: {profile: office, annual_kwh: 20000}}
  - {id: mairie, kind: municipality, consumption: {profile: town_hall, annual_kwh: 15000}}
producers:
  - {id: pv, owner: mairie, pv: {kwp: 60}}
)";

Scenario load(const std::string& community, std::vector<std::string> overrides = {}) {
  LoadOptions o;
  o.overrides = std::move(overrides);
  return load_scenario_text(std::string(kScenario) + community, "funds.yaml",
                            ACCORD_SOURCE_DIR "/scenarios", o);
}

output::RunResult run(const Scenario& s) {
  Simulation sim(s);
  sim.run();
  return sim.take_result();
}

double kpi(const output::RunResult& r, const std::string& name) {
  for (const auto& k : r.summary)
    if (k.name == name) return k.value;
  FAIL("missing KPI " << name);
  return 0.0;
}

}  // namespace

TEST_CASE("a period's length in years weighs each day by its year", "[simulation][pmo]") {
  const auto r = run(load(""));
  REQUIRE(r.calendar.periods() == 2);
  CHECK(economics::period_year_fraction(r.calendar, 0) == Approx(31.0 / 365.0).epsilon(1e-14));
  CHECK(economics::period_year_fraction(r.calendar, 1) == Approx(28.0 / 365.0).epsilon(1e-14));
  // A leap-year February is 29/366.
  LoadOptions o;
  o.overrides = {"time.start=2024-02-01", "time.end=2024-03-01"};
  Simulation leap(load_scenario_text(kScenario, "funds.yaml", ACCORD_SOURCE_DIR "/scenarios", o));
  CHECK(economics::period_year_fraction(leap.calendar(), 0) == Approx(29.0 / 366.0).epsilon(1e-14));
}

TEST_CASE("PMO costs and fees are prorated by period length and membership", "[simulation][pmo]") {
  // 3,650 EUR/yr of running costs: 1,000 fixed + 1,250 software + 40 h x 35 EUR/h.
  const auto r = run(load(R"(community:
  pmo: {fixed_eur_per_year: 1000, software_eur_per_year: 1250, staff_hours_per_year: 40,
        staff_eur_per_hour: 35, fee_eur_per_member_year: 73}
)"));
  const auto& a = r.accounts;
  // January gets 31/365 of the year, the 28-day February 28/365.
  CHECK(a.pmo_costs(0) == Approx(3650.0 * 31 / 365).epsilon(1e-12));
  CHECK(a.pmo_costs(1) == Approx(3650.0 * 28 / 365).epsilon(1e-12));
  // Five members pay 73 EUR/yr each: 5 x 73 x 28/365 = 28 EUR in February.
  CHECK(a.pmo_fees(1) == Approx(28.0).epsilon(1e-12));
  CHECK(kpi(r, "pmo_costs_eur") == Approx(3650.0 * 59 / 365).epsilon(1e-12));
  // The fee is in each member's bill: same energy, bill higher by exactly the fee.
  const auto r0 = run(load(""));
  CHECK((a.bill - r0.accounts.bill).maxCoeff() == Approx(73.0 * 31 / 365).epsilon(1e-9));
  CHECK((a.bill - r0.accounts.bill).minCoeff() == Approx(73.0 * 28 / 365).epsilon(1e-9));
  // V = savings + fees - costs: the operation pays the PMO's costs.
  const double savings = (a.bill_reference - a.bill).sum();
  CHECK(r.sharing.community_benefit.sum() ==
        Approx(savings + a.pmo_fees.sum() - a.pmo_costs.sum()).epsilon(1e-12));

  SECTION("fees are weighted by membership") {
    economics::RowMatrix member = economics::RowMatrix::Ones(2, 5);
    member(1, 0) = 0;    // a left before February
    member(1, 1) = 0.5;  // b was a member for half of February
    economics::BillingInput in;
    in.grid = &r.grid;
    in.calendar = &r.calendar;
    in.participants = &r.participants;
    in.producers = &r.producers;
    in.consumption = &r.consumption;
    in.allocated = &r.allocated;
    in.supplied = &r.supplied;
    in.production = &r.production;
    in.autoprod = &r.autoprod;
    in.surplus = &r.surplus;
    in.member = &member;
    in.pmo_costs_eur_per_year = 3650;
    in.pmo_fee_eur_per_member_year = 73;
    const auto acc = economics::compute_accounts(load("").tariffs, in);
    CHECK(acc.pmo_fees(0) == Approx(5 * 73.0 * 31 / 365).epsilon(1e-12));
    CHECK(acc.pmo_fees(1) == Approx(3.5 * 73.0 * 28 / 365).epsilon(1e-12));
    // Costs do not depend on membership.
    CHECK(acc.pmo_costs(1) == Approx(280.0).epsilon(1e-12));
  }
}

TEST_CASE("funds receive the territorial shares and never pay more than they hold",
          "[simulation][funds]") {
  const auto r = run(load(R"(community:
  benefit_rule: {type: equal, territorial: {solidarity_fund: 0.10, reinvestment_reserve: 0.05}}
  # Below the February 2025 retail price cut the operation saves money in both months.
  internal_price: {eur_per_kwh: 0.08}
  funds:
    solidarity_fund: {initial_eur: 5, payout: {policy: bill_share, bill_share: 0.5}}
    reinvestment_reserve:
      initial_eur: 20
      interest_rate_per_year: 0.03
      spending: [{date: 2025-02-15, eur: 100000, purpose: new_capacity}]
)"));
  const auto& sh = r.sharing;
  REQUIRE(sh.funds.size() == 2);
  const auto& sol = sh.funds[0];
  const auto& res = sh.funds[1];
  CHECK(sol.name == "solidarity_fund");
  CHECK(res.name == "reinvestment_reserve");
  const auto& rule = sh.rules.front();
  for (Eigen::Index m = 0; m < 2; ++m) {
    INFO("period " << m);
    // Inflows are the territorial shares of the rule in force.
    CHECK(sol.inflow(m) == rule.territorial(m, 0));
    CHECK(res.inflow(m) == rule.territorial(m, 1));
    CHECK(sol.inflow(m) > 0);
    CHECK(res.inflow(m) == Approx(0.5 * sol.inflow(m)).epsilon(1e-12));
    for (const auto* f : {&sol, &res}) {
      const double previous = m == 0 ? f->initial_eur : f->balance(m - 1);
      CHECK(f->balance(m) ==
            Approx(previous + f->interest(m) + f->inflow(m) - f->paid(m)).margin(1e-9));
      CHECK(f->balance(m) >= -1e-12);
      CHECK(f->paid(m) <= previous + f->interest(m) + f->inflow(m) + 1e-9);
      CHECK(f->unmet(m) == Approx(f->requested(m) - f->paid(m)).margin(1e-9));
    }
    // Half of two households' bills is far more than 10 % of the benefit: rationed.
    CHECK(sol.unmet(m) > 0);
    CHECK(sol.balance(m) == Approx(0).margin(1e-9));
    // Aid goes only to the low-income members, pro rata to their requests.
    CHECK(sol.paid_to_member.row(m).sum() == Approx(sol.paid(m)).epsilon(1e-12));
    CHECK(sol.paid_to_member(m, 0) > 0);
    CHECK(sol.paid_to_member(m, 1) > 0);
    CHECK(sol.paid_to_member.row(m).tail(3).cwiseAbs().maxCoeff() == 0);
    const double ratio = sol.paid_to_member(m, 0) / sol.paid_to_member(m, 1);
    CHECK(ratio == Approx(r.accounts.bill(m, 0) / r.accounts.bill(m, 1)).epsilon(1e-9));
  }
  // The reserve earns 3 %/yr over January's 31 days on its 20 EUR, spends nothing in January
  // and pays what it holds on the February request.
  CHECK(res.interest(0) == Approx(20 * (std::pow(1.03, 31.0 / 365) - 1)).epsilon(1e-12));
  CHECK(res.requested(0) == 0);
  CHECK(res.requested(1) == 100000);
  CHECK(res.paid(1) == Approx(res.balance(0) + res.interest(1) + res.inflow(1)).epsilon(1e-12));
  CHECK(res.balance(1) == Approx(0).margin(1e-9));
  CHECK(kpi(r, "reinvestment_reserve_unmet_eur") == Approx(100000 - res.paid(1)).epsilon(1e-12));
  CHECK(kpi(r, "solidarity_fund_final_balance_eur") == Approx(sol.balance(1)).margin(1e-12));
}

TEST_CASE("pooling producers' revenue moves money without creating or losing any",
          "[simulation][pooling]") {
  const std::string rule =
      "community:\n  benefit_rule: {type: proportional_consumption, territorial: "
      "{solidarity_fund: 0.1, municipality: 0.05}}\n";
  const auto none = run(load(rule));
  const auto surplus = run(load(rule + "  pooled_producer_revenue: surplus\n"));
  const auto all = run(load(rule + "  pooled_producer_revenue: all\n"));
  const double surplus_sales = none.accounts.producer_surplus_revenue.sum();
  const double internal_sales = none.accounts.producer_internal_revenue.sum();
  REQUIRE(surplus_sales > 0);
  REQUIRE(internal_sales > 0);
  CHECK(none.sharing.pooled_producer_revenue.sum() == 0);
  CHECK(surplus.sharing.pooled_producer_revenue.sum() == Approx(surplus_sales).epsilon(1e-12));
  CHECK(all.sharing.pooled_producer_revenue.sum() ==
        Approx(surplus_sales + internal_sales).epsilon(1e-12));
  CHECK(kpi(all, "pooled_producer_revenue_eur") ==
        Approx(surplus_sales + internal_sales).epsilon(1e-12));
  // Per producer, the pooled amount is its own surplus sales.
  CHECK((surplus.sharing.producer_pooled - none.accounts.producer_surplus_revenue)
            .cwiseAbs()
            .maxCoeff() < 1e-12);

  // Money of every actor: members' shares of the benefit, the territory's shares (funds and
  // municipality) and what the producers keep. Bills, energy and prices are the same, so the
  // total must be too.
  auto total = [](const output::RunResult& r) {
    const auto& rule0 = r.sharing.rules.front();
    const double producers = r.accounts.producer_internal_revenue.sum() +
                             r.accounts.producer_surplus_revenue.sum() -
                             r.sharing.producer_pooled.sum();
    return rule0.benefit.sum() + rule0.territorial.sum() + producers;
  };
  CHECK(total(surplus) == Approx(total(none)).epsilon(1e-12));
  CHECK(total(all) == Approx(total(none)).epsilon(1e-12));
  // Members get more, the territory too, producers less.
  CHECK(surplus.accounts.benefit.sum() > none.accounts.benefit.sum());
  CHECK(surplus.sharing.funds[0].inflow.sum() > none.sharing.funds[0].inflow.sum());
  CHECK(all.accounts.bill == none.accounts.bill);
}

TEST_CASE("pooling lowers the plants' revenue in the finance metrics", "[simulation][pooling]") {
  const std::string finance = "finance: {pv: [{producer: pv, capex_eur_per_kwp: 1000}]}\n";
  const auto keep = run(load(finance));
  const auto pooled = run(load(finance + "community: {pooled_producer_revenue: all}\n"));
  CHECK(kpi(pooled, "npv_pv_eur") < kpi(keep, "npv_pv_eur"));
}

TEST_CASE("per-period energy totals are the per-step ledger summed by period",
          "[simulation][periods]") {
  const auto r = run(load(""));
  const auto& e = r.period_energy;
  REQUIRE(e.consumption.rows() == 2);
  REQUIRE(e.consumption.cols() == 5);
  REQUIRE(e.production.cols() == static_cast<Eigen::Index>(r.producers.size()));
  for (Eigen::Index m = 0; m < 2; ++m) {
    const auto t0 = r.calendar.period_first_step[static_cast<size_t>(m)];
    const auto rows = r.calendar.period_first_step[static_cast<size_t>(m) + 1] - t0;
    CHECK((e.consumption.row(m) - r.consumption.middleRows(t0, rows).colwise().sum())
              .cwiseAbs()
              .maxCoeff() < 1e-9);
    CHECK(
        (e.surplus.row(m) - r.surplus.middleRows(t0, rows).colwise().sum()).cwiseAbs().maxCoeff() <
        1e-9);
  }
  // allocated + supplied == consumption per period, as per step.
  CHECK((e.allocated + e.supplied - e.consumption).cwiseAbs().maxCoeff() < 1e-9);
  CHECK(e.consumption.sum() == Approx(kpi(r, "consumption_kwh")).epsilon(1e-12));
}
