// /summary indicators of the PMO's funds and of the pooled producer revenue.
#include "accord/models/simulation/simulation.hpp"

namespace accord::models {

std::vector<output::Kpi> fund_kpis(const output::RunResult& run) {
  std::vector<output::Kpi> k;
  const auto& sh = run.sharing;
  k.push_back({"pooled_producer_revenue_eur",
               sh.producer_pooled.size() > 0 ? sh.producer_pooled.sum() : 0.0, "EUR",
               "producers' revenue pooled into the community benefit"});
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
