// Needs-based two-tier rule (domain §1.2):
//   x_i = (1 - sigma) * base_i + sigma * D * 1[i eligible] * need_i / sum_eligible need
// where base is another registered rule's shares of D.
#include <algorithm>
#include <stdexcept>
#include <string>

#include "benefit_support.hpp"

namespace accord::models::sharing::detail {

std::unique_ptr<BenefitRule> make_needs_based_rule(const BenefitRuleSpec& spec) {
  BenefitRuleSpec base_spec = spec;
  base_spec.type = spec.base_rule;
  base_spec.territorial = TerritorialShares{};  // taken once, by the outer rule
  std::shared_ptr<const BenefitRule> base = make_benefit_rule(base_spec);
  auto fn = [base](const BenefitRuleSpec& s, const BenefitPeriod& p, double amount,
                   BenefitDiagnostics& diag) -> Eigen::VectorXd {
    const int n = p.members();
    if (static_cast<int>(p.eligible.size()) != n)
      throw std::invalid_argument("benefit period: eligible has " +
                                  std::to_string(p.eligible.size()) + " entries, expected " +
                                  std::to_string(n));
    Eigen::VectorXd need = Eigen::VectorXd::Zero(n);
    if (p.need.size() > 0) require_size(p.need, n, "need");
    for (int i = 0; i < n; ++i)
      if (p.eligible[static_cast<size_t>(i)] != 0)
        need(i) = p.need.size() > 0 ? std::max(p.need(i), 0.0) : 1.0;
    const double total_need = need.sum();
    const Eigen::VectorXd base_shares = base->allocate(p, amount, diag);
    if (!(total_need > 0.0)) {
      // Nobody eligible (or no need): the solidarity tier has no recipient and the base rule
      // distributes everything.
      diag.notes.push_back("needs_based: no eligible member with need: base rule only");
      return base_shares;
    }
    return (1.0 - s.sigma) * base_shares + s.sigma * amount * need / total_need;
  };
  return std::make_unique<FunctionRule>(spec, std::move(fn));
}

}  // namespace accord::models::sharing::detail
