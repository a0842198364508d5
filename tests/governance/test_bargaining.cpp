// Bargaining protocols (alternating_offers.hpp, zeuthen.hpp, time_dependent_tactics.hpp):
// published values of domain/governance-and-fabrique.md §3 and behaviour checks.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "accord/models/governance/alternating_offers.hpp"
#include "accord/models/governance/time_dependent_tactics.hpp"
#include "accord/models/governance/zeuthen.hpp"

using namespace accord::models::governance;

namespace {

// A unit pie on a grid: option 0 is the status quo (0 for both), option k = 1 .. steps + 1 gives
// party 0 the share (k - 1)/steps and party 1 the rest.
Eigen::MatrixXd pie(int steps) {
  Eigen::MatrixXd u(2, steps + 2);
  u.col(0).setZero();
  for (int k = 1; k <= steps + 1; ++k) {
    const double share = static_cast<double>(k - 1) / steps;
    u(0, k) = share;
    u(1, k) = 1.0 - share;
  }
  return u;
}

}  // namespace

TEST_CASE("Rubinstein closed form", "[governance][bargaining][rubinstein]") {
  // Rubinstein (1982): first proposer's share (1 - d2)/(1 - d1 d2).
  CHECK(rubinstein_first_share(0.9, 0.9) == Approx(0.5263).margin(1e-4));
  CHECK(rubinstein_first_share(0.9, 0.8) == Approx(0.7143).margin(1e-4));
  CHECK(rubinstein_first_share(0.95, 0.9) == Approx(0.6897).margin(1e-4));
  CHECK_THROWS_AS(rubinstein_first_share(1.0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(rubinstein_first_share(1.1, 0.5), std::invalid_argument);
}

TEST_CASE("Alternating offers on a 1001-point pie reach the Rubinstein share",
          "[governance][bargaining][rubinstein]") {
  const Eigen::MatrixXd u = pie(1000);
  const double pairs[3][2] = {{0.9, 0.9}, {0.9, 0.8}, {0.95, 0.9}};
  for (const auto& d : pairs) {
    const auto out = alternating_offers(u, Eigen::Vector2d(d[0], d[1]), 400);
    INFO("deltas " << d[0] << ", " << d[1]);
    CHECK(out.agreed);
    CHECK(out.rounds == 1);
    CHECK(out.offers.size() == 400);
    CHECK(out.offers.front() == out.chosen);
    CHECK(u(0, out.chosen) == Approx(rubinstein_first_share(d[0], d[1])).margin(0.01));
  }
}

TEST_CASE("Alternating offers: last-round ultimatum, disagreement and input checks",
          "[governance][bargaining][rubinstein]") {
  const Eigen::MatrixXd u = pie(100);
  // One round is an ultimatum: the proposer keeps everything the responder weakly accepts.
  CHECK(u(0, alternating_offers(u, Eigen::Vector2d(0.9, 0.9), 1).chosen) == 1.0);
  // Two rounds: party 1 would get everything in round 2, so party 0 offers it delta_1.
  CHECK(u(1, alternating_offers(u, Eigen::Vector2d(0.5, 0.7), 2).chosen) ==
        Approx(0.7).margin(1e-12));
  // Three parties, no option better than the status quo for all: disagreement.
  Eigen::MatrixXd opposed(3, 3);
  opposed << 0, 1, -1,  //
      0, -1, 1,         //
      0, 2, 2;
  const auto none = alternating_offers(opposed, Eigen::Vector3d(0.9, 0.9, 0.9), 10);
  CHECK(none.chosen == 0);
  CHECK_FALSE(none.agreed);
  CHECK_THROWS_AS(alternating_offers(u, Eigen::Vector2d(0.9, 0.9), 0), std::invalid_argument);
  CHECK_THROWS_AS(alternating_offers(u, Eigen::Vector3d(0.9, 0.9, 0.9), 5), std::invalid_argument);
}

TEST_CASE("Zeuthen concession ends at the Nash bargaining solution",
          "[governance][bargaining][zeuthen]") {
  // Harsanyi (1956): u1 = x, u2 = sqrt(1 - x), d = 0 -> x = 2/3, u2 = 0.5774.
  const int points = 3001;
  Eigen::MatrixXd u(2, points + 1);
  u.col(0).setZero();
  for (int k = 1; k <= points; ++k) {
    const double x = static_cast<double>(k - 1) / (points - 1);
    u(0, k) = x;
    u(1, k) = std::sqrt(1.0 - x);
  }
  const auto out = zeuthen(u, 20000);
  REQUIRE(out.agreed);
  CHECK(u(0, out.chosen) == Approx(2.0 / 3).margin(0.002));
  CHECK(u(1, out.chosen) == Approx(0.5774).margin(0.002));
  CHECK(out.offers.size() == 2 * static_cast<std::size_t>(out.rounds));
  // Too few rounds: the status quo stays.
  const auto cut = zeuthen(u, 10);
  CHECK(cut.chosen == 0);
  CHECK_FALSE(cut.agreed);
  CHECK(cut.rounds == 10);
}

TEST_CASE("Zeuthen: compatible offers, walk-away, three parties",
          "[governance][bargaining][zeuthen]") {
  // Everyone's best option is the same: agreement in round 1.
  Eigen::MatrixXd same(2, 3);
  same << 0, 1, 2,  //
      0, 1, 3;
  const auto first = zeuthen(same, 5);
  CHECK(first.chosen == 2);
  CHECK(first.rounds == 1);
  // Opposed preferences with nothing better than the status quo for both: concessions lead
  // back to the status quo.
  Eigen::MatrixXd opposed(2, 3);
  opposed << 0, 1, -1,  //
      0, -1, 1;
  const auto none = zeuthen(opposed, 10);
  CHECK(none.chosen == 0);
  CHECK_FALSE(none.agreed);
  // Three parties, each with its favourite (options 1-3) and a common compromise (option 4):
  // equal risks, all concede at once to the compromise and agree in round 2.
  Eigen::MatrixXd three(3, 5);
  three << 0, 6, 1, 1, 3,  //
      0, 1, 6, 1, 3,       //
      0, 1, 1, 6, 3;
  const auto out = zeuthen(three, 50);
  CHECK(out.chosen == 4);
  CHECK(out.agreed);
  CHECK(out.rounds == 2);
  CHECK(out.offers == std::vector<int>{1, 2, 3, 4, 4, 4});
}

TEST_CASE("Faratin concession fraction", "[governance][bargaining][faratin]") {
  // Faratin, Sierra & Jennings (1998), kappa = 0 at t/T = 0.5.
  CHECK(faratin_alpha(5, 10, 0, 1) == Approx(0.5).margin(1e-4));
  CHECK(faratin_alpha(5, 10, 0, 0.5) == Approx(0.25).margin(1e-4));
  CHECK(faratin_alpha(5, 10, 0, 2) == Approx(0.7071).margin(1e-4));
  CHECK(faratin_alpha(0, 10, 0.2, 2) == Approx(0.2).margin(1e-12));
  CHECK(faratin_alpha(15, 10, 0.2, 0.5) == Approx(1.0).margin(1e-12));  // after the deadline
  CHECK_THROWS_AS(faratin_alpha(1, 0, 0, 1), std::invalid_argument);
  CHECK_THROWS_AS(faratin_alpha(1, 10, 0, 0), std::invalid_argument);
}

TEST_CASE("A Boulware party facing a Conceder gets more", "[governance][bargaining][faratin]") {
  const Eigen::MatrixXd u = pie(1000);
  const auto share0 = [&](double beta0, double beta1) {
    const auto out = time_dependent_negotiation(u, {{0, beta0}, {0, beta1}}, 20);
    REQUIRE(out.agreed);
    return u(0, out.chosen);
  };
  const double against_conceder = share0(0.5, 2);
  const double symmetric = share0(0.5, 0.5);
  INFO("Boulware vs Conceder " << against_conceder << ", vs Boulware " << symmetric);
  CHECK(against_conceder > symmetric + 0.1);
  CHECK(against_conceder > share0(1, 1));
  CHECK(share0(2, 0.5) < share0(2, 2));  // and the Conceder gets less
}

TEST_CASE("Time-dependent negotiation: deadline and offers", "[governance][bargaining][faratin]") {
  // Opposed parties: the best either can offer the other is worse than its reservation.
  Eigen::MatrixXd opposed(2, 3);
  opposed << 0, 1, -1,  //
      0, -1, 1;
  const auto out = time_dependent_negotiation(opposed, {{}, {}}, 6);
  CHECK(out.chosen == 0);
  CHECK_FALSE(out.agreed);
  CHECK(out.rounds == 6);
  CHECK(out.offers.size() == 6);
  CHECK(out.offers[0] == 1);  // each proposer asks for its own option
  CHECK(out.offers[1] == 2);
  CHECK_THROWS_AS(time_dependent_negotiation(opposed, {{}}, 6), std::invalid_argument);
  CHECK_THROWS_AS(time_dependent_negotiation(opposed, {{}, {}}, 0), std::invalid_argument);
}
