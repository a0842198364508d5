#include "accord/models/agents/statutes.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "accord/sim/rng.hpp"

namespace accord::models::agents {

namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool has_role(const std::string& role, const Participant& p, const std::set<std::string>& owners,
              const Scenario& s) {
  if (role == "member") return true;
  if (role == "producer") return owners.count(p.id) > 0;
  if (role == "municipality")
    return p.kind == "municipality" ||
           (!s.actors.municipality.id.empty() && p.id == s.actors.municipality.id);
  if (role == "low_income") return p.low_income;
  return false;
}

// Seats of a board among colleges by their weights (largest remainder, ties to the earlier
// college), never more than a college's members.
std::vector<int> seats_by_weight(int seats, const ResolvedStatutes& r) {
  const size_t c = r.college_weight.size();
  std::vector<int> out(c, 0);
  std::vector<double> rem(c, 0);
  int given = 0;
  for (size_t k = 0; k < c; ++k) {
    const double q = seats * r.college_weight[k];
    out[k] = std::min(static_cast<int>(std::floor(q)), r.registered[k]);
    rem[k] = q - std::floor(q);
    given += out[k];
  }
  while (given < seats) {
    int best = -1;
    for (size_t k = 0; k < c; ++k)
      if (out[k] < r.registered[k] && (best < 0 || rem[k] > rem[static_cast<size_t>(best)]))
        best = static_cast<int>(k);
    if (best < 0) break;
    ++out[static_cast<size_t>(best)];
    rem[static_cast<size_t>(best)] = -1;
    ++given;
  }
  return out;
}

}  // namespace

ResolvedStatutes resolve_statutes(const Scenario& s) {
  ResolvedStatutes r;
  const auto& colleges = s.actors.pmo.statutes.colleges;
  const size_t n = s.participants.size();
  std::set<std::string> owners;
  for (const auto& p : s.producers) owners.insert(p.owner);
  if (colleges.empty()) {
    r.college_name = {"members"};
    r.college_weight = {1.0};
    r.member_college.assign(n, 0);
    r.registered = {0};
    for (const auto& p : s.participants) r.registered[0] += p.member_at_start ? 1 : 0;
  } else {
    for (const auto& c : colleges) {
      r.college_name.push_back(c.name);
      r.college_weight.push_back(c.weight);
    }
    r.registered.assign(colleges.size(), 0);
    r.member_college.assign(n, -1);
    for (size_t i = 0; i < n; ++i) {
      const Participant& p = s.participants[i];
      for (size_t c = 0; c < colleges.size(); ++c) {
        const CollegeSpec& col = colleges[c];
        bool match = contains(col.kinds, p.kind) || contains(col.ids, p.id) ||
                     (!p.group.empty() && contains(col.groups, p.group));
        for (const auto& role : col.roles) match = match || has_role(role, p, owners, s);
        if (match) {
          r.member_college[i] = static_cast<int>(c);
          if (p.member_at_start) ++r.registered[c];
          break;
        }
      }
    }
  }
  const BoardSpec& board = s.actors.pmo.statutes.board;
  if (board.size > 0) {
    if (board.chosen_by == "lot") {
      // Seeded draw among members with a vote: order by a keyed uniform, take the first seats.
      const sim::RandomStream rng(s.seed, s.replicate, sim::Purpose::kGovernance,
                                  sim::entity_key(std::string("board")));
      std::vector<std::pair<double, size_t>> order;
      for (size_t i = 0; i < n; ++i)
        if (r.member_college[i] >= 0 && s.participants[i].member_at_start)
          order.emplace_back(rng.uniform(0, sim::entity_key(s.participants[i].id)), i);
      std::sort(order.begin(), order.end());
      for (size_t k = 0; k < order.size() && static_cast<int>(k) < board.size; ++k)
        r.board.push_back(static_cast<int>(order[k].second));
    } else {
      // Seats by college weight; in each college the most engaged members (participation
      // propensity, then id) stand and are elected.
      const std::vector<int> seats = seats_by_weight(board.size, r);
      for (size_t c = 0; c < seats.size(); ++c) {
        std::vector<size_t> members;
        for (size_t i = 0; i < n; ++i)
          if (r.member_college[i] == static_cast<int>(c) && s.participants[i].member_at_start)
            members.push_back(i);
        std::sort(members.begin(), members.end(), [&](size_t a, size_t b) {
          const double pa = s.participants[a].behaviour.participation;
          const double pb = s.participants[b].behaviour.participation;
          return pa != pb ? pa > pb : s.participants[a].id < s.participants[b].id;
        });
        for (int k = 0; k < seats[c] && k < static_cast<int>(members.size()); ++k)
          r.board.push_back(static_cast<int>(members[static_cast<size_t>(k)]));
      }
    }
    std::sort(r.board.begin(), r.board.end());
  }
  return r;
}

}  // namespace accord::models::agents
