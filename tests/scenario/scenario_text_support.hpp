#pragma once
// Scenarios written inline in tests: load one as if it were scenarios/mini.yaml (data paths
// resolve against scenarios/), or get the one error line of one that must fail.
#include <catch2/catch.hpp>

#include <string>

#include "accord/models/scenario/loader.hpp"
#include "accord/sim/error.hpp"

namespace accord::test_scenarios {

inline models::Scenario load(const std::string& text, models::LoadOptions o = {}) {
  return models::load_scenario_text(text, "mini.yaml", ACCORD_SOURCE_DIR "/scenarios", o);
}

// Two participants and one plant for a month: the base most scenario tests vary.
inline const char* const kMinimal = R"(accord: 1
name: mini
time: {start: 2025-01-01, end: 2025-02-01, step: 30min}
participants:
  - {id: a, kind: household, consumption: {profile: household, annual_kwh: 3000}}
  - {id: b, kind: business, consumption: {profile: office, annual_kwh: 20000}}
producers:
  - {id: pv, owner: commune, pv: {kwp: 30}}
)";

// `text` with the first `from` replaced by `to` (which must be there).
inline std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  REQUIRE(pos != std::string::npos);
  return text.replace(pos, from.size(), to);
}

// The single error line of a scenario that should fail.
inline std::string error_of(const std::string& text, models::LoadOptions o = {}) {
  try {
    load(text, o);
  } catch (const ConfigErrors& e) {
    REQUIRE(e.errors().size() == 1);
    return e.errors()[0].what();
  } catch (const ConfigError& e) {
    return e.what();
  }
  FAIL("expected a configuration error");
  return {};
}

}  // namespace accord::test_scenarios
