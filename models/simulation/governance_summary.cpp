// /summary indicators of the governance rounds: how often the community decided, how often it
// changed its rules, how many took part, what intermediation cost and where trust ended.
#include <cmath>
#include <limits>
#include <set>

#include "accord/models/simulation/simulation.hpp"

namespace accord::models {

std::vector<output::Kpi> governance_kpis(const output::RunResult& run) {
  const output::GovernanceRecord& g = run.governance;
  std::vector<output::Kpi> k;
  if (g.calendar == "none") return k;  // no rounds scheduled: nothing to summarise
  constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

  std::set<int64_t> round_periods;
  int changes = 0;
  double assembly_participation = 0, transaction_cost = 0;
  int assembly_votes = 0;
  for (const auto& row : g.rows) {
    round_periods.insert(row.period);
    changes += row.changed && row.item != "admission" ? 1 : 0;
    transaction_cost += row.transaction_cost_eur;
    if (row.protocol == "vote" && row.decided_by == "assembly") {
      assembly_participation += row.participation;
      ++assembly_votes;
    }
  }
  // Mean trust at the end of the last period that recorded it (members' trust in the PMO).
  double final_trust = kNan;
  for (Eigen::Index m = g.trust_pmo.rows() - 1; m >= 0 && std::isnan(final_trust); --m)
    if (g.trust_pmo.cols() > 0 && !g.trust_pmo.row(m).hasNaN())
      final_trust = g.trust_pmo.row(m).mean();

  k.push_back({"governance_rounds", static_cast<double>(round_periods.size()), "1",
               "governance rounds held"});
  k.push_back({"governance_decisions", static_cast<double>(g.rows.size()), "1",
               "agenda items decided (rows of /governance)"});
  k.push_back({"rule_changes", static_cast<double>(changes), "1",
               "decisions that changed a rule in force (an option other than the status quo; "
               "admissions are not rules)"});
  k.push_back({"assembly_participation_mean",
               assembly_votes > 0 ? assembly_participation / assembly_votes : kNan, "1",
               "mean weighted participation of the assembly's votes (NaN: no assembly vote)"});
  k.push_back({"intermediary_cost_eur",
               g.intermediary_cost_eur.size() > 0 ? g.intermediary_cost_eur.sum() : 0.0, "EUR",
               "cost of the intermediaries' engagements over the run, whoever pays it"});
  k.push_back({"governance_transaction_cost_eur", transaction_cost, "EUR",
               "transaction costs of the rounds, charged to the PMO"});
  k.push_back({"trust_pmo_final_mean", final_trust, "1",
               "members' mean trust in the PMO at the end of the run"});
  return k;
}

}  // namespace accord::models
