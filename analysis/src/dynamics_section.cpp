// The "dynamics" section of `accord analyze` on a run with phase 4 (docs/analyze.md): members'
// satisfaction, aspiration and trust in the PMO over time and by kind and income decile, the
// attitudes of members and candidates, the candidates' attitudes by decile, and (format 1.4)
// who joined and who left, by cause, kind and decile. Means are over the members of each
// period (/periods/member), so that those who left do not count.
#include <map>

#include "run_analysis.hpp"

namespace accord::analysis::detail {

namespace {

using nlohmann::json;

struct Mean {
  double sum = 0;
  std::size_t count = 0;
  void add(double x) {
    sum += x;
    ++count;
  }
  json value() const {
    return count > 0 ? number(sum / static_cast<double>(count)) : json(nullptr);
  }
};

// Mean over members of period m of a [M, width] array's first N columns, for those `keep`.
template <class Keep>
Mean member_mean(const RunData& run, const std::vector<double>& values, std::size_t width,
                 std::size_t m, Keep keep) {
  Mean mean;
  const std::size_t n = run.participants();
  for (std::size_t i = 0; i < n; ++i)
    if (run.member[m * n + i] != 0 && keep(i)) mean.add(values[m * width + i]);
  return mean;
}

// out["by_kind"], out["by_decile"], out["low_income"] and out["not_low_income"]: `row` (a
// function of a participant filter returning a JSON object) for each group of participants.
template <class Row>
void by_group(const RunData& run, json& out, Row row) {
  std::map<std::string, int> kinds;
  std::map<int32_t, int> deciles;
  for (std::size_t i = 0; i < run.participants(); ++i) {
    kinds[run.kinds[i]] = 0;
    deciles[run.income_decile[i]] = 0;
  }
  out["by_kind"] = json::array();
  for (const auto& [kind, unused] : kinds) {
    json r = row([&](std::size_t i) { return run.kinds[i] == kind; });
    r["kind"] = kind;
    out["by_kind"].push_back(std::move(r));
  }
  out["by_decile"] = json::array();
  for (const auto& [decile, unused] : deciles) {
    json r = row([&](std::size_t i) { return run.income_decile[i] == decile; });
    r["decile"] = decile;
    out["by_decile"].push_back(std::move(r));
  }
  out["low_income"] = row([&](std::size_t i) { return run.low_income[i] != 0; });
  out["not_low_income"] = row([&](std::size_t i) { return run.low_income[i] == 0; });
}

// Who joined and who left (format 1.4): counts by state per period, exits by cause, and by
// kind and income decile the founders, those who joined, those who left and the final members.
json membership_part(const RunData& run) {
  const auto& ms = run.dynamics.membership;
  const std::size_t m = run.periods, n = run.participants();
  json out;
  json time = json::object();
  for (const char* key :
       {"candidates", "applicants", "members", "under_notice", "left", "joins", "exits"})
    time[key] = json::array();
  for (std::size_t p = 0; p < m; ++p) {
    std::size_t count[5] = {0, 0, 0, 0, 0}, joins = 0, exits = 0;
    for (std::size_t i = 0; i < n; ++i) {
      ++count[ms.state[p * n + i]];
      joins += ms.joined[i] == static_cast<int32_t>(p) && p > 0 ? 1 : 0;
      exits += ms.left[i] == static_cast<int32_t>(p) ? 1 : 0;
    }
    time["candidates"].push_back(count[0]);
    time["applicants"].push_back(count[1]);
    time["members"].push_back(count[2] + count[3]);
    time["under_notice"].push_back(count[3]);
    time["left"].push_back(count[4]);
    time["joins"].push_back(joins);  // first period as a member
    time["exits"].push_back(exits);  // first period gone
  }
  out["after_each_period"] = std::move(time);
  std::size_t cause[4] = {0, 0, 0, 0};
  for (std::size_t i = 0; i < n; ++i)
    if (ms.left[i] >= 0) ++cause[ms.exit_cause[i]];
  out["exits_by_cause"] = {{"dissatisfied", cause[1]}, {"losses", cause[2]}, {"event", cause[3]}};
  // Counts for the participants `keep` selects.
  auto counts = [&](auto keep) {
    std::size_t founders = 0, joined = 0, left = 0, final_members = 0, never = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!keep(i)) continue;
      founders += ms.joined[i] == 0 ? 1 : 0;
      joined += ms.joined[i] > 0 ? 1 : 0;
      never += ms.joined[i] < 0 ? 1 : 0;
      left += ms.left[i] >= 0 ? 1 : 0;
      final_members += run.member[(m - 1) * n + i] != 0 ? 1 : 0;
    }
    return json{{"founders", founders},
                {"joined", joined},
                {"never_joined", never},
                {"left", left},
                {"members_final", final_members}};
  };
  by_group(run, out, counts);
  return out;
}

}  // namespace

nlohmann::json dynamics_section(const RunData& run) {
  const auto& d = run.dynamics;
  const std::size_t m = run.periods, n = run.participants();
  const std::size_t c = d.candidate_kind.size(), persons = n + c;
  // With membership the candidates are the participants who were not founding members; a
  // person counts as a candidate in a period while it has not joined (states 0 and 1).
  const auto& ms = d.membership;
  auto candidate_at = [&](std::size_t p, std::size_t i) {
    return ms.present() && ms.state[p * n + i] <= 1 && ms.joined[i] != 0;
  };
  json out;
  out["attitude_model"] = d.attitude_model;
  std::size_t joiners = 0;
  for (std::size_t i = 0; ms.present() && i < n; ++i) joiners += ms.joined[i] != 0 ? 1 : 0;
  out["candidates"] = c + joiners;
  out["network_ties"] = d.ties;
  if (m == 0) return out;
  const std::size_t last = m - 1;
  auto all = [](std::size_t) { return true; };

  json time = json::object();
  for (const char* key : {"period", "satisfaction_mean", "aspiration_mean", "trust_pmo_mean",
                          "attitude_members_mean", "attitude_candidates_mean", "members"})
    time[key] = json::array();
  for (std::size_t p = 0; p < m; ++p) {
    time["period"].push_back(iso_date(run.period_start[p]));
    time["satisfaction_mean"].push_back(member_mean(run, d.satisfaction, n, p, all).value());
    time["aspiration_mean"].push_back(member_mean(run, d.aspiration, n, p, all).value());
    time["trust_pmo_mean"].push_back(member_mean(run, d.trust_pmo, n, p, all).value());
    time["attitude_members_mean"].push_back(member_mean(run, d.attitude, persons, p, all).value());
    Mean cand;
    for (std::size_t k = 0; k < c; ++k) cand.add(d.attitude[p * persons + n + k]);
    for (std::size_t i = 0; ms.present() && i < n; ++i)
      if (candidate_at(p, i)) cand.add(d.attitude[p * persons + i]);
    time["attitude_candidates_mean"].push_back(cand.value());
    std::size_t members = 0;
    for (std::size_t i = 0; i < n; ++i) members += run.member[p * n + i] != 0;
    time["members"].push_back(members);
  }
  // Trust in the municipality and each intermediary (format 1.4): members' means over time.
  if (!d.trust_municipality.empty()) {
    time["trust_municipality_mean"] = json::array();
    for (std::size_t p = 0; p < m; ++p)
      time["trust_municipality_mean"].push_back(
          member_mean(run, d.trust_municipality, persons, p, all).value());
  }
  if (!d.intermediary_ids.empty()) {
    json by_id = json::object();
    for (std::size_t k = 0; k < d.intermediary_ids.size(); ++k) {
      json series = json::array();
      for (std::size_t p = 0; p < m; ++p)
        series.push_back(member_mean(run, d.trust_intermediaries[k], persons, p, all).value());
      by_id[d.intermediary_ids[k]] = std::move(series);
    }
    time["trust_intermediaries_mean"] = std::move(by_id);
  }
  out["over_time"] = std::move(time);

  // Final state (last period) by kind and by income decile of the members.
  auto final_row = [&](auto keep) {
    json row;
    row["members"] = member_mean(run, d.satisfaction, n, last, keep).count;
    row["satisfaction_final"] = member_mean(run, d.satisfaction, n, last, keep).value();
    row["aspiration_final"] = member_mean(run, d.aspiration, n, last, keep).value();
    row["trust_pmo_final"] = member_mean(run, d.trust_pmo, n, last, keep).value();
    row["attitude_final"] = member_mean(run, d.attitude, persons, last, keep).value();
    if (!d.trust_municipality.empty())
      row["trust_municipality_final"] =
          member_mean(run, d.trust_municipality, persons, last, keep).value();
    return row;
  };
  by_group(run, out, final_row);

  // Candidates: attitude at the end of the first and of the last period, by income decile.
  std::map<int32_t, std::pair<Mean, Mean>> by_decile;
  for (std::size_t k = 0; k < c; ++k) {
    auto& [first, final] = by_decile[d.candidate_decile[k]];
    first.add(d.attitude[n + k]);
    final.add(d.attitude[last * persons + n + k]);
  }
  // With membership: every non-founder, at the first and the last period (joined or not).
  for (std::size_t i = 0; ms.present() && i < n; ++i) {
    if (ms.joined[i] == 0) continue;
    auto& [first, final] = by_decile[run.income_decile[i]];
    first.add(d.attitude[i]);
    final.add(d.attitude[last * persons + i]);
  }
  if (ms.present()) out["membership"] = membership_part(run);
  out["candidates_by_decile"] = json::array();
  for (const auto& [decile, means] : by_decile)
    out["candidates_by_decile"].push_back({{"decile", decile},
                                           {"candidates", means.first.count},
                                           {"attitude_first", means.first.value()},
                                           {"attitude_final", means.second.value()}});
  return out;
}

}  // namespace accord::analysis::detail
