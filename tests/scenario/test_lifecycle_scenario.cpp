// The `lifecycle:` section: defaults, durations, events, and one located line per mistake.
#include <catch2/catch.hpp>

#include "scenario/scenario_text_support.hpp"

using namespace accord;
using namespace accord::test_scenarios;

namespace {

std::string with_lifecycle(const std::string& lifecycle) {
  return std::string(kMinimal) + "lifecycle:\n" + lifecycle;
}

}  // namespace

TEST_CASE("lifecycle: defaults, durations and events", "[scenario][lifecycle]") {
  CHECK_FALSE(load(kMinimal).lifecycle.enabled);
  const auto s = load(with_lifecycle(
      "  initiator: citizens\n  feasibility: [2, 4, 9]\n  recruitment: 5\n"
      "  events: [{type: outage, producer: pv, at: 2025-01-10, days: 3},\n"
      "           {type: inverter_failures, rate_per_year: 0.2, days_range: [2, 10]}]\n"));
  REQUIRE(s.lifecycle.enabled);
  CHECK(s.lifecycle.initiator == "citizens");
  CHECK(s.lifecycle.feasibility.min == 2);
  CHECK(s.lifecycle.feasibility.mode == 4);
  CHECK(s.lifecycle.feasibility.max == 9);
  CHECK(s.lifecycle.recruitment.mode == 5);
  CHECK(s.lifecycle.emergence.mode == 3);  // default
  REQUIRE(s.lifecycle.events.size() == 2);
  CHECK(s.lifecycle.events[0].subject == "pv");
  CHECK(s.lifecycle.events[0].days == 3);
  CHECK(s.lifecycle.events[1].rate_per_year == 0.2);
  CHECK(s.resolved_yaml.find("feasibility: [2, 4, 9]") != std::string::npos);
  // A prosumer's own plant is named `<participant id>:pv`.
  const auto prosumer = load(replace(with_lifecycle("  events: [{type: outage, producer: 'a:pv', "
                                                    "at: 2025-01-10}]\n"),
                                     "{id: a, kind: household,",
                                     "{id: a, kind: household, pv: "
                                     "{kwp: 3},"));
  REQUIRE(prosumer.lifecycle.events.size() == 1);
  CHECK(prosumer.lifecycle.events[0].subject == "a:pv");
}

TEST_CASE("lifecycle: each mistake is one located line", "[scenario][lifecycle][validation]") {
  struct Case {
    std::string lifecycle, says;
  };
  const Case cases[] = {
      {"  feasibility: -2\n", "lifecycle.feasibility"},
      {"  recruitment: [4, 2, 6]\n", "min <= mode <= max"},
      {"  structuring: [1, 2]\n", "expected a number of months or [min, mode, max]"},
      {"  initiator: mayor\n", "lifecycle.initiator"},
      {"  barriers: {statutes_unsettled: 1.5}\n", "lifecycle.barriers.statutes_unsettled"},
      {"  events: [{type: outage, producer: pv, at: 2026-03-01, days: 3}]\n",
       "dated outside the run"},
      {"  events: [{type: anchor_exit, participant: a, at: 2024-12-01}]\n",
       "dated outside the run"},
      {"  events: [{type: outage, producer: pv9, at: 2025-01-10}]\n", "unknown producer 'pv9'"},
      {"  renewal: {every_months: 12}\n", "governance.calendar is none"},
      {"  barriers: {min_savings_share: 2}\n", "lifecycle.barriers.min_savings_share"},
      {"  renewal: {every_months: -1}\n", "lifecycle.renewal.every_months"},
      {"  renewal: {every_months: 12, by: mayor}\n", "lifecycle.renewal.by"},
      {"  events: [{type: outage, producer: 'b:pv', at: 2025-01-10}]\n",
       "unknown producer 'b:pv'; expected a producers[].id or a prosumer's plant"},
      {"  events: [{type: anchor_exit, participant: zz, at: 2025-01-10}]\n",
       "unknown participant 'zz'"},
      {"  events: [{type: outage, producer: pv, at: 2025-01-10, days: -1}]\n",
       "lifecycle.events[0].days"},
      {"  events: [{type: flood, at: 2025-01-10}]\n", "lifecycle.events[0].type"},
  };
  for (const auto& c : cases) {
    const std::string e = error_of(with_lifecycle(c.lifecycle));
    INFO(c.lifecycle << " -> " << e);
    CHECK(e.find(c.says) != std::string::npos);
    CHECK(e.find("mini.yaml:") == 0);  // located in the scenario
    CHECK(e.find('\n') == std::string::npos);
  }
}
