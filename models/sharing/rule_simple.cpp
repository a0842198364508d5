// Rules that need only per-member period totals: individual savings, equal split and the
// proportional rules (domain §1.2).
#include <stdexcept>

#include "benefit_support.hpp"

namespace accord::models::sharing::detail {
namespace {

Eigen::VectorXd individual_savings(const BenefitRuleSpec&, const BenefitPeriod& p, double amount,
                                   BenefitDiagnostics& diag) {
  // Each keeps its own savings; what else the community earns or owes (pooled revenue, PMO
  // net, territorial shares) is reconciled onto them.
  return reconcile(p.bill_reference_eur - p.bill_eur, amount, diag);
}

Eigen::VectorXd equal(const BenefitRuleSpec&, const BenefitPeriod& p, double amount,
                      BenefitDiagnostics&) {
  const int n = p.members();
  return Eigen::VectorXd::Constant(n, amount / n);
}

Eigen::VectorXd by_consumption(const BenefitRuleSpec&, const BenefitPeriod& p, double amount,
                               BenefitDiagnostics& diag) {
  return proportional(p.consumption_kwh, amount, diag, "consumption");
}

Eigen::VectorXd by_allocated(const BenefitRuleSpec&, const BenefitPeriod& p, double amount,
                             BenefitDiagnostics& diag) {
  require_size(p.allocated_kwh, p.members(), "allocated_kwh");
  return proportional(p.allocated_kwh, amount, diag, "allocated energy");
}

Eigen::VectorXd by_investment(const BenefitRuleSpec&, const BenefitPeriod& p, double amount,
                              BenefitDiagnostics& diag) {
  require_size(p.investment_eur, p.members(), "investment_eur");
  return proportional(p.investment_eur, amount, diag, "investment");
}

// Standalone bills can be negative for net exporters when the reference bill is net of export
// revenue: shares are taken on max(bill, 0) (an exporter gets nothing rather than paying), and
// an equal split when no bill is positive. clipped_members counts the clipped bills.
Eigen::VectorXd by_bill(const BenefitRuleSpec&, const BenefitPeriod& p, double amount,
                        BenefitDiagnostics& diag) {
  return proportional(p.bill_reference_eur, amount, diag, "reference bill", true);
}

}  // namespace

std::unique_ptr<BenefitRule> make_simple_rule(const BenefitRuleSpec& spec) {
  FunctionRule::Fn fn;
  if (spec.type == "individual_savings")
    fn = individual_savings;
  else if (spec.type == "equal")
    fn = equal;
  else if (spec.type == "proportional_consumption")
    fn = by_consumption;
  else if (spec.type == "proportional_allocated")
    fn = by_allocated;
  else if (spec.type == "proportional_investment")
    fn = by_investment;
  else if (spec.type == "proportional_bill")
    fn = by_bill;
  else
    throw std::logic_error("make_simple_rule: not a simple rule: " + spec.type);
  return std::make_unique<FunctionRule>(spec, std::move(fn));
}

}  // namespace accord::models::sharing::detail
