#include "water_filling.hpp"

#include <algorithm>
#include <limits>

#include "key_support.hpp"

namespace accord::models::allocation::detail {
namespace {

constexpr int kMaxPasses = 12;

// Every consumer with k > 0 is satisfied.
double satisfy_all(const double* __restrict c, const WaterFillWeights& w, int64_t n,
                   double* __restrict a) {
  if (w.positive == nullptr) {
    for (int64_t i = 0; i < n; ++i) a[i] = c[i];
  } else {
    const double* __restrict m = w.positive;
    for (int64_t i = 0; i < n; ++i) a[i] = c[i] * m[i];
  }
  return w.positive == nullptr ? row_sum(a, n) : masked_sum(c, w.positive, n);
}

// Exact level for the consumers still active after the passes: sort them by c_i / k_i and
// saturate in that order while the level covers them.
double sorted_level(const double* c, const double* k, int32_t* act, int64_t na, double r_left) {
  Scratch& s = thread_scratch();
  double* ratio = ensure(s.d3, na);
  int64_t m = 0;
  for (int64_t q = 0; q < na; ++q) {
    if (k[act[q]] > 0.0) act[m++] = act[q];  // k = 0 never saturates and weighs nothing
  }
  na = m;
  std::sort(act, act + na, [&](int32_t x, int32_t y) {
    const double rx = c[x] / k[x];
    const double ry = c[y] / k[y];
    return rx < ry || (rx == ry && x < y);
  });
  // Suffix sums of k so that the active weight is never obtained by cancellation.
  for (int64_t q = na - 1; q >= 0; --q) ratio[q] = k[act[q]] + (q + 1 < na ? ratio[q + 1] : 0.0);
  for (int64_t q = 0; q < na; ++q) {
    const double level = r_left / ratio[q];
    const int32_t i = act[q];
    if (c[i] > level * k[i]) return level;
    r_left -= c[i];
  }
  return std::numeric_limits<double>::infinity();
}

}  // namespace

double water_fill(const double* __restrict c, const WaterFillWeights& w, int64_t n, double r,
                  double* __restrict a) {
  const double* __restrict k = w.k;
  if (!(r > 0.0) || !(w.k_total > 0.0)) {
    for (int64_t i = 0; i < n; ++i) a[i] = 0.0;
    return 0.0;
  }
  const double demand = w.positive == nullptr ? row_sum(c, n) : masked_sum(c, w.positive, n);
  if (demand <= r) return satisfy_all(c, w, n, a);

  // Pass 1 over the whole row, branch-free: keep the consumers the level does not cover.
  int32_t* act = ensure(thread_scratch().i0, n);
  double level = r / w.k_total;
  double saturated = 0.0;  // sum of c over saturated consumers
  double k_active = 0.0;
  int64_t na = 0;
  for (int64_t i = 0; i < n; ++i) {
    const bool keep = c[i] > level * k[i];
    act[na] = static_cast<int32_t>(i);
    na += keep ? 1 : 0;
    saturated += keep ? 0.0 : c[i];
    k_active += keep ? k[i] : 0.0;
  }
  int64_t previous = n;
  int passes = 1;
  while (na < previous) {  // someone saturated: the level rises for the others
    if (!(k_active > 0.0)) {
      level = std::numeric_limits<double>::infinity();
      break;
    }
    level = (r - saturated) / k_active;
    if (passes >= kMaxPasses) {
      level = sorted_level(c, k, act, na, r - saturated);
      break;
    }
    previous = na;
    int64_t m = 0;
    k_active = 0.0;
    for (int64_t q = 0; q < previous; ++q) {
      const int32_t i = act[q];
      const bool keep = c[i] > level * k[i];
      act[m] = i;
      m += keep ? 1 : 0;
      saturated += keep ? 0.0 : c[i];
      k_active += keep ? k[i] : 0.0;
    }
    na = m;
    ++passes;
  }
  if (level == std::numeric_limits<double>::infinity()) {
    // Only reachable through rounding when demand barely exceeds r: everyone is covered.
    return satisfy_all(c, w, n, a);
  }
  capped_share_row(c, k, level, a, n);
  return r;
}

}  // namespace accord::models::allocation::detail
