#include "accord/analysis/inequality.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "accord/analysis/weighted_stats.hpp"

namespace accord::analysis {

namespace {

using detail::weight_at;

enum class Domain { kNonNegative, kPositive };

struct Totals {
  double weight = 0;  // W
  double sum = 0;     // sum w x
  double mean() const { return sum / weight; }
};

// Check the input of one measure and return its totals; refuses values outside the domain and
// a zero mean (every ratio to the mean would be undefined).
Totals prepare(std::string_view measure, std::span<const double> x, std::span<const double> w,
               Domain domain) {
  detail::check_input(measure, x, w);
  Totals totals;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (domain == Domain::kPositive && !(x[i] > 0)) {
      detail::fail_value(measure, "values must be > 0", i, x[i]);
    }
    if (domain == Domain::kNonNegative && x[i] < 0) {
      detail::fail_value(measure, "values must be >= 0", i, x[i]);
    }
    totals.weight += weight_at(w, i);
    totals.sum += weight_at(w, i) * x[i];
  }
  if (!(totals.sum > 0)) detail::fail(measure, "mean must be > 0, got 0");
  return totals;
}

double theil_t_unchecked(std::span<const double> x, std::span<const double> w, const Totals& t) {
  const double mu = t.mean();
  double acc = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (x[i] > 0) acc += weight_at(w, i) * (x[i] / mu) * std::log(x[i] / mu);
  }
  return acc / t.weight;
}

double theil_l_unchecked(std::span<const double> x, std::span<const double> w, const Totals& t) {
  const double mu = t.mean();
  double acc = 0;
  for (std::size_t i = 0; i < x.size(); ++i) acc += weight_at(w, i) * std::log(mu / x[i]);
  return acc / t.weight;
}

std::vector<LorenzPoint> lorenz_unchecked(std::span<const double> x, std::span<const double> w,
                                          const Totals& t) {
  const auto order = detail::ascending_order(x);
  std::vector<LorenzPoint> curve;
  curve.reserve(x.size() + 1);
  curve.push_back({0.0, 0.0});
  double cum_weight = 0;
  double cum_value = 0;
  for (std::size_t k : order) {
    const double weight = weight_at(w, k);
    if (weight <= 0) continue;
    cum_weight += weight;
    cum_value += weight * x[k];
    curve.push_back({cum_weight / t.weight, cum_value / t.sum});
  }
  // Pin the end point exactly: rounding of the running sums must not leave it at 1 - 1e-16.
  curve.back() = {1.0, 1.0};
  return curve;
}

double interpolate(const std::vector<LorenzPoint>& curve, double p) {
  auto it = std::lower_bound(curve.begin(), curve.end(), p,
                             [](const LorenzPoint& a, double v) { return a.population_share < v; });
  if (it == curve.begin()) return curve.front().value_share;
  if (it == curve.end()) return curve.back().value_share;
  const auto& hi = *it;
  const auto& lo = *(it - 1);
  if (hi.population_share == lo.population_share) return hi.value_share;
  const double t = (p - lo.population_share) / (hi.population_share - lo.population_share);
  return lo.value_share + t * (hi.value_share - lo.value_share);
}

double top_bottom_ratio(std::string_view measure, std::span<const double> x,
                        std::span<const double> w, double top_from, double bottom_to) {
  const Totals t = prepare(measure, x, w, Domain::kNonNegative);
  const auto curve = lorenz_unchecked(x, w, t);
  const double bottom = interpolate(curve, bottom_to);
  if (!(bottom > 0)) detail::fail(measure, fmt::format("share of the bottom {} is 0", bottom_to));
  return (1.0 - interpolate(curve, top_from)) / bottom;
}

// Accumulators of one group for the decompositions.
struct GroupData {
  std::vector<double> x;
  std::vector<double> w;
};

std::map<int, GroupData> split_groups(std::string_view measure, std::span<const double> x,
                                      std::span<const int> groups, std::span<const double> w) {
  if (groups.size() != x.size()) {
    detail::fail(measure, fmt::format("{} group labels for {} values", groups.size(), x.size()));
  }
  std::map<int, GroupData> split;
  for (std::size_t i = 0; i < x.size(); ++i) {
    auto& g = split[groups[i]];
    g.x.push_back(x[i]);
    g.w.push_back(weight_at(w, i));
  }
  return split;
}

TheilDecomposition decompose(std::string_view measure, std::span<const double> x,
                             std::span<const int> groups, std::span<const double> w,
                             bool theil_t_measure) {
  const Totals t =
      prepare(measure, x, w, theil_t_measure ? Domain::kNonNegative : Domain::kPositive);
  const auto split = split_groups(measure, x, groups, w);
  TheilDecomposition out;
  out.total = theil_t_measure ? theil_t_unchecked(x, w, t) : theil_l_unchecked(x, w, t);
  const double mu = t.mean();
  for (const auto& [label, data] : split) {
    TheilGroup g;
    g.label = label;
    Totals gt;
    for (std::size_t i = 0; i < data.x.size(); ++i) {
      gt.weight += data.w[i];
      gt.sum += data.w[i] * data.x[i];
    }
    g.population_share = gt.weight / t.weight;
    g.value_share = gt.sum / t.sum;
    // A group with no weight, or (Theil T) no value, contributes nothing to either part.
    if (gt.weight > 0 && gt.sum > 0) {
      g.mean = gt.mean();
      if (theil_t_measure) {
        g.index = theil_t_unchecked(data.x, data.w, gt);
        out.within += g.value_share * g.index;
        out.between += g.value_share * std::log(g.mean / mu);
      } else {
        g.index = theil_l_unchecked(data.x, data.w, gt);
        out.within += g.population_share * g.index;
        out.between += g.population_share * std::log(mu / g.mean);
      }
    }
    out.groups.push_back(g);
  }
  return out;
}

}  // namespace

double gini_uncorrected(std::span<const double> x, std::span<const double> w) {
  const Totals t = prepare("gini_uncorrected", x, w, Domain::kNonNegative);
  // Area form 1 - sum_i (w_i/W)(L_{i-1} + L_i): equal to the mean-difference form for
  // discrete data, in O(n log n) instead of O(n^2).
  const auto curve = lorenz_unchecked(x, w, t);
  double area = 0;
  for (std::size_t i = 1; i < curve.size(); ++i) {
    area += (curve[i].population_share - curve[i - 1].population_share) *
            (curve[i].value_share + curve[i - 1].value_share);
  }
  return 1.0 - area;
}

double gini_corrected(std::span<const double> x) {
  if (x.size() < 2) {
    detail::fail("gini_corrected", fmt::format("needs at least 2 values, got {}", x.size()));
  }
  const double n = static_cast<double>(x.size());
  return gini_uncorrected(x) * n / (n - 1.0);
}

double theil_t(std::span<const double> x, std::span<const double> w) {
  const Totals t = prepare("theil_t", x, w, Domain::kNonNegative);
  return theil_t_unchecked(x, w, t);
}

double theil_l(std::span<const double> x, std::span<const double> w) {
  const Totals t = prepare("theil_l", x, w, Domain::kPositive);
  return theil_l_unchecked(x, w, t);
}

double generalized_entropy(std::span<const double> x, double alpha, std::span<const double> w) {
  if (!std::isfinite(alpha)) {
    detail::fail("generalized_entropy", fmt::format("alpha must be finite, got {}", alpha));
  }
  const Totals t =
      prepare("generalized_entropy", x, w, alpha <= 0 ? Domain::kPositive : Domain::kNonNegative);
  if (alpha == 0) return theil_l_unchecked(x, w, t);
  if (alpha == 1) return theil_t_unchecked(x, w, t);
  const double mu = t.mean();
  double acc = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    acc += weight_at(w, i) * (std::pow(x[i] / mu, alpha) - 1.0);
  }
  return acc / t.weight / (alpha * (alpha - 1.0));
}

double equally_distributed_equivalent(std::span<const double> x, double epsilon,
                                      std::span<const double> w) {
  if (!(epsilon >= 0) || !std::isfinite(epsilon)) {
    detail::fail("atkinson", fmt::format("epsilon must be finite and >= 0, got {}", epsilon));
  }
  const Totals t =
      prepare("atkinson", x, w, epsilon >= 1 ? Domain::kPositive : Domain::kNonNegative);
  if (epsilon == 1) {
    double acc = 0;
    for (std::size_t i = 0; i < x.size(); ++i) acc += weight_at(w, i) * std::log(x[i]);
    return std::exp(acc / t.weight);
  }
  double acc = 0;
  for (std::size_t i = 0; i < x.size(); ++i) acc += weight_at(w, i) * std::pow(x[i], 1 - epsilon);
  return std::pow(acc / t.weight, 1.0 / (1.0 - epsilon));
}

double atkinson(std::span<const double> x, double epsilon, std::span<const double> w) {
  const double ede = equally_distributed_equivalent(x, epsilon, w);
  const Totals t = prepare("atkinson", x, w, Domain::kNonNegative);
  return 1.0 - ede / t.mean();
}

double coefficient_of_variation(std::span<const double> x, std::span<const double> w) {
  const Totals t = prepare("coefficient_of_variation", x, w, Domain::kNonNegative);
  const double mu = t.mean();
  double acc = 0;
  for (std::size_t i = 0; i < x.size(); ++i) acc += weight_at(w, i) * (x[i] - mu) * (x[i] - mu);
  return std::sqrt(acc / t.weight) / mu;
}

double jain_index(std::span<const double> x, std::span<const double> w) {
  const Totals t = prepare("jain_index", x, w, Domain::kNonNegative);
  double squares = 0;
  for (std::size_t i = 0; i < x.size(); ++i) squares += weight_at(w, i) * x[i] * x[i];
  return t.sum * t.sum / (t.weight * squares);
}

std::vector<LorenzPoint> lorenz_curve(std::span<const double> x, std::span<const double> w) {
  const Totals t = prepare("lorenz_curve", x, w, Domain::kNonNegative);
  return lorenz_unchecked(x, w, t);
}

std::vector<LorenzPoint> generalized_lorenz_curve(std::span<const double> x,
                                                  std::span<const double> w) {
  const Totals t = prepare("generalized_lorenz_curve", x, w, Domain::kNonNegative);
  auto curve = lorenz_unchecked(x, w, t);
  for (auto& point : curve) point.value_share *= t.mean();
  return curve;
}

double lorenz_share(std::span<const double> x, double p, std::span<const double> w) {
  if (!(p >= 0 && p <= 1)) detail::fail("lorenz_share", fmt::format("p = {} not in [0, 1]", p));
  const Totals t = prepare("lorenz_share", x, w, Domain::kNonNegative);
  return interpolate(lorenz_unchecked(x, w, t), p);
}

double palma_ratio(std::span<const double> x, std::span<const double> w) {
  return top_bottom_ratio("palma_ratio", x, w, 0.9, 0.4);
}

double s80_s20_ratio(std::span<const double> x, std::span<const double> w) {
  return top_bottom_ratio("s80_s20_ratio", x, w, 0.8, 0.2);
}

double concentration_index(std::span<const double> values, std::span<const double> rank_by,
                           std::span<const double> w) {
  constexpr std::string_view kName = "concentration_index";
  detail::check_input(kName, values, w);
  detail::check_input(kName, rank_by, w);
  if (values.size() != rank_by.size()) {
    detail::fail(kName,
                 fmt::format("{} values for {} ranking values", values.size(), rank_by.size()));
  }
  const auto ranks = fractional_ranks(rank_by, w);
  double weight = 0;
  double sum = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    weight += weight_at(w, i);
    sum += weight_at(w, i) * values[i];
  }
  const double mu = sum / weight;
  if (!(mu > 0)) detail::fail(kName, fmt::format("mean of the values must be > 0, got {}", mu));
  double cov = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    cov += weight_at(w, i) * (values[i] - mu) * (ranks[i] - 0.5);
  }
  return 2.0 * (cov / weight) / mu;
}

double kakwani_index(std::span<const double> income, std::span<const double> benefit,
                     std::span<const double> w) {
  return concentration_index(benefit, income, w) - gini_uncorrected(income, w);
}

double reynolds_smolensky_index(std::span<const double> income, std::span<const double> benefit,
                                std::span<const double> w) {
  if (income.size() != benefit.size()) {
    detail::fail("reynolds_smolensky_index",
                 fmt::format("{} incomes for {} benefits", income.size(), benefit.size()));
  }
  std::vector<double> after(income.size());
  for (std::size_t i = 0; i < income.size(); ++i) after[i] = income[i] + benefit[i];
  return gini_uncorrected(income, w) - concentration_index(after, income, w);
}

TheilDecomposition theil_t_decomposition(std::span<const double> x, std::span<const int> groups,
                                         std::span<const double> w) {
  return decompose("theil_t_decomposition", x, groups, w, true);
}

TheilDecomposition theil_l_decomposition(std::span<const double> x, std::span<const int> groups,
                                         std::span<const double> w) {
  return decompose("theil_l_decomposition", x, groups, w, false);
}

}  // namespace accord::analysis
