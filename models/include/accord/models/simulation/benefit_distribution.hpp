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

// Rewrites row 0 of acc.benefit (acc holds one period) according to `rule`; the period's
// withdrawal is rows [first_step, last_step) of `consumption` ([T, N]).
void distribute_benefit(const BenefitRuleSpec& rule, const economics::RowMatrix& consumption,
                        int64_t first_step, int64_t last_step, economics::PeriodAccounts& acc);

}  // namespace accord::models
