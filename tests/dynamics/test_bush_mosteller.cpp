// Bush–Mosteller aspiration learning against the published values of
// domain/governance-and-fabrique.md §3 (Macy & Flache 2002), tolerance 1e-12.
#include <catch2/catch.hpp>

#include "accord/models/dynamics/bush_mosteller.hpp"

using namespace accord::models::dynamics;

namespace {
Eigen::ArrayXd one(double v) {
  return Eigen::ArrayXd::Constant(1, v);
}
}  // namespace

TEST_CASE("Bush-Mosteller: the prisoner's dilemma reference values", "[dynamics][reference]") {
  // T/R/P/S = 5/3/1/0, aspiration 5/3: the largest |payoff - A| is 5 - 5/3 = 10/3.
  const double aspiration = 5.0 / 3.0;
  const Eigen::ArrayXd scale = one(10.0 / 3.0);
  const auto s_cooperate = stimulus(one(3.0), one(aspiration), scale);
  const auto s_exploited = stimulus(one(0.0), one(aspiration), scale);
  CHECK(s_cooperate(0) == Approx(0.4).margin(1e-12));
  CHECK(s_exploited(0) == Approx(-0.5).margin(1e-12));
  CHECK(reinforce(one(0.5), s_cooperate, 0.5)(0) == Approx(0.6).margin(1e-12));
  CHECK(reinforce(one(0.5), s_exploited, 0.5)(0) == Approx(0.375).margin(1e-12));
}

TEST_CASE("Bush-Mosteller: propensities stay in [0, 1], stimuli in [-1, 1]", "[dynamics]") {
  Eigen::ArrayXd payoff(5), aspiration(5), scale(5), p(5);
  payoff << 100, -100, 0.2, 0.5, 1;
  aspiration << 0, 0, 0.5, 0.5, 0;
  scale << 1, 1, 1, 1, 1;
  p << 0.9, 0.1, 0, 1, 1;
  const auto s = stimulus(payoff, aspiration, scale);
  CHECK(s(0) == 1.0);  // clamped: a payoff beyond the scale's range
  CHECK(s(1) == -1.0);
  CHECK(s(3) == 0.0);
  for (double l : {0.0, 0.3, 1.0}) {
    const auto q = reinforce(p, s, l);
    CHECK((q >= 0).all());
    CHECK((q <= 1).all());
    CHECK(q(3) == p(3));  // no stimulus, no change
  }
  CHECK(reinforce(p, s, 1.0)(0) == 1.0);  // full learning from the best outcome
  CHECK(reinforce(p, s, 1.0)(1) == 0.0);
}

TEST_CASE("Bush-Mosteller: aspiration habituates towards the payoffs", "[dynamics]") {
  const auto a = habituate(one(2.0), one(4.0), 0.25);
  CHECK(a(0) == Approx(2.5).margin(1e-15));
  CHECK(habituate(one(2.0), one(4.0), 0.0)(0) == 2.0);
  CHECK(habituate(one(2.0), one(4.0), 1.0)(0) == 4.0);
  // Repeated identical payoffs pull the aspiration to them geometrically.
  Eigen::ArrayXd level = one(0.0);
  for (int k = 0; k < 50; ++k) level = habituate(level, one(1.0), 0.2);
  CHECK(level(0) == Approx(1.0 - std::pow(0.8, 50)).margin(1e-12));
}
