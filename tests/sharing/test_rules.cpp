// Benefit rules (models/sharing/benefit_rules.hpp): registry, arithmetic by hand, properties
// every rule must have, price-based budget balance per step, and the 4-member example of
// domain/sharing-governance-equity.md §1.2 through the game rules.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "accord/models/sharing/benefit_rules.hpp"
#include "accord/sim/error.hpp"

using namespace accord::models::sharing;
using Catch::Matchers::Contains;

namespace {

// Surplus s = max(G - L, 0) and deficit d = max(L - G, 0) per step, [T, N] row-major, from
// load and generation given per member as [N][T].
SavingsGameData steps_from(const std::vector<std::vector<double>>& load,
                           const std::vector<std::vector<double>>& gen, double buy, double sell) {
  SavingsGameData g;
  g.players = static_cast<int>(load.size());
  g.steps = static_cast<int64_t>(load[0].size());
  const auto n = load.size(), T = load[0].size();
  g.surplus.assign(n * T, 0.0);
  g.deficit.assign(n * T, 0.0);
  for (size_t t = 0; t < T; ++t)
    for (size_t i = 0; i < n; ++i) {
      const double net = load[i][t] - gen[i][t];
      g.deficit[t * n + i] = std::max(net, 0.0);
      g.surplus[t * n + i] = std::max(-net, 0.0);
    }
  g.buy_eur_per_kwh.assign(n, buy);
  g.sell_eur_per_kwh.assign(n, sell);
  return g;
}

// The domain's 4-member example (A municipality with school PV, B prosumer household, C
// low-income household, D small business), p_b = 0.20, p_s = 0.06 EUR/kWh; bills set so that
// V = v(N) = 1.40 EUR.
BenefitPeriod domain_example() {
  BenefitPeriod p;
  p.member_ids = {"A", "B", "C", "D"};
  p.steps = steps_from({{1, 2, 2, 1}, {2, 1, 1, 3}, {2, 2, 1, 3}, {1, 3, 4, 1}},
                       {{0, 6, 8, 1}, {0, 2, 2, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}}, 0.20, 0.06);
  p.consumption_kwh = Eigen::Vector4d(6, 7, 8, 9);
  p.allocated_kwh = Eigen::Vector4d(0, 0, 3, 7);
  p.bill_reference_eur = Eigen::Vector4d::Constant(0.35);
  p.bill_eur = Eigen::Vector4d::Zero();
  p.investment_eur = Eigen::Vector4d(1000, 200, 0, 0);
  p.income_eur = Eigen::Vector4d(0, 30000, 12000, 0);
  p.eligible = {0, 0, 1, 0};
  p.grid_buy_eur_per_kwh = {0.20};
  p.grid_sell_eur_per_kwh = {0.06};
  return p;
}

// Five members, members 1 and 2 identical in every field, member 4 absent from the steps
// (a null player of the savings game); prices vary by step.
BenefitPeriod five_members() {
  BenefitPeriod p;
  p.member_ids = {"m0", "m1", "m2", "m3", "m4"};
  p.steps = steps_from({{0.5, 1, 2, 0.2, 1, 3},
                        {2, 1, 1, 3, 2, 2},
                        {2, 1, 1, 3, 2, 2},
                        {1, 3, 4, 1, 0, 2},
                        {0, 0, 0, 0, 0, 0}},
                       {{0, 6, 8, 1, 4, 0},
                        {0, 2, 2, 0, 0, 0},
                        {0, 2, 2, 0, 0, 0},
                        {0, 0, 0, 0, 3, 0},
                        {0, 0, 0, 0, 0, 0}},
                       0.20, 0.06);
  p.consumption_kwh = (Eigen::VectorXd(5) << 120, 80, 80, 300, 0).finished();
  p.allocated_kwh = (Eigen::VectorXd(5) << 10, 20, 20, 40, 0).finished();
  p.bill_reference_eur = (Eigen::VectorXd(5) << 30, 20, 20, 60, 0).finished();
  p.bill_eur = (Eigen::VectorXd(5) << 27, 18, 18, 55, 0).finished();
  p.investment_eur = (Eigen::VectorXd(5) << 500, 100, 100, 0, 0).finished();
  p.income_eur = (Eigen::VectorXd(5) << 0, 14000, 14000, 0, 9000).finished();
  p.eligible = {0, 1, 1, 0, 1};
  p.need = (Eigen::VectorXd(5) << 0, 2, 2, 0, 1).finished();
  p.pooled_producer_revenue_eur = 4;
  p.pmo_fees_eur = 2;
  p.pmo_costs_eur = 3;
  p.grid_buy_eur_per_kwh = {0.20, 0.20, 0.25, 0.25, 0.18, 0.20};
  p.grid_sell_eur_per_kwh = {0.06, 0.06, 0.05, 0.05, 0.06, 0.06};
  return p;
}

BenefitShares run(const std::string& type, const BenefitPeriod& p,
                  BenefitRuleSpec spec = BenefitRuleSpec{}) {
  spec.type = type;
  return make_benefit_rule(spec)->distribute(p);
}

}  // namespace

TEST_CASE("registry lists the contract names and rejects unknown ones") {
  const auto names = known_benefit_rules();
  for (const char* name :
       {"equal", "proportional_consumption", "proportional_allocated", "proportional_investment",
        "proportional_bill", "mid_market_rate", "supply_demand_ratio", "bill_sharing", "shapley",
        "nucleolus", "least_core", "nash_bargaining", "egalitarian_shapley", "solidarity_value",
        "needs_based", "individual_savings"})
    CHECK(std::find(names.begin(), names.end(), name) != names.end());
  CHECK(names.size() == 16);
  BenefitRuleSpec spec;
  spec.type = "shaply";
  CHECK_THROWS_WITH(make_benefit_rule(spec), Contains("did you mean 'shapley'") &&
                                                 Contains("known: individual_savings") &&
                                                 Contains("community.benefit_rule.type"));
  CHECK_THROWS_AS(make_benefit_rule(spec), accord::ConfigError);
}

TEST_CASE("parameters out of range are configuration errors") {
  BenefitRuleSpec spec;
  spec.territorial.solidarity_fund = 0.6;
  spec.territorial.municipality = 0.5;
  CHECK_THROWS_WITH(validate_benefit_rule(spec), Contains("community.benefit_rule.territorial"));
  spec = BenefitRuleSpec{};
  spec.sigma = 1.5;
  CHECK_THROWS_AS(validate_benefit_rule(spec), accord::ConfigError);
  spec = BenefitRuleSpec{};
  spec.type = "needs_based";
  spec.base_rule = "needs_based";
  CHECK_THROWS_WITH(validate_benefit_rule(spec), Contains("base_rule"));
  spec.base_rule = "eqal";
  CHECK_THROWS_WITH(validate_benefit_rule(spec), Contains("did you mean 'equal'"));
  spec = BenefitRuleSpec{};
  spec.weights_by = "votes";
  CHECK_THROWS_AS(validate_benefit_rule(spec), accord::ConfigError);
}

TEST_CASE("value accounting of the community benefit") {
  const BenefitPeriod p = five_members();
  const ValueAccounting v = p.value();
  // savings 3 + 2 + 2 + 5 + 0 = 12; + pooled revenue 4 + fees 2 - costs 3 = 15.
  CHECK(v.member_savings_eur == Approx(12.0).margin(1e-12));
  CHECK(v.total() == Approx(15.0).margin(1e-12));
}

TEST_CASE("every rule: shares add up to the distributed benefit, identical members equal") {
  BenefitPeriod p = five_members();
  BenefitRuleSpec spec;
  spec.territorial = {0.10, 0.05, 0.05};
  spec.weights_by = "consumption";
  for (const std::string& type : known_benefit_rules()) {
    INFO(type);
    const BenefitShares s = run(type, p, spec);
    const double v = 15.0, territorial = 0.2 * v;
    CHECK(s.territorial.total() == Approx(territorial).margin(1e-12));
    CHECK(s.territorial.solidarity_fund_eur == Approx(1.5).margin(1e-12));
    CHECK(s.diagnostics.community_benefit_eur == Approx(v).margin(1e-12));
    CHECK(s.member_eur.sum() == Approx(v - territorial).margin(1e-9));
    CHECK(std::abs(s.diagnostics.budget_gap_eur) < 1e-9);
    // The least core is a set: the LP returns one of its points, not a symmetric one.
    if (type != "least_core") CHECK(s.member_eur(1) == Approx(s.member_eur(2)).margin(1e-7));
    // Core diagnostics come from the period's game for every rule (n = 5 <= 12: exact).
    REQUIRE(s.diagnostics.core.has_value());
    CHECK(s.diagnostics.core->exact);
    CHECK(s.diagnostics.core->coalitions_checked == 32);
  }
}

TEST_CASE("a null member gets nothing under shapley, even after territorial shares") {
  BenefitPeriod p = five_members();
  BenefitRuleSpec spec;
  spec.territorial.municipality = 0.1;
  const BenefitShares s = run("shapley", p, spec);
  CHECK(s.member_eur(4) == Approx(0.0).margin(1e-12));
  CHECK(s.member_eur.sum() == Approx(13.5).margin(1e-9));
  // The game's own value differs from V (bills carry network, taxes, fees): reconciled by
  // scaling, recorded.
  CHECK(s.diagnostics.reconciliation_eur ==
        Approx(13.5 - s.diagnostics.computed_total_eur).margin(1e-12));
  CHECK(s.diagnostics.game_grand_value_eur == Approx(s.diagnostics.computed_total_eur));
}

TEST_CASE("simple rules by hand") {
  BenefitPeriod p;
  p.consumption_kwh = Eigen::Vector4d(1, 2, 3, 4);
  p.allocated_kwh = Eigen::Vector4d(0, 1, 1, 2);
  p.investment_eur = Eigen::Vector4d(0, 0, 300, 100);
  p.bill_reference_eur = Eigen::Vector4d(40, 30, 20, 10);
  p.bill_eur = Eigen::Vector4d::Zero();  // V = 100
  CHECK(run("equal", p).member_eur.isApprox(Eigen::Vector4d::Constant(25), 1e-12));
  CHECK(run("proportional_consumption", p).member_eur.isApprox(Eigen::Vector4d(10, 20, 30, 40)));
  CHECK(run("proportional_allocated", p).member_eur.isApprox(Eigen::Vector4d(0, 25, 25, 50)));
  CHECK(run("proportional_investment", p).member_eur.isApprox(Eigen::Vector4d(0, 0, 75, 25)));
  CHECK(run("proportional_bill", p).member_eur.isApprox(Eigen::Vector4d(40, 30, 20, 10)));
  CHECK(run("individual_savings", p).member_eur.isApprox(Eigen::Vector4d(40, 30, 20, 10)));

  SECTION("hybrid: municipality share first, then the member rule on the rest") {
    BenefitRuleSpec spec;
    spec.territorial.municipality = 0.25;
    const BenefitShares s = run("proportional_consumption", p, spec);
    CHECK(s.territorial.municipality_eur == Approx(25.0));
    CHECK(s.member_eur.isApprox(Eigen::Vector4d(7.5, 15, 22.5, 30)));
    // individual_savings scales the savings down by the same 25 %.
    CHECK(
        run("individual_savings", p, spec).member_eur.isApprox(Eigen::Vector4d(30, 22.5, 15, 7.5)));
  }
  SECTION("a loss is not charged to the territory") {
    p.bill_eur = Eigen::Vector4d(45, 30, 25, 10);  // V = -10
    BenefitRuleSpec spec;
    spec.territorial.municipality = 0.25;
    const BenefitShares s = run("equal", p, spec);
    CHECK(s.territorial.total() == 0.0);
    CHECK(s.member_eur.isApprox(Eigen::Vector4d::Constant(-2.5)));
    CHECK(s.diagnostics.individual_rationality_violations == 4);  // no game: x_i >= 0
    CHECK(s.diagnostics.max_individual_shortfall_eur == Approx(2.5));
    // Savings of -5, 0, -5, 0: not scalable, the difference is split equally.
    const BenefitShares own = run("individual_savings", p);
    CHECK(own.member_eur.isApprox(Eigen::Vector4d(-5, 0, -5, 0)));
  }
  SECTION("no consumption at all: equal split, noted") {
    p.consumption_kwh.setZero();
    const BenefitShares s = run("proportional_consumption", p);
    CHECK(s.member_eur.isApprox(Eigen::Vector4d::Constant(25)));
    CHECK(s.diagnostics.notes.size() == 1);
  }
}

TEST_CASE("proportional_bill clips negative reference bills of net exporters") {
  BenefitPeriod p;
  p.consumption_kwh = Eigen::Vector4d(1, 1, 1, 1);
  // Member 2 is a net exporter whose reference bill is net of export revenue: -30 EUR.
  p.bill_reference_eur = Eigen::Vector4d(100, 50, -30, 0);
  p.bill_eur = Eigen::Vector4d(85, 40, -35, 0);  // V = 15 + 10 + 5 = 30
  const BenefitShares s = run("proportional_bill", p);
  CHECK(s.member_eur.isApprox(Eigen::Vector4d(20, 10, 0, 0)));
  CHECK(s.diagnostics.clipped_members == 1);
  // Every reference bill <= 0: documented fallback, equal split.
  p.bill_reference_eur = Eigen::Vector4d(-10, -20, -30, 0);
  p.bill_eur = Eigen::Vector4d(-20, -30, -40, -10);  // V = 40
  const BenefitShares all = run("proportional_bill", p);
  CHECK(all.member_eur.isApprox(Eigen::Vector4d::Constant(10)));
  CHECK(all.diagnostics.clipped_members == 3);
}

TEST_CASE("needs_based two-tier arithmetic by hand") {
  BenefitPeriod p;
  p.consumption_kwh = Eigen::Vector4d(1, 2, 3, 4);
  p.bill_reference_eur = Eigen::Vector4d(40, 30, 20, 10);
  p.bill_eur = Eigen::Vector4d::Zero();  // V = 100
  p.eligible = {0, 1, 1, 0};
  p.need = Eigen::Vector4d(0, 2, 1, 5);  // member 3's need does not count: not eligible
  BenefitRuleSpec spec;
  spec.type = "needs_based";
  spec.sigma = 0.3;
  spec.base_rule = "equal";
  // base 25 each * 0.7 = 17.5; solidarity 30 split 2:1 among members 1 and 2.
  CHECK(make_benefit_rule(spec)->distribute(p).member_eur.isApprox(
      Eigen::Vector4d(17.5, 37.5, 27.5, 17.5)));
  SECTION("with territorial shares (20 %) and a proportional base") {
    spec.territorial = {0.10, 0.05, 0.05};
    spec.base_rule = "proportional_consumption";
    // D = 80; base 8, 16, 24, 32 * 0.7; solidarity 24 -> 16, 8.
    const BenefitShares s = make_benefit_rule(spec)->distribute(p);
    CHECK(s.territorial.total() == Approx(20));
    CHECK(s.member_eur.isApprox(Eigen::Vector4d(5.6, 11.2 + 16, 16.8 + 8, 22.4)));
  }
  SECTION("need not given: 1 per eligible member") {
    p.need = Eigen::VectorXd();
    CHECK(make_benefit_rule(spec)->distribute(p).member_eur.isApprox(
        Eigen::Vector4d(17.5, 32.5, 32.5, 17.5)));
  }
  SECTION("nobody eligible: the base rule alone") {
    p.eligible = {0, 0, 0, 0};
    const BenefitShares s = make_benefit_rule(spec)->distribute(p);
    CHECK(s.member_eur.isApprox(Eigen::Vector4d::Constant(25)));
    CHECK_FALSE(s.diagnostics.notes.empty());
  }
}

TEST_CASE("price-based rules are budget balanced at every step") {
  const BenefitPeriod p = five_members();
  for (auto mechanism : {PriceMechanism::kMidMarketRate, PriceMechanism::kSupplyDemandRatio,
                         PriceMechanism::kBillSharing}) {
    const StepLedger ledger = price_based_ledger(mechanism, p);
    REQUIRE(ledger.cost.rows() == 6);
    for (Eigen::Index t = 0; t < 6; ++t) {
      INFO("step " << t);
      CHECK(ledger.cost.row(t).sum() == Approx(ledger.grid_cost(t)).margin(1e-12));
      // Internal prices lie between the grid's sell and buy prices.
      const double pb = p.grid_buy_eur_per_kwh[static_cast<size_t>(t)];
      const double ps = p.grid_sell_eur_per_kwh[static_cast<size_t>(t)];
      CHECK(ledger.buy_price(t) <= pb + 1e-12);
      CHECK(ledger.sell_price(t) <=
            ledger.buy_price(t) + 1e-12 + (ledger.buy_price(t) == 0 ? 1 : 0));
      CHECK(ledger.sell_price(t) >= 0.0);
      (void)ps;
    }
  }
  for (const char* type : {"mid_market_rate", "supply_demand_ratio", "bill_sharing"}) {
    INFO(type);
    const BenefitShares s = run(type, p);
    CHECK(s.diagnostics.max_step_budget_gap_eur < 1e-12);
  }
}

TEST_CASE("price-based internal prices by hand (one deficit step, one surplus step)") {
  // Step 0: seller supplies 4 kWh, buyer demands 10 (S/D = 0.4); step 1: 10 vs 4.
  BenefitPeriod p;
  p.consumption_kwh = Eigen::Vector2d(0, 14);
  p.bill_reference_eur = Eigen::Vector2d(1, 1);
  p.bill_eur = Eigen::Vector2d(0, 0);
  p.steps.players = 2;
  p.steps.steps = 2;
  p.steps.surplus = {4, 0, 10, 0};
  p.steps.deficit = {0, 10, 0, 4};
  p.grid_buy_eur_per_kwh = {0.20};
  p.grid_sell_eur_per_kwh = {0.06};
  const StepLedger mmr = price_based_ledger(PriceMechanism::kMidMarketRate, p);
  CHECK(mmr.sell_price(0) == Approx(0.13));
  CHECK(mmr.buy_price(0) == Approx((0.13 * 4 + 0.20 * 6) / 10));  // 0.172
  CHECK(mmr.buy_price(1) == Approx(0.13));
  CHECK(mmr.sell_price(1) == Approx((0.13 * 4 + 0.06 * 6) / 10));  // 0.088
  // Liu et al. 2017: P_sell = p_b p_s / ((p_b - p_s) SDR + p_s), P_buy = P_sell SDR + p_b (1 -
  // SDR); SDR >= 1: both p_s.
  const StepLedger sdr = price_based_ledger(PriceMechanism::kSupplyDemandRatio, p);
  CHECK(sdr.sell_price(0) == Approx(0.012 / 0.116));  // 0.1034483
  CHECK(sdr.buy_price(0) == Approx(0.012 / 0.116 * 0.4 + 0.20 * 0.6));
  CHECK(sdr.buy_price(1) == Approx(0.06));
  CHECK(sdr.sell_price(1) == Approx(0.06));
  const StepLedger bs = price_based_ledger(PriceMechanism::kBillSharing, p);
  CHECK(bs.buy_price(0) == Approx(0.12));
  CHECK(bs.sell_price(0) == 0.0);
  CHECK(bs.buy_price(1) == 0.0);
  CHECK(bs.sell_price(1) == Approx(0.036));
  // Total savings = (p_b - p_s) * (min(4, 10) + min(10, 4)) = 1.12 EUR whatever the rule.
  for (auto m : {PriceMechanism::kMidMarketRate, PriceMechanism::kSupplyDemandRatio,
                 PriceMechanism::kBillSharing}) {
    const StepLedger l = price_based_ledger(m, p);
    CHECK(l.standalone.sum() - l.cost.sum() == Approx(1.12));
  }
}

TEST_CASE("domain 4-member example through the game rules") {
  const BenefitPeriod p = domain_example();
  const Eigen::Vector4d shapley(343.0 / 600, 21.0 / 200, 133.0 / 600, 301.0 / 600);
  SECTION("shapley, from the step data") {
    const BenefitShares s = run("shapley", p);
    CHECK(s.member_eur.isApprox(shapley, 1e-12));
    CHECK(s.diagnostics.game_grand_value_eur == Approx(1.40));
    CHECK(s.diagnostics.reconciliation_eur == Approx(0.0).margin(1e-12));
    REQUIRE(s.diagnostics.core.has_value());
    CHECK(s.diagnostics.core->exact);
  }
  SECTION("shapley, from the published coalition values") {
    // w(S) = v(S) / 0.14: AC 3, AD 7, BC 2, BD 2, ABC 3, ABD 7, ACD 9, BCD 2, ABCD 10.
    std::vector<double> v(16, 0.0);
    const int A = 1, B = 2, C = 4, D = 8;
    v[A | C] = 3, v[A | D] = 7, v[B | C] = 2, v[B | D] = 2, v[A | B | C] = 3, v[A | B | D] = 7;
    v[A | C | D] = 9, v[B | C | D] = 2, v[A | B | C | D] = 10;
    for (double& x : v) x *= 0.14;
    BenefitPeriod q = p;
    q.game = std::make_shared<TabularGame>(4, v);
    CHECK(run("shapley", q).member_eur.isApprox(shapley, 1e-12));
  }
  SECTION("shapley sampled beyond the exact limit") {
    BenefitRuleSpec spec;
    spec.exact_max_members = 2;
    spec.sampling_target_relative_se = 0.002;
    spec.sampling_max_permutations = 100'000;
    const BenefitShares s = run("shapley", p, spec);
    CHECK(s.diagnostics.samples > 0);
    REQUIRE(s.diagnostics.standard_error.size() == 4);
    CHECK(s.member_eur.sum() == Approx(1.40).margin(1e-9));
    for (int i = 0; i < 4; ++i) {
      INFO("member " << i << " SE " << s.diagnostics.standard_error(i));
      CHECK(std::abs(s.member_eur(i) - shapley(i)) <= 5 * s.diagnostics.standard_error(i) + 1e-6);
    }
    // Same period, same seed: same numbers.
    CHECK(run("shapley", p, spec).member_eur == s.member_eur);
  }
  SECTION("nash bargaining: disagreement v({i}) = 0, weights") {
    CHECK(run("nash_bargaining", p).member_eur.isApprox(Eigen::Vector4d::Constant(0.35)));
    BenefitRuleSpec spec;
    spec.weights_by = "explicit";
    spec.weights = {{"A", 2}, {"D", 0}};  // B and C default to 1
    CHECK(run("nash_bargaining", p, spec).member_eur.isApprox(Eigen::Vector4d(0.7, 0.35, 0.35, 0)));
  }
  SECTION("egalitarian shapley mixes Shapley and the equal split") {
    BenefitRuleSpec spec;
    spec.alpha = 0.25;
    const Eigen::Vector4d expected = 0.25 * shapley + 0.75 * Eigen::Vector4d::Constant(0.35);
    CHECK(run("egalitarian_shapley", p, spec).member_eur.isApprox(expected, 1e-12));
  }
  SECTION("nucleolus and least core lie in the (non-empty) core") {
    for (const char* type : {"nucleolus", "least_core"}) {
      INFO(type);
      const BenefitShares s = run(type, p);
      CHECK(s.member_eur.sum() == Approx(1.40));
      REQUIRE(s.diagnostics.core.has_value());
      CHECK(s.diagnostics.core->largest_core_shortfall < 1e-7);
      CHECK(s.diagnostics.individual_rationality_violations == 0);
    }
  }
  SECTION("mid-market rate distributes the same total as the game") {
    const BenefitShares s = run("mid_market_rate", p);
    CHECK(s.diagnostics.computed_total_eur == Approx(1.40));
    CHECK(s.member_eur(1) >= 0.0);
  }
  SECTION("more members than the LP rules accept") {
    BenefitPeriod big;
    big.consumption_kwh = Eigen::VectorXd::Ones(21);
    big.bill_reference_eur = Eigen::VectorXd::Ones(21);
    big.bill_eur = Eigen::VectorXd::Zero(21);
    big.steps.players = 21;
    big.steps.steps = 1;
    big.steps.surplus.assign(21, 0.0);
    big.steps.deficit.assign(21, 1.0);
    big.steps.surplus[0] = 5;
    big.steps.deficit[0] = 0;
    big.steps.buy_eur_per_kwh.assign(21, 0.2);
    big.steps.sell_eur_per_kwh.assign(21, 0.06);
    CHECK_THROWS_WITH(run("nucleolus", big), Contains("at most 20 members"));
    // Shapley samples; core diagnostics fall back to sampled coalitions.
    const BenefitShares s = run("shapley", big);
    CHECK(s.diagnostics.samples > 0);
    CHECK(s.member_eur.sum() == Approx(21.0));
    REQUIRE(s.diagnostics.core.has_value());
    CHECK_FALSE(s.diagnostics.core->exact);
  }
}

TEST_CASE("game rules without step data or game are an error naming what is missing") {
  BenefitPeriod p;
  p.consumption_kwh = Eigen::Vector2d(1, 1);
  p.bill_reference_eur = Eigen::Vector2d(1, 1);
  p.bill_eur = Eigen::Vector2d(0, 0);
  CHECK_THROWS_WITH(run("shapley", p), Contains("per-step data"));
  CHECK_THROWS_WITH(run("mid_market_rate", p), Contains("per-step data"));
  // Rules that need no game still run, without core diagnostics.
  CHECK_FALSE(run("equal", p).diagnostics.core.has_value());
}
