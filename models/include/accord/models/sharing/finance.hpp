#pragma once
// Money over years: PV investment and its financing, loan service, O&M, PMO running costs,
// reserve and solidarity-fund balances, and the investor metrics (NPV, IRR, payback) computed
// on cash-flow series. Defaults and their sources are in docs/benefit-rules.md ("Finance").
// Cash-flow series are yearly (or per period) with flows[0] at time 0 (the investment),
// positive = money received by whoever the series belongs to, EUR.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace accord::models::sharing {

// ---- Cash-flow metrics ------------------------------------------------------------------

// Net present value at `rate` per period: sum_t flows[t] / (1 + rate)^t. rate > -1.
double npv(double rate, const std::vector<double>& flows);

enum class IrrStatus {
  kUnique,    // exactly one rate in the search range makes the NPV zero
  kMultiple,  // several (non-conventional flows, e.g. a late outlay): `roots` lists them
  kNone,      // no root: flows of one sign, or none in the search range (`reason` says)
};
struct IrrResult {
  IrrStatus status = IrrStatus::kNone;
  double rate = 0;            // the IRR when unique; with several roots the one nearest 0;
                              // NaN when none
  std::vector<double> roots;  // every root found, ascending
  std::string reason;         // why there is no IRR, or a note on multiple roots
};
// Internal rate of return by bracketing: NPV is scanned on a fine grid of rates in
// [min_rate, max_rate], each sign change is refined by bisection to `tolerance`; a root
// exactly on a grid point counts once.
IrrResult irr(const std::vector<double>& flows, double min_rate = -0.99, double max_rate = 10.0,
              double tolerance = 1e-12);

// Periods until the cumulative flow turns non-negative for good, interpolated linearly within
// the period where it crosses; nullopt when it never does (or flows are empty).
std::optional<double> payback_periods(const std::vector<double>& flows);
// Same on discounted flows.
std::optional<double> discounted_payback_periods(double rate, const std::vector<double>& flows);

struct CashFlowMetrics {
  double npv_eur = 0;  // at the discount rate
  IrrResult irr;
  std::optional<double> payback_years;
  std::optional<double> discounted_payback_years;
  double invested_eur = 0;  // - sum of negative flows
  double received_eur = 0;  // sum of positive flows
};
CashFlowMetrics evaluate_cash_flows(const std::vector<double>& flows, double discount_rate);

// ---- Loans ------------------------------------------------------------------------------

// Constant annuity repaying `principal` over `years` at `rate` per year:
// A = P * r / (1 - (1 + r)^-n); P / n when r = 0.
double annuity_payment(double principal, double rate, int years);

struct LoanSchedule {
  std::vector<double> payment;    // [years] annuity
  std::vector<double> interest;   // [years]
  std::vector<double> principal;  // [years] repaid
  std::vector<double> balance;    // [years] outstanding after the payment
};
LoanSchedule loan_schedule(double principal, double rate, int years);

// ---- PV project and its investors --------------------------------------------------------

enum class Investor : int {
  kMunicipality = 0,
  kCitizensCooperative = 1,
  kPrivateInvestor = 2,
  kThirdPartyInvestor = 3,
};
inline constexpr int kInvestors = 4;
const char* investor_name(Investor investor);  // "municipality", "citizens_cooperative", ...

struct PvInvestmentSpec {
  double kwp = 0;                   // kWc
  double capex_eur_per_kwp = 1150;  // HT; 1.0-1.35 EUR/Wc for 36-250 kWc roofs, 2024-25
  double subsidies_eur = 0;         // grants received at year 0
  double om_eur_per_kwp_year = 20;  // O&M, 15-25 EUR/kWc/yr
  double om_escalation = 0.02;      // yearly growth of O&M costs (assumption)
  double inverter_replacement_eur_per_kwp = 100;  // assumption
  int inverter_replacement_year = 15;             // once in the life (0 = never)
  int lifetime_years = 25;                        // assumption (20-30 years)
  // Equity shares of the four investor classes (sum 1) in what the loan does not cover.
  std::array<double, kInvestors> equity_shares{1.0, 0.0, 0.0, 0.0};
  double loan_fraction = 0;  // share of net capex (capex - subsidies) borrowed
  double loan_rate = 0.04;   // per year (assumption)
  int loan_years = 15;
  double discount_rate = 0.04;  // per year, for NPV (assumption)
};

// Throws ConfigError (key path `finance...`) on out-of-range values.
void validate_pv_investment(const PvInvestmentSpec& spec);

struct ProjectCashFlows {
  // [lifetime + 1], index 0 = year of the investment.
  std::vector<double> capex_eur;         // <= 0 at year 0
  std::vector<double> subsidies_eur;     // >= 0 at year 0
  std::vector<double> loan_eur;          // borrowed (year 0, >= 0)
  std::vector<double> debt_service_eur;  // <= 0
  std::vector<double> om_eur;            // <= 0, incl. inverter replacement
  std::vector<double> revenue_eur;       // >= 0, as given
  std::vector<double> equity_flow_eur;   // sum of the above: what the equity holders get
  std::array<std::vector<double>, kInvestors> investor_flow_eur;  // equity share of it
  std::array<CashFlowMetrics, kInvestors> investor_metrics;       // only share > 0 filled
  CashFlowMetrics project_metrics;  // on the unlevered flows (no loan)
};
// revenue_eur_per_year[y] = what the plant earns in operating year y + 1 (internal sales,
// surplus sales, minus what it pays to the PMO); fewer years than the lifetime repeat the last
// value, more are ignored.
ProjectCashFlows project_cash_flows(const PvInvestmentSpec& spec,
                                    const std::vector<double>& revenue_eur_per_year);

// ---- PMO running costs and funds ---------------------------------------------------------

struct PmoCostSpec {
  double fixed_eur_per_year = 600;      // insurance, bank, DSO-convention tools (assumption)
  double software_eur_per_year = 1200;  // key calculation and billing platform (assumption)
  double staff_hours_per_year = 40;     // volunteer or paid coordination time (assumption)
  double staff_eur_per_hour = 35;       // value of that time (assumption)
  double fee_eur_per_member_year = 24;  // membership fee (assumption)
};
struct PmoBudget {
  double costs_eur = 0;    // fixed + software + staff
  double fees_eur = 0;     // members * fee
  double balance_eur = 0;  // fees - costs (negative: the benefit must cover it)
};
PmoBudget pmo_budget(const PmoCostSpec& spec, int members, double years = 1.0);

// Balance of a fund (reinvestment reserve, solidarity fund) over periods:
//   balance_m = balance_{m-1} * (1 + rate) + inflow_m - paid_m,
//   paid_m = min(requested_m, balance_{m-1} * (1 + rate) + inflow_m)   (never overdrawn).
struct FundLedger {
  std::vector<double> balance_eur;  // [M] after period m
  std::vector<double> paid_eur;     // [M]
  std::vector<double> unmet_eur;    // [M] requested - paid
};
FundLedger fund_balances(const std::vector<double>& inflow_eur,
                         const std::vector<double>& requested_outflow_eur, double initial_eur = 0,
                         double rate_per_period = 0);

// Yearly running costs of the PMO: fixed + software + staff hours * hourly cost, EUR/yr.
double pmo_costs_per_year(const PmoCostSpec& spec);
// Throws ConfigError (key path `community.pmo...`) on negative or non-finite values.
void validate_pmo_costs(const PmoCostSpec& spec);

// Rate over a period of `year_fraction` years equivalent to a yearly rate: (1 + r)^f - 1.
double period_rate(double rate_per_year, double year_fraction);

// What the solidarity fund pays out (docs/benefit-rules.md, "Funds and pooling"):
//   none         the fund only accumulates (a reserve for decisions taken outside the run);
//   bill_share   each eligible member asks `bill_share` of its bill of the period;
//   per_member   each eligible member asks `eur_per_member_year`, prorated by period length.
// Requests the fund cannot cover are rationed pro rata and the rest recorded as unmet.
enum class SolidarityPolicy { kNone, kBillShare, kPerMember };
const char* solidarity_policy_name(SolidarityPolicy policy);  // "none", "bill_share", ...
struct SolidarityPayout {
  SolidarityPolicy policy = SolidarityPolicy::kNone;
  double bill_share = 0.1;         // fraction of the bill (with the operation)
  double eur_per_member_year = 0;  // flat aid per eligible member, EUR/yr
};
// Aid each member asks for one period of `year_fraction` years; eligible[i] in [0, 1] is 1
// for a low-income member of the operation in that period. Bills below 0 ask nothing.
std::vector<double> solidarity_requests(const SolidarityPayout& payout,
                                        const std::vector<double>& bill_eur,
                                        const std::vector<double>& eligible, double year_fraction);
// Splits `paid` among `requests` in proportion to them (proportional rationing: equal
// requests get equal aid); the parts sum to min(paid, sum of requests).
std::vector<double> ration_pro_rata(const std::vector<double>& requests, double paid);

}  // namespace accord::models::sharing
