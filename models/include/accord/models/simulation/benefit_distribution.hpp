#pragma once
// The simple benefit rules of this version, applied at period close. The pot V is the
// members' total savings (sum of bill_reference - bill); the full set of rules (Shapley,
// nucleolus, territorial shares, ...) arrives with the benefit-distribution issue.
//   individual_savings        each keeps its own savings (bill_reference - bill)
//   equal                     V / n
//   proportional_consumption  V * C_i / sum C   (C = withdrawal over the period)
#include "accord/models/economics/accounts.hpp"
#include "accord/models/scenario/specs.hpp"

namespace accord::models {

// Rewrites acc.benefit (rows = periods of acc; `consumption` = the steps of those periods,
// [steps, N]) according to `rule`. acc must hold exactly one period.
void distribute_benefit(const BenefitRuleSpec& rule,
                        const Eigen::Ref<const economics::RowMatrix>& consumption,
                        economics::PeriodAccounts& acc);

}  // namespace accord::models
