// Least core and nucleolus by sequences of excess LPs (GLPK), and core diagnostics.
//
// Excess of S at x: e(S, x) = v(S) - x(S). The least core minimises the largest excess over
// proper coalitions under x(N) = v(N); the nucleolus (Schmeidler 1969) minimises the sorted
// excess vector lexicographically. Sequential-LP scheme (Maschler, Peleg & Shapley 1979;
// Solymosi 1993): solve min eps s.t. x(S) + eps >= v(S) for free S and x(S) = v(S) - e_S for
// fixed S; every free row with a positive dual is tight in every optimum (complementary
// slackness), so it is fixed at excess eps*; coalitions whose vector lies in the span of the
// fixed ones have a determined excess and leave the free set. The rank of the fixed set grows
// each round, so at most n rounds; the allocation is unique once the rank is n.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "accord/models/sharing/game.hpp"
#include "game_internal.hpp"
#include "lp.hpp"

namespace accord::models::sharing {

namespace {

constexpr double kDualTolerance = 1e-9;
constexpr double kSpanTolerance = 1e-9;

// Orthonormal basis of the span of the fixed coalitions' indicator vectors.
class Span {
 public:
  explicit Span(int n) : n_(n) {}
  int rank() const { return static_cast<int>(basis_.size()); }
  // Adds mask's vector if it is independent of the span; returns whether it was.
  bool add(uint64_t mask) {
    Eigen::VectorXd r = residual(mask);
    const double norm = r.norm();
    if (norm <= kSpanTolerance * std::sqrt(static_cast<double>(detail::popcount(mask)))) {
      return false;
    }
    basis_.push_back(r / norm);
    return true;
  }
  bool contains(uint64_t mask) const {
    return residual(mask).norm() <=
           kSpanTolerance * std::sqrt(static_cast<double>(detail::popcount(mask)));
  }

 private:
  Eigen::VectorXd residual(uint64_t mask) const {
    Eigen::VectorXd a(n_);
    for (int i = 0; i < n_; ++i) a[i] = static_cast<double>((mask >> i) & 1U);
    for (const auto& q : basis_) a -= q.dot(a) * q;  // modified Gram-Schmidt
    return a;
  }
  int n_;
  std::vector<Eigen::VectorXd> basis_;
};

struct FixedRow {
  uint64_t mask;
  double rhs;  // x(S) = rhs
};

struct RoundResult {
  Eigen::VectorXd x;
  double epsilon = 0;
  std::vector<double> duals;  // one per free coalition, in the order given
};

// One excess LP, P: min eps over (x, eps) s.t. x(S) = v(S) - e_S (fixed S, multiplier z_S
// free) and x(S) + eps >= v(S) (free S, multiplier y_S >= 0). Solved as its dual D:
//   max sum_free v(S) y_S + sum_fixed rhs_S z_S
//   s.t. sum_S y_S 1_S + sum_S z_S 1_S = 0 (n rows, shadow prices x), sum_free y_S = 1 (eps)
// D has n + 1 rows whatever the number of coalitions. The optimal x and eps of P are D's row
// shadow prices, and the y_S are the duals of P's excess rows used to fix coalitions.
RoundResult solve_round(int n, const std::vector<double>& v, const std::vector<FixedRow>& fixed,
                        const std::vector<uint64_t>& free_masks, const char* where) {
  detail::LinearProgram lp(n + 1);
  lp.set_row_value(n, 1.0);
  std::vector<int> rows;
  std::vector<double> coefs;
  auto column = [&](uint64_t mask, bool with_eps) {
    rows.clear();
    coefs.clear();
    for (int i = 0; i < n; ++i) {
      if ((mask >> i) & 1U) {
        rows.push_back(i);
        coefs.push_back(1.0);
      }
    }
    if (with_eps) {
      rows.push_back(n);
      coefs.push_back(1.0);
    }
  };
  for (const auto& f : fixed) {
    column(f.mask, false);
    lp.add_column(f.rhs, false, rows, coefs);
  }
  for (uint64_t mask : free_masks) {
    column(mask, true);
    lp.add_column(v[mask], true, rows, coefs);
  }
  if (!lp.solve()) detail::fail(where, "the excess LP has no optimum (GLPK)");
  RoundResult r;
  r.x.resize(n);
  for (int i = 0; i < n; ++i) r.x[i] = lp.row_dual(i);
  r.epsilon = lp.objective();
  const int first = static_cast<int>(fixed.size());
  r.duals.resize(free_masks.size());
  for (std::size_t k = 0; k < free_masks.size(); ++k) {
    r.duals[k] = lp.column_value(first + static_cast<int>(k));
  }
  return r;
}

std::vector<uint64_t> proper_coalitions(int n) {
  const uint64_t full = (uint64_t{1} << n) - 1;
  std::vector<uint64_t> masks;
  masks.reserve(full);
  for (uint64_t m = 1; m < full; ++m) masks.push_back(m);
  return masks;
}

}  // namespace

LeastCoreResult least_core(const CooperativeGame& game) {
  detail::require_enumerable(game, "least_core");
  const int n = game.players();
  const std::vector<double> v = coalition_values(game);
  const uint64_t full = (uint64_t{1} << n) - 1;
  LeastCoreResult result;
  if (n == 1) {
    result.allocation = Eigen::VectorXd::Constant(1, v[full]);
    result.epsilon = 0;  // no proper coalition: nothing can object
    return result;
  }
  const RoundResult r = solve_round(n, v, {{full, v[full]}}, proper_coalitions(n), "least_core");
  result.allocation = r.x;
  result.epsilon = r.epsilon;
  return result;
}

Eigen::VectorXd nucleolus(const CooperativeGame& game) {
  detail::require_enumerable(game, "nucleolus");
  const int n = game.players();
  const std::vector<double> v = coalition_values(game);
  const uint64_t full = (uint64_t{1} << n) - 1;
  if (n == 1) return Eigen::VectorXd::Constant(1, v[full]);

  std::vector<FixedRow> fixed{{full, v[full]}};
  Span span(n);
  span.add(full);
  std::vector<uint64_t> free_masks = proper_coalitions(n);
  Eigen::VectorXd x;
  while (span.rank() < n) {
    const RoundResult r = solve_round(n, v, fixed, free_masks, "nucleolus");
    x = r.x;
    // Fix every coalition with a positive dual; if rounding left none positive, the largest.
    std::size_t best = 0;
    for (std::size_t k = 1; k < r.duals.size(); ++k) {
      if (r.duals[k] > r.duals[best]) best = k;
    }
    bool progressed = false;
    for (std::size_t k = 0; k < r.duals.size(); ++k) {
      if (r.duals[k] > kDualTolerance || k == best) {
        if (span.add(free_masks[k])) {
          fixed.push_back({free_masks[k], v[free_masks[k]] - r.epsilon});
          progressed = true;
        }
      }
    }
    if (!progressed) detail::fail("nucleolus", "the sequential LPs made no progress");
    std::erase_if(free_masks, [&](uint64_t m) { return span.contains(m); });
  }
  // The last round's optimum satisfies the n independent fixed rows, which determine x.
  return x;
}

CoreDiagnostics core_diagnostics(const CooperativeGame& game, const Eigen::VectorXd& x,
                                 int64_t samples, const sim::RandomStream& stream) {
  const int n = game.players();
  if (x.size() != n) {
    detail::fail("core_diagnostics", "allocation has " + std::to_string(x.size()) +
                                         " entries for " + std::to_string(n) + " players");
  }
  if (!x.allFinite()) detail::fail("core_diagnostics", "allocation must be finite");
  if (samples < 0) detail::fail("core_diagnostics", "negative number of samples");
  const auto nn = static_cast<std::size_t>(n);
  CoreDiagnostics out;
  out.individual_shortfall = Eigen::VectorXd::Zero(n);
  double worst = 0;  // the empty set has shortfall 0

  if (n <= detail::kMaxEnumeratedPlayers) {
    const std::vector<double> v = coalition_values(game);
    const uint64_t full = (uint64_t{1} << n) - 1;
    std::vector<double> xs(full + 1, 0.0);
    for (uint64_t m = 1; m <= full; ++m) {
      const int low = __builtin_ctzll(m);
      xs[m] = xs[m & (m - 1)] + x[low];
      if (m != full) worst = std::max(worst, v[m] - xs[m]);
    }
    for (int i = 0; i < n; ++i) {
      out.individual_shortfall[i] = std::max(v[uint64_t{1} << i] - x[i], 0.0);
    }
    out.budget_gap = xs[full] - v[full];
    out.coalitions_checked = static_cast<int64_t>(full) + 1;
    out.exact = true;
    out.largest_core_shortfall = worst;
    return out;
  }

  // Sampled: every singleton, then random coalitions of a uniform size in [2, n-1], members
  // drawn by a partial Fisher-Yates shuffle (draw (sample, j) of `stream`).
  Coalition members(nn, 0);
  for (std::size_t i = 0; i < nn; ++i) {
    members[i] = 1;
    const double vi = game.value(members);
    members[i] = 0;
    const auto ii = static_cast<Eigen::Index>(i);
    out.individual_shortfall[ii] = std::max(vi - x[ii], 0.0);
    worst = std::max(worst, vi - x[ii]);
  }
  std::fill(members.begin(), members.end(), 1);
  out.budget_gap = x.sum() - game.value(members);
  std::vector<std::size_t> order(nn);
  for (int64_t k = 0; k < samples; ++k) {
    const auto step = static_cast<uint64_t>(k);
    const auto size =
        2 + static_cast<std::size_t>(stream.uniform(step, 0) * static_cast<double>(nn - 2));
    for (std::size_t i = 0; i < nn; ++i) order[i] = i;
    std::fill(members.begin(), members.end(), 0);
    double xs = 0;
    for (std::size_t j = 0; j < size; ++j) {
      const auto pick =
          j + static_cast<std::size_t>(stream.uniform(step, j + 1) * static_cast<double>(nn - j));
      std::swap(order[j], order[std::min(pick, nn - 1)]);
      members[order[j]] = 1;
      xs += x[static_cast<Eigen::Index>(order[j])];
    }
    worst = std::max(worst, game.value(members) - xs);
  }
  out.coalitions_checked = static_cast<int64_t>(nn) + 1 + samples;
  out.exact = false;
  out.largest_core_shortfall = worst;
  return out;
}

}  // namespace accord::models::sharing
