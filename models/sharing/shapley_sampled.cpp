// Sampled Shapley value of the savings game: permutation sampling (Castro, Gomez & Tejada
// 2009) with marginal contributions from running per-step sums, antithetic (reversed) orders,
// optionally position strata, and zero-mean control variates (ControlVariates below).
//
// Estimator. A replicate is, by default (!stratified), one uniformly random order of the m
// non-null members and its reverse. With `stratified`, it is K = min(strata, m) rotations of one
// random base order pi with a uniform offset u in [0, 1): rotation j moves the member at base
// position p to position (p + floor((u + j) m / K)) mod m, so every member visits K evenly
// spread positions (systematic sampling of positions, after the position strata of Castro et
// al. 2017), each rotated order also run reversed if `antithetic`. Every one of these orders is
// on its own uniformly random (a fixed bijection of a uniform order, independent of it), so a
// member's mean marginal contribution over a replicate is an unbiased estimate of its Shapley
// value. Replicates use disjoint draws and are independent (up to the control-variate
// coefficients, fitted on earlier replicates only), so the standard error is the sample
// standard deviation of replicate estimates / sqrt(R). On the benchmark community the rotations
// did worse than plain antithetic pairs (the rotated orders share the base order's cyclic
// windows, so their predecessor sets are positively correlated): hence the default.
//
// Cost. Only steps where the community has both some surplus and some deficit can be worth
// anything to any coalition (every coalition's surplus or deficit is 0 at the others); members
// with no surplus and no deficit at those steps are null players (exactly 0, SE 0) and are left
// out of the orders. The remaining year is cut into tiles of kTile steps; per tile, the running
// sums of every order of a group of replicates (about 32 orders) stay in cache while the
// members' tile data are streamed (each tile is read from memory once per group, not per order).
// Members join in random order, so each next member's tile is prefetched a few joins ahead; a
// member with only deficits (or only surpluses) over a tile — every consumer, and producers in
// full sun — skips the sums of the other side. Together these took an order of the benchmark
// from 5.1 to about 3.3 ms (docs/performance.md).
//
// Precision (deliberate): member data, prices, the running sums and the step values are float;
// marginal contributions are summed over a tile in 8 float lanes in a fixed order and across
// tiles in double. Rounding changes a member's annual marginal contribution by about 1e-6 of
// it (measured against the double evaluation in tests/sharing/test_shapley_sampled.cpp), far
// below the sampling error targeted (1e-2); float halves the memory traffic and doubles the
// SIMD width of the loop that bounds the run time. Results are a pure function of the stream;
// the SSE and AVX paths do the same operations in the same order (no FMA), so they should agree
// bit for bit (not checked on a machine without AVX).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "accord/models/sharing/game.hpp"
#include "game_internal.hpp"

namespace accord::models::sharing {

namespace {

// Eight float lanes, lowered to two SSE or one AVX register: the explicit vector type fixes the
// order of every sum, so both code paths give bit-identical results.
typedef float Lanes __attribute__((vector_size(32)));
constexpr std::size_t kLanes = 8;
// Steps per tile: 5 running arrays of 256 floats (5 KiB) per order, ~160 KiB for a group
// of 32 orders, which stays in L2; larger tiles spill, smaller ones pay more loop overhead.
constexpr std::size_t kTile = 256;
constexpr std::size_t kTileVectors = kTile / kLanes;
// Orders evaluated together per pass over the data (see shapley_sampled).
constexpr std::size_t kOrdersPerPass = 32;
// Control variates per member and order: the two composition terms of ControlVariates.
constexpr std::size_t kControls = 2;

// Running state of one order over one tile: the coalition's sums of deficit, deficit * buy,
// surplus, surplus * sell, and its step values.
struct alignas(32) TileState {
  Lanes d[kTileVectors], db[kTileVectors], s[kTileVectors], sl[kTileVectors], g[kTileVectors];
};
// Lanes wrapped in a struct: std::allocator honours a struct's alignas, but not the alignment
// of a vector type passed directly as a template argument (the attribute is dropped there).
struct alignas(32) LaneBlock {
  Lanes v;
};

// What a member has over one tile: only deficits, only surpluses, or both (by step). Most
// member-tiles are one-sided (consumers always; producers at full sun): their joins skip the
// side that does not change, which cuts the loop's operations by about a third.
enum class TileSide : unsigned char { kDeficit, kSurplus, kBoth };

// Adds one member's tile to `st` and returns the member's marginal contribution over the tile.
// `a` is the signed net deficit - surplus when kNet, else the deficit with `b` the surplus.
// With kSide != kBoth the member has nothing on the other side in this tile (so adding 0 there
// is skipped: the sums and results are bit-identical to the kBoth path).
template <bool kNet, TileSide kSide>
[[gnu::always_inline]] inline double join_tile(const Lanes* __restrict a, const Lanes* __restrict b,
                                               float buy, float sell, TileState& st) {
  const Lanes zero = {};
  Lanes acc = zero;
  for (std::size_t v = 0; v < kTileVectors; ++v) {
    Lanes dt = st.d[v], dbt = st.db[v], s = st.s[v], slt = st.sl[v];
    if constexpr (kSide != TileSide::kSurplus) {
      const Lanes x = a[v];
      const Lanes def = kNet && kSide == TileSide::kBoth ? (x > zero ? x : zero) : x;
      dt += def;
      dbt += buy * def;
      st.d[v] = dt;
      st.db[v] = dbt;
    }
    if constexpr (kSide != TileSide::kDeficit) {
      const Lanes y = kNet ? a[v] : b[v];
      const Lanes sur = kNet ? (kSide == TileSide::kBoth ? (y < zero ? -y : zero) : -y) : y;
      s += sur;
      slt += sell * sur;
      st.s[v] = s;
      st.sl[v] = slt;
    }
    // Step value min(D, S) (Db/D - Sl/S) with one division; |value| <= min(D, S) * max
    // price, so the 1e-30 (for D or S = 0, where min(D, S) = 0 too) cannot blow it up.
    const Lanes m = dt < s ? dt : s;
    const Lanes gt = m * (dbt * s - slt * dt) / (dt * s + 1e-30f);
    acc += gt - st.g[v];
    st.g[v] = gt;
  }
  return static_cast<double>((acc[0] + acc[1]) + (acc[2] + acc[3])) +
         static_cast<double>((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

// One tile of every order of a replicate: orders[j * m + q] is the member (active index) at
// position q of order j; mc[j * m + member] accumulates marginal contributions.
struct TileJob {
  const Lanes* net;      // kNet: [m][kTileVectors] of this tile; else deficits
  const Lanes* surplus;  // !kNet only
  const float* buy;
  const float* sell;
  const TileSide* sides;  // [members] of this tile
  const std::size_t* orders;
  std::size_t count;  // orders
  std::size_t members;
  TileState* states;  // [count]
  double* mc;         // [count * members]
};

// Members are joined in a random order, so the hardware prefetchers cannot guess the next
// member's tile (1 KiB, in L3 once a group's tiles outgrow L2): it is requested explicitly a
// few members ahead, which hides those loads behind the current joins.
constexpr std::size_t kPrefetchAhead = 8;
constexpr std::size_t kLinesPerTile = kTile * sizeof(float) / 64;

template <bool kNet>
[[gnu::always_inline]] inline void prefetch_tile(const TileJob& job, std::size_t p) {
  const char* a = reinterpret_cast<const char*>(job.net + p * kTileVectors);
  for (std::size_t l = 0; l < kLinesPerTile; ++l) __builtin_prefetch(a + 64 * l);
  if constexpr (!kNet) {
    const char* b = reinterpret_cast<const char*>(job.surplus + p * kTileVectors);
    for (std::size_t l = 0; l < kLinesPerTile; ++l) __builtin_prefetch(b + 64 * l);
  }
}

template <bool kNet>
[[gnu::always_inline]] inline void run_tile_body(const TileJob& job) {
  const std::size_t m = job.members;
  for (std::size_t j = 0; j < job.count; ++j) {
    TileState& st = job.states[j];
    std::memset(static_cast<void*>(&st), 0, sizeof(TileState));
    const std::size_t* order = job.orders + j * m;
    double* mc = job.mc + j * m;
    for (std::size_t q = 0; q < m; ++q) {
      const std::size_t p = order[q];
      const Lanes* a = job.net + p * kTileVectors;
      const Lanes* b = kNet ? a : job.surplus + p * kTileVectors;
      if (q + kPrefetchAhead < m) prefetch_tile<kNet>(job, order[q + kPrefetchAhead]);
      const float buy = job.buy[p], sell = job.sell[p];
      switch (job.sides[p]) {
        case TileSide::kDeficit:
          mc[p] += join_tile<kNet, TileSide::kDeficit>(a, b, buy, sell, st);
          break;
        case TileSide::kSurplus:
          mc[p] += join_tile<kNet, TileSide::kSurplus>(a, b, buy, sell, st);
          break;
        case TileSide::kBoth:
          mc[p] += join_tile<kNet, TileSide::kBoth>(a, b, buy, sell, st);
          break;
      }
    }
  }
}

void run_tile_net(const TileJob& job) {
  run_tile_body<true>(job);
}
void run_tile_split(const TileJob& job) {
  run_tile_body<false>(job);
}
[[gnu::target("avx")]] void run_tile_net_avx(const TileJob& job) {
  run_tile_body<true>(job);
}
[[gnu::target("avx")]] void run_tile_split_avx(const TileJob& job) {
  run_tile_body<false>(job);
}

// The savings game restricted to what sampling needs: active steps, non-null members, float,
// tile-major ([tile][member][kTile]) so that a tile's data is one contiguous block.
class SamplingGame {
 public:
  explicit SamplingGame(const SavingsGame& game) {
    const SavingsGameData& g = game.data();
    const auto n = static_cast<std::size_t>(g.players);
    std::vector<std::size_t> active_steps(game.active_steps().begin(), game.active_steps().end());
    bool net = true;
    std::vector<bool> used(n, false);
    for (std::size_t t : active_steps) {
      for (std::size_t i = 0; i < n; ++i) {
        const double d = g.deficit[t * n + i], s = g.surplus[t * n + i];
        if (d != 0 || s != 0) used[i] = true;
        if (d != 0 && s != 0) net = false;
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (used[i]) members_.push_back(i);
    }
    net_ = net;
    const std::size_t m = members_.size();
    tiles_ = (active_steps.size() + kTile - 1) / kTile;
    const std::size_t vectors = tiles_ * m * kTileVectors;
    a_.assign(vectors, LaneBlock{});
    if (!net_) b_.assign(vectors, LaneBlock{});
    for (std::size_t k = 0; k < active_steps.size(); ++k) {
      const std::size_t t = active_steps[k], tile = k / kTile, lane = k % kTile;
      for (std::size_t q = 0; q < m; ++q) {
        const std::size_t cell = t * n + members_[q];
        const std::size_t v = (tile * m + q) * kTileVectors + lane / kLanes;
        const auto l = static_cast<int>(lane % kLanes);
        if (net_) {
          a_[v].v[l] = static_cast<float>(g.deficit[cell] - g.surplus[cell]);
        } else {
          a_[v].v[l] = static_cast<float>(g.deficit[cell]);
          b_[v].v[l] = static_cast<float>(g.surplus[cell]);
        }
      }
    }
    sides_.assign(tiles_ * m, TileSide::kBoth);
    for (std::size_t tile = 0; tile < tiles_; ++tile) {
      for (std::size_t q = 0; q < m; ++q) {
        bool deficit = false, surplus = false;
        for (std::size_t v = 0; v < kTileVectors; ++v) {
          for (std::size_t l = 0; l < kLanes; ++l) {
            const std::size_t k = (tile * m + q) * kTileVectors + v;
            deficit = deficit || (net_ ? a_[k].v[l] > 0 : a_[k].v[l] != 0);
            surplus = surplus || (net_ ? a_[k].v[l] < 0 : b_[k].v[l] != 0);
          }
        }
        sides_[tile * m + q] = deficit && surplus ? TileSide::kBoth
                               : surplus          ? TileSide::kSurplus
                                                  : TileSide::kDeficit;
      }
    }
    features_.assign(m, {0.0, 0.0});
    for (std::size_t t : active_steps) {
      for (std::size_t q = 0; q < m; ++q) {
        features_[q][0] += g.surplus[t * n + members_[q]];
        features_[q][1] += g.deficit[t * n + members_[q]];
      }
    }
    for (std::size_t i : members_) {
      buy_.push_back(static_cast<float>(g.buy_eur_per_kwh[i]));
      sell_.push_back(static_cast<float>(g.sell_eur_per_kwh[i]));
    }
    const bool avx = __builtin_cpu_supports("avx");
    if (net_) {
      run_ = avx ? run_tile_net_avx : run_tile_net;
    } else {
      run_ = avx ? run_tile_split_avx : run_tile_split;
    }
  }

  // Original player index of each active member.
  const std::vector<std::size_t>& members() const { return members_; }
  // Per active member: its surplus and its deficit summed over the active steps, kWh.
  const std::vector<std::array<double, 2>>& features() const { return features_; }

  // Marginal contributions mc[j * m + member] of `count` orders (orders[j * m + q]).
  void run(const std::vector<std::size_t>& orders, std::size_t count, std::vector<double>& mc) {
    const std::size_t m = members_.size();
    states_.resize(count);
    std::fill(mc.begin(), mc.begin() + static_cast<std::ptrdiff_t>(count * m), 0.0);
    for (std::size_t tile = 0; tile < tiles_; ++tile) {
      const std::size_t base = tile * m * kTileVectors;
      TileJob job{&a_[base].v,
                  net_ ? nullptr : &b_[base].v,
                  buy_.data(),
                  sell_.data(),
                  &sides_[tile * m],
                  orders.data(),
                  count,
                  m,
                  states_.data(),
                  mc.data()};
      run_(job);
    }
  }

 private:
  std::vector<std::size_t> members_;
  std::vector<std::array<double, 2>> features_;
  bool net_ = true;
  std::size_t tiles_ = 0;
  std::vector<LaneBlock> a_, b_;
  std::vector<float> buy_, sell_;
  std::vector<TileSide> sides_;  // [tile][member]
  std::vector<TileState> states_;
  void (*run_)(const TileJob&) = nullptr;
};

// Control variates with known mean 0 (Glasserman 2004, Monte Carlo Methods in Financial
// Engineering, ch. 4.1). In a uniformly random order, a member's number of predecessors k is
// uniform on 0..m-1 and, given k, its predecessors are a uniformly random k-subset P of the
// other members. So, for a member feature z, c = sum_{j in P} z_j / k - mean_{j != i} z_j has
// mean 0 given k (c = 0 at k = 0), hence mean 0. Features: the member's surplus and its deficit
// summed over the active steps; whether a coalition is short or long at a step, which decides
// what a newcomer's kWh are worth, follows the share of producers among the predecessors.
// (Position terms min(k, a)/a - mean, a = 4, 16, 64, were tried as further controls: they
// halved no variance and made the largest SE of the benchmark worse, fitted from few samples.)
// A replicate's estimate for member i is mean(X - beta_i . c) over its orders, with beta_i the
// least-squares slope of X on c fitted on EARLIER replicates only: given the past, beta is fixed
// and E[c] = 0, so every replicate stays unbiased and replicate estimates are uncorrelated (a
// martingale-difference sequence), which keeps the replicate-based standard error valid.
class ControlVariates {
 public:
  using Vec = Eigen::Matrix<double, kControls, 1>;
  using Mat = Eigen::Matrix<double, kControls, kControls>;

  explicit ControlVariates(const std::vector<std::array<double, 2>>& features)
      : z_(features), m_(features.size()), beta_(m_, Vec::Zero()), sums_(m_) {
    for (const auto& f : z_) {
      for (std::size_t c = 0; c < kControls; ++c) {
        total_[c] += f[c];
        scale_[c] = std::max(scale_[c], std::abs(f[c]));
      }
    }
  }

  // c[member * kControls + f] for one order (order[q] = member at position q).
  void fill(const std::size_t* order, double* c) const {
    double prefix[2] = {0.0, 0.0};
    const double others = m_ > 1 ? static_cast<double>(m_ - 1) : 1.0;
    for (std::size_t q = 0; q < m_; ++q) {
      const std::size_t p = order[q];
      double* cp = c + p * kControls;
      for (std::size_t f = 0; f < 2; ++f) {
        cp[f] = q == 0 ? 0.0 : prefix[f] / static_cast<double>(q) - (total_[f] - z_[p][f]) / others;
        prefix[f] += z_[p][f];
      }
    }
  }

  double correction(std::size_t member, const double* c) const {
    return beta_[member].dot(Eigen::Map<const Vec>(c));
  }

  // Adds `count` orders' (mc, c) pairs to the regression sums and refits every beta.
  void learn(const double* mc, const double* cv, std::size_t count) {
    for (std::size_t o = 0; o < count; ++o) {
      for (std::size_t i = 0; i < m_; ++i) {
        const double x = mc[o * m_ + i];
        const Eigen::Map<const Vec> c(cv + (o * m_ + i) * kControls);
        Sums& s = sums_[i];
        s.n += 1;
        s.x += x;
        s.c += c;
        s.cc.noalias() += c * c.transpose();
        s.xc += x * c;
      }
    }
    for (std::size_t i = 0; i < m_; ++i) {
      const Sums& s = sums_[i];
      if (s.n < 4 * kControls) continue;  // keep beta = 0 until the fit means something
      // Centred normal equations over the controls that really vary: a control whose spread
      // is at rounding level relative to its feature (e.g. with 2 members, where the other
      // member is always the whole predecessor set) is left out, else its slope would scale
      // rounding noise up to the size of X.
      Mat a = s.cc - s.c * s.c.transpose() / s.n;
      Vec b = s.xc - s.x * s.c / s.n;
      for (std::size_t f = 0; f < kControls; ++f) {
        const auto k = static_cast<Eigen::Index>(f);
        const double resolution = 1e-9 * scale_[f];
        if (!(a(k, k) > s.n * resolution * resolution)) {
          a.row(k).setZero();
          a.col(k).setZero();
          a(k, k) = 1;
          b[k] = 0;
        }
      }
      beta_[i] = a.ldlt().solve(b);
      if (!beta_[i].allFinite()) beta_[i].setZero();
    }
  }

 private:
  struct Sums {
    double n = 0, x = 0;
    Vec c = Vec::Zero(), xc = Vec::Zero();
    Mat cc = Mat::Zero();
  };
  const std::vector<std::array<double, 2>>& z_;
  std::size_t m_;
  double total_[kControls] = {0.0, 0.0};
  double scale_[kControls] = {0.0, 0.0};  // largest |feature|
  std::vector<Vec, Eigen::aligned_allocator<Vec>> beta_;
  std::vector<Sums, Eigen::aligned_allocator<Sums>> sums_;
};

// Fisher-Yates shuffle of `order` with draws (step, k).
void shuffle(std::vector<std::size_t>& order, const sim::RandomStream& stream, uint64_t step) {
  for (std::size_t k = order.size(); k > 1; --k) {
    const double u = stream.uniform(step, k);
    const auto j = std::min(static_cast<std::size_t>(u * static_cast<double>(k)), k - 1);
    std::swap(order[k - 1], order[j]);
  }
}

}  // namespace

ShapleyResult shapley_sampled(const SavingsGame& game, const ShapleySampling& options,
                              const sim::RandomStream& stream) {
  if (!(options.target_relative_se >= 0) || !(options.absolute_se_floor_eur >= 0) ||
      options.min_permutations < 0 || options.max_permutations < 1 ||
      options.max_permutations < options.min_permutations || options.strata < 1 ||
      options.min_replicates < 2) {
    detail::fail("shapley_sampled",
                 "options need target_relative_se >= 0, absolute_se_floor_eur >= 0, "
                 "1 <= max_permutations, min_permutations <= max_permutations, strata >= 1 and "
                 "min_replicates >= 2");
  }
  const auto& data = game.data();
  const auto ni = static_cast<Eigen::Index>(data.players);
  ShapleyResult result;
  result.value = Eigen::VectorXd::Zero(ni);
  result.std_error = Eigen::VectorXd::Zero(ni);
  SamplingGame sampler(game);
  const std::vector<std::size_t>& members = sampler.members();
  const std::size_t m = members.size();
  if (m == 0) return result;  // every player is null: all shares are exactly 0

  const std::size_t rotations =
      options.stratified ? std::min(static_cast<std::size_t>(options.strata), m) : 1;
  const bool antithetic = options.antithetic || !options.stratified;
  const std::size_t per_replicate = rotations * (antithetic ? 2 : 1);

  // Replicates are run in groups of about kOrdersPerPass orders, so that each tile of member
  // data is read from memory once per group (the grouping changes no draw: replicate r always
  // uses the stream's step r).
  const std::size_t group = std::max<std::size_t>(1, kOrdersPerPass / per_replicate);
  std::vector<double> mean(m, 0.0), m2(m, 0.0);  // Welford over replicates
  std::vector<double> mc(group * per_replicate * m);
  std::vector<std::size_t> base(m), orders(group * per_replicate * m);
  std::vector<double> se(m, 0.0);
  ControlVariates controls(sampler.features());
  std::vector<double> estimate(m);
  std::vector<double> cv(options.control_variates ? group * per_replicate * m * kControls : 0);
  int64_t replicates = 0, permutations = 0;
  for (;;) {
    // Replicates in this group: the budget left, but at least one.
    const auto left =
        static_cast<std::size_t>(std::max<int64_t>(options.max_permutations - permutations, 0));
    const std::size_t count =
        std::clamp<std::size_t>((left + per_replicate - 1) / per_replicate, 1, group);
    for (std::size_t g = 0; g < count; ++g) {
      const auto step = static_cast<uint64_t>(replicates) + g;
      for (std::size_t k = 0; k < m; ++k) base[k] = k;
      shuffle(base, stream, step);
      const double u = stream.uniform(step, 0);
      for (std::size_t j = 0; j < rotations; ++j) {
        const auto offset = std::min(
            static_cast<std::size_t>((u + static_cast<double>(j)) * static_cast<double>(m) /
                                     static_cast<double>(rotations)),
            m - 1);
        std::size_t* order = orders.data() + (g * per_replicate + j * (antithetic ? 2 : 1)) * m;
        for (std::size_t p = 0; p < m; ++p) order[(p + offset) % m] = base[p];
        if (antithetic) std::reverse_copy(order, order + m, order + m);
      }
    }
    sampler.run(orders, count * per_replicate, mc);
    if (options.control_variates) {
      for (std::size_t o = 0; o < count * per_replicate; ++o) {
        controls.fill(orders.data() + o * m, cv.data() + o * m * kControls);
      }
    }
    for (std::size_t g = 0; g < count; ++g) {
      ++replicates;
      permutations += static_cast<int64_t>(per_replicate);
      const auto r = static_cast<double>(replicates);
      const double* rep = mc.data() + g * per_replicate * m;
      const double* rep_cv =
          options.control_variates ? cv.data() + g * per_replicate * m * kControls : nullptr;
      // Control-variate corrections, their total then handed back in equal parts: the total
      // has mean 0, so every member stays unbiased, and each replicate's shares sum to the sum
      // of its raw marginal contributions, v(N) (efficiency, as without control variates).
      // Weights proportional to each member's variance were tried: they load the total onto
      // the producers, whose SE then grew by a third.
      double corrected = 0;
      for (std::size_t i = 0; i < m; ++i) {
        double e = 0;
        for (std::size_t j = 0; j < per_replicate; ++j) {
          e += rep[j * m + i];
          if (options.control_variates) {
            const double c = controls.correction(i, rep_cv + (j * m + i) * kControls);
            e -= c;
            corrected += c;
          }
        }
        estimate[i] = e;
      }
      for (std::size_t i = 0; i < m; ++i) {
        const double e =
            (estimate[i] + corrected / static_cast<double>(m)) / static_cast<double>(per_replicate);
        const double dev = e - mean[i];
        mean[i] += dev / r;
        m2[i] += dev * (e - mean[i]);
      }
    }
    // The coefficients change only now, after this group's estimates were formed with the
    // coefficients of earlier groups: each replicate's estimate stays unbiased.
    if (options.control_variates) controls.learn(mc.data(), cv.data(), count * per_replicate);
    if (replicates >= 2) {
      const auto r = static_cast<double>(replicates);
      for (std::size_t i = 0; i < m; ++i) se[i] = std::sqrt(m2[i] / (r - 1) / r);
    }
    if (replicates >= options.min_replicates && permutations >= options.min_permutations) {
      bool done = true;
      for (std::size_t i = 0; i < m && done; ++i) {
        done = se[i] <= std::max(options.target_relative_se * std::abs(mean[i]),
                                 options.absolute_se_floor_eur);
      }
      if (done) break;
    }
    if (permutations >= options.max_permutations && replicates >= 2) break;
  }
  for (std::size_t i = 0; i < m; ++i) {
    const auto p = static_cast<Eigen::Index>(members[i]);
    result.value[p] = mean[i];
    result.std_error[p] = se[i];
  }
  result.samples = permutations;
  return result;
}

}  // namespace accord::models::sharing
