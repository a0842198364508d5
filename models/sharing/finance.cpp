// PV investment and its investors, PMO running costs, fund balances.
#include "accord/models/sharing/finance.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "accord/sim/error.hpp"

namespace accord::models::sharing {
namespace {

void check(bool ok, const std::string& key, const std::string& message) {
  if (!ok) throw ConfigError(SourceLocation{}, message, "finance.pv." + key);
}

}  // namespace

const char* investor_name(Investor investor) {
  switch (investor) {
    case Investor::kMunicipality:
      return "municipality";
    case Investor::kCitizensCooperative:
      return "citizens_cooperative";
    case Investor::kPrivateInvestor:
      return "private_investor";
    case Investor::kThirdPartyInvestor:
      return "third_party_investor";
  }
  return "unknown";
}

void validate_pv_investment(const PvInvestmentSpec& s) {
  check(s.kwp >= 0 && std::isfinite(s.kwp), "kwp", "kwp must be >= 0");
  check(s.capex_eur_per_kwp >= 0, "capex_eur_per_kwp", "capex_eur_per_kwp must be >= 0");
  check(s.subsidies_eur >= 0, "subsidies_eur", "subsidies_eur must be >= 0");
  check(s.om_eur_per_kwp_year >= 0, "om_eur_per_kwp_year", "om_eur_per_kwp_year must be >= 0");
  check(s.om_escalation > -1, "om_escalation", "om_escalation must be > -1");
  check(s.inverter_replacement_eur_per_kwp >= 0, "inverter_replacement_eur_per_kwp",
        "inverter_replacement_eur_per_kwp must be >= 0");
  check(s.lifetime_years >= 1 && s.lifetime_years <= 60, "lifetime_years",
        "lifetime_years must be in [1, 60]");
  check(s.inverter_replacement_year >= 0 && s.inverter_replacement_year <= s.lifetime_years,
        "inverter_replacement_year", "inverter_replacement_year must be in [0, lifetime_years]");
  double total = 0;
  for (int k = 0; k < kInvestors; ++k) {
    const auto share = s.equity_shares[static_cast<size_t>(k)];
    check(share >= 0 && share <= 1, std::string("equity_shares.") + investor_name(Investor{k}),
          "an equity share must be a fraction in [0, 1]");
    total += share;
  }
  check(std::abs(total - 1.0) < 1e-9, "equity_shares",
        "equity shares must sum to 1, got " + std::to_string(total));
  check(s.loan_fraction >= 0 && s.loan_fraction <= 1, "loan_fraction",
        "loan_fraction must be a fraction in [0, 1]");
  check(s.loan_rate > -1, "loan_rate", "loan_rate must be > -1");
  check(s.loan_years >= 1 && (s.loan_fraction == 0 || s.loan_years <= s.lifetime_years),
        "loan_years", "loan_years must be in [1, lifetime_years]");
  check(s.discount_rate > -1, "discount_rate", "discount_rate must be > -1");
}

ProjectCashFlows project_cash_flows(const PvInvestmentSpec& s,
                                    const std::vector<double>& revenue_eur_per_year) {
  validate_pv_investment(s);
  const auto years = static_cast<size_t>(s.lifetime_years);
  const size_t size = years + 1;
  ProjectCashFlows f;
  for (auto* v : {&f.capex_eur, &f.subsidies_eur, &f.loan_eur, &f.debt_service_eur, &f.om_eur,
                  &f.revenue_eur, &f.equity_flow_eur})
    v->assign(size, 0.0);
  const double capex = s.kwp * s.capex_eur_per_kwp;
  f.capex_eur[0] = -capex;
  f.subsidies_eur[0] = s.subsidies_eur;
  const double loan = s.loan_fraction * std::max(capex - s.subsidies_eur, 0.0);
  f.loan_eur[0] = loan;
  if (loan > 0) {
    const LoanSchedule schedule = loan_schedule(loan, s.loan_rate, s.loan_years);
    for (size_t y = 0; y < schedule.payment.size(); ++y)
      f.debt_service_eur[y + 1] = -schedule.payment[y];
  }
  for (size_t y = 1; y <= years; ++y) {
    f.om_eur[y] = -s.kwp * s.om_eur_per_kwp_year *
                  std::pow(1.0 + s.om_escalation, static_cast<double>(y) - 1.0);
    if (static_cast<int>(y) == s.inverter_replacement_year)
      f.om_eur[y] -= s.kwp * s.inverter_replacement_eur_per_kwp;
    if (!revenue_eur_per_year.empty())
      f.revenue_eur[y] = revenue_eur_per_year[std::min(y - 1, revenue_eur_per_year.size() - 1)];
  }
  std::vector<double> unlevered(size);
  for (size_t y = 0; y < size; ++y) {
    unlevered[y] = f.capex_eur[y] + f.subsidies_eur[y] + f.om_eur[y] + f.revenue_eur[y];
    f.equity_flow_eur[y] = unlevered[y] + f.loan_eur[y] + f.debt_service_eur[y];
  }
  f.project_metrics = evaluate_cash_flows(unlevered, s.discount_rate);
  for (size_t k = 0; k < static_cast<size_t>(kInvestors); ++k) {
    const double share = s.equity_shares[k];
    f.investor_flow_eur[k].resize(size);
    for (size_t y = 0; y < size; ++y) f.investor_flow_eur[k][y] = share * f.equity_flow_eur[y];
    if (share > 0)
      f.investor_metrics[k] = evaluate_cash_flows(f.investor_flow_eur[k], s.discount_rate);
  }
  return f;
}

PmoBudget pmo_budget(const PmoCostSpec& spec, int members, double years) {
  PmoBudget b;
  b.costs_eur = (spec.fixed_eur_per_year + spec.software_eur_per_year +
                 spec.staff_hours_per_year * spec.staff_eur_per_hour) *
                years;
  b.fees_eur = members * spec.fee_eur_per_member_year * years;
  b.balance_eur = b.fees_eur - b.costs_eur;
  return b;
}

FundLedger fund_balances(const std::vector<double>& inflow_eur,
                         const std::vector<double>& requested_outflow_eur, double initial_eur,
                         double rate_per_period) {
  if (!requested_outflow_eur.empty() && requested_outflow_eur.size() != inflow_eur.size())
    throw std::invalid_argument("fund_balances: inflows and outflows differ in length");
  if (!(rate_per_period > -1.0)) throw std::invalid_argument("fund_balances: rate must be > -1");
  FundLedger out;
  double balance = initial_eur;
  for (size_t m = 0; m < inflow_eur.size(); ++m) {
    const double available = balance * (1.0 + rate_per_period) + inflow_eur[m];
    const double requested = requested_outflow_eur.empty() ? 0.0 : requested_outflow_eur[m];
    const double paid = std::clamp(requested, 0.0, std::max(available, 0.0));
    balance = available - paid;
    out.balance_eur.push_back(balance);
    out.paid_eur.push_back(paid);
    out.unmet_eur.push_back(requested - paid);
  }
  return out;
}

}  // namespace accord::models::sharing
