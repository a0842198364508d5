// The per-period memo of the game rules (BenefitPeriod::game_cache): rules evaluated side by
// side on one period must get exactly what each would get alone — the memo only saves work
// (the savings game, the Shapley value, the sampled core coalitions' values).
#include <catch2/catch.hpp>

#include <string>

#include "accord/models/sharing/benefit_rules.hpp"
#include "test_game_support.hpp"

using namespace accord::models::sharing;
using accord::test_games::random_savings;

namespace {

// 24 members (beyond exact enumeration: sampled Shapley, sampled core bound), 200 steps.
BenefitPeriod period_of_24(bool with_cache) {
  BenefitPeriod p;
  p.steps = random_savings(24, 200, 31, false);
  const Eigen::Index n = 24;
  p.consumption_kwh = Eigen::VectorXd::LinSpaced(n, 50, 400);
  p.allocated_kwh = p.consumption_kwh * 0.3;
  p.bill_reference_eur = p.consumption_kwh * 0.2;
  p.bill_eur = p.bill_reference_eur * 0.9;
  p.seed = 5;
  p.period = 3;
  if (with_cache) p.game_cache = make_period_game_cache();
  return p;
}

BenefitShares distribute(const std::string& type, const BenefitPeriod& p) {
  BenefitRuleSpec spec;
  spec.type = type;
  spec.sampling_target_relative_se = 0.05;
  spec.core_samples = 300;
  return make_benefit_rule(spec)->distribute(p);
}

}  // namespace

TEST_CASE("rules sharing a period's memo get what each gets alone", "[sharing][rules]") {
  const BenefitPeriod shared = period_of_24(true);
  for (const char* type : {"shapley", "egalitarian_shapley", "equal", "shapley"}) {
    INFO(type);
    const BenefitShares with = distribute(type, shared);
    const BenefitShares alone = distribute(type, period_of_24(false));
    CHECK(with.member_eur == alone.member_eur);
    CHECK(with.diagnostics.standard_error == alone.diagnostics.standard_error);
    CHECK(with.diagnostics.samples == alone.diagnostics.samples);
    CHECK(with.diagnostics.game_grand_value_eur == alone.diagnostics.game_grand_value_eur);
    REQUIRE(with.diagnostics.core.has_value());
    REQUIRE(alone.diagnostics.core.has_value());
    CHECK(with.diagnostics.core->largest_core_shortfall ==
          alone.diagnostics.core->largest_core_shortfall);
    CHECK(with.diagnostics.core->individual_shortfall ==
          alone.diagnostics.core->individual_shortfall);
    CHECK(with.diagnostics.core->coalitions_checked == 300 + 24 + 1);
  }
}
