#pragma once
// Private helpers shared by the sharing-key strategies: validation of the context and of
// coefficients, the per-producer accounting of pooled keys, the tight row kernels and the
// per-thread scratch buffers (so that no step allocates).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "accord/models/allocation/sharing_key.hpp"

namespace accord::models::allocation::detail {

// Tolerance on coefficient sums (sum k <= 1 + kSumTolerance).
inline constexpr double kSumTolerance = 1e-12;

// Checks the sizes of the context (participation and low_income match the ids).
void check_context(const KeyContext& ctx, std::string_view key);

// Checks that a view matches the key's dimensions; throws std::invalid_argument.
void check_view(const AllocationView& view, int64_t n, int64_t p, std::string_view key);

// Static coefficients from participation[i].coefficient: all unset -> equal shares 1/N;
// some unset, negative or non-finite -> error; sum > 1 -> error when require_sum_le_one.
std::vector<double> static_coefficients(const KeyContext& ctx, std::string_view key,
                                        bool require_sum_le_one);

// Rounds a fraction down to 0.1 % steps. The 1e-9 slack keeps decimal inputs such as 0.2
// (stored as 0.2000000000000000111 or 0.1999999999999999833) on their intended step.
inline double floor_permille(double k) {
  const double steps = k * 1000.0 + 1e-9;
  return static_cast<double>(static_cast<int64_t>(steps)) / 1000.0;
}

// Pooled keys: AUTOPROD_j = P_j * sum A / P, SURPLUS_j = P_j - AUTOPROD_j (pro rata of
// injection, acc-france.md §2 assumption). P = 0 gives autoprod 0 and surplus P_j.
inline void pooled_accounting(const double* production, int64_t p, double total_production,
                              double sum_allocated, double* autoprod, double* surplus) {
  double fraction = 0.0;
  if (total_production > 0.0) {
    fraction = sum_allocated / total_production;
    if (fraction > 1.0) fraction = 1.0;
  }
  for (int64_t j = 0; j < p; ++j) {
    autoprod[j] = production[j] * fraction;
    surplus[j] = production[j] - autoprod[j];
  }
}

// Sum with four independent accumulators: breaks the dependency chain (the compiler may not
// reorder a single floating-point sum) and is a fixed order, hence reproducible.
inline double row_sum(const double* __restrict x, int64_t n) {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  int64_t i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += x[i];
    s1 += x[i + 1];
    s2 += x[i + 2];
    s3 += x[i + 3];
  }
  for (; i < n; ++i) s0 += x[i];
  return (s0 + s1) + (s2 + s3);
}

// sum_i x_i * m_i (m a 0/1 mask), same accumulation pattern as row_sum.
inline double masked_sum(const double* __restrict x, const double* __restrict m, int64_t n) {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  int64_t i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += x[i] * m[i];
    s1 += x[i + 1] * m[i + 1];
    s2 += x[i + 2] * m[i + 2];
    s3 += x[i + 3] * m[i + 3];
  }
  for (; i < n; ++i) s0 += x[i] * m[i];
  return (s0 + s1) + (s2 + s3);
}

// out_i = x_i * r.
inline void scale_row(const double* __restrict x, double r, double* __restrict out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) out[i] = x[i] * r;
}

// out_i = min(c_i, k_i * r); written as a select so that it compiles to minpd.
inline void capped_share_row(const double* __restrict c, const double* __restrict k, double r,
                             double* __restrict out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    const double share = k[i] * r;
    out[i] = share < c[i] ? share : c[i];
  }
}

// Per-thread scratch space, grown on first use and then reused for every step and block.
struct Scratch {
  std::vector<double> d0, d1, d2, d3;
  std::vector<int32_t> i0;
};
Scratch& thread_scratch();

// Grows v to at least n elements (never shrinks, so steady state does not allocate).
template <typename T>
T* ensure(std::vector<T>& v, int64_t n) {
  if (static_cast<int64_t>(v.size()) < n) v.resize(static_cast<size_t>(n));
  return v.data();
}

// Factories of the registered strategies, one per file.
std::unique_ptr<SharingKey> make_dynamic_default_key(const SharingKeySpec& spec,
                                                     const KeyContext& ctx);
std::unique_ptr<SharingKey> make_static_key(const SharingKeySpec& spec, const KeyContext& ctx);
std::unique_ptr<SharingKey> make_static_redistributed_key(const SharingKeySpec& spec,
                                                          const KeyContext& ctx);
std::unique_ptr<SharingKey> make_priority_key(const SharingKeySpec& spec, const KeyContext& ctx);
std::unique_ptr<SharingKey> make_dynamic_custom_key(const SharingKeySpec& spec,
                                                    const KeyContext& ctx);
std::unique_ptr<SharingKey> make_full_dynamic_key(const SharingKeySpec& spec,
                                                  const KeyContext& ctx);

}  // namespace accord::models::allocation::detail
