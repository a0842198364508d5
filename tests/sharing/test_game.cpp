// Cooperative games: the savings game of the domain's worked example, its uniform-price
// identity, tabular games, and input errors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "accord/models/sharing/game.hpp"
#include "accord/sim/error.hpp"
#include "test_game_support.hpp"

using namespace accord::models::sharing;
using accord::test_games::domain_example;
using accord::test_games::random_savings;

namespace {
Coalition coalition_of(const std::string& letters, int n) {
  Coalition c(static_cast<std::size_t>(n), 0);
  for (char ch : letters) c[static_cast<std::size_t>(ch - 'A')] = 1;
  return c;
}
}  // namespace

TEST_CASE("Savings game reproduces the domain example's coalition values", "[sharing][game]") {
  // domain/sharing-governance-equity.md §1: v(N) = 1.40 EUR and shared kWh w(S) = v(S)/0.14:
  // AC 3, AD 7, BC 2, BD 2, ABC 3, ABD 7, ACD 9, BCD 2, ABCD 10, all others 0.
  const SavingsGame game(domain_example());
  const std::map<std::string, double> shared_kwh = {{"AC", 3},  {"AD", 7},  {"BC", 2},
                                                    {"BD", 2},  {"ABC", 3}, {"ABD", 7},
                                                    {"ACD", 9}, {"BCD", 2}, {"ABCD", 10}};
  const std::vector<double> all = coalition_values(game);
  REQUIRE(all.size() == 16);
  for (uint64_t m = 1; m < 16; ++m) {
    std::string name;
    for (int i = 0; i < 4; ++i) {
      if ((m >> i) & 1U) name += static_cast<char>('A' + i);
    }
    const auto it = shared_kwh.find(name);
    const double expected = it == shared_kwh.end() ? 0.0 : it->second * 0.14;
    INFO("coalition " << name);
    CHECK(game.value(coalition_of(name, 4)) == Approx(expected).margin(1e-12));
    CHECK(all[m] == Approx(expected).margin(1e-12));
  }
  CHECK(game.value(coalition_of("ABCD", 4)) == Approx(1.40).margin(1e-12));
}

TEST_CASE("With uniform prices the savings game is (p_b - p_s) * sum_t min(S, D)",
          "[sharing][game]") {
  // Header formula of SavingsGame; identity stated in domain §1.1.
  const auto data = random_savings(6, 40, 7, true);
  const SavingsGame game(data);
  const std::vector<double> fast = coalition_values(game);
  for (uint64_t m = 1; m < 64; ++m) {
    double expected = 0;
    for (int64_t t = 0; t < data.steps; ++t) {
      double s = 0, d = 0;
      for (int i = 0; i < 6; ++i) {
        if ((m >> i) & 1U) {
          s += data.surplus[static_cast<std::size_t>(t * 6 + i)];
          d += data.deficit[static_cast<std::size_t>(t * 6 + i)];
        }
      }
      expected += (0.20 - 0.06) * std::min(s, d);
    }
    INFO("mask " << m);
    CHECK(fast[m] == Approx(expected).epsilon(1e-12).margin(1e-12));
  }
}

TEST_CASE("Per-player prices: pro-rata formula and fast enumeration agree", "[sharing][game]") {
  // Two players, one step: A has 2 kWh surplus (sell 0.05), B 4 kWh deficit (buy 0.25).
  // r = min(1, 2/4) = 0.5, q = 1: v = 0.5 * 4 * 0.25 - 1 * 2 * 0.05 = 0.4 EUR.
  SavingsGameData d;
  d.steps = 1;
  d.players = 2;
  d.surplus = {2, 0};
  d.deficit = {0, 4};
  d.buy_eur_per_kwh = {0.30, 0.25};
  d.sell_eur_per_kwh = {0.05, 0.07};
  const SavingsGame two(d);
  CHECK(two.value({1, 1}) == Approx(0.4).margin(1e-15));
  CHECK(two.value({1, 0}) == 0.0);

  const SavingsGame game(random_savings(7, 30, 11, false));
  const std::vector<double> fast = coalition_values(game);
  Coalition c(7);
  for (uint64_t m = 0; m < 128; ++m) {
    for (int i = 0; i < 7; ++i) c[static_cast<std::size_t>(i)] = (m >> i) & 1U;
    INFO("mask " << m);
    CHECK(fast[m] == Approx(game.value(c)).epsilon(1e-12).margin(1e-12));
  }
}

TEST_CASE("Tabular game lookups and input errors", "[sharing][game]") {
  const TabularGame g(2, {0, 1, 2, 5});
  CHECK(g.value({1, 1}) == 5);
  CHECK(g.value({0, 1}) == 2);
  CHECK(g.value_of_mask(1) == 1);
  CHECK_THROWS_AS(TabularGame(2, {0, 1, 2}), accord::DataError);
  CHECK_THROWS_AS(TabularGame(2, {1, 1, 2, 3}), accord::DataError);
  CHECK_THROWS_AS(TabularGame(21, {}), accord::DataError);
  CHECK_THROWS_AS(g.value({1}), accord::DataError);

  auto bad = domain_example();
  bad.surplus[3] = -1;
  CHECK_THROWS_AS(SavingsGame(bad), accord::DataError);
  bad = domain_example();
  bad.deficit.pop_back();
  CHECK_THROWS_AS(SavingsGame(bad), accord::DataError);
  bad = domain_example();
  bad.buy_eur_per_kwh.resize(3);
  CHECK_THROWS_AS(SavingsGame(bad), accord::DataError);
  const SavingsGame big(random_savings(21, 1, 1, true));
  CHECK_THROWS_AS(shapley_exact(big), accord::DataError);
  CHECK_THROWS_AS(nucleolus(big), accord::DataError);
}
