#include "accord/analysis/procedural.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

namespace accord::analysis {

namespace {

constexpr int32_t kNotAVoter = -2;

double ratio(double a, double b) {
  return b > 0 ? a / b : kProceduralNaN;
}

// A group of participants given by membership of each participant.
using Mask = std::vector<bool>;

template <class Key>
std::map<Key, Mask> masks_by(const std::vector<Key>& key_of) {
  std::map<Key, Mask> out;
  for (std::size_t i = 0; i < key_of.size(); ++i) {
    auto& m = out[key_of[i]];
    if (m.empty()) m.assign(key_of.size(), false);
    m[i] = true;
  }
  return out;
}

const std::vector<double>* behaviour_column(const RunData& run, const std::string& name) {
  for (const auto& c : run.behaviour)
    if (c.name == name) return &c.values;
  return nullptr;
}

ParticipationGroup participation_of(const RunData& run, const Mask& mask, std::string name) {
  const auto& gov = run.governance;
  const std::size_t n = run.participants();
  ParticipationGroup g;
  g.group = std::move(name);
  const auto* drawn = behaviour_column(run, "participation");
  double drawn_sum = 0;
  int drawn_count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!mask[i]) continue;
    int64_t eligible = 0;
    for (std::size_t r = 0; r < gov.rows; ++r) {
      const int32_t b = gov.ballot[r * n + i];
      if (b == kNotAVoter) continue;
      ++eligible;
      if (b >= 0) ++g.took_part;
    }
    if (eligible == 0) continue;
    g.eligible += eligible;
    ++g.members;
    if (drawn != nullptr && std::isfinite((*drawn)[i])) {
      drawn_sum += (*drawn)[i];
      ++drawn_count;
    }
  }
  g.rate = g.eligible > 0 ? static_cast<double>(g.took_part) / static_cast<double>(g.eligible)
                          : kProceduralNaN;
  if (drawn_count > 0) g.mean_drawn_participation = drawn_sum / drawn_count;
  return g;
}

// Participants that were members in at least one period (all when /periods/member is empty).
Mask ever_members(const RunData& run) {
  const std::size_t n = run.participants();
  if (run.member.size() != run.periods * n || run.periods == 0) return Mask(n, true);
  Mask out(n, false);
  for (std::size_t p = 0; p < run.periods; ++p)
    for (std::size_t i = 0; i < n; ++i)
      if (run.member[p * n + i]) out[i] = true;
  return out;
}

PowerGroup power_of(const RunData& run, const Mask& base, const Mask& mask, std::string name) {
  const auto& vp = run.voting_power;
  const std::size_t n = run.participants();
  PowerGroup g;
  g.group = std::move(name);
  int base_count = 0;
  double ss = 0, bz = 0, ss_total = 0, bz_total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double s = std::isfinite(vp.member_shapley_shubik[i]) ? vp.member_shapley_shubik[i] : 0;
    const double b = std::isfinite(vp.member_banzhaf[i]) ? vp.member_banzhaf[i] : 0;
    ss_total += s;
    bz_total += b;
    if (!base[i]) continue;
    ++base_count;
    if (!mask[i]) continue;
    ++g.members;
    if (vp.member_college[i] >= 0) ++g.voters;
    ss += s;
    bz += b;
  }
  g.member_share = ratio(g.members, base_count);
  g.shapley_shubik_share = ratio(ss, ss_total);
  g.banzhaf_share = ratio(bz, bz_total);
  g.shapley_shubik_ratio = ratio(g.shapley_shubik_share, g.member_share);
  g.banzhaf_ratio = ratio(g.banzhaf_share, g.member_share);
  return g;
}

DecisionSide side_of(const RunData& run, const Mask& mask, std::string name) {
  const auto& gov = run.governance;
  const std::size_t n = run.participants();
  const std::size_t k = gov.options;
  DecisionSide d;
  d.group = std::move(name);
  std::vector<int> votes(k);
  for (std::size_t r = 0; r < gov.rows && k > 0; ++r) {
    if (gov.protocol[r] != "vote") continue;
    std::fill(votes.begin(), votes.end(), 0);
    int voters = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const int32_t b = gov.ballot[r * n + i];
      if (!mask[i] || b < 0 || static_cast<std::size_t>(b) >= k) continue;
      ++votes[static_cast<std::size_t>(b)];
      ++voters;
    }
    if (voters == 0) continue;
    ++d.rows;
    const int top = *std::max_element(votes.begin(), votes.end());
    if (std::count(votes.begin(), votes.end(), top) > 1) ++d.ties;
    const int64_t chosen = gov.chosen[r];
    if (chosen >= 0 && static_cast<std::size_t>(chosen) < k &&
        votes[static_cast<std::size_t>(chosen)] == top)
      ++d.on_side;
  }
  d.share = d.rows > 0 ? static_cast<double>(d.on_side) / d.rows : kProceduralNaN;
  return d;
}

RoundsStats rounds_of(const GovernanceRecords& gov, const std::function<bool(std::size_t)>& keep) {
  RoundsStats s;
  double sum = 0;
  for (std::size_t r = 0; r < gov.rows; ++r) {
    if (!keep(r)) continue;
    ++s.rows;
    sum += static_cast<double>(gov.rounds[r]);
    s.max = s.rows == 1 ? gov.rounds[r] : std::max(s.max, gov.rounds[r]);
  }
  if (s.rows > 0) s.mean = sum / s.rows;
  return s;
}

bool negotiated(const std::string& protocol) {
  return protocol == "bargaining" || protocol == "single_text";
}

}  // namespace

ProceduralIndicators procedural_indicators(const RunData& run) {
  const auto& gov = run.governance;
  const std::size_t n = run.participants();
  ProceduralIndicators out;
  out.rows = gov.rows;

  // Participation.
  const Mask everyone(n, true);
  out.participation = participation_of(run, everyone, "all");
  for (const auto& [kind, mask] : masks_by(run.kinds)) {
    auto g = participation_of(run, mask, kind);
    if (g.members > 0) out.participation_by_kind.push_back(std::move(g));
  }
  for (const auto& [decile, mask] : masks_by(run.income_decile)) {
    auto g = participation_of(run, mask, std::to_string(decile));
    if (g.members > 0) out.participation_by_decile.push_back(std::move(g));
  }

  // Voting power.
  const auto& vp = run.voting_power;
  out.has_voting_power = vp.present();
  if (out.has_voting_power) {
    out.voting_power_exact = vp.exact;
    double weights = 0;
    int64_t members = 0;
    for (std::size_t c = 0; c < vp.college.size(); ++c) {
      weights += vp.college_weight[c];
      members += vp.college_members[c];
    }
    for (std::size_t c = 0; c < vp.college.size(); ++c) {
      CollegePower p;
      p.college = vp.college[c];
      p.weight = vp.college_weight[c];
      p.weight_share = ratio(p.weight, weights);
      p.members = vp.college_members[c];
      p.member_share = ratio(static_cast<double>(p.members), static_cast<double>(members));
      p.shapley_shubik = vp.college_shapley_shubik[c];
      p.banzhaf = vp.college_banzhaf[c];
      p.shapley_shubik_ratio = ratio(p.shapley_shubik, p.member_share);
      p.banzhaf_ratio = ratio(p.banzhaf, p.member_share);
      out.colleges.push_back(std::move(p));
    }
    const Mask base = ever_members(run);
    for (const auto& [kind, mask] : masks_by(run.kinds)) {
      auto g = power_of(run, base, mask, kind);
      if (g.members > 0) out.power_by_kind.push_back(std::move(g));
    }
    for (const auto& [decile, mask] : masks_by(run.income_decile)) {
      auto g = power_of(run, base, mask, std::to_string(decile));
      if (g.members > 0) out.power_by_decile.push_back(std::move(g));
    }
  }

  // Whose side the votes fall on.
  Mask low(n, false);
  for (std::size_t i = 0; i < n; ++i) low[i] = run.low_income[i] != 0;
  out.low_income_side = side_of(run, low, "low_income");
  out.all_voters_side = side_of(run, everyone, "all_voters");
  for (const auto& [kind, mask] : masks_by(run.kinds)) {
    auto d = side_of(run, mask, kind);
    if (d.rows > 0) out.side_by_kind.push_back(std::move(d));
  }

  // Rounds to agreement, changes, deciding bodies, quorum, forecast error.
  out.rounds_negotiated =
      rounds_of(gov, [&](std::size_t r) { return negotiated(gov.protocol[r]); });
  out.rounds_all = rounds_of(gov, [](std::size_t) { return true; });
  int agreed = 0;
  for (std::size_t r = 0; r < gov.rows; ++r)
    if (negotiated(gov.protocol[r]) && gov.agreed[r]) ++agreed;
  if (out.rounds_negotiated.rows > 0)
    out.agreement_share = static_cast<double>(agreed) / out.rounds_negotiated.rows;

  for (const char* body : {"assembly", "board", "municipality", "parties", "mediator"})
    out.decided_by.emplace_back(body, 0);
  double forecast_sum = 0, support_sum = 0;
  int support_rows = 0;
  for (std::size_t r = 0; r < gov.rows; ++r) {
    out.rule_changes += gov.changed[r] ? 1 : 0;
    auto item = std::find_if(out.changes_by_item.begin(), out.changes_by_item.end(),
                             [&](const ItemChanges& c) { return c.item == gov.item[r]; });
    if (item == out.changes_by_item.end())
      item = out.changes_by_item.insert(out.changes_by_item.end(), ItemChanges{gov.item[r], 0, 0});
    ++item->rows;
    item->changed += gov.changed[r] ? 1 : 0;
    auto body = std::find_if(out.decided_by.begin(), out.decided_by.end(),
                             [&](const auto& e) { return e.first == gov.decided_by[r]; });
    if (body == out.decided_by.end())
      body = out.decided_by.insert(out.decided_by.end(), {gov.decided_by[r], 0});
    ++body->second;
    if (!gov.quorum_reached[r]) ++out.quorum_misses;
    if (std::isfinite(gov.forecast_error[r])) {
      forecast_sum += gov.forecast_error[r];
      ++out.forecast_rows;
    }
    if (gov.protocol[r] == "vote" && std::isfinite(gov.support[r])) {
      support_sum += gov.support[r];
      ++support_rows;
    }
  }
  if (out.forecast_rows > 0) out.mean_forecast_error = forecast_sum / out.forecast_rows;
  if (support_rows > 0) out.mean_support = support_sum / support_rows;
  return out;
}

}  // namespace accord::analysis
