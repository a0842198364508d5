#pragma once
// Helpers of the allocation tests: build a key for a small community and run it on rows.
#include <cstdint>
#include <string>
#include <vector>

#include "accord/models/allocation/sharing_key.hpp"

namespace accord::models::allocation::testing {

struct Outcome {
  std::vector<double> allocated;  // [T, N]
  std::vector<double> autoprod;   // [T, P]
  std::vector<double> surplus;    // [T, P]
};

// Runs key over all rows of consumption [T, N] and production [T, P] (one call per block of
// `block` rows).
inline Outcome run_key(const SharingKey& key, const std::vector<double>& consumption,
                       const std::vector<double>& production, int64_t n, int64_t p,
                       int64_t block = 1 << 30) {
  const int64_t t_count = n > 0 ? static_cast<int64_t>(consumption.size()) / n
                                : static_cast<int64_t>(production.size()) / p;
  Outcome out;
  out.allocated.assign(consumption.size(), -1.0);
  out.autoprod.assign(production.size(), -1.0);
  out.surplus.assign(production.size(), -1.0);
  for (int64_t t0 = 0; t0 < t_count; t0 += block) {
    AllocationView v;
    v.t0 = t0;
    v.t1 = t0 + block < t_count ? t0 + block : t_count;
    v.n = n;
    v.p = p;
    v.consumption = consumption.data();
    v.production = production.data();
    v.allocated = out.allocated.data();
    v.autoprod = out.autoprod.data();
    v.surplus = out.surplus.data();
    key.allocate(v);
  }
  return out;
}

inline KeyContext make_context(int64_t n, int64_t p) {
  KeyContext ctx;
  for (int64_t i = 0; i < n; ++i) ctx.participant_ids.push_back("c" + std::to_string(i + 1));
  for (int64_t j = 0; j < p; ++j) ctx.producer_ids.push_back("p" + std::to_string(j + 1));
  ctx.participation.assign(static_cast<size_t>(n), KeyParticipation{});
  ctx.low_income.assign(static_cast<size_t>(n), 0);
  return ctx;
}

}  // namespace accord::models::allocation::testing
