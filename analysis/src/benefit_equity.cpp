#include "accord/analysis/benefit_equity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "accord/analysis/weighted_stats.hpp"

namespace accord::analysis {

using detail::weight_at;

HorizontalEquity horizontal_equity(std::span<const double> benefit, std::span<const int> groups,
                                   std::span<const double> w) {
  constexpr std::string_view kName = "horizontal_equity";
  detail::check_input(kName, benefit, w);
  if (groups.size() != benefit.size()) {
    detail::fail(kName,
                 fmt::format("{} group labels for {} benefits", groups.size(), benefit.size()));
  }
  struct Acc {
    double weight = 0, sum = 0, squares = 0;
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
  };
  std::map<int, Acc> acc;
  for (std::size_t i = 0; i < benefit.size(); ++i) {
    Acc& a = acc[groups[i]];
    const double wi = weight_at(w, i);
    a.weight += wi;
    a.sum += wi * benefit[i];
    a.min = std::min(a.min, benefit[i]);
    a.max = std::max(a.max, benefit[i]);
  }
  // Second pass for the variance around the group mean (stable for large benefits).
  for (std::size_t i = 0; i < benefit.size(); ++i) {
    Acc& a = acc[groups[i]];
    if (a.weight <= 0) continue;
    const double d = benefit[i] - a.sum / a.weight;
    a.squares += weight_at(w, i) * d * d;
  }
  HorizontalEquity out;
  double total_weight = 0;
  for (const auto& [label, a] : acc) {
    HorizontalGroup g;
    g.label = label;
    g.weight = a.weight;
    g.max_min_gap = a.max - a.min;
    if (a.weight > 0) {
      g.mean_benefit = a.sum / a.weight;
      g.sd_benefit = std::sqrt(a.squares / a.weight);
      if (g.mean_benefit != 0) {
        g.cv = g.sd_benefit / std::abs(g.mean_benefit);
      } else if (g.sd_benefit > 0) {
        detail::fail(kName, fmt::format("group {} has mean benefit 0 and sd {}: CV undefined",
                                        label, g.sd_benefit));
      }
    }
    out.weighted_mean_cv += g.weight * g.cv;
    total_weight += g.weight;
    out.max_cv = std::max(out.max_cv, g.cv);
    out.max_gap = std::max(out.max_gap, g.max_min_gap);
    out.groups.push_back(g);
  }
  out.weighted_mean_cv /= total_weight;
  return out;
}

std::vector<VerticalBin> vertical_equity(std::span<const double> income,
                                         std::span<const double> benefit, int bins,
                                         std::span<const double> w) {
  constexpr std::string_view kName = "vertical_equity";
  detail::check_input(kName, income, w);
  detail::check_input(kName, benefit, w);
  if (income.size() != benefit.size()) {
    detail::fail(kName, fmt::format("{} incomes for {} benefits", income.size(), benefit.size()));
  }
  if (bins < 1) detail::fail(kName, fmt::format("bins must be >= 1, got {}", bins));
  for (std::size_t i = 0; i < income.size(); ++i) {
    if (!(income[i] > 0)) detail::fail_value(kName, "incomes must be > 0", i, income[i]);
  }
  const auto ranks = fractional_ranks(income, w);
  std::vector<VerticalBin> out(static_cast<std::size_t>(bins));
  std::vector<double> income_sum(out.size(), 0.0);
  std::vector<double> benefit_sum(out.size(), 0.0);
  for (std::size_t i = 0; i < income.size(); ++i) {
    const int bin = std::min(bins - 1, static_cast<int>(std::floor(bins * ranks[i])));
    const auto b = static_cast<std::size_t>(bin);
    const double wi = weight_at(w, i);
    out[b].weight += wi;
    income_sum[b] += wi * income[i];
    benefit_sum[b] += wi * benefit[i];
  }
  for (std::size_t b = 0; b < out.size(); ++b) {
    out[b].quantile = static_cast<int>(b) + 1;
    if (out[b].weight > 0) {
      out[b].mean_income = income_sum[b] / out[b].weight;
      out[b].mean_benefit = benefit_sum[b] / out[b].weight;
      out[b].benefit_share_of_income = benefit_sum[b] / income_sum[b];
    }
  }
  return out;
}

}  // namespace accord::analysis
