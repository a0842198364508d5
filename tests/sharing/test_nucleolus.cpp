// Least core, nucleolus and core diagnostics.
#include <catch2/catch.hpp>

#include <cmath>

#include "accord/models/sharing/game.hpp"
#include "accord/sim/error.hpp"
#include "accord/sim/rng.hpp"
#include "test_game_support.hpp"

using namespace accord::models::sharing;
using accord::sim::Purpose;
using accord::sim::RandomStream;
using accord::test_games::bankruptcy;
using accord::test_games::domain_example;
using accord::test_games::random_savings;
using accord::test_games::tabular;

namespace {
const RandomStream kStream(1, 0, Purpose::kGovernance, 2);
}

TEST_CASE("Nucleolus of bankruptcy games is the Talmud rule", "[sharing][nucleolus]") {
  // Aumann & Maschler (1985), claims (100, 200, 300): estate 100 -> (33 1/3, 33 1/3, 33 1/3),
  // 200 -> (50, 75, 75), 300 -> (50, 100, 150).
  const std::vector<double> claims = {100, 200, 300};
  const Eigen::VectorXd a = nucleolus(bankruptcy(100, claims));
  CHECK(a[0] == Approx(100.0 / 3).margin(1e-7));
  CHECK(a[1] == Approx(100.0 / 3).margin(1e-7));
  CHECK(a[2] == Approx(100.0 / 3).margin(1e-7));
  const Eigen::VectorXd b = nucleolus(bankruptcy(200, claims));
  CHECK(b[0] == Approx(50).margin(1e-7));
  CHECK(b[1] == Approx(75).margin(1e-7));
  CHECK(b[2] == Approx(75).margin(1e-7));
  const Eigen::VectorXd c = nucleolus(bankruptcy(300, claims));
  CHECK(c[0] == Approx(50).margin(1e-7));
  CHECK(c[1] == Approx(100).margin(1e-7));
  CHECK(c[2] == Approx(150).margin(1e-7));
}

TEST_CASE("Nucleolus and least core of textbook games", "[sharing][nucleolus]") {
  SECTION("glove game: the core is the single point (1, 0, 0)") {
    // Maschler, Solan & Zamir (2013): one left-glove holder, two right-glove holders.
    const auto g = tabular(3, [](uint64_t m) { return (m & 1U) && (m & 6U) ? 1.0 : 0.0; });
    const Eigen::VectorXd x = nucleolus(g);
    CHECK(x[0] == Approx(1).margin(1e-9));
    CHECK(x[1] == Approx(0).margin(1e-9));
    CHECK(x[2] == Approx(0).margin(1e-9));
    const auto lc = least_core(g);
    CHECK(lc.epsilon == Approx(0).margin(1e-9));
  }
  SECTION("3-player majority game: empty core, least-core epsilon 1/3") {
    // v(S) = 1 if |S| >= 2: pairs need x(S) >= 1 - eps, summing gives 2 >= 3 - 3 eps.
    const auto g = tabular(3, [](uint64_t m) { return __builtin_popcountll(m) >= 2 ? 1.0 : 0.0; });
    const auto lc = least_core(g);
    CHECK(lc.epsilon == Approx(1.0 / 3).margin(1e-9));
    CHECK(lc.allocation.sum() == Approx(1).margin(1e-9));
    const Eigen::VectorXd x = nucleolus(g);
    for (int i = 0; i < 3; ++i) CHECK(x[i] == Approx(1.0 / 3).margin(1e-9));
    const auto diag = core_diagnostics(g, x, 0, kStream);
    CHECK(diag.largest_core_shortfall == Approx(1.0 / 3).margin(1e-9));
  }
  SECTION("single player") {
    const TabularGame g(1, {0, 4});
    CHECK(nucleolus(g)[0] == 4);
    CHECK(least_core(g).allocation[0] == 4);
  }
}

TEST_CASE("Nucleolus properties on savings games", "[sharing][nucleolus]") {
  SECTION("domain example: core non-empty, nucleolus in the core, null player 0") {
    // domain §1.1: the savings game always has a non-empty core.
    const SavingsGame game(domain_example(1));
    const auto lc = least_core(game);
    CHECK(lc.epsilon <= 1e-9);
    const Eigen::VectorXd x = nucleolus(game);
    CHECK(x.sum() == Approx(1.40).margin(1e-9));
    CHECK(x[4] == Approx(0).margin(1e-9));
    const auto diag = core_diagnostics(game, x, 0, kStream);
    CHECK(diag.exact);
    CHECK(diag.largest_core_shortfall <= 1e-9);
    CHECK(diag.budget_gap == Approx(0).margin(1e-9));
    CHECK(diag.individual_shortfall.maxCoeff() <= 1e-9);
    CHECK(diag.coalitions_checked == 32);
  }
  SECTION("uniform-price savings games: core non-empty, nucleolus in it, symmetry") {
    for (uint64_t seed : {1U, 2U, 3U}) {
      auto d = random_savings(7, 20, seed, true);
      for (int64_t t = 0; t < d.steps; ++t) {  // player 6 = copy of player 1
        const auto row = static_cast<std::size_t>(t * 7);
        d.surplus[row + 6] = d.surplus[row + 1];
        d.deficit[row + 6] = d.deficit[row + 1];
      }
      d.buy_eur_per_kwh[6] = d.buy_eur_per_kwh[1];
      d.sell_eur_per_kwh[6] = d.sell_eur_per_kwh[1];
      const SavingsGame game(d);
      const Eigen::VectorXd x = nucleolus(game);
      INFO("seed " << seed);
      CHECK(x.sum() == Approx(game.value(Coalition(7, 1))).epsilon(1e-9));
      CHECK(x[6] == Approx(x[1]).margin(1e-7));
      CHECK(core_diagnostics(game, x, 0, kStream).largest_core_shortfall <= 1e-7);
    }
  }
}

TEST_CASE("Core diagnostics detect violations", "[sharing][nucleolus]") {
  const SavingsGame game(domain_example());
  SECTION("all to A leaves BC, BD, BCD short by 0.28 EUR") {
    // domain §1: w(BC) = w(BD) = w(BCD) = 2 kWh at 0.14 EUR/kWh.
    const auto diag = core_diagnostics(game, Eigen::Vector4d(1.40, 0, 0, 0), 0, kStream);
    CHECK(diag.largest_core_shortfall == Approx(0.28).margin(1e-12));
    CHECK(diag.individual_shortfall.maxCoeff() == 0);
  }
  SECTION("equal split: AD worth 0.98 EUR gets 0.70") {
    const auto diag = core_diagnostics(game, Eigen::Vector4d::Constant(0.35), 0, kStream);
    CHECK(diag.largest_core_shortfall == Approx(0.28).margin(1e-12));
  }
  SECTION("budget gap and individual rationality") {
    const TabularGame g(2, {0, 1, 2, 5});
    const auto diag = core_diagnostics(g, Eigen::Vector2d(0.5, 4), 0, kStream);
    CHECK(diag.budget_gap == Approx(-0.5).margin(1e-15));
    CHECK(diag.individual_shortfall[0] == Approx(0.5).margin(1e-15));
    CHECK(diag.individual_shortfall[1] == 0);
    CHECK_THROWS_AS(core_diagnostics(g, Eigen::Vector3d(1, 1, 1), 0, kStream), accord::DataError);
  }
  SECTION("sampled diagnostics beyond 20 players find a planted violation") {
    // 24 players: the allocation gives everything to player 0, so any coalition without it
    // that pools surplus and deficit is short; the bound must be > 0 and <= the exact max.
    const SavingsGame big(random_savings(24, 12, 9, true));
    Eigen::VectorXd x = Eigen::VectorXd::Zero(24);
    x[0] = big.value(Coalition(24, 1));
    const auto diag = core_diagnostics(big, x, 200, kStream);
    CHECK_FALSE(diag.exact);
    CHECK(diag.coalitions_checked == 24 + 1 + 200);
    CHECK(diag.largest_core_shortfall > 0);
    CHECK(diag.budget_gap == Approx(0).margin(1e-9));
  }
}
