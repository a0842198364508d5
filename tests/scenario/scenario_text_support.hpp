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
