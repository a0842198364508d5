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
  auto any = [](Eigen::Index) { return true; };
  auto low_candidate = [&](Eigen::Index j) {
    return d.candidates[static_cast<size_t>(j)].low_income;
  };
  k.push_back({"satisfaction_final_mean", final_mean(d.satisfaction, 0, n, member), "1",
               "members' mean satisfaction (propensity to stay) at the end"});
  k.push_back({"satisfaction_final_low_income_mean", final_mean(d.satisfaction, 0, n, low_member),
               "1", "low-income members' mean satisfaction at the end"});
  k.push_back({"aspiration_final_mean", final_mean(d.aspiration, 0, n, member), "1",
               "members' mean aspiration (expected gain, share of the reference bill) at the end"});
  k.push_back({"attitude_members_final_mean", final_mean(d.attitude, 0, n, member), "1",
               "members' mean attitude towards the operation at the end"});
  k.push_back({"attitude_candidates_final_mean", final_mean(d.attitude, n, c, any), "1",
               "candidates' mean attitude towards the operation at the end (NaN: none)"});
  k.push_back({"attitude_candidates_low_income_final_mean",
               final_mean(d.attitude, n, c, low_candidate), "1",
               "low-income candidates' mean attitude at the end (NaN: none)"});
  // Without governance rounds the governance indicators are absent: trust ends here.
  if (run.governance.calendar == "none")
    k.push_back({"trust_pmo_final_mean", final_mean(run.governance.trust_pmo, 0, n, member), "1",
                 "members' mean trust in the PMO at the end"});
  return k;
}

}  // namespace accord::models
