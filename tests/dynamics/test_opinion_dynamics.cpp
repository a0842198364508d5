// Bounded confidence against the published cluster counts (Deffuant et al. 2000; values in
// domain/governance-and-fabrique.md §3), relative agreement by its invariants.
#include <catch2/catch.hpp>
#include <cmath>

#include "accord/models/dynamics/opinion_dynamics.hpp"

using namespace accord::models::dynamics;
using accord::sim::Purpose;
using accord::sim::RandomStream;

namespace {

Eigen::ArrayXd uniform_opinions(int n, uint64_t seed) {
  const RandomStream draws(seed, 0, Purpose::kDynamics, 1);
  Eigen::ArrayXd x(n);
  for (int i = 0; i < n; ++i) x(i) = draws.uniform(0, static_cast<uint64_t>(i));
  return x;
}

}  // namespace

TEST_CASE("Deffuant bounded confidence: floor(1/(2d)) +- 1 major clusters",
          "[dynamics][reference]") {
  // 1,000 agents, mu = 0.5, uniform opinions, 300 meetings per agent, clusters holding >= 1 %
  // of the agents; the published count is about floor(1/(2d)); tolerance +- 1, seeds 1..5.
  const int agents = 1000;
  for (double d : {0.5, 0.25, 0.15, 0.1}) {
    const int expected = static_cast<int>(std::floor(1.0 / (2.0 * d)));
    for (uint64_t seed = 1; seed <= 5; ++seed) {
      Eigen::ArrayXd x = uniform_opinions(agents, seed);
      const RandomStream meetings_stream(seed, 0, Purpose::kDynamics, 2);
      bounded_confidence(x, d, 0.5, Meetings{nullptr, 300LL * agents, 0}, meetings_stream);
      const int clusters = count_major_clusters(x, 0.02, 0.01);
      INFO("d = " << d << ", seed " << seed << ": " << clusters << " clusters");
      CHECK(std::abs(clusters - expected) <= 1);
    }
  }
}

TEST_CASE("Deffuant bounded confidence: nothing moves beyond the threshold", "[dynamics]") {
  Eigen::ArrayXd x(3);
  x << 0.0, 0.5, 1.0;
  const Eigen::ArrayXd before = x;
  const RandomStream stream(7, 0, Purpose::kDynamics, 2);
  bounded_confidence(x, 0.5, 0.5, Meetings{nullptr, 1000, 0}, stream);  // gaps are 0.5: >= d
  CHECK((x == before).all());
  // Each meeting keeps the sum (symmetric moves), whatever meets.
  Eigen::ArrayXd y = uniform_opinions(200, 3);
  const double sum = y.sum();
  bounded_confidence(y, 0.3, 0.3, Meetings{nullptr, 20000, 0}, stream);
  CHECK(y.sum() == Approx(sum).margin(1e-9));
  CHECK(y.minCoeff() >= 0.0);
  CHECK(y.maxCoeff() <= 1.0);
}

TEST_CASE("Deffuant bounded confidence: meetings follow the network", "[dynamics]") {
  // Two separate pairs: opinions never cross from one pair to the other.
  const SocialNetwork network(4, {{0, 1}, {2, 3}});
  Eigen::ArrayXd x(4);
  x << 0.0, 0.2, 0.25, 0.45;
  const RandomStream stream(11, 0, Purpose::kDynamics, 2);
  bounded_confidence(x, 1.0, 0.5, Meetings{&network, 100, 0}, stream);
  CHECK(x(0) == Approx(0.1).margin(1e-12));
  CHECK(x(1) == Approx(0.1).margin(1e-12));
  CHECK(x(2) == Approx(0.35).margin(1e-12));
  CHECK(x(3) == Approx(0.35).margin(1e-12));
}

TEST_CASE("Relative agreement: a confident agent sways an uncertain one, not the reverse",
          "[dynamics]") {
  // i at 0 with u = 0.1 lies inside j's segment (0.5 +- 1): h = 0.2, so i acts on j with
  // ra = 0.2 / 0.1 - 1 = 1 and j on i with 0.2 / 1 - 1 < 0 (no effect).
  const SocialNetwork pair(2, {{0, 1}});
  Eigen::ArrayXd x(2), u(2);
  x << 0.0, 0.5;
  u << 0.1, 1.0;
  const RandomStream stream(5, 0, Purpose::kDynamics, 2);
  relative_agreement(x, u, 0.5, Meetings{&pair, 1, 0}, stream);
  CHECK(x(0) == 0.0);
  CHECK(u(0) == 0.1);
  CHECK(x(1) == Approx(0.25).margin(1e-15));  // 0.5 + 0.5 * 1 * (0 - 0.5)
  CHECK(u(1) == Approx(0.55).margin(1e-15));  // 1 + 0.5 * 1 * (0.1 - 1)
}

TEST_CASE("Relative agreement: opinions and uncertainties stay within their initial ranges",
          "[dynamics]") {
  Eigen::ArrayXd x = uniform_opinions(500, 9) * 2.0 - 1.0;
  Eigen::ArrayXd u = Eigen::ArrayXd::Constant(500, 0.8);
  u.head(50).setConstant(0.1);  // a confident minority
  const RandomStream stream(9, 0, Purpose::kDynamics, 2);
  const double x_min = x.minCoeff(), x_max = x.maxCoeff();
  relative_agreement(x, u, 0.3, Meetings{nullptr, 100000, 0}, stream);
  CHECK(x.minCoeff() >= x_min - 1e-12);
  CHECK(x.maxCoeff() <= x_max + 1e-12);
  CHECK(u.minCoeff() >= 0.1 - 1e-12);
  CHECK(u.maxCoeff() <= 0.8 + 1e-12);
  // Agents that never overlap enough never move: segments too narrow to reach anyone.
  Eigen::ArrayXd y(3), v(3);
  y << 0.0, 0.5, 1.0;
  v << 0.2, 0.2, 0.2;
  relative_agreement(y, v, 0.5, Meetings{nullptr, 1000, 1}, stream);
  CHECK(y(1) == 0.5);
  CHECK(v(1) == 0.2);
}

TEST_CASE("Opinion rounds are pure functions of the seed and the round", "[dynamics]") {
  const RandomStream stream(21, 0, Purpose::kDynamics, 2);
  Eigen::ArrayXd a = uniform_opinions(300, 4), b = a;
  bounded_confidence(a, 0.2, 0.5, Meetings{nullptr, 5000, 3}, stream);
  bounded_confidence(b, 0.2, 0.5, Meetings{nullptr, 5000, 3}, stream);
  CHECK((a == b).all());
  Eigen::ArrayXd c = uniform_opinions(300, 4);
  bounded_confidence(c, 0.2, 0.5, Meetings{nullptr, 5000, 4}, stream);  // another round
  CHECK_FALSE((a == c).all());
}

TEST_CASE("Major clusters: gaps split, small groups do not count", "[dynamics]") {
  Eigen::ArrayXd x(10);
  x << 0.1, 0.1, 0.11, 0.5, 0.9, 0.9, 0.9, 0.91, 0.9, 0.1;
  CHECK(count_major_clusters(x, 0.02, 0.0) == 3);
  CHECK(count_major_clusters(x, 0.02, 0.2) == 2);  // the lone 0.5 is 10 %
  CHECK(count_major_clusters(x, 0.5, 0.0) == 1);
}
