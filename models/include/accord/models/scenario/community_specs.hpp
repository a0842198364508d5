#pragma once
// The community's money beyond the sharing key and the benefit rule: the PMO's running costs
// and membership fees (`community.pmo`), what happens to the producers' revenue
// (`community.pooled_producer_revenue`), and the two funds fed by the territorial shares of
// the benefit rule (`community.funds`). docs/scenario-reference.md lists the keys and
// docs/benefit-rules.md ("Funds and pooling") the reasons for the defaults.
#include <cstdint>
#include <string>
#include <vector>

#include "accord/models/sharing/finance.hpp"

namespace accord::models {

// Which producer revenue the community pools into the benefit V instead of the producers
// keeping it: none (default), surplus (sales of SURPLUS), all (SURPLUS and AUTOPROD sales).
enum class PoolingMode { kNone, kSurplus, kAll };
const char* pooling_mode_name(PoolingMode mode);

// One dated spending of the reinvestment reserve (inverter replacement, new capacity, ...):
// requested in the billing period that contains `at_utc`.
struct ReserveSpending {
  int64_t at_utc = 0;   // s since epoch
  double eur = 0;       // requested amount
  std::string purpose;  // inverter_replacement | new_capacity | other
};

struct FundSpec {
  double initial_eur = 0;             // balance before the first period
  double interest_rate_per_year = 0;  // compounded per period by its length in years
};

struct SolidarityFundSpec : FundSpec {
  sharing::SolidarityPayout payout;  // what the fund pays to low-income members' bills
};

struct ReinvestmentReserveSpec : FundSpec {
  std::vector<ReserveSpending> spending;  // sorted by date
};

struct CommunityFundsSpec {
  SolidarityFundSpec solidarity_fund;
  ReinvestmentReserveSpec reinvestment_reserve;
};

// PMO costs of a scenario: all zero unless `community.pmo` (or the deprecated
// `tariffs.pmo`) says otherwise, so reference examples keep their published values.
inline sharing::PmoCostSpec no_pmo_costs() {
  return sharing::PmoCostSpec{0, 0, 0, 0, 0};
}

}  // namespace accord::models
