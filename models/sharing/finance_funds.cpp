// PMO running costs per year and the solidarity fund's payout policy (the fund ledger itself
// is sharing::fund_balances in finance.cpp).
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "accord/models/sharing/finance.hpp"
#include "accord/sim/error.hpp"

namespace accord::models::sharing {

double pmo_costs_per_year(const PmoCostSpec& spec) {
  return spec.fixed_eur_per_year + spec.software_eur_per_year +
         spec.staff_hours_per_year * spec.staff_eur_per_hour;
}

void validate_pmo_costs(const PmoCostSpec& spec) {
  const std::pair<const char*, double> values[] = {
      {"fixed_eur_per_year", spec.fixed_eur_per_year},
      {"software_eur_per_year", spec.software_eur_per_year},
      {"staff_hours_per_year", spec.staff_hours_per_year},
      {"staff_eur_per_hour", spec.staff_eur_per_hour},
      {"fee_eur_per_member_year", spec.fee_eur_per_member_year}};
  for (const auto& [key, value] : values)
    if (!(value >= 0) || !std::isfinite(value))
      throw ConfigError(SourceLocation{}, std::string(key) + " must be a finite value >= 0",
                        std::string("community.pmo.") + key);
}

double period_rate(double rate_per_year, double year_fraction) {
  if (!(rate_per_year > -1.0)) throw std::invalid_argument("period_rate: rate must be > -1");
  return std::pow(1.0 + rate_per_year, year_fraction) - 1.0;
}

const char* solidarity_policy_name(SolidarityPolicy policy) {
  switch (policy) {
    case SolidarityPolicy::kNone:
      return "none";
    case SolidarityPolicy::kBillShare:
      return "bill_share";
    case SolidarityPolicy::kPerMember:
      return "per_member";
  }
  return "none";
}

std::vector<double> solidarity_requests(const SolidarityPayout& payout,
                                        const std::vector<double>& bill_eur,
                                        const std::vector<double>& eligible, double year_fraction) {
  if (bill_eur.size() != eligible.size())
    throw std::invalid_argument("solidarity_requests: bills and eligibility differ in length");
  std::vector<double> out(bill_eur.size(), 0.0);
  for (size_t i = 0; i < out.size(); ++i) {
    const double w = std::clamp(eligible[i], 0.0, 1.0);
    switch (payout.policy) {
      case SolidarityPolicy::kNone:
        break;
      case SolidarityPolicy::kBillShare:
        out[i] = w * payout.bill_share * std::max(bill_eur[i], 0.0);
        break;
      case SolidarityPolicy::kPerMember:
        out[i] = w * payout.eur_per_member_year * year_fraction;
        break;
    }
  }
  return out;
}

std::vector<double> ration_pro_rata(const std::vector<double>& requests, double paid) {
  double total = 0;
  for (double r : requests) total += std::max(r, 0.0);
  std::vector<double> out(requests.size(), 0.0);
  if (total <= 0 || paid <= 0) return out;
  const double ratio = std::min(1.0, paid / total);
  for (size_t i = 0; i < out.size(); ++i) out[i] = std::max(requests[i], 0.0) * ratio;
  return out;
}

}  // namespace accord::models::sharing
