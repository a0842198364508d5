#pragma once
// What the benefit rules read about one billing period, assembled from the run's ledger and
// accounts: members' totals, the per-step surplus and deficit of each participant (the
// savings game's players are the participants; a producer counts as the surplus of the
// participant that owns it or has it behind its meter), and the prices of a shared kWh.
#include "accord/models/economics/accounts.hpp"
#include "accord/models/scenario/scenario.hpp"
#include "accord/models/sharing/benefit_rules.hpp"
#include "accord/sim/time_grid.hpp"

namespace accord::models {

struct BenefitPeriodInput {
  const Scenario* scenario = nullptr;
  const sim::TimeGrid* grid = nullptr;  // of the matrices below
  const sim::StepCalendar* calendar = nullptr;
  const economics::RowMatrix* consumption = nullptr;    // [T, N]
  const economics::RowMatrix* allocated = nullptr;      // [T, N]
  const economics::RowMatrix* production = nullptr;     // [T, P]
  const economics::PeriodAccounts* accounts = nullptr;  // rows = periods of the calendar
  int64_t period = 0;      // row of `accounts` and period of `calendar`
  bool with_steps = true;  // fill the per-step data (price-based and game rules)
  // The members of the period (participant indices, ascending) when some participants are
  // not; null: everyone is. Read by Simulation (restrict_to_members), not by make_benefit_period.
  const std::vector<int>* members = nullptr;
};

sharing::BenefitPeriod make_benefit_period(const BenefitPeriodInput& in);

// The period as its members see it: every per-member field and the savings game restricted to
// the participants `members` (indices, ascending), in that order.
sharing::BenefitPeriod restrict_to_members(const sharing::BenefitPeriod& all,
                                           const std::vector<int>& members);
// Member shares back on all participants ([n], 0 for non-members).
Eigen::VectorXd spread_to_participants(const Eigen::VectorXd& member_eur,
                                       const std::vector<int>& members, Eigen::Index n);

// Participant index owning each producer (behind its meter, or `owner` = a participant id);
// -1 when the owner is not a participant (its injection is outside the savings game).
std::vector<int> producer_players(const Scenario& scenario);

// Each producer's revenue pooled into the community benefit in row `m` of `accounts` ([P],
// EUR): nothing, its surplus sales, or its surplus and internal sales (PoolingMode).
Eigen::VectorXd pooled_producer_revenue(PoolingMode mode, const economics::PeriodAccounts& accounts,
                                        int64_t m);

// Whether a rule reads the per-step data (price-based and game rules).
bool rule_needs_steps(const std::string& type);

}  // namespace accord::models
