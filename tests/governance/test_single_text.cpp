// Mediated single negotiation text (models/governance/single_text.hpp): unanimous hill
// climbing keeps the contested item at the status quo, mediator annealing escapes a local
// optimum without ever returning a text someone loses on, determinism and the cache.
#include <catch2/catch.hpp>

#include <set>
#include <vector>

#include "accord/models/governance/single_text.hpp"
#include "accord/sim/rng.hpp"

using namespace accord::models::governance;
using accord::sim::Purpose;
using accord::sim::RandomStream;

namespace {

// Two parties, three items of three options, additive utilities. Item 0 is contested (option 1
// helps A and hurts B, option 2 the reverse); items 1 and 2 are shared improvements (option 2
// best for both, option 1 better than the status quo for both).
Eigen::VectorXd additive(const std::vector<int>& text) {
  const double a[3][3] = {{0, 3, -3}, {0, 1, 2}, {0, 0.5, 1.5}};
  const double b[3][3] = {{0, -3, 3}, {0, 2, 3}, {0, 1, 1.2}};
  Eigen::Vector2d u(0, 0);
  for (std::size_t item = 0; item < 3; ++item) {
    const auto o = static_cast<std::size_t>(text[item]);
    u[0] += a[item][o];
    u[1] += b[item][o];
  }
  return u;
}

// Two binary items where each single change hurts one party but both together help both:
// unanimous single changes are stuck at the status quo (Klein et al. 2003, nonlinear
// contracts).
Eigen::VectorXd coupled(const std::vector<int>& text) {
  if (text[0] == 1 && text[1] == 1) return Eigen::Vector2d(3, 3);
  if (text[0] == 1) return Eigen::Vector2d(-1, 1);
  if (text[1] == 1) return Eigen::Vector2d(1, -1);
  return Eigen::Vector2d(0, 0);
}

}  // namespace

TEST_CASE("Single text reaches the shared improvements and keeps the contested item",
          "[governance][single_text]") {
  const std::vector<int> items{3, 3, 3};
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const RandomStream stream(seed, 0, Purpose::kGovernance, 3);
    int calls = 0;
    const TextUtility counted = [&](const std::vector<int>& t) {
      ++calls;
      return additive(t);
    };
    const auto out = single_negotiation_text(items, counted, SingleTextParams{}, stream, 11);
    INFO("seed " << seed);
    CHECK(out.text == std::vector<int>{0, 2, 2});
    CHECK(out.improved);
    CHECK(out.evaluations == calls);  // each text evaluated once
    CHECK(out.evaluations <= 27);     // no more than the distinct texts
    CHECK(out.evaluations <= out.rounds + 1);
    CHECK(out.rounds < 50);  // stopped because every change was rejected
    CHECK(out.changes_kept >= 2);
  }
}

TEST_CASE("Single text is deterministic per stream", "[governance][single_text]") {
  const std::vector<int> items{3, 3, 3};
  const SingleTextParams params{50, 2.0, 0.8};
  const RandomStream stream(5, 1, Purpose::kGovernance, 9);
  const auto a = single_negotiation_text(items, additive, params, stream, 4);
  const auto b = single_negotiation_text(items, additive, params, stream, 4);
  CHECK(a.text == b.text);
  CHECK(a.rounds == b.rounds);
  CHECK(a.changes_kept == b.changes_kept);
  CHECK(a.evaluations == b.evaluations);
}

TEST_CASE("Mediator annealing escapes a local optimum, never returns a losing text",
          "[governance][single_text]") {
  const std::vector<int> items{2, 2};
  // Without annealing both single changes are rejected: the status quo stays.
  const RandomStream first(1, 0, Purpose::kGovernance, 1);
  const auto stuck = single_negotiation_text(items, coupled, SingleTextParams{}, first, 0);
  CHECK(stuck.text == std::vector<int>{0, 0});
  CHECK_FALSE(stuck.improved);
  CHECK(stuck.rounds == 2);
  CHECK(stuck.evaluations == 3);
  // With annealing the mediator sometimes keeps a change one party rejects, then both accept
  // the second one; a text where one party is below the status quo is never returned.
  int escaped = 0;
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    const RandomStream stream(seed, 0, Purpose::kGovernance, 1);
    const auto out = single_negotiation_text(items, coupled, {50, 1.0, 0.9}, stream, 0);
    const Eigen::VectorXd u = coupled(out.text);
    CHECK(u.minCoeff() >= 0.0);
    CHECK(out.evaluations <= 4);
    if (out.text == std::vector<int>{1, 1}) ++escaped;
  }
  CHECK(escaped >= 20);  // keep probability exp(-0.5) per try: about 85 % of seeds
}

TEST_CASE("Single text degenerate input", "[governance][single_text]") {
  const RandomStream stream(1, 0, Purpose::kGovernance, 1);
  const auto none = single_negotiation_text({1, 1}, coupled, SingleTextParams{}, stream, 0);
  CHECK(none.rounds == 0);
  CHECK(none.evaluations == 1);
  CHECK_THROWS_AS(single_negotiation_text({0}, coupled, SingleTextParams{}, stream, 0),
                  std::invalid_argument);
  const TextUtility ragged = [](const std::vector<int>& t) {
    return t[0] == 0 ? Eigen::VectorXd::Zero(2) : Eigen::VectorXd::Zero(3);
  };
  CHECK_THROWS_AS(single_negotiation_text({2}, ragged, SingleTextParams{}, stream, 0),
                  std::invalid_argument);
}
