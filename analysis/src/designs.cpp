#include "accord/analysis/designs.hpp"

#include <fmt/format.h>

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "accord/sim/rng.hpp"

namespace accord::analysis {

namespace {

using accord::sim::Purpose;
using accord::sim::RandomStream;

void require(bool ok, std::string_view design, std::string_view what, long long value) {
  if (!ok) throw std::invalid_argument(fmt::format("{}: {}, got {}", design, what, value));
}

RandomStream stream(uint64_t seed, std::string_view purpose) {
  return RandomStream(seed, 0, Purpose::kSweep, accord::sim::entity_key(purpose));
}

// Index in [0, bound) from a uniform draw; the min guards u * bound rounding up to bound.
std::size_t draw_index(double u, std::size_t bound) {
  return std::min(bound - 1, static_cast<std::size_t>(u * static_cast<double>(bound)));
}

}  // namespace

Eigen::MatrixXd uniform_sample(int n, int dimensions, uint64_t seed) {
  require(n >= 1, "uniform_sample", "n must be >= 1", n);
  require(dimensions >= 1, "uniform_sample", "dimensions must be >= 1", dimensions);
  const RandomStream rng = stream(seed, "uniform_sample");
  Eigen::MatrixXd out(n, dimensions);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < dimensions; ++j) {
      out(i, j) = rng.uniform(static_cast<uint64_t>(i), static_cast<uint64_t>(j));
    }
  }
  return out;
}

Eigen::MatrixXd latin_hypercube(int n, int dimensions, uint64_t seed) {
  require(n >= 1, "latin_hypercube", "n must be >= 1", n);
  require(dimensions >= 1, "latin_hypercube", "dimensions must be >= 1", dimensions);
  const RandomStream permute = stream(seed, "latin_hypercube/permutation");
  const RandomStream jitter = stream(seed, "latin_hypercube/jitter");
  const auto size = static_cast<std::size_t>(n);
  Eigen::MatrixXd out(n, dimensions);
  std::vector<std::size_t> strata(size);
  for (int j = 0; j < dimensions; ++j) {
    std::iota(strata.begin(), strata.end(), std::size_t{0});
    // Fisher-Yates with one draw per position, keyed by (column, position).
    for (std::size_t i = size - 1; i > 0; --i) {
      const double u = permute.uniform(static_cast<uint64_t>(j), i);
      std::swap(strata[i], strata[draw_index(u, i + 1)]);
    }
    for (std::size_t i = 0; i < size; ++i) {
      const double u = jitter.uniform(i, static_cast<uint64_t>(j));
      out(static_cast<Eigen::Index>(i), j) =
          (static_cast<double>(strata[i]) + u) / static_cast<double>(n);
    }
  }
  return out;
}

Eigen::MatrixXd scale_to_bounds(const Eigen::MatrixXd& unit, std::span<const double> lower,
                                std::span<const double> upper) {
  if (lower.size() != static_cast<std::size_t>(unit.cols()) || upper.size() != lower.size()) {
    throw std::invalid_argument(
        fmt::format("scale_to_bounds: {} lower and {} upper bounds for {} "
                    "columns",
                    lower.size(), upper.size(), unit.cols()));
  }
  Eigen::MatrixXd out(unit.rows(), unit.cols());
  for (Eigen::Index j = 0; j < unit.cols(); ++j) {
    const auto c = static_cast<std::size_t>(j);
    if (!(lower[c] < upper[c])) {
      throw std::invalid_argument(fmt::format(
          "scale_to_bounds: column {} needs lower < upper, got [{}, {}]", j, lower[c], upper[c]));
    }
    out.col(j) = (lower[c] + (upper[c] - lower[c]) * unit.col(j).array()).matrix();
  }
  return out;
}

MorrisDesign morris_design(int factors, int trajectories, int levels, uint64_t seed) {
  require(factors >= 1, "morris_design", "factors must be >= 1", factors);
  require(trajectories >= 1, "morris_design", "trajectories must be >= 1", trajectories);
  require(levels >= 2 && levels % 2 == 0, "morris_design", "levels must be even and >= 2", levels);
  MorrisDesign d;
  d.factors = factors;
  d.trajectories = trajectories;
  d.levels = levels;
  d.delta = levels / (2.0 * (levels - 1));
  d.points.resize(static_cast<Eigen::Index>(trajectories) * (factors + 1), factors);
  const RandomStream rng = stream(seed, "morris_design");
  const auto k = static_cast<std::size_t>(factors);
  const auto base_levels = static_cast<std::size_t>(levels / 2);
  std::vector<std::size_t> order(k);
  for (int t = 0; t < trajectories; ++t) {
    const auto step = static_cast<uint64_t>(t);
    // Base point on the lower half of the grid so that base + delta stays on the grid; the
    // direction decides whether the trajectory starts at base or at base + delta.
    Eigen::RowVectorXd x(factors);
    std::vector<double> sign(k);
    for (std::size_t i = 0; i < k; ++i) {
      const double base =
          static_cast<double>(draw_index(rng.uniform(step, i), base_levels)) / (levels - 1);
      const bool up = rng.uniform(step, k + i) < 0.5;
      sign[i] = up ? 1.0 : -1.0;
      x(static_cast<Eigen::Index>(i)) = up ? base : base + d.delta;
    }
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = k - 1; i > 0; --i) {
      std::swap(order[i], order[draw_index(rng.uniform(step, 2 * k + i), i + 1)]);
    }
    const Eigen::Index first = static_cast<Eigen::Index>(t) * (factors + 1);
    d.points.row(first) = x;
    for (std::size_t m = 0; m < k; ++m) {
      const auto i = static_cast<Eigen::Index>(order[m]);
      x(i) += sign[order[m]] * d.delta;
      d.points.row(first + static_cast<Eigen::Index>(m) + 1) = x;
    }
  }
  return d;
}

Eigen::MatrixXd SaltelliDesign::points() const {
  const Eigen::Index n = base_samples;
  Eigen::MatrixXd out(n * (factors + 2), factors);
  out.topRows(n) = a;
  out.middleRows(n, n) = b;
  for (int i = 0; i < factors; ++i) {
    Eigen::MatrixXd ab = a;
    ab.col(i) = b.col(i);
    out.middleRows(n * (2 + i), n) = ab;
  }
  return out;
}

SaltelliDesign saltelli_design(int factors, int base_samples, uint64_t seed, BaseSample base) {
  require(factors >= 1, "saltelli_design", "factors must be >= 1", factors);
  require(base_samples >= 2, "saltelli_design", "base_samples must be >= 2", base_samples);
  const Eigen::MatrixXd sample = base == BaseSample::kLatinHypercube
                                     ? latin_hypercube(base_samples, 2 * factors, seed)
                                     : uniform_sample(base_samples, 2 * factors, seed);
  SaltelliDesign d;
  d.factors = factors;
  d.base_samples = base_samples;
  d.a = sample.leftCols(factors);
  d.b = sample.rightCols(factors);
  return d;
}

}  // namespace accord::analysis
