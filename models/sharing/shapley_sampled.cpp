// Sampled Shapley value of the savings game: permutation sampling (Castro, Gomez & Tejada
// 2009) with marginal contributions from running per-step sums, optionally stratified by
// position (after Castro et al. 2017) through a Latin design over position blocks.
//
// Cost: in a permutation, player p joins its predecessors; the coalition's four per-step sums
// (sum d, sum d*buy, sum s, sum s*sell) are updated with p's row and the step savings
// recomputed, so the marginal contributions of all n players cost O(n*T) together.
//
// Stratified design: the n players are padded with null players to n' = L*m (a null player
// changes no sum, so the Shapley values of the real players are unchanged) and split at random
// into L groups of m. A batch is L permutations; in permutation j, group g occupies position
// block (g - j) mod L, in a fresh random order inside the block. Each player thus visits every
// block once per batch at a uniform position inside it, with a uniformly random set of
// predecessors of that size, so the batch mean of its L marginal contributions is an unbiased
// estimate of its Shapley value whose variance excludes the between-block part. Batches are
// independent: the standard error is the sample standard deviation of batch estimates over
// sqrt(batches). Without stratification, a batch is an antithetic pair (a permutation and its
// reverse).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "accord/models/sharing/game.hpp"
#include "game_internal.hpp"

namespace accord::models::sharing {

namespace {

// Position blocks of the stratified design (capped at n): enough to remove most of the
// position effect, few enough that a batch stays cheap for large n.
constexpr int kStrata = 8;

class PermutationEvaluator {
 public:
  explicit PermutationEvaluator(const SavingsGameData& g)
      : n_(static_cast<std::size_t>(g.players)),
        t_(static_cast<std::size_t>(g.steps)),
        buy_(g.buy_eur_per_kwh),
        sell_(g.sell_eur_per_kwh),
        d_(t_),
        db_(t_),
        s_(t_),
        sl_(t_),
        g_(t_),
        delta_(t_) {
    // Player-major copies: a player's year is one contiguous stream. When no cell has both a
    // surplus and a deficit (the usual netted data), one signed array d - s halves the memory
    // traffic that bounds a permutation.
    signed_net_ = true;
    for (std::size_t k = 0; k < n_ * t_ && signed_net_; ++k) {
      signed_net_ = g.surplus[k] == 0 || g.deficit[k] == 0;
    }
    deficit_.resize(n_ * t_);
    if (!signed_net_) surplus_.resize(n_ * t_);
    for (std::size_t t = 0; t < t_; ++t) {
      for (std::size_t i = 0; i < n_; ++i) {
        if (signed_net_) {
          deficit_[i * t_ + t] = g.deficit[t * n_ + i] - g.surplus[t * n_ + i];
        } else {
          deficit_[i * t_ + t] = g.deficit[t * n_ + i];
          surplus_[i * t_ + t] = g.surplus[t * n_ + i];
        }
      }
    }
  }

  // Marginal contribution of each real player (index < n) of `order`, in order; entries
  // >= n are null players and are skipped. Writes mc[player].
  void run(const std::vector<std::size_t>& order, std::vector<double>& mc) {
    std::fill(d_.begin(), d_.end(), 0.0);
    std::fill(db_.begin(), db_.end(), 0.0);
    std::fill(s_.begin(), s_.end(), 0.0);
    std::fill(sl_.begin(), sl_.end(), 0.0);
    std::fill(g_.begin(), g_.end(), 0.0);
    for (std::size_t p : order) {
      if (p >= n_) continue;
      if (signed_net_) {
        join<true>(p);
      } else {
        join<false>(p);
      }
      // Separate reduction: Eigen sums with several vector accumulators, which the compiler
      // does not do for a floating-point reduction inside the update loop.
      mc[p] = Eigen::Map<const Eigen::VectorXd>(delta_.data(), static_cast<Eigen::Index>(t_)).sum();
    }
  }

 private:
  // Adds player p to the running sums; delta_[t] = its marginal contribution at step t.
  template <bool kSignedNet>
  void join(std::size_t p) {
    const double* __restrict dp = deficit_.data() + p * t_;
    const double* __restrict sp = kSignedNet ? dp : surplus_.data() + p * t_;
    const double b = buy_[p], c = sell_[p];
    double* __restrict d = d_.data();
    double* __restrict db = db_.data();
    double* __restrict s = s_.data();
    double* __restrict sl = sl_.data();
    double* __restrict gv = g_.data();
    double* __restrict delta = delta_.data();
    for (std::size_t t = 0; t < t_; ++t) {
      const double def = kSignedNet ? (dp[t] > 0 ? dp[t] : 0.0) : dp[t];
      const double sur = kSignedNet ? (dp[t] < 0 ? -dp[t] : 0.0) : sp[t];
      const double dt = d[t] + def;
      const double dbt = db[t] + b * def;
      const double st = s[t] + sur;
      const double slt = sl[t] + c * sur;
      d[t] = dt;
      db[t] = dbt;
      s[t] = st;
      sl[t] = slt;
      // SavingsGame's step value as pooled kWh m = min(D, S) times the spread of mean prices,
      // m (Db/D - Sl/S) = m (Db S - Sl D) / (D S): one division and no branch, so the loop
      // vectorises; the 1e-300 only matters when D or S is 0, where m = 0 too.
      const double m = dt < st ? dt : st;
      const double gt = m * (dbt * st - slt * dt) / (dt * st + 1e-300);
      delta[t] = gt - gv[t];
      gv[t] = gt;
    }
  }

  std::size_t n_, t_;
  bool signed_net_ = false;
  std::vector<double> deficit_, surplus_;  // deficit_ holds d - s when signed_net_
  std::vector<double> buy_, sell_;
  std::vector<double> d_, db_, s_, sl_, g_, delta_;
};

// Fisher-Yates shuffle of order[first, first+count) with draws (step, index_base + k).
void shuffle(std::vector<std::size_t>& order, std::size_t first, std::size_t count,
             const sim::RandomStream& stream, uint64_t step, uint64_t index_base) {
  for (std::size_t k = count; k > 1; --k) {
    const double u = stream.uniform(step, index_base + k);
    const auto j = std::min(static_cast<std::size_t>(u * static_cast<double>(k)), k - 1);
    std::swap(order[first + k - 1], order[first + j]);
  }
}

}  // namespace

ShapleyResult shapley_sampled(const SavingsGame& game, const ShapleySampling& options,
                              const sim::RandomStream& stream) {
  if (!(options.target_relative_se >= 0) || !(options.absolute_se_floor_eur >= 0) ||
      options.min_permutations < 0 || options.max_permutations < 1 ||
      options.max_permutations < options.min_permutations) {
    detail::fail("shapley_sampled",
                 "options need target_relative_se >= 0, absolute_se_floor_eur >= 0 and "
                 "1 <= max_permutations, min_permutations <= max_permutations");
  }
  const auto& data = game.data();
  const auto n = static_cast<std::size_t>(data.players);
  const auto ni = static_cast<Eigen::Index>(n);
  PermutationEvaluator evaluator(data);

  const std::size_t strata = options.stratified ? std::min<std::size_t>(n, kStrata) : 2;
  const std::size_t block = options.stratified ? (n + strata - 1) / strata : n;
  const std::size_t slots = options.stratified ? block * strata : n;

  Eigen::VectorXd mean = Eigen::VectorXd::Zero(ni);
  Eigen::VectorXd m2 = Eigen::VectorXd::Zero(ni);  // Welford sum of squared deviations
  Eigen::VectorXd batch_sum(ni);
  std::vector<double> mc(n, 0.0);
  std::vector<std::size_t> base(slots), order(slots);
  int64_t batches = 0, permutations = 0;
  Eigen::VectorXd se = Eigen::VectorXd::Zero(ni);

  for (;;) {
    const auto batch = static_cast<uint64_t>(batches);
    const uint64_t step0 = batch * (strata + 1);
    for (std::size_t k = 0; k < slots; ++k) base[k] = k;
    shuffle(base, 0, slots, stream, step0, 0);
    batch_sum.setZero();
    for (std::size_t j = 0; j < strata; ++j) {
      if (options.stratified) {
        // Group g (slots base[g*m .. (g+1)*m)) goes to block (g - j) mod L.
        for (std::size_t g = 0; g < strata; ++g) {
          const std::size_t blk = (g + strata - j) % strata;
          std::copy_n(base.begin() + static_cast<std::ptrdiff_t>(g * block), block,
                      order.begin() + static_cast<std::ptrdiff_t>(blk * block));
        }
        for (std::size_t blk = 0; blk < strata; ++blk) {
          shuffle(order, blk * block, block, stream, step0 + 1 + j, blk * (block + 1));
        }
      } else if (j == 0) {
        order = base;
      } else {
        std::reverse(order.begin(), order.end());  // antithetic partner
      }
      evaluator.run(order, mc);
      for (std::size_t i = 0; i < n; ++i) batch_sum[static_cast<Eigen::Index>(i)] += mc[i];
      ++permutations;
    }
    const Eigen::VectorXd estimate = batch_sum / static_cast<double>(strata);
    ++batches;
    const Eigen::VectorXd dev = estimate - mean;
    mean += dev / static_cast<double>(batches);
    m2 += dev.cwiseProduct(estimate - mean);
    if (batches >= 2) {
      const auto b = static_cast<double>(batches);
      se = (m2 / (b - 1) / b).cwiseSqrt();
      if (permutations >= options.min_permutations) {
        bool done = true;
        for (Eigen::Index i = 0; i < ni && done; ++i) {
          done = se[i] <= std::max(options.target_relative_se * std::abs(mean[i]),
                                   options.absolute_se_floor_eur);
        }
        if (done) break;
      }
    }
    if (permutations >= options.max_permutations && batches >= 2) break;
  }
  ShapleyResult result;
  result.value = mean;
  result.std_error = se;
  result.samples = permutations;
  return result;
}

}  // namespace accord::models::sharing
