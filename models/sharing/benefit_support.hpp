#pragma once
// Private helpers of the benefit rules: the factories of each family and the small pieces of
// arithmetic they share.
#include <functional>
#include <memory>
#include <string>

#include "accord/models/sharing/benefit_rules.hpp"

namespace accord::models::sharing::detail {

// Factories, one per family file.
std::unique_ptr<BenefitRule> make_simple_rule(const BenefitRuleSpec& spec);       // rule_simple.cpp
std::unique_ptr<BenefitRule> make_price_rule(const BenefitRuleSpec& spec);        // rule_price.cpp
std::unique_ptr<BenefitRule> make_needs_based_rule(const BenefitRuleSpec& spec);  // rule_needs.cpp
std::unique_ptr<BenefitRule> make_game_rule(const BenefitRuleSpec& spec);         // rule_game.cpp

// A BenefitRule whose allocate() is a function object (rules are small and stateless).
class FunctionRule final : public BenefitRule {
 public:
  using Fn = std::function<Eigen::VectorXd(const BenefitRuleSpec&, const BenefitPeriod&, double,
                                           BenefitDiagnostics&)>;
  FunctionRule(BenefitRuleSpec spec, Fn fn) : BenefitRule(std::move(spec)), fn_(std::move(fn)) {}
  Eigen::VectorXd allocate(const BenefitPeriod& period, double amount,
                           BenefitDiagnostics& diag) const override {
    return fn_(spec(), period, amount, diag);
  }

 private:
  Fn fn_;
};

// Throws std::invalid_argument unless v has n entries.
void require_size(const Eigen::VectorXd& v, int n, const char* field);

// Shares of `amount` proportional to max(w, 0); equal split when the weights sum to 0 (a note
// is added). Counts clipped negative weights in diag.clipped_members when count_clipped.
Eigen::VectorXd proportional(const Eigen::VectorXd& weights, double amount,
                             BenefitDiagnostics& diag, const char* what,
                             bool count_clipped = false);

// Maps a rule's own allocation y onto `amount` (BenefitDiagnostics::reconciliation_eur);
// *scale (if given) receives the factor applied to y when it was scaled, else 1.
Eigen::VectorXd reconcile(const Eigen::VectorXd& y, double amount, BenefitDiagnostics& diag,
                          double* scale = nullptr);

// Core diagnostics of x when a game is available (rule_game.cpp): fills diag.core and
// diag.game_grand_value_eur unless already filled by the rule or turned off by the spec.
void add_game_diagnostics(const BenefitRuleSpec& spec, const BenefitPeriod& period,
                          const Eigen::VectorXd& x, BenefitDiagnostics& diag);

// Random stream of a period's sampling draws.
sim::RandomStream sampling_stream(const BenefitPeriod& period, const char* purpose);

}  // namespace accord::models::sharing::detail
