#pragma once
// Games shared by the cooperative-game tests.
#include <cstdint>
#include <vector>

#include "accord/models/sharing/game.hpp"

namespace accord::test_games {

using accord::models::sharing::SavingsGameData;
using accord::models::sharing::TabularGame;

// domain/sharing-governance-equity.md §1 test example: 4 members A..D, 4 steps,
// p_b = 0.20, p_s = 0.06 EUR/kWh; net n = L - G, surplus max(-n, 0), deficit max(n, 0).
// `extra_null` appends members with no load and no generation.
inline SavingsGameData domain_example(int extra_null = 0) {
  const std::vector<std::vector<double>> load = {
      {1, 2, 2, 1}, {2, 1, 1, 3}, {2, 2, 1, 3}, {1, 3, 4, 1}};
  const std::vector<std::vector<double>> gen = {
      {0, 6, 8, 1}, {0, 2, 2, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}};
  SavingsGameData d;
  d.steps = 4;
  d.players = 4 + extra_null;
  const auto n = static_cast<std::size_t>(d.players);
  d.surplus.assign(4 * n, 0.0);
  d.deficit.assign(4 * n, 0.0);
  for (std::size_t t = 0; t < 4; ++t) {
    for (std::size_t i = 0; i < 4; ++i) {
      const double net = load[i][t] - gen[i][t];
      d.surplus[t * n + i] = net < 0 ? -net : 0.0;
      d.deficit[t * n + i] = net > 0 ? net : 0.0;
    }
  }
  d.buy_eur_per_kwh.assign(n, 0.20);
  d.sell_eur_per_kwh.assign(n, 0.06);
  return d;
}

// A tabular game from a function of the mask.
template <class F>
TabularGame tabular(int n, F v) {
  std::vector<double> values(std::size_t{1} << n);
  for (uint64_t m = 0; m < values.size(); ++m) values[m] = m == 0 ? 0.0 : v(m);
  return TabularGame(n, std::move(values));
}

// Bankruptcy game (O'Neill 1982; Aumann & Maschler 1985): v(S) = max(0, E - claims of N\S).
inline TabularGame bankruptcy(double estate, const std::vector<double>& claims) {
  const int n = static_cast<int>(claims.size());
  return tabular(n, [&](uint64_t m) {
    double outside = 0;
    for (int i = 0; i < n; ++i) {
      if (!((m >> i) & 1U)) outside += claims[static_cast<std::size_t>(i)];
    }
    return estate - outside > 0 ? estate - outside : 0.0;
  });
}

// Random savings game with per-player prices (deterministic LCG; no RNG contract needed).
inline SavingsGameData random_savings(int n, int64_t steps, uint64_t seed, bool uniform_prices) {
  uint64_t state = seed * 6364136223846793005ULL + 1442695040888963407ULL;
  auto next = [&state]() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) * 0x1.0p-53;
  };
  SavingsGameData d;
  d.steps = steps;
  d.players = n;
  const auto cells = static_cast<std::size_t>(steps) * static_cast<std::size_t>(n);
  d.surplus.assign(cells, 0.0);
  d.deficit.assign(cells, 0.0);
  for (std::size_t k = 0; k < cells; ++k) {
    const double net = 4 * next() - 2.5;  // more deficit than surplus on average
    (net < 0 ? d.surplus[k] : d.deficit[k]) = net < 0 ? -net : net;
  }
  for (int i = 0; i < n; ++i) {
    d.buy_eur_per_kwh.push_back(uniform_prices ? 0.20 : 0.15 + 0.1 * next());
    d.sell_eur_per_kwh.push_back(uniform_prices ? 0.06 : 0.02 + 0.08 * next());
  }
  return d;
}

}  // namespace accord::test_games
