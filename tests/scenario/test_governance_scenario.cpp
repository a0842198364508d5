// The actors:, governance: and behaviour: sections: what they read, and one located line for
// each thing they refuse.
#include <catch2/catch.hpp>

#include "accord/sim/error.hpp"
#include "simulation/governance_mini.hpp"

using namespace accord;
using accord::test_governance::MiniGovernance;

namespace {

std::string error_of(const MiniGovernance& g) {
  try {
    g.load();
  } catch (const ConfigErrors& e) {
    REQUIRE(e.errors().size() == 1);
    return e.errors()[0].what();
  } catch (const ConfigError& e) {
    return e.what();
  }
  FAIL("expected a configuration error");
  return {};
}

}  // namespace

TEST_CASE("actors, statutes, agenda and behaviour are read", "[scenario][governance]") {
  MiniGovernance g;
  g.behaviour =
      "{alpha: {uniform: [0.2, 0.8]}, beta: 0.1, participation: 0.4, forecast_noise: 0.05}";
  const models::Scenario s = g.load();
  REQUIRE(s.actors.pmo.statutes.colleges.size() == 3);
  CHECK(s.actors.pmo.statutes.colleges[1].name == "public");
  CHECK(s.actors.pmo.statutes.colleges[1].weight == 0.3);
  REQUIRE(s.governance.agenda.size() == 1);
  CHECK(s.governance.agenda[0].item == "benefit_rule");
  CHECK(s.governance.agenda[0].options.size() == 2);
  CHECK(s.governance.every_periods() == 1);
  bool spread = false;
  for (size_t i = 0; i < 40; ++i) {
    const auto& b = s.participants[i].behaviour;
    CHECK(b.alpha >= 0.2);
    CHECK(b.alpha <= 0.8);
    CHECK(b.beta == 0.1);
    CHECK(b.participation == 0.4);
    spread = spread || std::abs(b.alpha - s.participants[0].behaviour.alpha) > 0.05;
  }
  CHECK(spread);  // drawn per member, not one value for the group
  // Same seed, same draws; another seed, other draws.
  CHECK(g.load().participants[7].behaviour.alpha == s.participants[7].behaviour.alpha);
  MiniGovernance other = g;
  other.seed = 2;
  CHECK(other.load().participants[7].behaviour.alpha != s.participants[7].behaviour.alpha);
}

TEST_CASE("college weights that do not sum to 1 are refused", "[scenario][governance]") {
  MiniGovernance g;
  g.statutes =
      "colleges: [{name: a, weight: 0.5, kinds: [household]}, {name: b, weight: 0.3, kinds: "
      "[public]}]";
  const std::string e = error_of(g);
  CHECK_THAT(e, Catch::Contains("gov-mini.yaml:"));
  CHECK_THAT(e, Catch::Contains("sum to 0.8"));
  CHECK_THAT(e, Catch::Contains("actors.pmo.statutes.colleges"));
}

TEST_CASE("a SCIC college outside 10-50 % of the votes is refused", "[scenario][governance]") {
  MiniGovernance g;
  g.statutes =
      "colleges: [{name: a, weight: 0.6, kinds: [household]}, {name: b, weight: 0.2, kinds: "
      "[public]}, {name: c, weight: 0.2, kinds: [municipality]}]";
  std::string text = g.text();
  text.replace(text.find("form: association"), 17, "form: scic");
  try {
    models::load_scenario_text(text, "gov-mini.yaml", ACCORD_SOURCE_DIR "/scenarios");
    FAIL("expected a configuration error");
  } catch (const ConfigErrors& e) {
    REQUIRE(e.errors().size() == 1);
    CHECK_THAT(std::string(e.errors()[0].what()), Catch::Contains("between 10 % and 50 %"));
    CHECK_THAT(std::string(e.errors()[0].what()), Catch::Contains("colleges[0].weight"));
  } catch (const ConfigError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("between 10 % and 50 %"));
  }
}

TEST_CASE("an unknown protocol is refused with the known ones", "[scenario][governance]") {
  MiniGovernance g;
  g.agenda = "[{item: benefit_rule, protocol: referendum, options: [equal]}]";
  const std::string e = error_of(g);
  CHECK_THAT(e, Catch::Contains("governance.agenda[0].protocol"));
  CHECK_THAT(e, Catch::Contains("single_text"));
}

TEST_CASE("a mediated protocol with no mediator engaged is refused", "[scenario][governance]") {
  MiniGovernance g;
  g.agenda = "[{item: benefit_rule, protocol: single_text, options: [equal]}]";
  CHECK_THAT(error_of(g), Catch::Contains("needs a mediation intermediary"));
  // A mediator engaged only before the run does not count.
  g.intermediaries = "[{id: alec, role: mediation, engaged: {from: 2024-01-01, to: 2024-06-01}}]";
  CHECK_THAT(error_of(g), Catch::Contains("needs a mediation intermediary"));
  g.intermediaries = "[{id: alec, role: mediation}]";
  CHECK_NOTHROW(g.load());
}

TEST_CASE("an option invalid for the community is refused at the option",
          "[scenario][governance]") {
  MiniGovernance g;
  // 42 participants: the nucleolus enumerates coalitions and needs at most 20.
  g.agenda = "[{item: benefit_rule, options: [equal, nucleolus]}]";
  std::string e = error_of(g);
  CHECK_THAT(e, Catch::Contains("governance.agenda[0].options[1]"));
  CHECK_THAT(e, Catch::Contains("at most 20 participants"));
  // A full_dynamic key needs its producer-consumer pairs.
  g.agenda = "[{item: sharing_key, options: [{type: full_dynamic}]}]";
  e = error_of(g);
  CHECK_THAT(e, Catch::Contains("governance.agenda[0].options[0]"));
  CHECK_THAT(e, Catch::Contains("option invalid for this community"));
}

TEST_CASE("delegation needs someone to delegate to", "[scenario][governance]") {
  MiniGovernance g;
  g.agenda = "[{item: pmo_fee, protocol: delegated, options: [0]}]";
  CHECK_THAT(error_of(g), Catch::Contains("the statutes have no board"));
  g.agenda = "[{item: pmo_fee, protocol: delegated, delegate: municipality, options: [0]}]";
  CHECK_THAT(error_of(g), Catch::Contains("actors.municipality is absent"));
}

TEST_CASE("an expansion option must name a planned plant", "[scenario][governance]") {
  // The existing plant is no option to build; a planned one is, and reads its cost.
  MiniGovernance g;
  g.agenda = "[{item: expansion, options: [pv]}]";
  std::string e = error_of(g);
  CHECK_THAT(e, Catch::Contains("expansion option 'pv' is not a planned plant"));
  CHECK_THAT(e, Catch::Contains("gov-mini.yaml:"));
  g.agenda = "[{item: expansion, options: [pv9]}]";
  CHECK_THAT(error_of(g), Catch::Contains("'pv9' is not a planned plant"));
  g.more_producers =
      "  - {id: pv2, owner: mairie, pv: {kwp: 50}, planned: {cost_eur_per_year: -1}}\n";
  g.agenda = "[{item: expansion, options: [pv2]}]";
  CHECK_THAT(error_of(g), Catch::Contains("producers[1].planned.cost_eur_per_year"));
  g.more_producers =
      "  - {id: pv2, owner: mairie, pv: {kwp: 50}, planned: {cost_eur_per_year: 4000}}\n";
  const models::Scenario s = g.load();
  REQUIRE(s.producers.size() == 2);
  CHECK(s.producers[1].planned);
  CHECK(s.producers[1].planned_cost_eur_per_year == 4000);
  REQUIRE(s.governance.agenda[0].options.size() == 1);
  CHECK(*s.governance.agenda[0].options[0].plant == "pv2");
}
