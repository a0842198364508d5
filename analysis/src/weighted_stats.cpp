#include "accord/analysis/weighted_stats.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace accord::analysis {

namespace detail {

void fail(std::string_view measure, std::string_view message) {
  throw std::invalid_argument(fmt::format("{}: {}", measure, message));
}

void fail_value(std::string_view measure, std::string_view requirement, std::size_t i,
                double value) {
  throw std::invalid_argument(
      fmt::format("{}: {}, got {} at index {}", measure, requirement, value, i));
}

void check_input(std::string_view measure, std::span<const double> x, std::span<const double> w) {
  if (x.empty()) fail(measure, "empty input");
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i])) fail_value(measure, "values must be finite", i, x[i]);
  }
  if (w.empty()) return;
  if (w.size() != x.size()) {
    fail(measure, fmt::format("{} weights for {} values", w.size(), x.size()));
  }
  double total = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (!std::isfinite(w[i]) || w[i] < 0) {
      fail_value(measure, "weights must be finite and >= 0", i, w[i]);
    }
    total += w[i];
  }
  if (!(total > 0)) fail(measure, "weights sum to 0");
}

std::vector<std::size_t> ascending_order(std::span<const double> x) {
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return x[a] < x[b] || (x[a] == x[b] && a < b); });
  return order;
}

}  // namespace detail

double weighted_quantile(std::span<const double> x, double p, std::span<const double> w) {
  detail::check_input("weighted_quantile", x, w);
  if (!(p >= 0 && p <= 1))
    detail::fail("weighted_quantile", fmt::format("p = {} not in [0, 1]", p));
  const auto order = detail::ascending_order(x);
  double total = 0;
  for (std::size_t i = 0; i < x.size(); ++i) total += detail::weight_at(w, i);
  // Hazen positions: an observation of weight w >= 1 covers the positions of w unit copies,
  // [(c_prev + 1/2) / W, (c - 1/2) / W], so that weight 2 equals listing a value twice; a
  // lighter one sits at its midpoint (c_prev + w/2) / W.
  double cumulative = 0;
  double previous_position = -1;
  double previous_value = 0;
  for (std::size_t k : order) {
    const double weight = detail::weight_at(w, k);
    if (weight <= 0) continue;
    const double half = std::min(weight, 1.0) / 2;
    const double first = (cumulative + half) / total;
    const double last = (cumulative + weight - half) / total;
    cumulative += weight;
    if (p <= last) {
      if (p >= first || previous_position < 0) return x[k];
      const double t = (p - previous_position) / (first - previous_position);
      return previous_value + t * (x[k] - previous_value);
    }
    previous_position = last;
    previous_value = x[k];
  }
  return previous_value;
}

std::vector<double> fractional_ranks(std::span<const double> x, std::span<const double> w) {
  detail::check_input("fractional_ranks", x, w);
  const auto order = detail::ascending_order(x);
  double total = 0;
  for (std::size_t i = 0; i < x.size(); ++i) total += detail::weight_at(w, i);
  std::vector<double> ranks(x.size());
  double below = 0;
  for (std::size_t start = 0; start < order.size();) {
    std::size_t end = start;
    double tied = 0;
    while (end < order.size() && x[order[end]] == x[order[start]]) {
      tied += detail::weight_at(w, order[end]);
      ++end;
    }
    const double rank = (below + tied / 2) / total;
    for (std::size_t k = start; k < end; ++k) ranks[order[k]] = rank;
    below += tied;
    start = end;
  }
  return ranks;
}

}  // namespace accord::analysis
