#include <cmath>
#include <limits>

#include "accord/models/simulation/simulation.hpp"

namespace accord::models {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void add_metrics(std::vector<output::Kpi>& k, const std::string& who, const std::string& label,
                 const sharing::CashFlowMetrics& m) {
  k.push_back({"npv_" + who + "_eur", m.npv_eur, "EUR", "Net present value of " + label});
  k.push_back({"irr_" + who, m.irr.status == sharing::IrrStatus::kNone ? kNaN : m.irr.rate, "1",
               "Internal rate of return of " + label + " (NaN: none)"});
  k.push_back({"payback_" + who + "_years", m.payback_years.value_or(kNaN), "year",
               "Payback time of " + label + " (NaN: never)"});
}

}  // namespace

// Investors' and producers' metrics over the plants' lifetimes: the run's revenue of each
// plant (internal sales + surplus sales - the part pooled by the community), scaled to a
// year, repeats every operating year.
std::vector<output::Kpi> finance_kpis(const Scenario& s, const output::RunResult& run) {
  std::vector<output::Kpi> k;
  if (s.finance.empty()) return k;
  const double years =
      static_cast<double>(run.grid.steps * run.grid.step_seconds) / (365.25 * 86400.0);
  std::array<std::vector<double>, sharing::kInvestors> investors;
  double discount = s.finance.front().investment.discount_rate;
  for (const auto& plant : s.finance) {
    size_t j = 0;
    while (j < s.producers.size() && s.producers[j].id != plant.producer) ++j;
    const auto col = static_cast<Eigen::Index>(j);
    // What the plant keeps: its sales minus what the community pools into V.
    const double pooled =
        run.sharing.producer_pooled.size() > 0 ? run.sharing.producer_pooled.col(col).sum() : 0.0;
    const double revenue = run.accounts.producer_internal_revenue.col(col).sum() +
                           run.accounts.producer_surplus_revenue.col(col).sum() - pooled;
    const sharing::ProjectCashFlows f =
        sharing::project_cash_flows(plant.investment, {years > 0 ? revenue / years : 0.0});
    add_metrics(k, plant.producer, "plant " + plant.producer + " (unlevered)", f.project_metrics);
    for (size_t c = 0; c < investors.size(); ++c) {
      auto& total = investors[c];
      const auto& flow = f.investor_flow_eur[c];
      if (total.size() < flow.size()) total.resize(flow.size(), 0.0);
      for (size_t y = 0; y < flow.size(); ++y) total[y] += flow[y];
    }
  }
  for (int c = 0; c < sharing::kInvestors; ++c) {
    const auto& flow = investors[static_cast<size_t>(c)];
    bool any = false;
    for (double v : flow) any = any || v != 0.0;
    if (!any) continue;
    const std::string name = sharing::investor_name(static_cast<sharing::Investor>(c));
    add_metrics(k, "investor_" + name, "the " + name + "'s equity in the plants",
                sharing::evaluate_cash_flows(flow, discount));
  }
  return k;
}

}  // namespace accord::models
