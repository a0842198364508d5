// The `dynamics:` section: defaults, candidates, and one located line per mistake.
#include <catch2/catch.hpp>

#include "scenario/scenario_text_support.hpp"

using namespace accord;
using namespace accord::test_scenarios;

namespace {

std::string with_dynamics(const std::string& dynamics) {
  return std::string(kMinimal) + "dynamics:\n" + dynamics;
}

const std::string kCandidate =
    "  candidates:\n"
    "    - {id: c1, kind: household, consumption: {profile: household, annual_kwh: 3000}}\n";

}  // namespace

TEST_CASE("dynamics: defaults, candidates and the ties file", "[scenario][dynamics]") {
  const auto none = load(kMinimal);
  CHECK_FALSE(none.dynamics.enabled);
  const auto s = load(with_dynamics(kCandidate));
  CHECK(s.dynamics.enabled);
  CHECK(s.dynamics.every_periods == 1);
  CHECK(s.dynamics.attitude.model == "relative_agreement");
  REQUIRE(s.dynamics.candidates.size() == 1);
  CHECK(s.dynamics.candidates[0].id == "c1");
  CHECK(s.participants.size() == 2);  // candidates are not members
  const auto csv = load(
      with_dynamics("  network: {type: csv, csv: ../tests/data/dynamics/ties.csv}\n" + kCandidate));
  // Persons: a = 0, b = 1, then candidate c1 = 2.
  CHECK(csv.dynamics.network.ties == std::vector<std::pair<int, int>>{{0, 1}, {1, 2}});
}

TEST_CASE("dynamics: with membership, candidates are participants who are not members yet",
          "[scenario][dynamics]") {
  const auto s =
      load(with_dynamics("  membership: {admission: pmo, max_members: 10}\n" + kCandidate));
  CHECK(s.dynamics.membership.enabled);
  CHECK(s.dynamics.membership.admission == "pmo");
  CHECK(s.dynamics.membership.max_members == 10);
  const auto vote = load(with_dynamics("  membership: {admission: assembly}\n" + kCandidate +
                                       "governance: {calendar: quarterly}\n"));
  CHECK(vote.dynamics.membership.admission == "assembly");
  CHECK(vote.dynamics.membership.admission_by_vote());
  CHECK(s.dynamics.candidates.empty());
  REQUIRE(s.participants.size() == 3);
  CHECK(s.participants[2].id == "c1");
  CHECK_FALSE(s.participants[2].member_at_start);
  CHECK(s.participants[0].member_at_start);
  // The resolved scenario keeps the section with its defaults.
  CHECK(s.resolved_yaml.find("exit_after_updates: 3") != std::string::npos);
}

TEST_CASE("dynamics: each mistake is one located line", "[scenario][dynamics][validation]") {
  struct Case {
    std::string dynamics, says;
  };
  const Case cases[] = {
      {"  satisfaction: {initial: 1.5}\n", "dynamics.satisfaction.initial"},
      {"  aspiration: {habituation: -0.1}\n", "dynamics.aspiration.habituation"},
      {"  every_periods: 0\n", "dynamics.every_periods"},
      {"  network: {neighbours: 5}\n", "neighbours must be even"},
      {"  attitude: {candidates: {low: 0.8, high: 0.2}}\n", "low is above high"},
      {"  attitude: {convergence: 0.9}\n", "dynamics.attitude.convergence"},
      {"  attitude: {modle: bounded_confidence}\n", "did you mean 'model'"},
      {"  candidates:\n    - {id: a, kind: household, consumption: {profile: household, "
       "annual_kwh: 3000}}\n",
       "candidate id 'a' is already a participant"},
      {"  candidates:\n    - {id: far, kind: household, location: {lat: 48.85, lon: 2.35},\n"
       "       consumption: {profile: household, annual_kwh: 3000}}\n",
       "a candidate lies outside the operation's perimeter"},
      {"  membership: {exit_satisfaction: 1.2}\n", "dynamics.membership.exit_satisfaction"},
      {"  membership: {admission: vote}\n", "dynamics.membership.admission"},
      {"  membership: {admission: assembly}\n", "governance.calendar is none"},
      {"  membership: {admission: board}\ngovernance: {calendar: monthly}\n",
       "the statutes have no board"},
      {"  membership: {notice_periods: -1}\n", "dynamics.membership.notice_periods"},
      {"  membership: {}\n  candidates:\n    - {id: c1, kind: household, pv: {kwp: 3},\n"
       "       consumption: {profile: household, annual_kwh: 3000}}\n",
       "candidate 'c1' has pv"},
  };
  for (const auto& c : cases) {
    const std::string e = error_of(with_dynamics(c.dynamics));
    INFO(c.dynamics << " -> " << e);
    CHECK(e.find(c.says) != std::string::npos);
    CHECK(e.find("mini.yaml:") == 0);  // located in the scenario
    CHECK(e.find('\n') == std::string::npos);
  }
}

TEST_CASE("dynamics: a ties file naming an unknown person gives its file and line",
          "[scenario][dynamics][validation]") {
  try {
    load(with_dynamics("  network: {type: csv, csv: ../tests/data/dynamics/ties-unknown.csv}\n" +
                       kCandidate));
    FAIL("expected an error");
  } catch (const Error& e) {
    const std::string what = e.what();
    INFO(what);
    CHECK(what.find("ties-unknown.csv:3:3") != std::string::npos);
    CHECK(what.find("unknown person 'ghost'") != std::string::npos);
    CHECK(e.exit_status() == 2);
  }
}
