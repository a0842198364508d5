#pragma once
// Money of one run per billing period: bills with and without the operation, producers'
// revenue, the PMO's account and each participant's benefit.
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "accord/models/economics/tariffs.hpp"
#include "accord/models/scenario/specs.hpp"
#include "accord/sim/time_grid.hpp"

namespace accord::models::economics {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Per-step energy ledger of the run (row-major [T, N] / [T, P], kWh), as the sharing key
// left it, plus who is billed how.
struct BillingInput {
  const sim::TimeGrid* grid = nullptr;
  const sim::StepCalendar* calendar = nullptr;
  const std::vector<Participant>* participants = nullptr;  // [N]
  const std::vector<Producer>* producers = nullptr;        // [P]
  const RowMatrix* consumption = nullptr;                  // [T, N] withdrawal from the grid (CONS)
  const RowMatrix* allocated = nullptr;                    // [T, N] AUTOCONS
  const RowMatrix* supplied = nullptr;                     // [T, N] COMPLEMENT
  const RowMatrix* production = nullptr;                   // [T, P] PROD
  const RowMatrix* autoprod = nullptr;                     // [T, P] AUTOPROD
  const RowMatrix* surplus = nullptr;                      // [T, P] SURPLUS
  double internal_price_eur_per_kwh = 0.14;  // paid by consumers to producers, excl. VAT
  int64_t first_period = 0;                  // first billing period to compute (for windows)
  int64_t last_period = -1;                  // one past the last; -1 = all
  // [M, N] over all periods of the calendar: 1 where the participant is a member of the
  // operation in that period, 0 otherwise (billed at retail, no PMO fee); nullptr = all.
  const RowMatrix* member = nullptr;
  // PMO model of the scenario (`community.pmo`), prorated by period_year_fraction(): costs
  // of the PMO per year, and the fee each member pays per year (weighted by `member`). They
  // add to the tariff book's deprecated flat monthly values (0 in scenario runs).
  double pmo_costs_eur_per_year = 0;
  double pmo_fee_eur_per_member_year = 0;
};

// Accounts per billing period m (rows; row 0 = first_period) and member (columns), EUR incl.
// VAT where billed. Subscriptions, PMO fees and PMO costs of a partial month are prorated by
// the local calendar days it covers.
struct PeriodAccounts {
  RowMatrix bill_reference;     // [M, N] the bill without the operation
  RowMatrix bill;               // [M, N] supplier bill + internal purchase + network/taxes
  RowMatrix internal_purchase;  // [M, N] paid for allocated kWh at the internal price, excl. VAT
  RowMatrix producer_internal_revenue;  // [M, P] sales of AUTOPROD at the internal price
  RowMatrix producer_surplus_revenue;   // [M, P] sales of SURPLUS at the surplus price
  Eigen::VectorXd pmo_costs;            // [M] running costs of the PMO (fees, software)
  Eigen::VectorXd pmo_fees;             // [M] membership fees collected
  RowMatrix benefit;  // [M, N] each participant's share of the community benefit; for now
                      // bill_reference - bill (benefit rules come later)
};

// Computes the accounts of billing periods [first_period, last_period).
PeriodAccounts compute_accounts(const TariffBook& tariffs, const BillingInput& input);

// Share of a full local month covered by billing period `period`: local days covered (a
// partial day counts whole) over the days of that month; 1 for a whole month.
double period_fraction(const sim::StepCalendar& calendar, int64_t period);

// Length of billing period `period` in years: each local day it covers (a partial day counts
// whole) weighs 1 / the days of its year, so a 28-day February 2025 is 28/365 and the
// periods of a calendar year sum to 1.
double period_year_fraction(const sim::StepCalendar& calendar, int64_t period);

}  // namespace accord::models::economics
