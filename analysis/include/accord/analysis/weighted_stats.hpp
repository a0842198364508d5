#pragma once
// Weighted order statistics and input checks shared by the equity measures.
// Conventions (docs/equity-metrics.md): quantiles use the Hazen plotting positions
// (i - 1/2) / n with linear interpolation (R quantile type 5 when unweighted: the median of
// an even sample is the mean of the two middle values); a weight w >= 1 acts as w copies of
// the value (a lighter one sits at its midpoint); fractional ranks give tied
// values their mean rank, so results never depend on input order.
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace accord::analysis {

// Quantile p in [0, 1] of x with population weights w (empty = equal weights).
double weighted_quantile(std::span<const double> x, double p, std::span<const double> w = {});
inline double weighted_median(std::span<const double> x, std::span<const double> w = {}) {
  return weighted_quantile(x, 0.5, w);
}
// Fractional rank R_i = (weight strictly below x_i + half the weight equal to x_i) / W,
// in (0, 1); mean of R over the population is 1/2.
std::vector<double> fractional_ranks(std::span<const double> x, std::span<const double> w = {});

namespace detail {
// Throw std::invalid_argument "<measure>: <what>" when x is empty, a value is not finite, or
// w is neither empty nor the size of x with finite non-negative entries and a positive sum.
void check_input(std::string_view measure, std::span<const double> x, std::span<const double> w);
inline double weight_at(std::span<const double> w, std::size_t i) {
  return w.empty() ? 1.0 : w[i];
}
// Throw std::invalid_argument naming the measure, the index and the value.
[[noreturn]] void fail_value(std::string_view measure, std::string_view requirement, std::size_t i,
                             double value);
[[noreturn]] void fail(std::string_view measure, std::string_view message);
// Indices of x sorted by ascending value, ties by index (only used where ties do not matter).
std::vector<std::size_t> ascending_order(std::span<const double> x);
}  // namespace detail

}  // namespace accord::analysis
