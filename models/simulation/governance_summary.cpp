// /summary indicators of the governance rounds: how often the community decided, how often it
// changed its rules, how many took part, what intermediation cost and where trust ended.
#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "accord/models/simulation/simulation.hpp"

namespace accord::models {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Turnout and voice of the low-income members in the assembly's votes (the definitions of
// docs/analyze.md § Procedural indicators, which `accord analyze` computes from the file):
// ballots are -2 (not a member), -1 (absent) or the option voted for.
struct AssemblyVoice {
  double turnout_low_income = kNaN;
  double turnout_others = kNaN;
  double low_income_side = kNaN;
};

AssemblyVoice assembly_voice(const output::RunResult& run) {
  int64_t low_eligible = 0, low_cast = 0, other_eligible = 0, other_cast = 0;
  int sided_rows = 0, on_side = 0;
  for (const auto& row : run.governance.rows) {
    if (row.protocol != "vote" || row.decided_by != "assembly") continue;
    std::vector<int> low_votes(row.options.size(), 0);
    for (size_t i = 0; i < row.ballot.size() && i < run.participants.size(); ++i) {
      const int16_t b = row.ballot[i];
      if (b == -2) continue;
      const bool low = run.participants[i].low_income;
      (low ? low_eligible : other_eligible) += 1;
      if (b < 0) continue;
      (low ? low_cast : other_cast) += 1;
      if (low && static_cast<size_t>(b) < low_votes.size()) ++low_votes[static_cast<size_t>(b)];
    }
    const int top = low_votes.empty() ? 0 : *std::max_element(low_votes.begin(), low_votes.end());
    if (top == 0) continue;  // no low-income voter in this vote
    ++sided_rows;
    if (row.chosen >= 0 && static_cast<size_t>(row.chosen) < low_votes.size() &&
        low_votes[static_cast<size_t>(row.chosen)] == top)
      ++on_side;
  }
  AssemblyVoice v;
  if (low_eligible > 0)
    v.turnout_low_income = static_cast<double>(low_cast) / static_cast<double>(low_eligible);
  if (other_eligible > 0)
    v.turnout_others = static_cast<double>(other_cast) / static_cast<double>(other_eligible);
  if (sided_rows > 0) v.low_income_side = static_cast<double>(on_side) / sided_rows;
  return v;
}

}  // namespace

std::vector<output::Kpi> governance_kpis(const output::RunResult& run) {
  const output::GovernanceRecord& g = run.governance;
  std::vector<output::Kpi> k;
  if (g.calendar == "none") return k;  // no rounds scheduled: nothing to summarise

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
  double final_trust = kNaN;
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
               assembly_votes > 0 ? assembly_participation / assembly_votes : kNaN, "1",
               "mean weighted participation of the assembly's votes (NaN: no assembly vote)"});
  k.push_back({"intermediary_cost_eur",
               g.intermediary_cost_eur.size() > 0 ? g.intermediary_cost_eur.sum() : 0.0, "EUR",
               "cost of the intermediaries' engagements over the run, whoever pays it"});
  // Who bears the cost of intermediation (the experiments' question): by the payer the
  // scenario names; pmo costs are in the members' accounts, the others are recorded only.
  for (const char* payer : {"pmo", "municipality", "subsidy"}) {
    double cost = 0;
    for (size_t i = 0; i < run.actors.intermediaries.size(); ++i)
      if (run.actors.intermediaries[i].paid_by == payer &&
          static_cast<Eigen::Index>(i) < g.intermediary_cost_eur.size())
        cost += g.intermediary_cost_eur[static_cast<Eigen::Index>(i)];
    k.push_back({std::string("intermediary_cost_") + payer + "_eur", cost, "EUR",
                 std::string("cost of the intermediaries paid by: ") + payer});
  }
  const AssemblyVoice voice = assembly_voice(run);
  k.push_back({"assembly_turnout_low_income", voice.turnout_low_income, "1",
               "share of the assembly ballots low-income members could cast that they cast "
               "(NaN: no assembly vote with a low-income member)"});
  k.push_back(
      {"assembly_turnout_others", voice.turnout_others, "1", "the same for the other members"});
  k.push_back({"decisions_low_income_side_share", voice.low_income_side, "1",
               "assembly votes whose chosen option is among the low-income voters' most voted "
               "options, over the votes where low-income members voted"});
  k.push_back({"governance_transaction_cost_eur", transaction_cost, "EUR",
               "transaction costs of the rounds, charged to the PMO"});
  k.push_back({"trust_pmo_final_mean", final_trust, "1",
               "members' mean trust in the PMO at the end of the run"});
  return k;
}

}  // namespace accord::models
