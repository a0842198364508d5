// Price-based rules, computed step by step (domain §1.2): mid-market rate and bill sharing
// (Long et al. 2017, "Peer-to-peer energy trading in a community microgrid"), supply-demand
// ratio (Liu et al. 2017, "Energy-sharing model with price-based demand response for
// microgrids of peer-to-peer prosumers"). At each step the members' internal payments add up to the
// community's bill with the grid (budget balance); a member's benefit is what it would pay on
// its own minus what it pays inside.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "benefit_support.hpp"

namespace accord::models::sharing {
namespace {

double price_at(const std::vector<double>& prices, int64_t t, const char* field) {
  if (prices.size() == 1) return prices[0];
  if (prices.empty())
    throw std::invalid_argument(std::string("benefit period: ") + field +
                                " is required by price-based rules");
  return prices[static_cast<size_t>(t)];
}

}  // namespace

StepLedger price_based_ledger(PriceMechanism mechanism, const BenefitPeriod& period) {
  const SavingsGameData& g = period.steps;
  const int n = period.members();
  if (g.players != n)
    throw std::invalid_argument("benefit period: steps.players is " + std::to_string(g.players) +
                                ", expected " + std::to_string(n) +
                                " (price-based rules need per-step data)");
  const int64_t T = g.steps;
  const auto cells = static_cast<size_t>(T) * static_cast<size_t>(n);
  if (g.surplus.size() != cells || g.deficit.size() != cells)
    throw std::invalid_argument("benefit period: steps.surplus/deficit must be [T, N]");
  for (const auto* prices : {&period.grid_buy_eur_per_kwh, &period.grid_sell_eur_per_kwh})
    if (prices->size() > 1 && prices->size() != static_cast<size_t>(T))
      throw std::invalid_argument("benefit period: grid prices must have 1 or T entries");

  StepLedger out;
  out.cost.setZero(T, n);
  out.standalone.setZero(T, n);
  out.grid_cost.setZero(T);
  out.buy_price.setZero(T);
  out.sell_price.setZero(T);
  for (int64_t t = 0; t < T; ++t) {
    const double pb = price_at(period.grid_buy_eur_per_kwh, t, "grid_buy_eur_per_kwh");
    const double ps = price_at(period.grid_sell_eur_per_kwh, t, "grid_sell_eur_per_kwh");
    const double* s = g.surplus.data() + t * n;
    const double* d = g.deficit.data() + t * n;
    double S = 0, D = 0;
    for (int i = 0; i < n; ++i) {
      S += s[i];
      D += d[i];
    }
    const double imported = std::max(D - S, 0.0), exported = std::max(S - D, 0.0);
    out.grid_cost(t) = pb * imported - ps * exported;
    // Internal price per kWh demanded (buy) and per kWh supplied (sell), chosen so that
    // buy * D - sell * S == grid cost.
    double buy = 0, sell = 0;
    switch (mechanism) {
      case PriceMechanism::kMidMarketRate: {
        const double mid = 0.5 * (pb + ps);
        if (S >= D) {  // all demand met inside at the mid price; the rest exported
          buy = mid;
          sell = S > 0 ? (mid * D + ps * exported) / S : 0.0;
        } else {  // all supply sold inside at the mid price; the rest imported
          sell = mid;
          buy = D > 0 ? (mid * S + pb * imported) / D : 0.0;
        }
        break;
      }
      case PriceMechanism::kSupplyDemandRatio: {
        if (D > 0 && S < D) {
          const double sdr = S / D;
          const double den = (pb - ps) * sdr + ps;
          sell = den > 0 ? pb * ps / den : ps;
          buy = sell * sdr + pb * (1.0 - sdr);
        } else {
          buy = ps;
          sell = ps;
        }
        break;
      }
      case PriceMechanism::kBillSharing: {
        buy = D > 0 ? pb * imported / D : 0.0;
        sell = S > 0 ? ps * exported / S : 0.0;
        break;
      }
    }
    out.buy_price(t) = buy;
    out.sell_price(t) = sell;
    for (int i = 0; i < n; ++i) {
      out.cost(t, i) = buy * d[i] - sell * s[i];
      out.standalone(t, i) = pb * d[i] - ps * s[i];
    }
  }
  return out;
}

namespace detail {

std::unique_ptr<BenefitRule> make_price_rule(const BenefitRuleSpec& spec) {
  PriceMechanism mechanism;
  if (spec.type == "mid_market_rate")
    mechanism = PriceMechanism::kMidMarketRate;
  else if (spec.type == "supply_demand_ratio")
    mechanism = PriceMechanism::kSupplyDemandRatio;
  else if (spec.type == "bill_sharing")
    mechanism = PriceMechanism::kBillSharing;
  else
    throw std::logic_error("make_price_rule: not a price-based rule: " + spec.type);
  auto fn = [mechanism](const BenefitRuleSpec&, const BenefitPeriod& p, double amount,
                        BenefitDiagnostics& diag) -> Eigen::VectorXd {
    const StepLedger ledger = price_based_ledger(mechanism, p);
    const Eigen::VectorXd gap = ledger.cost.rowwise().sum() - ledger.grid_cost;
    diag.max_step_budget_gap_eur = gap.size() > 0 ? gap.cwiseAbs().maxCoeff() : 0.0;
    const Eigen::VectorXd y =
        (ledger.standalone.colwise().sum() - ledger.cost.colwise().sum()).transpose();
    return reconcile(y, amount, diag);
  };
  return std::make_unique<FunctionRule>(spec, std::move(fn));
}

}  // namespace detail
}  // namespace accord::models::sharing
