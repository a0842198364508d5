// Shapley value (exact and sampled), egalitarian Shapley, solidarity value, Nash bargaining.
#include <catch2/catch.hpp>

#include <cmath>

#include "accord/models/sharing/game.hpp"
#include "accord/sim/error.hpp"
#include "accord/sim/rng.hpp"
#include "test_game_support.hpp"

using namespace accord::models::sharing;
using accord::sim::Purpose;
using accord::sim::RandomStream;
using accord::test_games::domain_example;
using accord::test_games::random_savings;
using accord::test_games::tabular;

namespace {
// Three-player glove game: player 0 holds a left glove, players 1 and 2 a right glove; a
// pair is worth 1 (Maschler, Solan & Zamir 2013, Game Theory, §17-18 examples).
TabularGame glove_game() {
  return tabular(3, [](uint64_t m) { return (m & 1U) && (m & 6U) ? 1.0 : 0.0; });
}
}  // namespace

TEST_CASE("Exact Shapley of the domain example", "[sharing][shapley]") {
  // domain/sharing-governance-equity.md §1: Shapley = (343/600, 21/200, 133/600, 301/600) EUR.
  const SavingsGame game(domain_example());
  const ShapleyResult r = shapley_exact(game);
  REQUIRE(r.value.size() == 4);
  CHECK(r.value[0] == Approx(343.0 / 600).margin(1e-12));
  CHECK(r.value[1] == Approx(21.0 / 200).margin(1e-12));
  CHECK(r.value[2] == Approx(133.0 / 600).margin(1e-12));
  CHECK(r.value[3] == Approx(301.0 / 600).margin(1e-12));
  CHECK(r.value.sum() == Approx(1.40).margin(1e-12));  // efficiency
  CHECK(r.std_error.norm() == 0.0);
  CHECK(r.samples == 0);
}

TEST_CASE("Exact Shapley of published games", "[sharing][shapley]") {
  SECTION("glove game: (2/3, 1/6, 1/6)") {
    // Maschler, Solan & Zamir (2013), Shapley value of the 3-player glove market.
    const auto r = shapley_exact(glove_game());
    CHECK(r.value[0] == Approx(2.0 / 3).margin(1e-14));
    CHECK(r.value[1] == Approx(1.0 / 6).margin(1e-14));
    CHECK(r.value[2] == Approx(1.0 / 6).margin(1e-14));
  }
  SECTION("airport game: sequential equal split of runway segments") {
    // Littlechild & Owen (1973): cost c(S) = max_{i in S} c_i; Shapley share of i is
    // sum_{k <= i} (c_k - c_{k-1}) / (n - k + 1). Costs 1, 3, 6, 10:
    // (1/4, 1/4 + 2/3, 1/4 + 2/3 + 3/2, 1/4 + 2/3 + 3/2 + 4).
    const double c[4] = {1, 3, 6, 10};
    const auto game = tabular(4, [&](uint64_t m) {
      double worst = 0;
      for (int i = 0; i < 4; ++i) {
        if ((m >> i) & 1U) worst = std::max(worst, c[i]);
      }
      return worst;
    });
    const auto r = shapley_exact(game);
    CHECK(r.value[0] == Approx(0.25).margin(1e-14));
    CHECK(r.value[1] == Approx(0.25 + 2.0 / 3).margin(1e-14));
    CHECK(r.value[2] == Approx(0.25 + 2.0 / 3 + 1.5).margin(1e-14));
    CHECK(r.value[3] == Approx(0.25 + 2.0 / 3 + 1.5 + 4).margin(1e-14));
  }
  SECTION("bankruptcy game E = 200, claims (100, 200, 300)") {
    // Shapley of the bankruptcy game = random-arrival rule (O'Neill 1982). Claims above the
    // estate are truncated to it (Curiel, Maschler & Tijs 1987), so players 2 and 3 are
    // symmetric. Hand computation over the 6 orders: (100/3, 250/3, 250/3).
    const auto r = shapley_exact(accord::test_games::bankruptcy(200, {100, 200, 300}));
    CHECK(r.value[0] == Approx(100.0 / 3).margin(1e-12));
    CHECK(r.value[1] == Approx(250.0 / 3).margin(1e-12));
    CHECK(r.value[2] == Approx(250.0 / 3).margin(1e-12));
  }
}

TEST_CASE("Shapley properties: efficiency, symmetry, null player", "[sharing][shapley]") {
  // A null player (no load, no generation) added to the domain example gets 0, and the
  // others keep their values (null-player and efficiency axioms, Shapley 1953).
  const SavingsGame with_null(domain_example(1));
  const auto r = shapley_exact(with_null);
  CHECK(r.value[4] == Approx(0).margin(1e-14));
  CHECK(r.value[0] == Approx(343.0 / 600).margin(1e-12));
  CHECK(r.value.sum() == Approx(1.40).margin(1e-12));

  // Symmetry: duplicate player 2 of a random game as player 5.
  auto d = random_savings(6, 30, 3, false);
  for (int64_t t = 0; t < d.steps; ++t) {
    const auto row = static_cast<std::size_t>(t * 6);
    d.surplus[row + 5] = d.surplus[row + 2];
    d.deficit[row + 5] = d.deficit[row + 2];
  }
  d.buy_eur_per_kwh[5] = d.buy_eur_per_kwh[2];
  d.sell_eur_per_kwh[5] = d.sell_eur_per_kwh[2];
  const SavingsGame sym(d);
  const auto s = shapley_exact(sym);
  CHECK(s.value[5] == Approx(s.value[2]).epsilon(1e-12));
  CHECK(s.value.sum() == Approx(sym.value(Coalition(6, 1))).epsilon(1e-12));
}

TEST_CASE("Sampled Shapley agrees with exact within 4 standard errors", "[sharing][shapley]") {
  const RandomStream stream(42, 0, Purpose::kGovernance, 1);
  for (const bool stratified : {true, false}) {
    INFO("stratified " << stratified);
    ShapleySampling opts;
    opts.stratified = stratified;
    opts.target_relative_se = 0.005;
    opts.max_permutations = 200'000;
    SECTION(stratified ? "domain example, stratified" : "domain example, antithetic") {
      const SavingsGame game(domain_example());
      const auto exact = shapley_exact(game);
      const auto r = shapley_sampled(game, opts, stream);
      for (int i = 0; i < 4; ++i) {
        INFO("player " << i << " estimate " << r.value[i] << " se " << r.std_error[i]);
        CHECK(std::abs(r.value[i] - exact.value[i]) <= 4 * r.std_error[i] + 1e-12);
        CHECK(r.std_error[i] <= 0.005 * std::abs(r.value[i]) + 1e-6);
      }
      CHECK(r.samples >= opts.min_permutations);
      // Deterministic given the stream.
      const auto again = shapley_sampled(game, opts, stream);
      CHECK(again.value == r.value);
    }
    SECTION(stratified ? "random 10-player game, stratified" : "random game, antithetic") {
      // n = 10 with the default 16 strata: rotations capped at n (every position once).
      const SavingsGame game(random_savings(10, 24, 5, false));
      const auto exact = shapley_exact(game);
      opts.target_relative_se = 0.01;
      const auto r = shapley_sampled(game, opts, stream);
      for (int i = 0; i < 10; ++i) {
        INFO("player " << i << " estimate " << r.value[i] << " exact " << exact.value[i] << " se "
                       << r.std_error[i]);
        CHECK(std::abs(r.value[i] - exact.value[i]) <= 4 * r.std_error[i] + 1e-12);
        CHECK(r.std_error[i] > 0);
      }
    }
  }
  SECTION("bad options") {
    ShapleySampling bad;
    bad.max_permutations = 0;
    CHECK_THROWS_AS(shapley_sampled(SavingsGame(domain_example()), bad, stream), accord::DataError);
  }
}

TEST_CASE("Egalitarian Shapley, solidarity value, Nash bargaining", "[sharing][shapley]") {
  SECTION("egalitarian Shapley is the convex combination with the equal split") {
    const Eigen::Vector4d phi(343.0 / 600, 21.0 / 200, 133.0 / 600, 301.0 / 600);
    const Eigen::VectorXd e = egalitarian_shapley(phi, 1.40, 0.25);
    for (int i = 0; i < 4; ++i) CHECK(e[i] == Approx(0.25 * phi[i] + 0.75 * 0.35).margin(1e-15));
    CHECK(egalitarian_shapley(phi, 1.40, 1.0) == Eigen::VectorXd(phi));
    CHECK_THROWS_AS(egalitarian_shapley(phi, 1.40, 1.5), accord::DataError);
  }
  SECTION("solidarity value of the glove game, from the definition") {
    // Nowak & Radzik (1994) definition; hand computation: A({0,1}) = A({0,2}) = 1,
    // A(N) = 1/3, weights (n-s)!(s-1)!/n! = 1/6 (s = 2), 1/3 (s = 3):
    // psi = (4/9, 5/18, 5/18).
    const Eigen::VectorXd psi = solidarity_value(glove_game());
    CHECK(psi[0] == Approx(4.0 / 9).margin(1e-14));
    CHECK(psi[1] == Approx(5.0 / 18).margin(1e-14));
    CHECK(psi[2] == Approx(5.0 / 18).margin(1e-14));
  }
  SECTION("solidarity value: two players, psi_1 = v(N)/2 + (v1 - v2)/4; null player paid") {
    const TabularGame g(2, {0, 1, 3, 10});
    const Eigen::VectorXd psi = solidarity_value(g);
    CHECK(psi[0] == Approx(5 + (1 - 3) / 4.0).margin(1e-14));
    CHECK(psi[1] == Approx(5 + (3 - 1) / 4.0).margin(1e-14));
    // Efficiency, and unlike Shapley a null player shares in the surplus (Nowak & Radzik's
    // A-null player axiom replaces the null-player axiom).
    const SavingsGame game(domain_example(1));
    const Eigen::VectorXd s = solidarity_value(game);
    CHECK(s.sum() == Approx(1.40).margin(1e-12));
    CHECK(s[4] > 0.01);
  }
  SECTION("Nash bargaining with disagreement v({i})") {
    // Singletons are worth 0 in the domain example: x = w / sum(w) * v(N).
    const SavingsGame game(domain_example());
    const Eigen::VectorXd x = nash_bargaining(game, Eigen::Vector4d(1, 2, 3, 4));
    for (int i = 0; i < 4; ++i) CHECK(x[i] == Approx(1.40 * (i + 1) / 10.0).margin(1e-14));
    // Disagreement point counts: v = (0, 1, 2, 10) for (empty, {0}, {1}, N).
    const TabularGame g(2, {0, 1, 2, 10});
    const Eigen::VectorXd y = nash_bargaining(g, Eigen::Vector2d(1, 1));
    CHECK(y[0] == Approx(1 + 3.5).margin(1e-14));
    CHECK(y[1] == Approx(2 + 3.5).margin(1e-14));
    CHECK_THROWS_AS(nash_bargaining(g, Eigen::Vector2d(0, 0)), accord::DataError);
    CHECK_THROWS_AS(nash_bargaining(g, Eigen::Vector3d(1, 1, 1)), accord::DataError);
  }
}
