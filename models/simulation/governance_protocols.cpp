#include "governance_protocols.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "accord/models/governance/alternating_offers.hpp"
#include "accord/models/governance/single_text.hpp"
#include "accord/models/governance/time_dependent_tactics.hpp"
#include "accord/models/governance/voting.hpp"
#include "accord/models/governance/zeuthen.hpp"

namespace accord::models {

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// The assembly: present members with a college vote; quorum on the weighted turnout
// sum_c W_c present_c / registered_c (so a college's absentees count against it).
void assembly_vote(const ItemOnTable& item, output::GovernanceRow& row,
                   const ProtocolContext& ctx) {
  const auto& st = *ctx.statutes;
  const auto& voting = ctx.statute_spec->voting;
  const auto C = st.college_name.size();
  std::vector<int> present_in(C, 0);
  std::vector<int> voters, college_of;
  for (size_t i = 0; i < st.member_college.size(); ++i) {
    const int c = st.member_college[i];
    if (c < 0 || !(*ctx.present)[i]) continue;
    voters.push_back(static_cast<int>(i));
    college_of.push_back(c);
    ++present_in[static_cast<size_t>(c)];
  }
  double registered_weight = 0, turnout = 0;
  for (size_t c = 0; c < C; ++c) {
    registered_weight += st.college_weight[c];
    if (st.registered[c] > 0)
      turnout += st.college_weight[c] * present_in[c] / static_cast<double>(st.registered[c]);
  }
  row.decided_by = "assembly";
  row.rounds = 1;
  row.participation = registered_weight > 0 ? turnout / registered_weight : 0;
  for (int v : voters) row.ballot[static_cast<size_t>(v)] = 0;
  for (size_t i = 0; i < st.member_college.size(); ++i)
    if (st.member_college[i] >= 0 && !(*ctx.present)[i]) row.ballot[i] = -1;
  row.quorum_reached = row.participation + 1e-12 >= voting.quorum;
  if (!row.quorum_reached || voters.empty()) {
    row.quorum_reached = false;
    row.chosen = 0;
    row.support = kNan;
    return;
  }
  governance::VoterSet vs;
  const auto K = item.utility.cols();
  vs.utility.resize(static_cast<Eigen::Index>(voters.size()), K);
  for (size_t v = 0; v < voters.size(); ++v)
    vs.utility.row(static_cast<Eigen::Index>(v)) = item.utility.row(voters[v]);
  vs.weight =
      governance::college_voting_weights(college_of, st.registered, st.college_weight, voting.base);
  vs.registered_weight = std::max(registered_weight, vs.weight.sum());
  governance::VotingStatute statute = voting;
  statute.quorum = 0;  // checked above on the members' turnout
  const governance::VoteOutcome out = governance::decide_by_vote(vs, statute);
  row.chosen = out.chosen;
  row.support = out.support(out.chosen);
  for (size_t v = 0; v < voters.size(); ++v)
    row.ballot[static_cast<size_t>(voters[v])] = static_cast<int16_t>(std::max(out.ballot[v], 0));
}

// The board decides alone by simple majority of its members (one seat one vote, all sit).
void board_vote(const ItemOnTable& item, output::GovernanceRow& row, const ProtocolContext& ctx) {
  const auto& board = ctx.statutes->board;
  row.decided_by = "board";
  row.rounds = 1;
  row.participation = 1;
  governance::VoterSet vs;
  vs.utility.resize(static_cast<Eigen::Index>(board.size()), item.utility.cols());
  for (size_t b = 0; b < board.size(); ++b)
    vs.utility.row(static_cast<Eigen::Index>(b)) = item.utility.row(board[b]);
  vs.weight = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(board.size()));
  vs.registered_weight = static_cast<double>(board.size());
  if (board.empty()) {
    row.chosen = 0;
    return;
  }
  const governance::VoteOutcome out = governance::decide_by_vote(vs, governance::VotingStatute{});
  row.chosen = out.chosen;
  row.support = out.support(out.chosen);
  for (size_t b = 0; b < board.size(); ++b)
    row.ballot[static_cast<size_t>(board[b])] = static_cast<int16_t>(std::max(out.ballot[b], 0));
}

// The municipality decides alone: its best option; the status quo unless another is strictly
// better.
void municipal_decree(const ItemOnTable& item, output::GovernanceRow& row) {
  row.decided_by = "municipality";
  row.rounds = 1;
  row.participation = 1;  // the one decision-maker took part
  int best = 0;
  for (Eigen::Index k = 1; k < item.municipality.size(); ++k)
    if (item.municipality(k) > item.municipality(best) + 1e-12) best = static_cast<int>(k);
  row.chosen = best;
}

void bargain(const ItemOnTable& item, output::GovernanceRow& row, const ProtocolContext& ctx) {
  const BargainingSpec& b = ctx.governance->bargaining;
  const Eigen::MatrixXd u = party_utilities(item.utility, item.municipality, ctx);
  governance::BargainingOutcome out;
  if (u.rows() == 0) {
    out.chosen = 0;
  } else if (b.method == "alternating_offers") {
    out = governance::alternating_offers(u, Eigen::VectorXd::Constant(u.rows(), b.discount),
                                         b.max_rounds);
  } else if (b.method == "time_dependent") {
    std::vector<governance::TacticParams> tactics(static_cast<size_t>(u.rows()),
                                                  governance::TacticParams{b.kappa, b.beta});
    out = governance::time_dependent_negotiation(u, tactics, b.max_rounds);
  } else {
    out = governance::zeuthen(u, b.max_rounds);
  }
  row.decided_by = "parties";
  row.chosen = out.chosen;
  row.rounds = out.rounds;
  row.agreed = out.agreed;
  row.participation = 1;
}

}  // namespace

std::vector<std::string> party_names(const ProtocolContext& ctx) {
  const auto& listed = ctx.governance->bargaining.parties;
  if (!listed.empty()) return listed;
  std::vector<std::string> names;
  for (size_t c = 0; c < ctx.statutes->college_name.size(); ++c)
    if (ctx.statutes->registered[c] > 0) names.push_back(ctx.statutes->college_name[c]);
  return names;
}

Eigen::MatrixXd party_utilities(const Eigen::MatrixXd& member_utility,
                                const Eigen::VectorXd& municipality, const ProtocolContext& ctx) {
  const std::vector<std::string> names = party_names(ctx);
  const auto& st = *ctx.statutes;
  Eigen::MatrixXd u =
      Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(names.size()), member_utility.cols());
  for (size_t p = 0; p < names.size(); ++p) {
    const auto row = static_cast<Eigen::Index>(p);
    if (names[p] == "municipality" && ctx.municipality_present) {
      u.row(row) = municipality.transpose();
      continue;
    }
    const auto c = std::find(st.college_name.begin(), st.college_name.end(), names[p]) -
                   st.college_name.begin();
    int count = 0;
    for (size_t i = 0; i < st.member_college.size(); ++i)
      if (st.member_college[i] == static_cast<int>(c)) {
        u.row(row) += member_utility.row(static_cast<Eigen::Index>(i));
        ++count;
      }
    if (count > 0) u.row(row) /= count;
  }
  return u;
}

void decide_item(const ItemOnTable& item, output::GovernanceRow& row, const ProtocolContext& ctx) {
  using Protocol = void (*)(const ItemOnTable&, output::GovernanceRow&, const ProtocolContext&);
  static const std::map<std::string, Protocol> registry{
      {"vote", &assembly_vote},
      {"bargaining", &bargain},
      {"delegated",
       [](const ItemOnTable& i, output::GovernanceRow& r, const ProtocolContext& c) {
         if (i.spec->delegate == "municipality")
           municipal_decree(i, r);
         else
           board_vote(i, r, c);
       }},
  };
  const auto it = registry.find(item.protocol);
  if (it == registry.end()) throw std::invalid_argument("unknown protocol " + item.protocol);
  row.support = kNan;
  it->second(item, row, ctx);
}

MediatedText mediate_text(const std::vector<ItemOnTable>& table, const std::vector<size_t>& items,
                          const PartyUtility& utility, const SingleTextSpec& spec,
                          const sim::RandomStream& stream, int64_t period) {
  std::vector<int> options_per_item;
  for (size_t a : items) options_per_item.push_back(static_cast<int>(table[a].options.size()));
  governance::SingleTextParams params;
  params.max_rounds = spec.max_rounds;
  params.initial_temperature = spec.temperature;
  params.cooling = spec.cooling;
  const governance::SingleTextOutcome out = governance::single_negotiation_text(
      options_per_item, utility, params, stream, static_cast<uint64_t>(period));
  return MediatedText{out.text, out.rounds, out.improved};
}

}  // namespace accord::models
