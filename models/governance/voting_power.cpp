// Shapley-Shubik and Banzhaf indices of weighted voting games: exact by counting over groups
// of equal weight, sampled beyond (see voting_power.hpp).
#include "accord/models/governance/voting_power.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

#include "accord/sim/rng.hpp"

namespace accord::models::governance {
namespace {

constexpr double kRelativeTolerance = 1e-12;

enum class Index { kShapleyShubik, kBanzhaf };

// Win test with a rounding allowance: college weights such as W_c / n_c do not sum exactly.
class WinTest {
 public:
  explicit WinTest(const WeightedGame& game) : quota_(game.quota), strict_(game.strict) {
    const double total = std::accumulate(game.weights.begin(), game.weights.end(), 0.0);
    tolerance_ = kRelativeTolerance * std::max(std::abs(game.quota), total);
  }
  bool operator()(double weight) const {
    return strict_ ? weight > quota_ + tolerance_ : weight >= quota_ - tolerance_;
  }

 private:
  double quota_;
  bool strict_;
  double tolerance_ = 0;
};

void validate(const WeightedGame& game, const PowerOptions& options) {
  if (!std::isfinite(game.quota)) throw std::invalid_argument("voting power: quota not finite");
  for (std::size_t i = 0; i < game.weights.size(); ++i) {
    if (!std::isfinite(game.weights[i]) || game.weights[i] < 0)
      throw std::invalid_argument("voting power: weight " + std::to_string(i) +
                                  " must be finite and >= 0");
  }
  if (options.samples < 2) throw std::invalid_argument("voting power: samples must be >= 2");
}

// Voters of (nearly) equal weight; the group's weight is that of its lightest member.
struct Group {
  double weight = 0;
  std::vector<int> members;
};

std::vector<Group> make_groups(const std::vector<double>& weights, bool group_equal) {
  const int n = static_cast<int>(weights.size());
  std::vector<int> order(weights.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<Group> groups;
  if (!group_equal) {
    for (int i = 0; i < n; ++i) groups.push_back({weights[i], {i}});
    return groups;
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return weights[a] < weights[b]; });
  const double largest = n > 0 ? weights[order.back()] : 0.0;
  for (int i : order) {
    if (groups.empty() || weights[i] - groups.back().weight > kRelativeTolerance * largest)
      groups.push_back({weights[i], {}});
    groups.back().members.push_back(i);
  }
  return groups;
}

// prod_g (size_g + 1), stopping once above the bound so that it cannot overflow.
double profile_count(const std::vector<Group>& groups) {
  double count = 1;
  for (const Group& g : groups) {
    count *= static_cast<double>(g.members.size() + 1);
    if (count > kGroupedExactMaxProfiles) break;
  }
  return count;
}

// Sum of exp(terms) kept as acc * exp(ref): the counts (binomials up to 2^n) and the
// Shapley weights (down to 1/n!) leave the double range, their ratios do not.
struct LogSum {
  long double ref = -std::numeric_limits<long double>::infinity();
  long double acc = 0;
  void add(long double log_term) {
    if (log_term > ref) {
      acc = acc * std::exp(ref - log_term) + 1;
      ref = log_term;
    } else {
      acc += std::exp(log_term - ref);
    }
  }
};

// Exact index: enumerate the profiles k (k_h members of group h in a coalition S). For a
// voter i of group g, the coalitions S not containing i with profile k (k_g <= size_g - 1)
// number prod_{h != g} C(m_h, k_h) * C(m_g - 1, k_g); i is pivotal in all of them or none.
// Shapley-Shubik weighs each by |S|! (n - |S| - 1)! / n! = 1 / (n C(n - 1, |S|)), Banzhaf by 1
// (normalised at the end). Logarithms of factorials in long double keep 1e-15 accuracy.
std::vector<double> exact_power(const WeightedGame& game, const std::vector<Group>& groups,
                                Index index) {
  const int n = static_cast<int>(game.weights.size());
  const int group_count = static_cast<int>(groups.size());
  std::vector<long double> log_factorial(static_cast<std::size_t>(n) + 1, 0.0L);
  for (int i = 1; i <= n; ++i)
    log_factorial[i] = log_factorial[i - 1] + std::log(static_cast<long double>(i));
  const auto log_choose = [&](int m, int k) {
    return log_factorial[m] - log_factorial[k] - log_factorial[m - k];
  };
  const WinTest wins(game);
  std::vector<LogSum> per_member(groups.size());
  std::vector<int> k(groups.size(), 0);
  while (true) {
    double weight = 0;
    int size = 0;
    long double log_count = 0;
    for (int h = 0; h < group_count; ++h) {
      weight += k[h] * groups[h].weight;
      size += k[h];
      log_count += log_choose(static_cast<int>(groups[h].members.size()), k[h]);
    }
    if (!wins(weight)) {
      for (int g = 0; g < group_count; ++g) {
        const int m = static_cast<int>(groups[g].members.size());
        if (k[g] >= m || !wins(weight + groups[g].weight)) continue;
        long double term = log_count - log_choose(m, k[g]) + log_choose(m - 1, k[g]);
        if (index == Index::kShapleyShubik)
          term -= log_choose(n - 1, size) + std::log(static_cast<long double>(n));
        per_member[g].add(term);
      }
    }
    int h = 0;  // next profile, mixed radix
    while (h < group_count && k[h] == static_cast<int>(groups[h].members.size())) k[h++] = 0;
    if (h == group_count) break;
    ++k[h];
  }
  long double top = -std::numeric_limits<long double>::infinity();
  for (const LogSum& s : per_member) top = std::max(top, s.ref);
  std::vector<double> value(game.weights.size(), 0.0);
  if (!std::isfinite(top)) return value;  // nobody is ever pivotal
  long double total = 0;
  std::vector<long double> scaled(groups.size());
  for (int g = 0; g < group_count; ++g) {
    scaled[g] = per_member[g].acc * std::exp(per_member[g].ref - top);
    total += scaled[g] * static_cast<long double>(groups[g].members.size());
  }
  for (int g = 0; g < group_count; ++g)
    for (int i : groups[g].members) value[i] = static_cast<double>(scaled[g] / total);
  return value;
}

sim::RandomStream stream_of(const PowerOptions& options) {
  return sim::RandomStream(options.seed, options.replicate, sim::Purpose::kGovernance,
                           options.entity);
}

// Random orderings built front to back by a partial Fisher-Yates shuffle, stopped at the
// pivot; every ordering has exactly one pivot (the game is proper at both ends, checked by
// the caller), so the estimates sum to 1.
PowerIndex sampled_shapley_shubik(const WeightedGame& game, const PowerOptions& options) {
  const std::size_t n = game.weights.size();
  const sim::RandomStream stream = stream_of(options);
  const WinTest wins(game);
  std::vector<double> pivots(n, 0.0);
  std::vector<std::size_t> order(n);
  for (int s = 0; s < options.samples; ++s) {
    std::iota(order.begin(), order.end(), std::size_t{0});
    double weight = 0;
    for (std::size_t j = 0; j < n; ++j) {
      const double u = stream.uniform(static_cast<uint64_t>(s), j);
      const std::size_t r =
          std::min(n - 1, j + static_cast<std::size_t>(u * static_cast<double>(n - j)));
      std::swap(order[j], order[r]);
      weight += game.weights[order[j]];
      if (wins(weight)) {
        pivots[order[j]] += 1;
        break;
      }
    }
  }
  PowerIndex result{std::vector<double>(n), std::vector<double>(n), false};
  const double samples = options.samples;
  for (std::size_t i = 0; i < n; ++i) {
    const double p = pivots[i] / samples;
    result.value[i] = p;
    result.standard_error[i] = std::sqrt(p * (1 - p) / (samples - 1));
  }
  return result;
}

// Random coalitions: X_i = 1 when i swings in S (with or without i), T = sum_i X_i. The index
// is the ratio mean(X_i) / mean(T); its variance by the delta method is
// Var(X_i - r_i T) / (samples mean(T)^2).
PowerIndex sampled_banzhaf(const WeightedGame& game, const PowerOptions& options) {
  const std::size_t n = game.weights.size();
  const sim::RandomStream stream = stream_of(options);
  const WinTest wins(game);
  std::vector<double> swings(n, 0.0), swings_times_total(n, 0.0);
  double sum_total = 0, sum_total_squared = 0;
  std::vector<char> member(n);
  std::vector<std::size_t> swingers;
  for (int s = 0; s < options.samples; ++s) {
    double weight = 0;
    for (std::size_t i = 0; i < n; ++i) {
      member[i] = stream.uniform(static_cast<uint64_t>(s), i) < 0.5;
      if (member[i]) weight += game.weights[i];
    }
    const bool winning = wins(weight);
    swingers.clear();
    for (std::size_t i = 0; i < n; ++i) {
      const bool swing = member[i] ? winning && !wins(weight - game.weights[i])
                                   : !winning && wins(weight + game.weights[i]);
      if (swing) swingers.push_back(i);
    }
    const double total = static_cast<double>(swingers.size());
    for (std::size_t i : swingers) {
      swings[i] += 1;
      swings_times_total[i] += total;
    }
    sum_total += total;
    sum_total_squared += total * total;
  }
  PowerIndex result{std::vector<double>(n, 0.0), std::vector<double>(n, 0.0), false};
  if (sum_total == 0) return result;
  const double samples = options.samples;
  const double mean_total = sum_total / samples;
  const double var_total = (sum_total_squared - samples * mean_total * mean_total) / (samples - 1);
  for (std::size_t i = 0; i < n; ++i) {
    const double mean = swings[i] / samples;
    const double r = swings[i] / sum_total;
    const double var = (swings[i] - samples * mean * mean) / (samples - 1);
    const double cov = (swings_times_total[i] - samples * mean * mean_total) / (samples - 1);
    const double var_residual = std::max(0.0, var - 2 * r * cov + r * r * var_total);
    result.value[i] = r;
    result.standard_error[i] = std::sqrt(var_residual / samples) / mean_total;
  }
  return result;
}

PowerIndex power_index(const WeightedGame& game, const PowerOptions& options, Index index) {
  validate(game, options);
  const std::size_t n = game.weights.size();
  PowerIndex zero{std::vector<double>(n, 0.0), std::vector<double>(n, 0.0), true};
  const WinTest wins(game);
  const double total = std::accumulate(game.weights.begin(), game.weights.end(), 0.0);
  if (n == 0 || wins(0.0) || !wins(total)) return zero;  // nobody can be pivotal
  const std::vector<Group> groups = make_groups(game.weights, options.group_equal_weights);
  const bool exact =
      static_cast<long long>(n) <= options.exact_max_voters ||
      (options.group_equal_weights && profile_count(groups) <= kGroupedExactMaxProfiles);
  if (exact) {
    zero.value = exact_power(game, groups, index);
    return zero;
  }
  return index == Index::kShapleyShubik ? sampled_shapley_shubik(game, options)
                                        : sampled_banzhaf(game, options);
}

}  // namespace

PowerIndex shapley_shubik(const WeightedGame& game, const PowerOptions& options) {
  return power_index(game, options, Index::kShapleyShubik);
}

PowerIndex banzhaf(const WeightedGame& game, const PowerOptions& options) {
  return power_index(game, options, Index::kBanzhaf);
}

}  // namespace accord::models::governance
