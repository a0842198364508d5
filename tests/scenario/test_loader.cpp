#include <catch2/catch.hpp>

#include <string>

#include "accord/models/scenario/loader.hpp"
#include "accord/sim/error.hpp"
#include "scenario_text_support.hpp"

using namespace accord;
using namespace accord::models;
using accord::test_scenarios::error_of;
using accord::test_scenarios::kMinimal;
using accord::test_scenarios::load;
using accord::test_scenarios::replace;

TEST_CASE("a minimal scenario loads with documented defaults", "[scenario]") {
  const Scenario s = load(kMinimal);
  CHECK(s.name == "mini");
  CHECK(s.seed == kDefaultSeed);
  CHECK(s.participants.size() == 2);
  CHECK(s.producers.size() == 1);
  CHECK(s.sharing_key.type == "dynamic_default");
  CHECK(s.time.step_seconds == 1800);
  CHECK(s.time.timezone == "Europe/Paris");
  CHECK(s.output.path == "out/mini.h5");
  CHECK(s.resolved_yaml.find("dynamic_default") != std::string::npos);
  CHECK(s.resolved_yaml.find("seed: 42") != std::string::npos);
}

TEST_CASE("a sharing key named by a bare word resolves to a map that loads again", "[scenario]") {
  // `sharing_key: static` is a scalar in the document; the resolved scenario completes it.
  const Scenario s = load(std::string(kMinimal) + "community: {sharing_key: static}\n");
  CHECK(s.sharing_key.type == "static");
  const Scenario again = load(s.resolved_yaml);
  CHECK(again.sharing_key == s.sharing_key);
  CHECK(again.resolved_yaml == s.resolved_yaml);
}

TEST_CASE("invalid scenarios give one located line each", "[scenario]") {
  SECTION("misspelt key with a did-you-mean") {
    CHECK(error_of(replace(kMinimal, "annual_kwh: 3000", "anual_kwh: 3000")) ==
          "mini.yaml:5:64: unknown key 'anual_kwh'; did you mean 'annual_kwh'? "
          "(participants[0].consumption.anual_kwh)");
  }
  SECTION("wrong type") {
    CHECK(error_of(replace(kMinimal, "kwp: 30", "kwp: thirty")) ==
          "mini.yaml:8:40: expected a number > 0, got 'thirty' (producers[0].pv.kwp)");
  }
  SECTION("negative kWc") {
    CHECK(error_of(replace(kMinimal, "kwp: 30", "kwp: -5")) ==
          "mini.yaml:8:40: value -5 is out of range; expected a number > 0 (producers[0].pv.kwp)");
  }
  SECTION("missing CSV") {
    const std::string e =
        error_of(replace(kMinimal, "{profile: office, annual_kwh: 20000}", "{csv: data/nope.csv}"));
    INFO(e);
    CHECK(e.rfind("mini.yaml:6:48: file not found: 'data/nope.csv'", 0) == 0);
    CHECK(e.find("(participants[1].consumption.csv)") != std::string::npos);
  }
  SECTION("unknown key type") {
    const std::string e =
        error_of(std::string(kMinimal) + "community: {sharing_key: {type: statik}}\n");
    CHECK(e.rfind("mini.yaml:9:33: unknown value 'statik'; did you mean 'static'?", 0) == 0);
    CHECK(e.find("(community.sharing_key.type)") != std::string::npos);
  }
  SECTION("participant outside the 2 km perimeter") {
    const std::string e = error_of(replace(kMinimal, "kind: business,",
                                           "kind: business, location: {lat: 45.80, lon: 4.8357},"));
    CHECK(e.find("mini.yaml:") == 0);
    CHECK(e.find("derogation") != std::string::npos);
    // The declared derogation turns it into a warning.
    const Scenario s = load(replace(kMinimal, "kind: business,",
                                    "kind: business, location: {lat: 45.80, lon: 4.8357},") +
                            "regulation: {perimeter: urban, derogation: true}\n");
    CHECK(s.warnings.size() == 1);
  }
  SECTION("duplicate key") {
    CHECK(error_of(std::string(kMinimal) + "seed: 1\nseed: 2\n") ==
          "mini.yaml:10:1: duplicate key 'seed' (seed)");
  }
  SECTION("invalid YAML") {
    CHECK(error_of("accord: 1\nparticipants: [a, b\n").rfind("mini.yaml:3:1: invalid YAML", 0) ==
          0);
  }
}

TEST_CASE("command-line overrides go through the same validation", "[scenario]") {
  LoadOptions o;
  o.overrides = {"community.sharing_key.type=static", "producers[id=pv].pv.kwp=45",
                 "participants[1].consumption.annual_kwh=1000"};
  const Scenario s = load(kMinimal, o);
  CHECK(s.sharing_key.type == "static");
  CHECK(std::get<PvSpec>(s.producers[0].production.source).kwp == 45);
  CHECK(std::get<LoadProfileSpec>(s.participants[1].consumption.source).annual_kwh == 1000);

  LoadOptions bad;
  bad.overrides = {"producers[0].pv.kwp=-3"};
  CHECK(error_of(kMinimal, bad) ==
        "--set producers[0].pv.kwp=-3: value -3 is out of range; expected a number > 0 "
        "(producers[0].pv.kwp)");
  LoadOptions malformed;
  malformed.overrides = {"no_equals_sign"};
  CHECK(error_of(kMinimal, malformed).find("expected --set key.path=value") != std::string::npos);
  LoadOptions seed;
  seed.seed = 7;
  CHECK(load(kMinimal, seed).seed == 7);
}

TEST_CASE("groups expand deterministically from the seed", "[scenario]") {
  const std::string text = std::string(kMinimal) + R"(  - {id: pv2, pv: {kwp: 10}}
)";
  const std::string groups = replace(
      text, "participants:\n",
      "participants:\n  - {group: g, count: 20, kind: household, income: {deciles: [1, 5, 10]},\n"
      "     consumption: {profile: household, annual_kwh: 4000, spread: 0.3},\n"
      "     pv: {share: 0.5, kwp: 3}, location: {radius_m: 300}}\n");
  const Scenario a = load(groups), b = load(groups);
  REQUIRE(a.participants.size() == 22);
  CHECK(a.participants[0].id == "g-001");
  CHECK(a.participants[19].id == "g-020");
  int prosumers = 0;
  for (size_t i = 0; i < 20; ++i) {
    const auto& p = a.participants[i];
    CHECK(p.id == b.participants[i].id);
    CHECK(std::get<LoadProfileSpec>(p.consumption.source).annual_kwh ==
          std::get<LoadProfileSpec>(b.participants[i].consumption.source).annual_kwh);
    CHECK(p.income_eur_per_year == b.participants[i].income_eur_per_year);
    CHECK(p.location.lat_deg == b.participants[i].location.lat_deg);
    CHECK(p.income_decile == std::vector<int>{1, 5, 10}[i % 3]);
    CHECK(p.low_income == (p.income_decile <= 3));
    prosumers += p.own_production ? 1 : 0;
  }
  // Every prosumer's injection is a producer behind its meter.
  CHECK(a.producers.size() == 2 + static_cast<size_t>(prosumers));
  CHECK(prosumers > 2);
  CHECK(prosumers < 18);
  LoadOptions other;
  other.seed = 43;
  const Scenario c = load(groups, other);
  CHECK(std::get<LoadProfileSpec>(c.participants[0].consumption.source).annual_kwh !=
        std::get<LoadProfileSpec>(a.participants[0].consumption.source).annual_kwh);
}

TEST_CASE("every shipped scenario validates", "[scenario]") {
  for (const char* name : {"quartier-mixte.yaml", "worked-example.yaml"}) {
    INFO(name);
    const Scenario s = load_scenario(std::string(ACCORD_SOURCE_DIR "/scenarios/") + name);
    CHECK_FALSE(s.participants.empty());
    CHECK_FALSE(s.producers.empty());
  }
}

TEST_CASE("finance entries must name a PV producer", "[scenario]") {
  const std::string e = error_of(std::string(kMinimal) +
                                 "finance: {pv: [{producer: nope, capex_eur_per_kwp: 1000}]}\n");
  CHECK(e.find("no PV producer 'nope'") != std::string::npos);
  CHECK(e.find("(finance.pv[0].producer)") != std::string::npos);
  const Scenario s =
      load(std::string(kMinimal) + "finance: {pv: [{producer: pv, capex_eur_per_kwp: 1000}]}\n");
  REQUIRE(s.finance.size() == 1);
  CHECK(s.finance[0].investment.kwp == 30);
  CHECK(s.finance[0].investment.capex_eur_per_kwp == 1000);
}
