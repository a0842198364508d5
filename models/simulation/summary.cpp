#include <map>

#include "accord/analysis/run_equity.hpp"
#include "accord/models/simulation/simulation.hpp"

namespace accord::models {

std::vector<output::Kpi> summarize(const output::RunResult& run, const EnergyInputs* inputs) {
  std::vector<output::Kpi> k;
  // From the per-period totals (summed as the steps ran): a run that kept no per-step ledger
  // (detail periods or summary) gives the same KPIs, to the bit, as one that did.
  const output::PeriodEnergy derived = run.period_energy.consumption.size() > 0
                                           ? output::PeriodEnergy{}
                                           : output::period_energy_of(run);
  const output::PeriodEnergy& energy =
      run.period_energy.consumption.size() > 0 ? run.period_energy : derived;
  // With dynamics.membership, participants who are not members in a period (candidates,
  // those who left) are outside the operation then: totals and means cover members only.
  const bool everyone = run.member.size() == 0 || run.member.minCoeff() != 0;
  const output::RowMatrix member_weight =
      everyone ? output::RowMatrix() : output::RowMatrix(run.member.cast<double>());
  auto of_members = [&](const output::RowMatrix& x) {
    return everyone ? x.sum() : x.cwiseProduct(member_weight).sum();
  };
  std::vector<uint8_t> ever(run.participants.size(), 1);
  for (size_t i = 0; i < ever.size() && !everyone; ++i)
    ever[i] = run.member.col(static_cast<Eigen::Index>(i)).maxCoeff();
  const double cons = of_members(energy.consumption), alloc = energy.allocated.sum();
  const double prod = energy.production.sum(), surplus = energy.surplus.sum();
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  k.push_back({"participants", static_cast<double>(run.participants.size()), "1",
               "number of participants"});
  k.push_back({"producers", static_cast<double>(run.producers.size()), "1",
               "number of producers (incl. prosumers' injection)"});
  k.push_back({"consumption_kwh", cons, "kWh", "total withdrawal of participants (CONS)"});
  k.push_back({"production_kwh", prod, "kWh", "total injection of producers (PROD)"});
  k.push_back({"allocated_kwh", alloc, "kWh", "total allocated local production (AUTOCONS)"});
  k.push_back({"surplus_kwh", surplus, "kWh", "total unallocated injection (SURPLUS)"});
  k.push_back({"self_consumption_rate", ratio(alloc, prod), "1",
               "allocated / injected production (collective self-consumption rate)"});
  k.push_back({"self_sufficiency_rate", ratio(alloc, cons), "1",
               "allocated / withdrawal (collective self-sufficiency rate)"});
  k.push_back({"coverage", ratio(prod, cons), "1", "injection / withdrawal"});
  if (inputs) {
    double load = 0, self = 0;
    for (double v : inputs->load_kwh) load += v;
    for (double v : inputs->self_consumed_kwh) self += v;
    k.push_back({"load_kwh", load, "kWh", "total load of participants before own production"});
    k.push_back({"individual_self_consumed_kwh", self, "kWh",
                 "prosumers' own production used behind their meter"});
  }
  const auto& a = run.accounts;
  const double ref = of_members(a.bill_reference), bill = of_members(a.bill);
  k.push_back({"bill_reference_eur", ref, "EUR", "sum of bills without the operation"});
  k.push_back({"bill_eur", bill, "EUR", "sum of bills with the operation"});
  k.push_back({"savings_eur", ref - bill, "EUR", "total savings of participants"});
  k.push_back({"benefit_eur", a.benefit.sum(), "EUR", "total benefit distributed"});
  k.push_back({"producer_internal_revenue_eur", a.producer_internal_revenue.sum(), "EUR",
               "producers' sales of allocated kWh at the internal price"});
  k.push_back({"producer_surplus_revenue_eur", a.producer_surplus_revenue.sum(), "EUR",
               "producers' sales of surplus"});
  k.push_back({"pmo_costs_eur", a.pmo_costs.sum(), "EUR", "PMO running costs"});
  k.push_back({"pmo_fees_eur", a.pmo_fees.sum(), "EUR", "membership fees collected by the PMO"});

  // Mean savings per participant by kind, in a fixed order of kinds (sorted names).
  std::map<std::string, std::pair<double, int>> by_kind;
  for (size_t i = 0; i < run.participants.size(); ++i) {
    if (!ever[i]) continue;
    auto& e = by_kind[run.participants[i].kind];
    e.first += a.bill_reference.col(static_cast<Eigen::Index>(i)).sum() -
               a.bill.col(static_cast<Eigen::Index>(i)).sum();
    e.second += 1;
  }
  for (const auto& [kind, e] : by_kind)
    k.push_back({"savings_per_" + kind + "_eur", e.first / e.second, "EUR",
                 "mean savings per participant of kind " + kind});

  // Equity of the rule in force, so that sweeps can compare rules (docs/equity-metrics.md):
  // per-member amounts annualized to 365.25 days of membership, "after" = bill_reference -
  // benefit.
  const size_t n = run.participants.size();
  std::vector<size_t> counted;  // ever a member
  for (size_t i = 0; i < n; ++i)
    if (ever[i]) counted.push_back(i);
  const double annual = analysis::annualization_factor(static_cast<double>(run.grid.steps) *
                                                       static_cast<double>(run.grid.step_seconds));
  // A member's amounts are annualized over the time it was a member, so that one who joined
  // late, left early or started with the operation (a lifecycle) is compared with its income
  // over the same year, not diluted over the whole run.
  const auto& starts = run.calendar.period_start_utc;
  auto annual_of = [&](size_t i) {
    if (everyone || starts.size() != static_cast<size_t>(run.member.rows()) + 1) return annual;
    double seconds = 0;
    for (Eigen::Index m = 0; m < run.member.rows(); ++m)
      if (run.member(m, static_cast<Eigen::Index>(i)) != 0)
        seconds += static_cast<double>(starts[static_cast<size_t>(m) + 1] -
                                       starts[static_cast<size_t>(m)]);
    return analysis::annualization_factor(seconds);
  };
  const size_t c = counted.size();
  std::vector<double> member_annual(c);
  std::vector<std::string> kinds(c);
  std::vector<double> income(c), units(c), reference(c), benefit(c);
  std::vector<int32_t> decile(c);
  std::vector<uint8_t> low(c);
  for (size_t j = 0; j < c; ++j) {
    const size_t i = counted[j];
    const auto& p = run.participants[i];
    const auto col = static_cast<Eigen::Index>(i);
    kinds[j] = p.kind;
    income[j] = p.income_eur_per_year;
    decile[j] = p.income_decile;
    low[j] = p.low_income ? 1 : 0;
    units[j] = p.consumption_units;
    // Over the periods as a member (the whole run unless membership changed).
    member_annual[j] = annual_of(i);
    reference[j] = a.bill_reference.rows() == 0 ? 0.0
                   : everyone
                       ? member_annual[j] * a.bill_reference.col(col).sum()
                       : member_annual[j] *
                             a.bill_reference.col(col).cwiseProduct(member_weight.col(col)).sum();
    benefit[j] = a.benefit.rows() > 0 ? member_annual[j] * a.benefit.col(col).sum() : 0.0;
  }
  const analysis::MemberOutcomes outcomes{kinds, income, decile, low, units, reference, benefit};
  for (auto& e : analysis::equity_kpis(outcomes))
    k.push_back({std::move(e.name), e.value, std::move(e.units), std::move(e.description)});

  // The same energy burden and poverty with the solidarity fund's payouts to each member
  // added to its benefit: the territorial share comes back to low-income members this way,
  // which the rule's benefit alone does not show (experiments/members-territory).
  const auto& funds = run.sharing.funds;
  if (!funds.empty() && funds[0].paid_to_member.rows() > 0) {
    std::vector<double> with_fund = benefit;
    for (size_t j = 0; j < c; ++j)
      with_fund[j] += member_annual[j] *
                      funds[0].paid_to_member.col(static_cast<Eigen::Index>(counted[j])).sum();
    const analysis::MemberOutcomes helped{kinds, income, decile, low, units, reference, with_fund};
    for (auto& e : analysis::equity_kpis(helped)) {
      if (e.name == "energy_burden_deciles_1_3_after_pct")
        k.push_back({"energy_burden_deciles_1_3_after_fund_pct", e.value, "%",
                     "energy burden of deciles 1-3 after the benefit and the solidarity fund's "
                     "payouts (ratio of sums, annualized)"});
      if (e.name == "energy_poverty_ten_percent_after")
        k.push_back({"energy_poverty_ten_percent_after_fund", e.value, "1",
                     "share of households above 10 % of income after the benefit and the "
                     "solidarity fund's payouts"});
    }
  }
  return k;
}

}  // namespace accord::models
