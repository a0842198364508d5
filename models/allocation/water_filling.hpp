#pragma once
// Water-filling ("static with redistribution", several rounds): allocates r among consumers
// with demands c_i and weights k_i >= 0 as A_i = min(c_i, lambda * k_i), where the level
// lambda is the fixed point of the round-by-round procedure (give R * k_i / sum_active k,
// cap at c_i, drop saturated consumers, repeat). Consumers with k_i = 0 get nothing.
#include <cstdint>

namespace accord::models::allocation::detail {

// Precomputed, per key, for one set of weights.
struct WaterFillWeights {
  const double* k = nullptr;         // [n] weights >= 0
  const double* positive = nullptr;  // [n] 1 where k > 0, else 0; null when all k > 0
  double k_total = 0.0;              // sum k
};

// Writes a[0..n) and returns sum a. c_i >= 0 and r >= 0 are expected. Uses the calling
// thread's scratch (no allocation once warmed up). Typical steps cost one or two passes
// over the row; after kMaxPasses refinement passes the remaining active consumers are
// sorted by c_i / k_i, which bounds the worst case at O(n log n).
double water_fill(const double* c, const WaterFillWeights& w, int64_t n, double r, double* a);

}  // namespace accord::models::allocation::detail
