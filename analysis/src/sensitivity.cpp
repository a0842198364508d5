#include "accord/analysis/sensitivity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "accord/analysis/weighted_stats.hpp"
#include "accord/sim/rng.hpp"

namespace accord::analysis {

namespace {

[[noreturn]] void fail(std::string_view measure, const std::string& message) {
  throw std::invalid_argument(fmt::format("{}: {}", measure, message));
}

void check_finite(std::string_view measure, std::span<const double> y) {
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (!std::isfinite(y[i])) fail(measure, fmt::format("response {} is {}", i, y[i]));
  }
}

// First-order and total estimates on the base rows `rows` (a bootstrap resample or 0..N-1).
struct Estimates {
  std::vector<double> first, total;
};

Estimates estimate(int k, std::size_t n, std::span<const double> y,
                   std::span<const std::size_t> rows) {
  const std::span<const double> ya = y.subspan(0, n);
  const std::span<const double> yb = y.subspan(n, n);
  const double m = static_cast<double>(rows.size());
  double mean = 0;
  for (std::size_t j : rows) mean += ya[j] + yb[j];
  mean /= 2 * m;
  double variance = 0;
  for (std::size_t j : rows) {
    variance += (ya[j] - mean) * (ya[j] - mean) + (yb[j] - mean) * (yb[j] - mean);
  }
  variance /= 2 * m;
  Estimates e;
  e.first.resize(static_cast<std::size_t>(k));
  e.total.resize(static_cast<std::size_t>(k));
  for (std::size_t i = 0; i < e.first.size(); ++i) {
    const std::span<const double> yab = y.subspan((2 + i) * n, n);
    double first = 0;
    double total = 0;
    for (std::size_t j : rows) {
      first += yb[j] * (yab[j] - ya[j]);
      total += (ya[j] - yab[j]) * (ya[j] - yab[j]);
    }
    // A constant output has no variance to apportion: report 0 rather than 0/0.
    e.first[i] = variance > 0 ? first / m / variance : 0.0;
    e.total[i] = variance > 0 ? total / (2 * m) / variance : 0.0;
  }
  return e;
}

}  // namespace

std::vector<MorrisFactor> morris_indices(const Eigen::MatrixXd& points, int trajectories,
                                         std::span<const double> responses) {
  constexpr std::string_view kName = "morris_indices";
  const auto k = static_cast<int>(points.cols());
  if (k < 1) fail(kName, "the design has no factor column");
  if (trajectories < 2)
    fail(kName, fmt::format("needs >= 2 trajectories for sigma, got {}", trajectories));
  if (points.rows() != static_cast<Eigen::Index>(trajectories) * (k + 1)) {
    fail(kName, fmt::format("{} design rows for {} trajectories of {} factors", points.rows(),
                            trajectories, k));
  }
  if (responses.size() != static_cast<std::size_t>(points.rows())) {
    fail(kName, fmt::format("{} responses for {} design rows", responses.size(), points.rows()));
  }
  check_finite(kName, responses);
  const auto kk = static_cast<std::size_t>(k);
  const auto r = static_cast<std::size_t>(trajectories);
  std::vector<double> effects(kk * r);  // [factor][trajectory]
  for (int t = 0; t < trajectories; ++t) {
    std::vector<bool> moved(kk, false);
    const Eigen::Index first = static_cast<Eigen::Index>(t) * (k + 1);
    for (Eigen::Index m = 0; m < k; ++m) {
      const Eigen::Index row = first + m;
      int changed = -1;
      int count = 0;
      for (int i = 0; i < k; ++i) {
        if (points(row + 1, i) != points(row, i)) {
          changed = i;
          ++count;
        }
      }
      if (count != 1) {
        fail(kName, fmt::format("rows {} and {} of trajectory {} differ in {} factors, not 1", row,
                                row + 1, t, count));
      }
      const auto i = static_cast<std::size_t>(changed);
      if (moved[i]) fail(kName, fmt::format("factor {} moves twice in trajectory {}", i, t));
      moved[i] = true;
      const double dx = points(row + 1, changed) - points(row, changed);
      const auto y0 = responses[static_cast<std::size_t>(row)];
      const auto y1 = responses[static_cast<std::size_t>(row + 1)];
      effects[i * r + static_cast<std::size_t>(t)] = (y1 - y0) / dx;
    }
  }
  std::vector<MorrisFactor> out(kk);
  for (std::size_t i = 0; i < kk; ++i) {
    double sum = 0;
    double sum_abs = 0;
    for (std::size_t t = 0; t < r; ++t) {
      sum += effects[i * r + t];
      sum_abs += std::abs(effects[i * r + t]);
    }
    out[i].mu = sum / static_cast<double>(r);
    out[i].mu_star = sum_abs / static_cast<double>(r);
    double squares = 0;
    for (std::size_t t = 0; t < r; ++t) {
      const double d = effects[i * r + t] - out[i].mu;
      squares += d * d;
    }
    out[i].sigma = std::sqrt(squares / static_cast<double>(r - 1));
  }
  return out;
}

SobolResult sobol_indices(int factors, std::span<const double> responses,
                          const SobolOptions& options) {
  constexpr std::string_view kName = "sobol_indices";
  if (factors < 1) fail(kName, fmt::format("factors must be >= 1, got {}", factors));
  const auto groups = static_cast<std::size_t>(factors) + 2;
  if (responses.empty() || responses.size() % groups != 0) {
    fail(kName,
         fmt::format("{} responses is not a multiple of k + 2 = {}", responses.size(), groups));
  }
  const std::size_t n = responses.size() / groups;
  if (n < 2) fail(kName, fmt::format("needs N >= 2 base samples, got {}", n));
  if (options.bootstrap_samples < 0) {
    fail(kName, fmt::format("bootstrap_samples must be >= 0, got {}", options.bootstrap_samples));
  }
  if (!(options.confidence > 0 && options.confidence < 1)) {
    fail(kName, fmt::format("confidence must be in (0, 1), got {}", options.confidence));
  }
  check_finite(kName, responses);

  std::vector<std::size_t> rows(n);
  for (std::size_t j = 0; j < n; ++j) rows[j] = j;
  const Estimates point = estimate(factors, n, responses, rows);

  SobolResult out;
  {
    double mean = 0;
    for (std::size_t j = 0; j < 2 * n; ++j) mean += responses[j];
    mean /= static_cast<double>(2 * n);
    for (std::size_t j = 0; j < 2 * n; ++j) {
      out.variance += (responses[j] - mean) * (responses[j] - mean);
    }
    out.variance /= static_cast<double>(2 * n);
  }
  const auto k = static_cast<std::size_t>(factors);
  out.factors.resize(k);
  for (std::size_t i = 0; i < k; ++i) {
    SobolFactor& f = out.factors[i];
    f.first_order = f.first_order_low = f.first_order_high = point.first[i];
    f.total = f.total_low = f.total_high = point.total[i];
  }
  if (options.bootstrap_samples == 0) return out;

  // Percentile bootstrap over base rows: a resample keeps the A, B, A_B rows of a base point
  // together, as the estimators pair them.
  const auto b_count = static_cast<std::size_t>(options.bootstrap_samples);
  const accord::sim::RandomStream rng(options.seed, 0, accord::sim::Purpose::kSweep,
                                      accord::sim::entity_key(std::string_view("sobol_bootstrap")));
  std::vector<double> first(k * b_count);
  std::vector<double> total(k * b_count);
  for (std::size_t b = 0; b < b_count; ++b) {
    for (std::size_t j = 0; j < n; ++j) {
      rows[j] =
          std::min(n - 1, static_cast<std::size_t>(rng.uniform(b, j) * static_cast<double>(n)));
    }
    const Estimates e = estimate(factors, n, responses, rows);
    for (std::size_t i = 0; i < k; ++i) {
      first[i * b_count + b] = e.first[i];
      total[i * b_count + b] = e.total[i];
    }
  }
  const double tail = (1.0 - options.confidence) / 2.0;
  for (std::size_t i = 0; i < k; ++i) {
    const std::span<const double> fi(first.data() + i * b_count, b_count);
    const std::span<const double> ti(total.data() + i * b_count, b_count);
    SobolFactor& f = out.factors[i];
    f.first_order_low = weighted_quantile(fi, tail);
    f.first_order_high = weighted_quantile(fi, 1.0 - tail);
    f.total_low = weighted_quantile(ti, tail);
    f.total_high = weighted_quantile(ti, 1.0 - tail);
  }
  return out;
}

ReplicateVariance replicate_variance(std::span<const double> responses, std::size_t replicates) {
  constexpr std::string_view kName = "replicate_variance";
  if (replicates < 1) fail(kName, "replicates must be >= 1, got 0");
  if (responses.empty() || responses.size() % replicates != 0) {
    fail(kName, fmt::format("{} responses is not a multiple of {} replicates", responses.size(),
                            replicates));
  }
  check_finite(kName, responses);
  const std::size_t points = responses.size() / replicates;
  const auto r = static_cast<double>(replicates);
  double grand = 0;
  for (double y : responses) grand += y;
  grand /= static_cast<double>(responses.size());
  ReplicateVariance out;
  for (std::size_t p = 0; p < points; ++p) {
    const auto block = responses.subspan(p * replicates, replicates);
    double mean = 0;
    for (double y : block) mean += y;
    mean /= r;
    double within = 0;
    for (double y : block) within += (y - mean) * (y - mean);
    out.within += within / r;
    out.between += (mean - grand) * (mean - grand);
  }
  out.within /= static_cast<double>(points);
  out.between /= static_cast<double>(points);
  for (double y : responses) out.total += (y - grand) * (y - grand);
  out.total /= static_cast<double>(responses.size());
  out.replicate_share = out.total > 0 ? out.within / out.total : 0.0;
  return out;
}

}  // namespace accord::analysis
