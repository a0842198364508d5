// Tabular and savings games, and the enumeration of v over all 2^n coalitions.
#include "accord/models/sharing/game.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "game_internal.hpp"

namespace accord::models::sharing {

namespace {

uint64_t mask_of(const Coalition& members, int players, const char* where) {
  if (static_cast<int>(members.size()) != players) {
    detail::fail(where, "coalition mask has " + std::to_string(members.size()) + " entries for " +
                            std::to_string(players) + " players");
  }
  uint64_t mask = 0;
  for (int i = 0; i < players; ++i) {
    if (members[static_cast<std::size_t>(i)] != 0) mask |= uint64_t{1} << i;
  }
  return mask;
}

// Savings of one step from the coalition's four sums (see the header's formula). The pooled
// kWh is m = min(D, S); deficits are served at the coalition's mean buy price Db/D and
// surpluses valued at its mean sell price Sl/S, so the step is worth m * (Db/D - Sl/S) (equal to
// r * Db - q * Sl with r = min(1, S/D), q = min(1, D/S)). Branch-free so that the enumeration
// loops vectorise; the 1e-300 only matters when D or S is 0, where m = 0 too.
inline double step_savings(double d, double db, double s, double sl) {
  const double m = d < s ? d : s;
  return m * (db / (d + 1e-300) - sl / (s + 1e-300));
}

}  // namespace

TabularGame::TabularGame(int players, std::vector<double> values_by_mask)
    : players_(players), values_(std::move(values_by_mask)) {
  if (players < 1 || players > detail::kMaxEnumeratedPlayers) {
    detail::fail("TabularGame", "needs 1 to 20 players, got " + std::to_string(players));
  }
  const std::size_t expected = std::size_t{1} << players;
  if (values_.size() != expected) {
    detail::fail("TabularGame", "expected " + std::to_string(expected) + " values (2^" +
                                    std::to_string(players) + "), got " +
                                    std::to_string(values_.size()));
  }
  for (double v : values_) {
    if (!std::isfinite(v)) detail::fail("TabularGame", "coalition values must be finite");
  }
  if (values_[0] != 0.0) detail::fail("TabularGame", "v(empty set) must be 0");
}

double TabularGame::value(const Coalition& members) const {
  return values_[mask_of(members, players_, "TabularGame::value")];
}

SavingsGame::SavingsGame(SavingsGameData data) : data_(std::move(data)) {
  const auto& d = data_;
  if (d.players < 1) detail::fail("SavingsGame", "needs at least one player");
  if (d.steps < 0) detail::fail("SavingsGame", "negative number of steps");
  const auto cells = static_cast<std::size_t>(d.steps) * static_cast<std::size_t>(d.players);
  if (d.surplus.size() != cells || d.deficit.size() != cells) {
    detail::fail("SavingsGame", "surplus and deficit must each hold steps * players = " +
                                    std::to_string(cells) + " values");
  }
  const auto n = static_cast<std::size_t>(d.players);
  if (d.buy_eur_per_kwh.size() != n || d.sell_eur_per_kwh.size() != n) {
    detail::fail("SavingsGame", "buy and sell prices need one value per player");
  }
  for (std::size_t k = 0; k < cells; ++k) {
    if (!(d.surplus[k] >= 0) || !(d.deficit[k] >= 0) || !std::isfinite(d.surplus[k]) ||
        !std::isfinite(d.deficit[k])) {
      detail::fail("SavingsGame", "surplus and deficit must be finite and >= 0 kWh (step " +
                                      std::to_string(k / n) + ", player " + std::to_string(k % n) +
                                      ")");
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(d.buy_eur_per_kwh[i]) || !std::isfinite(d.sell_eur_per_kwh[i])) {
      detail::fail("SavingsGame", "prices must be finite (player " + std::to_string(i) + ")");
    }
  }
  for (int64_t t = 0; t < d.steps; ++t) {
    const std::size_t row = static_cast<std::size_t>(t) * n;
    bool deficit = false, surplus = false;
    for (std::size_t i = 0; i < n; ++i) {
      deficit = deficit || d.deficit[row + i] > 0;
      surplus = surplus || d.surplus[row + i] > 0;
    }
    if (deficit && surplus) active_steps_.push_back(t);
  }
}

double SavingsGame::value(const Coalition& members) const {
  const uint64_t n = static_cast<uint64_t>(data_.players);
  if (members.size() != n) {
    detail::fail("SavingsGame::value", "coalition mask has " + std::to_string(members.size()) +
                                           " entries for " + std::to_string(n) + " players");
  }
  std::vector<std::size_t> in;
  for (std::size_t i = 0; i < n; ++i) {
    if (members[i] != 0) in.push_back(i);
  }
  double total = 0;
  for (const int64_t t : active_steps_) {
    const std::size_t row = static_cast<std::size_t>(t) * n;
    double d = 0, db = 0, s = 0, sl = 0;
    for (std::size_t i : in) {
      d += data_.deficit[row + i];
      db += data_.deficit[row + i] * data_.buy_eur_per_kwh[i];
      s += data_.surplus[row + i];
      sl += data_.surplus[row + i] * data_.sell_eur_per_kwh[i];
    }
    total += step_savings(d, db, s, sl);
  }
  return total;
}

namespace {

// v over all masks of a savings game, one step at a time: the four sums of every coalition are
// built by doubling (masks [2^b, 2^(b+1)) = masks [0, 2^b) plus player b), which is contiguous
// and vectorises; steps where nobody has a surplus or nobody has a deficit are worth 0 to every
// coalition and are skipped. Cost O(2^n) per useful step.
std::vector<double> savings_values(const SavingsGame& game) {
  const auto& g = game.data();
  const int n = g.players;
  const std::size_t count = std::size_t{1} << n;
  const auto nn = static_cast<std::size_t>(n);
  std::vector<double> values(count, 0.0);
  std::vector<double> d(count), db(count), s(count), sl(count);
  d[0] = db[0] = s[0] = sl[0] = 0;
  for (const int64_t t : game.active_steps()) {
    const double* dt = g.deficit.data() + static_cast<std::size_t>(t) * nn;
    const double* st = g.surplus.data() + static_cast<std::size_t>(t) * nn;
    for (int b = 0; b < n; ++b) {
      const std::size_t half = std::size_t{1} << b;
      const auto bi = static_cast<std::size_t>(b);
      const double xd = dt[bi], xdb = dt[bi] * g.buy_eur_per_kwh[bi];
      const double xs = st[bi], xsl = st[bi] * g.sell_eur_per_kwh[bi];
      double* __restrict pd = d.data();
      double* __restrict pdb = db.data();
      double* __restrict ps = s.data();
      double* __restrict psl = sl.data();
      for (std::size_t m = 0; m < half; ++m) {
        pd[half + m] = pd[m] + xd;
        pdb[half + m] = pdb[m] + xdb;
        ps[half + m] = ps[m] + xs;
        psl[half + m] = psl[m] + xsl;
      }
    }
    double* __restrict pv = values.data();
    for (std::size_t m = 1; m < count; ++m) pv[m] += step_savings(d[m], db[m], s[m], sl[m]);
  }
  return values;
}

}  // namespace

std::vector<double> coalition_values(const CooperativeGame& game) {
  detail::require_enumerable(game, "coalition_values");
  if (const auto* tab = dynamic_cast<const TabularGame*>(&game)) {
    const std::size_t count = std::size_t{1} << tab->players();
    std::vector<double> values(count);
    for (std::size_t m = 0; m < count; ++m) values[m] = tab->value_of_mask(m);
    return values;
  }
  if (const auto* sav = dynamic_cast<const SavingsGame*>(&game)) return savings_values(*sav);
  const int n = game.players();
  const std::size_t count = std::size_t{1} << n;
  std::vector<double> values(count, 0.0);
  Coalition members(static_cast<std::size_t>(n));
  for (std::size_t m = 1; m < count; ++m) {
    for (int i = 0; i < n; ++i) members[static_cast<std::size_t>(i)] = (m >> i) & 1U;
    values[m] = game.value(members);
  }
  return values;
}

}  // namespace accord::models::sharing
