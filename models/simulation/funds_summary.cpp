// /summary indicators of the PMO's funds and of the pooled producer revenue.
#include "accord/models/simulation/simulation.hpp"

namespace accord::models {

std::vector<output::Kpi> fund_kpis(const output::RunResult& run) {
  std::vector<output::Kpi> k;
  const auto& sh = run.sharing;
  k.push_back({"pooled_producer_revenue_eur",
               sh.producer_pooled.size() > 0 ? sh.producer_pooled.sum() : 0.0, "EUR",
               "producers' revenue pooled into the community benefit"});
  // What the territory receives under the rule in force (the members-versus-territory
  // question): the three territorial shares over the run, whether or not a fund holds them.
  if (!sh.rules.empty() && sh.rules[0].territorial.cols() == 3) {
    const auto& t = sh.rules[0].territorial;
    k.push_back({"territorial_total_eur", t.sum(), "EUR",
                 "territorial shares of the community benefit over the run (solidarity fund, "
                 "reinvestment reserve, municipality)"});
    k.push_back({"territorial_municipality_eur", t.col(2).sum(), "EUR",
                 "territorial share paid to the municipality over the run"});
  }
  for (const auto& f : sh.funds) {
    const auto m = f.balance.size();
    k.push_back({f.name + "_final_balance_eur", m > 0 ? f.balance(m - 1) : f.initial_eur, "EUR",
                 "balance of the " + f.name + " at the end of the run"});
    k.push_back({f.name + "_inflow_eur", f.inflow.sum(), "EUR",
                 "territorial shares received by the " + f.name});
    k.push_back({f.name + "_paid_eur", f.paid.sum(), "EUR", "outflows paid by the " + f.name});
    k.push_back({f.name + "_unmet_eur", f.unmet.sum(), "EUR",
                 "outflows requested from the " + f.name + " but not paid for lack of funds"});
  }
  return k;
}

}  // namespace accord::models
