#include "key_support.hpp"

#include <cmath>
#include <stdexcept>

namespace accord::models::allocation::detail {

void check_context(const KeyContext& ctx, std::string_view key) {
  const size_t n = ctx.participant_ids.size();
  if (ctx.participation.size() != n) {
    throw std::invalid_argument(
        "sharing key '" + std::string(key) + "': " + std::to_string(ctx.participation.size()) +
        " participation entries for " + std::to_string(n) + " participants");
  }
  if (!ctx.low_income.empty() && ctx.low_income.size() != n) {
    throw std::invalid_argument("sharing key '" + std::string(key) +
                                "': " + std::to_string(ctx.low_income.size()) +
                                " low_income flags for " + std::to_string(n) + " participants");
  }
}

void check_view(const AllocationView& view, int64_t n, int64_t p, std::string_view key) {
  if (view.n != n || view.p != p) {
    throw std::invalid_argument("sharing key '" + std::string(key) + "' was built for " +
                                std::to_string(n) + " consumers and " + std::to_string(p) +
                                " producers, called with " + std::to_string(view.n) + " and " +
                                std::to_string(view.p));
  }
  if (view.t0 < 0 || view.t1 < view.t0) {
    throw std::invalid_argument("sharing key '" + std::string(key) + "': bad row range [" +
                                std::to_string(view.t0) + ", " + std::to_string(view.t1) + ")");
  }
  if (view.t1 > view.t0 && ((n > 0 && (view.consumption == nullptr || view.allocated == nullptr)) ||
                            (p > 0 && (view.production == nullptr || view.autoprod == nullptr ||
                                       view.surplus == nullptr)))) {
    throw std::invalid_argument("sharing key '" + std::string(key) + "': null array in view");
  }
}

std::vector<double> static_coefficients(const KeyContext& ctx, std::string_view key,
                                        bool require_sum_le_one) {
  const size_t n = ctx.participation.size();
  std::vector<double> k(n, 0.0);
  size_t unset = 0;
  for (size_t i = 0; i < n; ++i) {
    if (std::isnan(ctx.participation[i].coefficient)) ++unset;
  }
  if (n > 0 && unset == n) {  // no coefficient given: equal shares
    for (double& v : k) v = 1.0 / static_cast<double>(n);
    return k;
  }
  double sum = 0.0;
  for (size_t i = 0; i < n; ++i) {
    const double v = ctx.participation[i].coefficient;
    const std::string who = "participant '" + ctx.participant_ids[i] + "'";
    if (std::isnan(v)) {
      throw std::invalid_argument("sharing key '" + std::string(key) + "': " + who +
                                  " has no key.coefficient while others have one (set all "
                                  "or none; none means equal shares)");
    }
    if (!std::isfinite(v) || v < 0.0) {
      throw std::invalid_argument("sharing key '" + std::string(key) + "': " + who +
                                  " has key.coefficient " + std::to_string(v) +
                                  " (must be a finite fraction >= 0)");
    }
    k[i] = v;
    sum += v;
  }
  if (require_sum_le_one && sum > 1.0 + kSumTolerance) {
    throw std::invalid_argument("sharing key '" + std::string(key) + "': coefficients sum to " +
                                std::to_string(sum) + " (must be <= 1, fractions of production)");
  }
  return k;
}

Scratch& thread_scratch() {
  // One set per thread: keys are const and may be shared by threads working on blocks.
  thread_local Scratch scratch;
  return scratch;
}

}  // namespace accord::models::allocation::detail
