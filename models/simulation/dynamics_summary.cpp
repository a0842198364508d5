// /summary indicators of phase 4: where satisfaction, trust and attitudes ended, overall and for
// the low-income members and candidates, so that sweeps can compare them (docs/dynamics.md).
#include <limits>

#include "accord/models/simulation/simulation.hpp"

namespace accord::models {

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// Mean of the last row of `values` over the columns `keep` selects (NaN when none).
template <class Keep>
double final_mean(const economics::RowMatrix& values, Eigen::Index first, Eigen::Index count,
                  Keep keep) {
  if (values.rows() == 0) return kNan;
  const Eigen::Index last = values.rows() - 1;
  double sum = 0;
  int n = 0;
  for (Eigen::Index k = 0; k < count; ++k)
    if (keep(k)) {
      sum += values(last, first + k);
      ++n;
    }
  return n > 0 ? sum / n : kNan;
}

// Who is a member at the end, who joined and who left, and why.
std::vector<output::Kpi> membership_kpis(const output::RunResult& run) {
  const output::MembershipRecord& ms = run.membership;
  const size_t n = run.participants.size();
  const Eigen::Index last = run.member.rows() - 1;
  double final_members = 0, final_low = 0, joined = 0, joined_low = 0, left = 0, left_low = 0;
  double dissatisfied = 0, losses = 0;
  for (size_t i = 0; i < n; ++i) {
    const bool low = run.participants[i].low_income;
    if (last >= 0 && run.member(last, static_cast<Eigen::Index>(i)) != 0) {
      final_members += 1;
      final_low += low ? 1 : 0;
    }
    if (!run.participants[i].member_at_start && ms.joined[i] >= 0) {
      joined += 1;
      joined_low += low ? 1 : 0;
    }
    if (ms.left[i] >= 0) {
      left += 1;
      left_low += low ? 1 : 0;
      dissatisfied += ms.exit_cause[i] == 1 ? 1 : 0;
      losses += ms.exit_cause[i] == 2 ? 1 : 0;
    }
  }
  return {
      {"members_final", final_members, "1", "members in the last period"},
      {"members_final_low_income", final_low, "1", "low-income members in the last period"},
      {"members_joined", joined, "1", "candidates who joined during the run"},
      {"members_joined_low_income", joined_low, "1", "low-income candidates who joined"},
      {"members_left", left, "1", "members who left during the run (notice run out)"},
      {"members_left_low_income", left_low, "1", "low-income members who left"},
      {"exits_dissatisfied", dissatisfied, "1", "exits after lasting dissatisfaction"},
      {"exits_losses", losses, "1", "exits after losing money over the window"},
      // Retention over everyone who was a member at some point (founders and joiners):
      // the experiments compare it across configurations (NaN: nobody was ever a member).
      {"members_retention_rate",
       final_members + left > 0 ? final_members / (final_members + left)
                                : std::numeric_limits<double>::quiet_NaN(),
       "1", "members in the last period / (those + members who left)"},
      {"members_retention_rate_low_income",
       final_low + left_low > 0 ? final_low / (final_low + left_low)
                                : std::numeric_limits<double>::quiet_NaN(),
       "1", "the same for low-income members"},
  };
}

}  // namespace

std::vector<output::Kpi> dynamics_kpis(const output::RunResult& run) {
  const output::DynamicsRecord& d = run.dynamics;
  std::vector<output::Kpi> k;
  if (!d.enabled) return k;
  const auto n = static_cast<Eigen::Index>(run.participants.size());
  const auto c = static_cast<Eigen::Index>(d.candidates.size());
  // Members of the last period only (those who left do not count).
  const Eigen::Index last = run.member.rows() - 1;
  auto member = [&](Eigen::Index i) { return last < 0 || run.member(last, i) != 0; };
  auto low_member = [&](Eigen::Index i) {
    return member(i) && run.participants[static_cast<size_t>(i)].low_income;
  };
  // Candidates: persons never members (the separate candidates, or with membership the
  // participants who never joined).
  const output::MembershipRecord& ms = run.membership;
  auto candidate = [&](Eigen::Index p) {
    return p >= n || (ms.enabled && ms.joined[static_cast<size_t>(p)] < 0);
  };
  auto low_candidate = [&](Eigen::Index p) {
    const Participant& who = p >= n ? d.candidates[static_cast<size_t>(p - n)]
                                    : run.participants[static_cast<size_t>(p)];
    return candidate(p) && who.low_income;
  };
  k.push_back({"satisfaction_final_mean", final_mean(d.satisfaction, 0, n, member), "1",
               "members' mean satisfaction (propensity to stay) at the end"});
  k.push_back({"satisfaction_final_low_income_mean", final_mean(d.satisfaction, 0, n, low_member),
               "1", "low-income members' mean satisfaction at the end"});
  k.push_back({"aspiration_final_mean", final_mean(d.aspiration, 0, n, member), "1",
               "members' mean aspiration (expected gain, share of the reference bill) at the end"});
  k.push_back({"attitude_members_final_mean", final_mean(d.attitude, 0, n, member), "1",
               "members' mean attitude towards the operation at the end"});
  k.push_back({"attitude_candidates_final_mean", final_mean(d.attitude, 0, n + c, candidate), "1",
               "mean attitude towards the operation at the end of those who never were members "
               "(NaN: none)"});
  k.push_back({"attitude_candidates_low_income_final_mean",
               final_mean(d.attitude, 0, n + c, low_candidate), "1",
               "low-income candidates' mean attitude at the end (NaN: none)"});
  if (ms.enabled) {
    for (auto& kpi : membership_kpis(run)) k.push_back(std::move(kpi));
  }
  // Without governance rounds the governance indicators are absent: trust ends here.
  if (run.governance.calendar == "none")
    k.push_back({"trust_pmo_final_mean", final_mean(run.governance.trust_pmo, 0, n, member), "1",
                 "members' mean trust in the PMO at the end"});
  return k;
}

}  // namespace accord::models
