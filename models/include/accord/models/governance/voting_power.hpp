#pragma once
// A priori voting power in a weighted voting game [quota; w_1 .. w_n]: the Shapley-Shubik
// index (share of the n! orderings of the voters in which a voter is pivotal, i.e. turns the
// coalition of its predecessors from losing to winning) and the normalised Banzhaf index (a
// voter's swings, coalitions that win with it and lose without it, over all voters' swings).
// Used to report procedural equity: voting power of members and colleges against their share
// of members (docs: domain/sharing-governance-equity.md §2-3). In a SCIC with weighted
// colleges every member of college c carries W_c / (members of c who vote), so many voters
// share a weight; the exact computation counts members per group of equal weight instead of
// enumerating subsets, which keeps realistic communities (about a hundred members in 3 to 5
// colleges) exact. Larger games are sampled with counter-based random numbers.
#include <cstdint>
#include <vector>

namespace accord::models::governance {

// A coalition S wins when sum_{i in S} w_i >= quota (strict: > quota). The comparison allows a
// relative rounding tolerance of 1e-12 of max(|quota|, sum of weights), so that college
// weights such as 3 x 0.2/3 reach a quota of 0.2 and do not exceed a strict quota of 0.2.
struct WeightedGame {
  double quota = 0;
  std::vector<double> weights;  // >= 0, finite; any real numbers (not only integers)
  bool strict = false;
};

struct PowerIndex {
  std::vector<double> value;           // per voter, sums to 1 (all 0 if no voter is ever
                                       // pivotal: the empty coalition wins or the grand one
                                       // loses)
  std::vector<double> standard_error;  // per voter, 0 when exact
  bool exact = true;
};

// Exact enumeration over groups of equal weight is used while the number of group profiles
// prod_g (size_g + 1) stays below this bound (about a second of work at most).
inline constexpr double kGroupedExactMaxProfiles = 2e6;

struct PowerOptions {
  // Exact whenever n <= exact_max_voters (by subsets, or by groups when grouping is on) or,
  // with group_equal_weights, whenever prod_g (size_g + 1) <= kGroupedExactMaxProfiles.
  int exact_max_voters = 20;
  // Voters whose weights are equal (within 1e-12 relative) form one group, enumerated by the
  // number of its members in a coalition. Off: every voter is its own group (tests use it to
  // force the subset enumeration or the sampler).
  bool group_equal_weights = true;
  int samples = 20000;  // permutations (Shapley-Shubik) or coalitions (Banzhaf); >= 2
  // Stream of the sampler: sim::RandomStream(seed, replicate, Purpose::kGovernance, entity),
  // draw (step = sample, index = draw within the sample), so results never depend on threads.
  uint64_t seed = 42;
  uint32_t replicate = 0;
  uint64_t entity = 0;
};

// Shapley-Shubik index. Exact: phi_i = sum over S not containing i where i is pivotal of
// |S|! (n - |S| - 1)! / n!. Sampled: share of random orderings in which i is pivotal, standard
// error sqrt(p (1 - p) / (samples - 1)).
PowerIndex shapley_shubik(const WeightedGame& game, const PowerOptions& options = {});

// Normalised Banzhaf index: swings_i / sum_j swings_j. Sampled: random coalitions (each voter
// in with probability 1/2; S \ {i} is then a uniform subset of the others), the ratio of the
// mean swing counts, standard error by the delta method on that ratio.
PowerIndex banzhaf(const WeightedGame& game, const PowerOptions& options = {});

}  // namespace accord::models::governance
