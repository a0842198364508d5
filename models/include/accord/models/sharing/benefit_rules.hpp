#pragma once
// Benefit rules: who gets the euros of one billing period (domain/sharing-governance-equity.md
// §1). One registry of strategies looked up by contract name (DESIGN.md §3.2,
// `community.benefit_rule.type`); every rule is a pure function of a BenefitPeriod, so several
// rules can be evaluated on the same period as counterfactuals. docs/benefit-rules.md gives
// each rule's formula, source, parameters and known weaknesses.
//
// Flow of distribute():
//   V  = community benefit of the period (ValueAccounting::total, below)
//   territorial amounts = fractions of max(V, 0) (solidarity fund, reinvestment, municipality)
//   D  = V - territorial = the amount the member rule distributes
//   x  = member shares [N], sum x = D (to rounding), whatever the rule.
#include <Eigen/Dense>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accord/models/sharing/game.hpp"
#include "accord/sim/rng.hpp"

namespace accord::models::sharing {

// Where the community benefit V of a period comes from, EUR.
//   V = member_savings + pooled_producer_revenue + pmo_fees - pmo_costs
// member_savings = sum_i (bill_reference_i - bill_i); bills include the PMO membership fee,
// so the fees are added back here and the PMO's running costs taken instead: V is what the
// operation as a whole saves its members plus what it earns, net of what it costs.
struct ValueAccounting {
  double member_savings_eur = 0;           // sum of bill_reference - bill
  double pooled_producer_revenue_eur = 0;  // producers' revenue pooled by the community
  double pmo_fees_eur = 0;                 // membership fees collected (already in the bills)
  double pmo_costs_eur = 0;                // running costs of the PMO
  double total() const {
    return member_savings_eur + pooled_producer_revenue_eur + pmo_fees_eur - pmo_costs_eur;
  }
};

// Everything a rule may read about one billing period of N members. Per-member vectors are
// [N]; an empty optional vector means "not available" (rules that need it throw
// std::invalid_argument naming the field).
struct PeriodGameCache;  // benefit rules' per-period memo (rule_game.cpp)

struct BenefitPeriod {
  std::vector<std::string> member_ids;  // [N] optional; explicit weights are keyed by id
  Eigen::VectorXd consumption_kwh;      // [N] withdrawal over the period (CONS), required
  Eigen::VectorXd allocated_kwh;        // [N] allocated local production (AUTOCONS)
  Eigen::VectorXd bill_reference_eur;   // [N] bill without the operation
  Eigen::VectorXd bill_eur;             // [N] bill with the operation (incl. PMO fee)
  Eigen::VectorXd investment_eur;       // [N] capital each member brought (0 = none)
  Eigen::VectorXd income_eur;           // [N] disposable income, EUR/yr (NaN unknown)
  std::vector<uint8_t> eligible;        // [N] 1 = eligible for the solidarity tier
  Eigen::VectorXd need;                 // [N] need weight >= 0 (empty: 1 for each eligible)

  // Value beyond the bills (see ValueAccounting).
  double pooled_producer_revenue_eur = 0;
  double pmo_fees_eur = 0;
  double pmo_costs_eur = 0;

  // Per-step data of price-based and game rules: surplus s and deficit d per step and member
  // ([T, N] row-major, kWh) and the per-member value of a shared kWh (game rules).
  SavingsGameData steps;
  // Grid prices of price-based rules, EUR/kWh: [T], or one value for the whole period.
  std::vector<double> grid_buy_eur_per_kwh;   // p_b, what a kWh bought from the grid costs
  std::vector<double> grid_sell_eur_per_kwh;  // p_s, what an exported kWh earns
  // An explicit game (published examples, tests); when null, game rules build the savings
  // game from `steps`.
  std::shared_ptr<const CooperativeGame> game;

  // Sampling (Shapley beyond the exact limit, core diagnostics beyond their exact limit):
  // draws are keyed by (seed, replicate, period) so a rule's numbers are reproducible.
  uint64_t seed = 0;
  uint32_t replicate = 0;
  int64_t period = 0;

  // Memo shared by the rules evaluated on this period (the rule in force and the compared
  // ones): the savings game, its Shapley value and the values of the coalitions that the
  // sampled core diagnostics draw (the same for every rule). Null: each rule computes its own.
  // Set it (make_period_game_cache) only once `steps`, `game`, `seed`, `replicate` and `period`
  // are final: the memo does not notice later changes.
  std::shared_ptr<PeriodGameCache> game_cache;

  int members() const { return static_cast<int>(consumption_kwh.size()); }
  ValueAccounting value() const;
};
std::shared_ptr<PeriodGameCache> make_period_game_cache();

// Fractions of the community benefit kept for the territory before the member rule runs
// (each in [0, 1], sum <= 1). Taken from max(V, 0): a loss is never charged to the territory.
struct TerritorialShares {
  double solidarity_fund = 0;       // PMO's solidarity fund (e.g. energy-poverty aid)
  double reinvestment_reserve = 0;  // reserve for new PV or renewals
  double municipality = 0;          // payment to the municipality (rent of roofs, projects)
  double total() const { return solidarity_fund + reinvestment_reserve + municipality; }
  bool operator==(const TerritorialShares&) const = default;
};

// Parameters of a rule (YAML `community.benefit_rule`). Only the ones the rule reads matter.
struct BenefitRuleSpec {
  std::string type = "individual_savings";  // as the scenario loader's default
  TerritorialShares territorial;
  // egalitarian_shapley: alpha * Shapley + (1 - alpha) * D/n, alpha in [0, 1].
  double alpha = 0.5;
  // needs_based: solidarity share sigma in [0, 1]; the base rule for the (1 - sigma) part.
  double sigma = 0.2;
  std::string base_rule = "equal";
  // nash_bargaining: weights by "equal" | "consumption" | "allocated" | "investment" |
  // "explicit" (then `weights` by member id, missing ids weigh 1).
  std::string weights_by = "equal";
  std::map<std::string, double> weights;
  // shapley / egalitarian_shapley: exact up to this many members, permutation sampling above.
  int exact_max_members = 20;
  double sampling_target_relative_se = 0.01;  // stop when every SE <= target * |share|
  int64_t sampling_max_permutations = 200'000;
  // Core diagnostics (when a game is available): exact up to this many members, else from
  // `core_samples` random coalitions; core_samples = 0 and exact limit 0 turn them off.
  int core_exact_max_members = 12;
  int64_t core_samples = 2000;
  bool operator==(const BenefitRuleSpec&) const = default;
};

struct TerritorialAmounts {
  double solidarity_fund_eur = 0;
  double reinvestment_reserve_eur = 0;
  double municipality_eur = 0;
  double total() const { return solidarity_fund_eur + reinvestment_reserve_eur + municipality_eur; }
};

struct BenefitDiagnostics {
  double community_benefit_eur = 0;  // V
  double distributed_eur = 0;        // D = V - territorial
  double budget_gap_eur = 0;         // sum x - D (0 to rounding for every rule)
  // Rules that compute an allocation y of their own quantity (individual savings, price-based
  // bills, game values) map it onto D: x = y * D / sum y when every y >= 0 and sum y > 0,
  // else x = y + (D - sum y) / n. reconciliation_eur = D - sum y.
  double computed_total_eur = 0;
  double reconciliation_eur = 0;
  // Individual rationality: x_i >= v({i}) with a game, x_i >= 0 (no loss from joining) without.
  int individual_rationality_violations = 0;
  double max_individual_shortfall_eur = 0;
  std::optional<CoreDiagnostics> core;  // when a game was available and diagnostics on
  double game_grand_value_eur = 0;      // v(N) when a game was used
  // Price-based rules: largest |sum_i cost_i,t - community grid cost_t| over steps.
  double max_step_budget_gap_eur = 0;
  // Sampled Shapley: standard error per member (EUR, scaled like x) and permutations used.
  Eigen::VectorXd standard_error;
  int64_t samples = 0;
  int clipped_members = 0;  // proportional_bill: members whose negative bill was clipped to 0
  std::vector<std::string> notes;  // fallbacks taken, in words
};

struct BenefitShares {
  Eigen::VectorXd member_eur;  // [N] each member's share, EUR
  TerritorialAmounts territorial;
  ValueAccounting value;
  BenefitDiagnostics diagnostics;
};

class BenefitRule {
 public:
  virtual ~BenefitRule() = default;
  const std::string& name() const { return spec_.type; }
  const BenefitRuleSpec& spec() const { return spec_; }
  // Territorial shares first, then the member rule on the rest; fills the diagnostics.
  BenefitShares distribute(const BenefitPeriod& period) const;
  // The member rule alone: shares of `amount` (EUR) among the members; may add diagnostics.
  virtual Eigen::VectorXd allocate(const BenefitPeriod& period, double amount,
                                   BenefitDiagnostics& diag) const = 0;

 protected:
  explicit BenefitRule(BenefitRuleSpec spec) : spec_(std::move(spec)) {}

 private:
  BenefitRuleSpec spec_;
};

// Contract names, in the order of docs/benefit-rules.md.
std::vector<std::string> known_benefit_rules();
// Throws ConfigError (key path community.benefit_rule...) on an unknown name (listing the
// known ones) or an out-of-range parameter.
std::unique_ptr<BenefitRule> make_benefit_rule(const BenefitRuleSpec& spec);
// Checks a spec without building it (what the scenario loader calls).
void validate_benefit_rule(const BenefitRuleSpec& spec);

// Price-based mechanisms, per step (Long et al. 2017; Liu et al. 2017).
enum class PriceMechanism { kMidMarketRate, kSupplyDemandRatio, kBillSharing };

// Per-step money of a price-based mechanism. cost[t, i] = what member i pays (> 0) or earns
// (< 0) at step t inside the community; grid_cost[t] = the community's bill with the grid,
// p_b * max(D - S, 0) - p_s * max(S - D, 0); standalone[t, i] = p_b * d - p_s * s.
// Budget balance: sum_i cost[t, i] == grid_cost[t] at every step.
struct StepLedger {
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> cost;        // [T, N]
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> standalone;  // [T, N]
  Eigen::VectorXd grid_cost;                                                          // [T]
  Eigen::VectorXd buy_price;   // [T] internal buy price (EUR/kWh), 0 when no demand
  Eigen::VectorXd sell_price;  // [T] internal sell price (EUR/kWh), 0 when no supply
};
StepLedger price_based_ledger(PriceMechanism mechanism, const BenefitPeriod& period);

}  // namespace accord::models::sharing
