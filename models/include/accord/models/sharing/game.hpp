#pragma once
// Cooperative games of benefit sharing (domain/sharing-governance-equity.md §1): the
// community savings game built from simulated step data, explicit (tabular) games for
// published examples, and the solution concepts (Shapley exact and sampled, nucleolus, least
// core, Nash bargaining, egalitarian Shapley, solidarity value) with core diagnostics.
#include <Eigen/Dense>
#include <cstdint>
#include <vector>

#include "accord/sim/rng.hpp"

namespace accord::models::sharing {

// A coalition as a membership mask over players 0..n-1 (1 = member).
using Coalition = std::vector<uint8_t>;

class CooperativeGame {
 public:
  virtual ~CooperativeGame() = default;
  virtual int players() const = 0;
  // v(S), EUR. v(empty) = 0.
  virtual double value(const Coalition& members) const = 0;
};

// Explicit v(S) for every subset (n <= 20), indexed by bitmask (bit i = player i).
class TabularGame final : public CooperativeGame {
 public:
  TabularGame(int players, std::vector<double> values_by_mask);
  int players() const override { return players_; }
  double value(const Coalition& members) const override;
  double value_of_mask(uint64_t mask) const { return values_[mask]; }

 private:
  int players_;
  std::vector<double> values_;
};

// The savings game of a pooling community without storage (domain §1.1), with per-player
// prices: at step t, within coalition S, deficits are served pro rata from S's surplus:
//   r_t(S) = min(1, sum_S s / sum_S d),  q_t(S) = min(1, sum_S d / sum_S s)
//   v(S) = sum_t [ r_t(S) * sum_{i in S} d_i,t * buy_i  -  q_t(S) * sum_{j in S} s_j,t * sell_j ]
// buy_i is the value of a kWh player i does not buy from its supplier (net of what remains
// payable on a shared kWh: network, taxes), sell_j what player j forgoes by not selling its
// surplus. With uniform prices this is (p_b - p_s) * min(sum s, sum d) per step.
struct SavingsGameData {
  int64_t steps = 0;                     // T
  int players = 0;                       // n
  std::vector<double> surplus;           // [T, n] row-major, kWh >= 0
  std::vector<double> deficit;           // [T, n] row-major, kWh >= 0
  std::vector<double> buy_eur_per_kwh;   // [n]
  std::vector<double> sell_eur_per_kwh;  // [n]
};

class SavingsGame final : public CooperativeGame {
 public:
  explicit SavingsGame(SavingsGameData data);
  int players() const override { return data_.players; }
  double value(const Coalition& members) const override;
  const SavingsGameData& data() const { return data_; }
  // Steps with some surplus and some deficit in the whole community, ascending: at the others
  // every coalition is worth 0, so whatever evaluates the game may skip them.
  const std::vector<int64_t>& active_steps() const { return active_steps_; }

 private:
  SavingsGameData data_;
  std::vector<int64_t> active_steps_;
};

// v(S) for every mask S (bit i = player i), n <= 20; index 0 is the empty set. Savings games
// are enumerated step by step from the four per-step sums (O(2^n) per step), others by value().
std::vector<double> coalition_values(const CooperativeGame& game);

struct ShapleyResult {
  Eigen::VectorXd value;      // [n] EUR
  Eigen::VectorXd std_error;  // [n] EUR (0 for exact)
  int64_t samples = 0;        // permutations (0 for exact)
};

// Exact Shapley value (n <= 20).
ShapleyResult shapley_exact(const CooperativeGame& game);

struct ShapleySampling {
  double target_relative_se = 0.01;  // stop when every SE <= target * |mean share| (or abs floor)
  double absolute_se_floor_eur = 1e-6;
  int64_t min_permutations = 64;
  int64_t max_permutations = 1'000'000;
  bool stratified = false;       // replicate = `strata` evenly spaced rotations of a random order
  int strata = 16;               // rotations per replicate when stratified (capped at n)
  bool antithetic = true;        // also run every order reversed (always on when !stratified)
  int64_t min_replicates = 8;    // independent replicates before the SE may stop the sampling
  bool control_variates = true;  // zero-mean predecessor-composition controls
};
// Permutation-sampling Shapley (Castro et al. 2009), marginal contributions in O(T) from
// running sums; deterministic given `stream`. Works in independent replicates: by default an
// antithetic pair (a uniformly random order and its reverse); with `stratified`, K = min(strata,
// m) cyclic rotations of one random order, offsets floor((u + j) m / K) for a uniform u, each
// also reversed if `antithetic`. With `control_variates`, a member's marginal contributions are
// corrected by beta . c, c = mean surplus and deficit of its predecessors minus those of all the
// others (mean 0 given its position), beta fitted on earlier replicates only; the corrections'
// total is handed back in equal parts, so each replicate's shares still sum to v(N). Unbiased;
// SE = sd of replicate estimates / sqrt(replicates). Stops after a group of replicates once
// replicates >= min_replicates, permutations >= min_permutations and every SE_i <= max(target *
// |mean_i|, absolute_se_floor_eur), or once permutations >= max_permutations (at least 2
// replicates are always run). Null players (no surplus and no deficit at any step where the
// community has both) get exactly 0 with SE 0. Evaluated in float: shares within ~1e-6
// relative of the double game; sum of shares = v(N) to ~1e-8 relative.
// docs/cooperative-games.md gives the design and measured precision.
ShapleyResult shapley_sampled(const SavingsGame& game, const ShapleySampling& options,
                              const sim::RandomStream& stream);

struct LeastCoreResult {
  Eigen::VectorXd allocation;  // [n] EUR
  double epsilon = 0;          // least-core value (<= 0: the core is non-empty)
};
LeastCoreResult least_core(const CooperativeGame& game);  // n <= 20, by LP
Eigen::VectorXd nucleolus(const CooperativeGame& game);   // n <= 20, sequential LPs

// Nash bargaining with disagreement point d_i = v({i}) and weights w (sum normalised).
Eigen::VectorXd nash_bargaining(const CooperativeGame& game, const Eigen::VectorXd& weights);
// alpha * Shapley + (1 - alpha) * v(N)/n (Joosten).
Eigen::VectorXd egalitarian_shapley(const Eigen::VectorXd& shapley, double grand_value,
                                    double alpha);
// Solidarity value (Nowak & Radzik 1994), n <= 20.
Eigen::VectorXd solidarity_value(const CooperativeGame& game);

struct CoreDiagnostics {
  Eigen::VectorXd individual_shortfall;  // [n] max(v({i}) - x_i, 0)
  double largest_core_shortfall = 0;     // max_S v(S) - x(S) (>= 0; exact or sampled bound)
  bool exact = true;                     // all coalitions checked
  int64_t coalitions_checked = 0;
  double budget_gap = 0;  // x(N) - v(N)
};
// Exact for n <= 20, otherwise a lower bound from `samples` random coalitions.
CoreDiagnostics core_diagnostics(const CooperativeGame& game, const Eigen::VectorXd& x,
                                 int64_t samples, const sim::RandomStream& stream);

}  // namespace accord::models::sharing
