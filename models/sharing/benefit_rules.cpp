// The registry of benefit rules and what every rule shares: value accounting, territorial
// shares, reconciliation onto the distributed amount, diagnostics.
#include "accord/models/sharing/benefit_rules.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

#include "accord/sim/config_node.hpp"
#include "accord/sim/error.hpp"
#include "benefit_support.hpp"

namespace accord::models::sharing {
namespace {

using Factory = std::unique_ptr<BenefitRule> (*)(const BenefitRuleSpec&);

struct Entry {
  const char* name;
  Factory make;
};

// Contract names (DESIGN.md §3.2) plus individual_savings, in the order of
// docs/benefit-rules.md.
constexpr std::array<Entry, 16> kRegistry{{
    {"individual_savings", &detail::make_simple_rule},
    {"equal", &detail::make_simple_rule},
    {"proportional_consumption", &detail::make_simple_rule},
    {"proportional_allocated", &detail::make_simple_rule},
    {"proportional_investment", &detail::make_simple_rule},
    {"proportional_bill", &detail::make_simple_rule},
    {"mid_market_rate", &detail::make_price_rule},
    {"supply_demand_ratio", &detail::make_price_rule},
    {"bill_sharing", &detail::make_price_rule},
    {"shapley", &detail::make_game_rule},
    {"nucleolus", &detail::make_game_rule},
    {"least_core", &detail::make_game_rule},
    {"nash_bargaining", &detail::make_game_rule},
    {"egalitarian_shapley", &detail::make_game_rule},
    {"solidarity_value", &detail::make_game_rule},
    {"needs_based", &detail::make_needs_based_rule},
}};

const Entry* find_entry(const std::string& name) {
  for (const Entry& e : kRegistry)
    if (name == e.name) return &e;
  return nullptr;
}

[[noreturn]] void fail(const std::string& key, const std::string& message) {
  throw ConfigError(SourceLocation{}, message, "community.benefit_rule" + key);
}

void check_fraction(double v, const char* key) {
  if (!(v >= 0.0 && v <= 1.0))
    fail(std::string(".") + key,
         std::string(key) + " must be a fraction in [0, 1], got " + std::to_string(v));
}

void check_known(const std::string& name, const char* key) {
  if (find_entry(name) != nullptr) return;
  std::string message = "unknown benefit rule '" + name + "'";
  const std::string close = sim::did_you_mean(name, known_benefit_rules());
  if (!close.empty()) message += "; did you mean '" + close + "'?";
  message += "; known: " + sim::join_names(known_benefit_rules());
  fail(std::string(".") + key, message);
}

}  // namespace

ValueAccounting BenefitPeriod::value() const {
  const int n = members();
  detail::require_size(bill_reference_eur, n, "bill_reference_eur");
  detail::require_size(bill_eur, n, "bill_eur");
  ValueAccounting v;
  v.member_savings_eur = (bill_reference_eur - bill_eur).sum();
  v.pooled_producer_revenue_eur = pooled_producer_revenue_eur;
  v.pmo_fees_eur = pmo_fees_eur;
  v.pmo_costs_eur = pmo_costs_eur;
  return v;
}

BenefitShares BenefitRule::distribute(const BenefitPeriod& period) const {
  BenefitShares out;
  const int n = period.members();
  out.value = period.value();
  const double v = out.value.total();
  const double base = std::max(v, 0.0);
  const TerritorialShares& ts = spec_.territorial;
  out.territorial.solidarity_fund_eur = ts.solidarity_fund * base;
  out.territorial.reinvestment_reserve_eur = ts.reinvestment_reserve * base;
  out.territorial.municipality_eur = ts.municipality * base;
  const double amount = v - out.territorial.total();
  BenefitDiagnostics& diag = out.diagnostics;
  diag.community_benefit_eur = v;
  diag.distributed_eur = amount;
  if (n == 0) {
    out.member_eur = Eigen::VectorXd();
    return out;
  }
  out.member_eur = allocate(period, amount, diag);
  if (out.member_eur.size() != n)
    throw std::logic_error("benefit rule '" + name() + "' returned the wrong number of shares");
  diag.budget_gap_eur = out.member_eur.sum() - amount;
  detail::add_game_diagnostics(spec_, period, out.member_eur, diag);
  if (diag.core) {
    const Eigen::VectorXd& s = diag.core->individual_shortfall;
    diag.individual_rationality_violations = static_cast<int>((s.array() > 1e-9).count());
    diag.max_individual_shortfall_eur = s.size() > 0 ? s.maxCoeff() : 0.0;
  } else {
    diag.individual_rationality_violations =
        static_cast<int>((out.member_eur.array() < -1e-9).count());
    diag.max_individual_shortfall_eur = std::max(0.0, -out.member_eur.minCoeff());
  }
  return out;
}

std::vector<std::string> known_benefit_rules() {
  std::vector<std::string> names;
  for (const Entry& e : kRegistry) names.emplace_back(e.name);
  return names;
}

void validate_benefit_rule(const BenefitRuleSpec& spec) {
  check_known(spec.type, "type");
  const TerritorialShares& t = spec.territorial;
  check_fraction(t.solidarity_fund, "territorial.solidarity_fund");
  check_fraction(t.reinvestment_reserve, "territorial.reinvestment_reserve");
  check_fraction(t.municipality, "territorial.municipality");
  if (t.total() > 1.0 + 1e-12)
    fail(".territorial", "territorial shares sum to " + std::to_string(t.total()) +
                             ", more than the whole benefit (1)");
  check_fraction(spec.alpha, "alpha");
  check_fraction(spec.sigma, "sigma");
  if (spec.type == "needs_based") {
    check_known(spec.base_rule, "base_rule");
    if (spec.base_rule == "needs_based")
      fail(".base_rule", "needs_based cannot be its own base rule");
  }
  const std::vector<std::string> bases{"equal", "consumption", "allocated", "investment",
                                       "explicit"};
  if (std::find(bases.begin(), bases.end(), spec.weights_by) == bases.end())
    fail(".weights_by",
         "unknown weights_by '" + spec.weights_by + "'; known: " + sim::join_names(bases));
  for (const auto& [id, w] : spec.weights)
    if (!(w >= 0.0) || !std::isfinite(w)) fail(".weights." + id, "weight must be finite and >= 0");
  if (spec.exact_max_members < 0 || spec.exact_max_members > 20)
    fail(".exact_max_members", "exact_max_members must be in [0, 20]");
  if (spec.core_exact_max_members < 0 || spec.core_exact_max_members > 20)
    fail(".core.exact_max_members", "core.exact_max_members must be in [0, 20]");
  if (!(spec.sampling_target_relative_se > 0.0))
    fail(".sampling.target_relative_se", "sampling.target_relative_se must be > 0");
  if (spec.sampling_max_permutations < 1)
    fail(".sampling.max_permutations", "sampling.max_permutations must be >= 1");
  if (spec.core_samples < 0) fail(".core.samples", "core.samples must be >= 0");
}

std::unique_ptr<BenefitRule> make_benefit_rule(const BenefitRuleSpec& spec) {
  validate_benefit_rule(spec);
  const Entry* entry = find_entry(spec.type);
  if (entry == nullptr) throw std::logic_error("validated benefit rule not found");
  return entry->make(spec);
}

namespace detail {

void require_size(const Eigen::VectorXd& v, int n, const char* field) {
  if (v.size() != n)
    throw std::invalid_argument(std::string("benefit period: ") + field + " has " +
                                std::to_string(v.size()) + " entries, expected " +
                                std::to_string(n));
}

Eigen::VectorXd proportional(const Eigen::VectorXd& weights, double amount,
                             BenefitDiagnostics& diag, const char* what, bool count_clipped) {
  const auto n = weights.size();
  const Eigen::VectorXd w = weights.cwiseMax(0.0);
  if (count_clipped) diag.clipped_members += static_cast<int>((weights.array() < 0.0).count());
  const double total = w.sum();
  if (!(total > 0.0) || !std::isfinite(total)) {
    diag.notes.push_back(std::string("no positive ") + what + ": equal split");
    return Eigen::VectorXd::Constant(n, n > 0 ? amount / static_cast<double>(n) : 0.0);
  }
  return amount * w / total;
}

Eigen::VectorXd reconcile(const Eigen::VectorXd& y, double amount, BenefitDiagnostics& diag,
                          double* scale) {
  if (scale != nullptr) *scale = 1.0;
  const auto n = y.size();
  const double total = y.sum();
  diag.computed_total_eur = total;
  diag.reconciliation_eur = amount - total;
  if (n == 0) return y;
  // Scaling keeps zeros at zero (null players) and ratios; it only makes sense for a
  // non-negative allocation of a positive total.
  const double scale_floor = 1e-12 * std::max(1.0, y.cwiseAbs().maxCoeff());
  if (total > scale_floor && y.minCoeff() >= 0.0) {
    if (scale != nullptr) *scale = amount / total;
    return y * (amount / total);
  }
  if (std::abs(amount - total) > 1e-12)
    diag.notes.push_back("allocation not scalable: difference split equally");
  return y.array() + (amount - total) / static_cast<double>(n);
}

sim::RandomStream sampling_stream(const BenefitPeriod& period, const char* purpose) {
  // The benefit rules' own purpose; the entity key names the rule's use of it, so two
  // sampling rules evaluated side by side draw independent streams.
  const std::string key = std::string("benefit_rule.") + purpose;
  return sim::RandomStream(period.seed, period.replicate, sim::Purpose::kBenefitSampling,
                           sim::entity_key(key));
}

}  // namespace detail
}  // namespace accord::models::sharing
