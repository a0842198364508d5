// Rules from cooperative game theory (domain §1.2), on the period's savings
// game (or an explicit game): Shapley (exact, or permutation sampling with
// standard errors), nucleolus, least core, Nash bargaining, egalitarian
// Shapley, solidarity value. The game's allocation is mapped onto the
// distributed amount by reconcile(); core diagnostics for any rule.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "accord/sim/error.hpp"
#include "benefit_support.hpp"

namespace accord::models::sharing {

namespace {

// A game that remembers every value it was asked for: the sampled core diagnostics of every
// rule of a period draw the same coalitions (same stream), each worth a pass over the
// period's steps; the second rule on finds them here.
class MemoGame final : public CooperativeGame {
 public:
  explicit MemoGame(std::shared_ptr<const CooperativeGame> game) : game_(std::move(game)) {}
  int players() const override { return game_->players(); }
  double value(const Coalition& members) const override {
    std::string key(members.begin(), members.end());
    const auto it = values_.find(key);
    if (it != values_.end()) return it->second;
    const double v = game_->value(members);
    values_.emplace(std::move(key), v);
    return v;
  }

 private:
  std::shared_ptr<const CooperativeGame> game_;
  mutable std::unordered_map<std::string, double> values_;
};

}  // namespace

// The memo of one period (BenefitPeriod::game_cache). Not thread-safe: a period's rules are
// evaluated one after the other.
struct PeriodGameCache {
  std::shared_ptr<const CooperativeGame> game;  // built from the period's steps once
  std::shared_ptr<const MemoGame> memo;         // `game` with remembered values
  struct ShapleyEntry {
    int exact_max_members;
    double target_relative_se;
    int64_t max_permutations;
    ShapleyResult result;
  };
  std::vector<ShapleyEntry> shapley;  // one per distinct sampling setting
};

std::shared_ptr<PeriodGameCache> make_period_game_cache() {
  return std::make_shared<PeriodGameCache>();
}

}  // namespace accord::models::sharing

namespace accord::models::sharing::detail {
namespace {

// Largest n the LP-based and full-enumeration solutions accept (game.hpp).
constexpr int kMaxEnumeratedPlayers = 20;

bool has_step_game(const BenefitPeriod& p) {
  return p.steps.players == p.members() && p.steps.steps > 0 && p.members() > 0;
}

std::shared_ptr<const CooperativeGame> build_game(const BenefitPeriod& p) {
  if (p.game) {
    if (p.game->players() != p.members())
      throw std::invalid_argument("benefit period: game has " + std::to_string(p.game->players()) +
                                  " players, expected " + std::to_string(p.members()));
    return p.game;
  }
  if (!has_step_game(p))
    throw std::invalid_argument(
        "benefit period: game rules need per-step data "
        "(steps) or an explicit game");
  return std::make_shared<SavingsGame>(p.steps);
}

std::shared_ptr<const CooperativeGame> game_of(const BenefitPeriod& p) {
  if (!p.game_cache) return build_game(p);
  if (!p.game_cache->game) p.game_cache->game = build_game(p);
  return p.game_cache->game;
}

// The game through the period's memo when there is one (sampled core diagnostics).
std::shared_ptr<const CooperativeGame> remembering_game_of(const BenefitPeriod& p) {
  if (!p.game_cache) return game_of(p);
  if (!p.game_cache->memo) p.game_cache->memo = std::make_shared<MemoGame>(game_of(p));
  return p.game_cache->memo;
}

double grand_value(const CooperativeGame& game) {
  return game.value(Coalition(static_cast<size_t>(game.players()), 1));
}

void require_enumerable(const BenefitRuleSpec& spec, int n) {
  if (n > kMaxEnumeratedPlayers)
    throw ConfigError(SourceLocation{},
                      spec.type + " needs at most " + std::to_string(kMaxEnumeratedPlayers) +
                          " members, the period has " + std::to_string(n) +
                          "; use shapley (sampled beyond the exact limit) or another rule",
                      "community.benefit_rule.type");
}

// Shapley value, exact up to spec.exact_max_members, sampled beyond (savings
// games only).
ShapleyResult compute_shapley(const BenefitRuleSpec& spec, const BenefitPeriod& p,
                              const CooperativeGame& game, double grand) {
  const int n = game.players();
  if (n <= spec.exact_max_members) return shapley_exact(game);
  const auto* savings = dynamic_cast<const SavingsGame*>(&game);
  if (savings == nullptr) {
    require_enumerable(spec, n);
    return shapley_exact(game);
  }
  ShapleySampling options;
  options.target_relative_se = spec.sampling_target_relative_se;
  options.max_permutations = spec.sampling_max_permutations;
  // Members with near-zero shares would otherwise sample until the budget: their precision is
  // judged against the mean share v(N)/n instead (docs/cooperative-games.md, "Stopping").
  options.absolute_se_floor_eur =
      std::max(options.absolute_se_floor_eur,
               spec.sampling_target_relative_se * std::abs(grand) / static_cast<double>(n));
  options.min_permutations = std::min<int64_t>(options.min_permutations, options.max_permutations);
  return shapley_sampled(*savings, options, sampling_stream(p, "shapley"));
}

// compute_shapley, remembered per period and sampling setting (shapley and
// egalitarian_shapley side by side need it once).
ShapleyResult shapley_of(const BenefitRuleSpec& spec, const BenefitPeriod& p,
                         const CooperativeGame& game, double grand) {
  if (!p.game_cache) return compute_shapley(spec, p, game, grand);
  for (const auto& e : p.game_cache->shapley) {
    if (e.exact_max_members == spec.exact_max_members &&
        e.target_relative_se == spec.sampling_target_relative_se &&
        e.max_permutations == spec.sampling_max_permutations)
      return e.result;
  }
  ShapleyResult r = compute_shapley(spec, p, game, grand);
  p.game_cache->shapley.push_back({spec.exact_max_members, spec.sampling_target_relative_se,
                                   spec.sampling_max_permutations, r});
  return r;
}

Eigen::VectorXd nash_weights(const BenefitRuleSpec& spec, const BenefitPeriod& p) {
  const int n = p.members();
  const std::string& by = spec.weights_by;
  if (by == "consumption") return p.consumption_kwh;
  if (by == "allocated") {
    require_size(p.allocated_kwh, n, "allocated_kwh");
    return p.allocated_kwh;
  }
  if (by == "investment") {
    require_size(p.investment_eur, n, "investment_eur");
    return p.investment_eur;
  }
  Eigen::VectorXd w = Eigen::VectorXd::Ones(n);
  if (by == "explicit") {
    if (static_cast<int>(p.member_ids.size()) != n)
      throw std::invalid_argument("benefit period: member_ids are needed for explicit weights");
    for (int i = 0; i < n; ++i) {
      const auto it = spec.weights.find(p.member_ids[static_cast<size_t>(i)]);
      if (it != spec.weights.end()) w(i) = it->second;
    }
  }
  return w;
}

Eigen::VectorXd allocate_game(const BenefitRuleSpec& spec, const BenefitPeriod& p, double amount,
                              BenefitDiagnostics& diag) {
  const auto game = game_of(p);
  const int n = game->players();
  const double grand = grand_value(*remembering_game_of(p));
  diag.game_grand_value_eur = grand;
  Eigen::VectorXd y;
  Eigen::VectorXd se;
  const std::string& type = spec.type;
  if (type == "shapley" || type == "egalitarian_shapley") {
    ShapleyResult phi = shapley_of(spec, p, *game, grand);
    diag.samples = phi.samples;
    se = phi.std_error;
    y = type == "shapley" ? phi.value : egalitarian_shapley(phi.value, grand, spec.alpha);
    if (type == "egalitarian_shapley") se *= spec.alpha;
  } else {
    require_enumerable(spec, n);
    if (type == "nucleolus") {
      y = nucleolus(*game);
    } else if (type == "least_core") {
      const LeastCoreResult lc = least_core(*game);
      y = lc.allocation;
      diag.notes.push_back("least-core epsilon " + std::to_string(lc.epsilon) + " EUR");
    } else if (type == "nash_bargaining") {
      Eigen::VectorXd w = nash_weights(spec, p).cwiseMax(0.0);
      if (!(w.sum() > 0.0)) {
        diag.notes.push_back("nash_bargaining: no positive weight: equal weights");
        w.setOnes();
      }
      y = nash_bargaining(*game, w);
    } else if (type == "solidarity_value") {
      y = solidarity_value(*game);
    } else {
      throw std::logic_error("allocate_game: not a game rule: " + type);
    }
  }
  double scale = 1.0;
  Eigen::VectorXd x = reconcile(y, amount, diag, &scale);
  if (se.size() == n) diag.standard_error = se * std::abs(scale);
  return x;
}

}  // namespace

std::unique_ptr<BenefitRule> make_game_rule(const BenefitRuleSpec& spec) {
  return std::make_unique<FunctionRule>(spec, allocate_game);
}

void add_game_diagnostics(const BenefitRuleSpec& spec, const BenefitPeriod& p,
                          const Eigen::VectorXd& x, BenefitDiagnostics& diag) {
  const int n = p.members();
  if (diag.core || n == 0) return;
  if (spec.core_exact_max_members == 0 && spec.core_samples == 0) return;
  if (!p.game && !has_step_game(p)) return;
  const auto game = game_of(p);
  diag.game_grand_value_eur = grand_value(*remembering_game_of(p));
  if (n <= spec.core_exact_max_members || (n > kMaxEnumeratedPlayers && spec.core_samples > 0)) {
    // Sampled coalitions are remembered for the period's other rules; the exact path
    // enumerates all 2^n masks at once and needs the savings game itself.
    const auto checked = n <= kMaxEnumeratedPlayers ? game : remembering_game_of(p);
    diag.core = core_diagnostics(*checked, x, spec.core_samples, sampling_stream(p, "core"));
    return;
  }
  // Too many coalitions to check them all, too few players for the sampled
  // bound of core_diagnostics: individual rationality only (n evaluations), a
  // lower bound of the largest core shortfall.
  CoreDiagnostics core;
  core.exact = false;
  core.individual_shortfall = Eigen::VectorXd::Zero(n);
  Coalition alone(static_cast<size_t>(n), 0);
  const auto singles = remembering_game_of(p);
  for (int i = 0; i < n; ++i) {
    alone[static_cast<size_t>(i)] = 1;
    core.individual_shortfall(i) = std::max(singles->value(alone) - x(i), 0.0);
    alone[static_cast<size_t>(i)] = 0;
  }
  core.coalitions_checked = n;
  core.largest_core_shortfall = core.individual_shortfall.maxCoeff();
  core.budget_gap = x.sum() - diag.game_grand_value_eur;
  diag.core = core;
}

}  // namespace accord::models::sharing::detail
