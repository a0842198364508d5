// Voting (models/governance/voting.hpp): each rule on a 5-voter example decided by hand,
// quorum, bases, tie rules, unanimity, Condorcet, and college weights against the statute's
// formula support = sum_c W_c yes_c / votes_c.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

#include "accord/models/governance/voting.hpp"

using namespace accord::models::governance;

namespace {

// Options: 0 = status quo (SQ), 1 = A, 2 = B. Equal weights 1, 5 registered.
VoterSet voters_of(const std::vector<std::vector<double>>& utility, std::vector<double> weight = {},
                   double registered = 0) {
  VoterSet v;
  const auto n = static_cast<Eigen::Index>(utility.size());
  v.utility.resize(n, static_cast<Eigen::Index>(utility[0].size()));
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index k = 0; k < v.utility.cols(); ++k) v.utility(i, k) = utility[i][k];
  if (weight.empty()) weight.assign(utility.size(), 1.0);
  v.weight = Eigen::Map<const Eigen::VectorXd>(weight.data(), n);
  v.registered_weight = registered > 0 ? registered : v.weight.sum();
  return v;
}

VotingStatute statute_of(VotingRule rule, MajorityBase base = MajorityBase::kCast) {
  VotingStatute s;
  s.rule = rule;
  s.base = base;
  return s;
}

// A profile where the rules disagree:
//   v0: A > B > SQ      v1: B > A > SQ      v2: B > SQ > A
//   v3: SQ > B > A      v4: A = B > SQ
const std::vector<std::vector<double>> kProfile{
    {0, 3, 1}, {0, 1, 3}, {1, 0, 2}, {2, 0, 1}, {0, 2, 2}};

}  // namespace

TEST_CASE("Majority against the status quo, with its tie-breaks", "[governance][voting]") {
  // Yes on A: v0, v1, v3 (3/5). Yes on B: v0, v1, v2 (3/5). v4 says no to both.
  // Both adopted with equal support; total utility decides: A = 2+1-1+1-1 = 2 against
  // B = 1+2+1-1-3 = 0 in the first profile, and the other way round in the second.
  std::vector<std::vector<double>> u{{0, 2, 1}, {0, 1, 2}, {0, -1, 1}, {0, 1, -1}, {0, -1, -3}};
  VoteOutcome out = decide_by_vote(voters_of(u), statute_of(VotingRule::kMajority));
  CHECK(out.chosen == 1);
  CHECK(out.quorum_reached);
  CHECK(out.support[0] == Approx(0.2));
  CHECK(out.support[1] == Approx(0.6));
  CHECK(out.support[2] == Approx(0.6));
  CHECK(out.ballot == std::vector<int>{1, 2, 2, 1, -1});
  CHECK(out.participation == 1.0);
  u[4] = {0, -3, -1};  // A = 0, B = 2
  out = decide_by_vote(voters_of(u), statute_of(VotingRule::kMajority));
  CHECK(out.chosen == 2);
  u[4] = {0, -2, -2};  // A = 1, B = 1: lower index
  out = decide_by_vote(voters_of(u), statute_of(VotingRule::kMajority));
  CHECK(out.chosen == 1);
  // Larger support beats larger utility: v2 now also says yes to A (4/5 against 3/5), B keeps
  // the larger total utility thanks to v1.
  u = {{0, 2, 1}, {0, 1, 50}, {0, 0.5, 1}, {0, 1, -1}, {0, -1, -1}};
  out = decide_by_vote(voters_of(u), statute_of(VotingRule::kMajority));
  CHECK(out.support[1] == Approx(0.8));
  CHECK(out.chosen == 1);
}

TEST_CASE("Majority: exactly one half is not adopted; the base matters", "[governance][voting]") {
  // 4 voters, 2 for A: support 0.5 is not a majority.
  const std::vector<std::vector<double>> u{{0, 1}, {0, 1}, {1, 0}, {0, -1}};
  VoteOutcome out = decide_by_vote(voters_of(u), statute_of(VotingRule::kMajority));
  CHECK(out.support[1] == 0.5);
  CHECK(out.chosen == 0);
  // Weight 1.0001 on a yes voter tips it.
  out = decide_by_vote(voters_of(u, {1.0001, 1, 1, 1}), statute_of(VotingRule::kMajority));
  CHECK(out.chosen == 1);
  // 3 of 5 registered take part, 2 say yes: 2/3 of the cast votes, 2/5 of the registered.
  const std::vector<std::vector<double>> w{{0, 1}, {0, 1}, {1, 0}};
  const VoterSet three = voters_of(w, {}, 5);
  out = decide_by_vote(three, statute_of(VotingRule::kMajority, MajorityBase::kCast));
  CHECK(out.chosen == 1);
  CHECK(out.support[1] == Approx(2.0 / 3));
  CHECK(out.participation == Approx(0.6));
  out = decide_by_vote(three, statute_of(VotingRule::kMajority, MajorityBase::kRegistered));
  CHECK(out.chosen == 0);
  CHECK(out.support[1] == Approx(0.4));
  CHECK(out.support[0] == Approx(0.2));
  // Indifference is not a yes.
  out = decide_by_vote(voters_of({{1, 1}, {1, 1}, {0, 1}}), statute_of(VotingRule::kMajority));
  CHECK(out.chosen == 0);
  CHECK(out.ballot == std::vector<int>{-1, -1, 1});
}

TEST_CASE("Qualified majority: two thirds reached exactly is adopted", "[governance][voting]") {
  VotingStatute s = statute_of(VotingRule::kQualifiedMajority);
  // 3/5 for A: below 2/3.
  std::vector<std::vector<double>> u{{0, 1}, {0, 1}, {0, 1}, {1, 0}, {1, 0}};
  CHECK(decide_by_vote(voters_of(u), s).chosen == 0);
  s.qualified_fraction = 0.6;
  CHECK(decide_by_vote(voters_of(u), s).chosen == 1);
  s.qualified_fraction = 2.0 / 3;
  // 2 of 3: exactly 2/3.
  CHECK(decide_by_vote(voters_of({{0, 1}, {0, 1}, {1, 0}}), s).chosen == 1);
  // 4/5 for A.
  u[3] = {0, 1};
  CHECK(decide_by_vote(voters_of(u), s).chosen == 1);
}

TEST_CASE("Unanimity: one dissenter keeps the status quo", "[governance][voting]") {
  const VotingStatute s = statute_of(VotingRule::kUnanimity);
  std::vector<std::vector<double>> u{{0, 1, 2}, {0, 1, 2}, {0, 1, 2}, {0, 1, 2}, {0, 2, -1}};
  // Everybody wants A, v4 is against B.
  VoteOutcome out = decide_by_vote(voters_of(u), s);
  CHECK(out.chosen == 1);
  CHECK(out.support[1] == 1.0);
  CHECK(out.support[2] == Approx(0.8));
  u[4] = {0, -1, -1};
  out = decide_by_vote(voters_of(u), s);
  CHECK(out.chosen == 0);
  // A voter with no weight is not asked.
  u[4] = {0, -1, -1};
  out = decide_by_vote(voters_of(u, {1, 1, 1, 1, 0}), s);
  CHECK(out.chosen == 2);  // A and B both unanimous and at support 1; B has more utility
  // Nobody with weight: nothing is unanimous.
  CHECK(decide_by_vote(voters_of({{0, 1}}, {0}, 1), s).chosen == 0);
}

TEST_CASE("Plurality: top choices, ties keep the status quo", "[governance][voting]") {
  // Tops: v0 A, v1 B, v2 B, v3 SQ, v4 A (A = B: lower index). A 2, B 2, SQ 1: tie -> SQ.
  const VotingStatute s = statute_of(VotingRule::kPlurality);
  VoteOutcome out = decide_by_vote(voters_of(kProfile), s);
  CHECK(out.ballot == std::vector<int>{1, 2, 2, 0, 1});
  CHECK(out.support[1] == Approx(0.4));
  CHECK(out.support[2] == Approx(0.4));
  CHECK(out.chosen == 0);
  // v4 leaning to B: B 3 wins.
  auto u = kProfile;
  u[4] = {0, 2, 2.5};
  CHECK(decide_by_vote(voters_of(u), s).chosen == 2);
  // v1 weighs 2: B 3 against A 2.
  CHECK(decide_by_vote(voters_of(kProfile, {1, 2, 1, 1, 1}), s).chosen == 2);
  // A tie between the status quo and an alternative: status quo (here A 2, SQ 2, B 1).
  u = {{0, 1, -1}, {0, 1, -1}, {1, 0, 0}, {1, 0, 0}, {0, -1, 1}};
  out = decide_by_vote(voters_of(u), s);
  CHECK(out.support[0] == Approx(0.4));
  CHECK(out.chosen == 0);
}

TEST_CASE("Borda: average points for ties", "[governance][voting]") {
  // Points (SQ, A, B): v0 (0, 2, 1), v1 (0, 1, 2), v2 (1, 0, 2), v3 (2, 0, 1), v4 (0, 1.5, 1.5).
  // Totals SQ 3, A 4.5, B 7.5 out of 2 x 5: B wins.
  const VotingStatute s = statute_of(VotingRule::kBorda);
  VoteOutcome out = decide_by_vote(voters_of(kProfile), s);
  CHECK(out.chosen == 2);
  CHECK(out.support[0] == Approx(0.3));
  CHECK(out.support[1] == Approx(0.45));
  CHECK(out.support[2] == Approx(0.75));
  CHECK(out.support.sum() == Approx(1.5));  // K/2 points per voter on average
  // Two voters, opposite rankings: every option tied at 1 point each -> SQ.
  out = decide_by_vote(voters_of({{0, 1, 2}, {2, 1, 0}}), s);
  CHECK(out.chosen == 0);
  // Polarised voters, A second for four of them: SQ 2+0+2+0+0 = 4, A 5, B 0+2+0+2+2 = 6, B
  // wins; with v4 at (0, 3, 2) A, nobody else's first choice, wins with 6 against B 5.
  out = decide_by_vote(voters_of({{2, 1, 0}, {0, 1, 2}, {2, 1, 0}, {0, 1, 2}, {0, 2, 3}}), s);
  CHECK(out.chosen == 2);
  out = decide_by_vote(voters_of({{2, 1, 0}, {0, 1, 2}, {2, 1, 0}, {0, 1, 2}, {0, 3, 2}}), s);
  CHECK(out.chosen == 1);
}

TEST_CASE("Approval: options at or above the voter's mean", "[governance][voting]") {
  // Means: v0 4/3 -> A; v1 4/3 -> B; v2 1 -> SQ, B; v3 1 -> SQ, B; v4 4/3 -> A, B.
  // Approvals SQ 2, A 2, B 4: B.
  const VotingStatute s = statute_of(VotingRule::kApproval);
  VoteOutcome out = decide_by_vote(voters_of(kProfile), s);
  CHECK(out.chosen == 2);
  CHECK(out.support[0] == Approx(0.4));
  CHECK(out.support[1] == Approx(0.4));
  CHECK(out.support[2] == Approx(0.8));
  CHECK(out.ballot == std::vector<int>{1, 2, 2, 0, 1});
  // Indifferent voter approves everything; ties keep the status quo.
  out = decide_by_vote(voters_of({{1, 1, 1}, {0, 1, 0}, {0, 0, 1}}), s);
  CHECK(out.support[0] == Approx(1.0 / 3));
  CHECK(out.chosen == 0);
}

TEST_CASE("Quorum not reached keeps the status quo", "[governance][voting]") {
  // 5 of 10 registered take part and all want A.
  const VoterSet v = voters_of({{0, 1}, {0, 1}, {0, 1}, {0, 1}, {0, 1}}, {}, 10);
  VotingStatute s = statute_of(VotingRule::kMajority);
  s.quorum = 0.6;
  VoteOutcome out = decide_by_vote(v, s);
  CHECK_FALSE(out.quorum_reached);
  CHECK(out.chosen == 0);
  CHECK(out.participation == 0.5);
  CHECK(out.support[1] == 1.0);  // what the vote would have said
  s.quorum = 0.5;                // reached exactly
  out = decide_by_vote(v, s);
  CHECK(out.quorum_reached);
  CHECK(out.chosen == 1);
  for (VotingRule rule : {VotingRule::kPlurality, VotingRule::kBorda, VotingRule::kApproval,
                          VotingRule::kUnanimity, VotingRule::kQualifiedMajority}) {
    s = statute_of(rule);
    s.quorum = 0.75;
    CHECK(decide_by_vote(v, s).chosen == 0);
  }
}

TEST_CASE("Condorcet winner and cycle", "[governance][voting]") {
  int winner = 7;
  // B beats A 3-1 (v4 indifferent) and SQ 4-1; A beats SQ 3-2.
  CHECK(condorcet_winner(voters_of(kProfile), &winner));
  CHECK(winner == 2);
  // SQ > A > B, A > B > SQ, B > SQ > A: a cycle.
  CHECK_FALSE(condorcet_winner(voters_of({{3, 2, 1}, {1, 3, 2}, {2, 1, 3}}), &winner));
  CHECK(winner == -1);
  // v0 weighing 2: SQ beats A 3-1 but ties B 2-2 (v1 and v2 prefer B): still no winner.
  // v0 weighing 3: SQ beats A 4-1 and B 3-2.
  CHECK_FALSE(condorcet_winner(voters_of({{3, 2, 1}, {1, 3, 2}, {2, 1, 3}}, {2, 1, 1}), &winner));
  CHECK(condorcet_winner(voters_of({{3, 2, 1}, {1, 3, 2}, {2, 1, 3}}, {3, 1, 1}), &winner));
  CHECK(winner == 0);
}

TEST_CASE("College weights reproduce sum_c W_c yes_c / votes_c", "[governance][voting]") {
  // Random communities of 4 colleges; some colleges have no voter taking part. The statute's
  // support is computed here independently from the counts per college.
  const std::vector<double> college_weight{0.4, 0.3, 0.2, 0.1};
  const std::vector<int> registered{10, 8, 6, 4};
  std::mt19937 gen(12345);
  std::uniform_real_distribution<double> utility(-1, 1);
  std::bernoulli_distribution takes_part(0.5);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<int> college_of;
    for (int c = 0; c < 4; ++c)
      for (int m = 0; m < registered[c]; ++m)
        if (takes_part(gen) && !(trial % 5 == 0 && c == 3)) college_of.push_back(c);
    if (college_of.empty()) continue;
    const auto v_count = static_cast<Eigen::Index>(college_of.size());
    VoterSet v;
    v.utility.resize(v_count, 3);
    for (Eigen::Index i = 0; i < v_count; ++i)
      for (Eigen::Index k = 0; k < 3; ++k) v.utility(i, k) = utility(gen);
    std::vector<int> votes(4, 0);
    std::vector<std::vector<int>> yes(4, std::vector<int>(3, 0));
    for (Eigen::Index i = 0; i < v_count; ++i) {
      const int c = college_of[static_cast<std::size_t>(i)];
      ++votes[c];
      for (int k = 1; k < 3; ++k)
        if (v.utility(i, k) > v.utility(i, 0)) ++yes[c][k];
    }
    for (MajorityBase base : {MajorityBase::kCast, MajorityBase::kRegistered}) {
      INFO("trial " << trial << " base " << static_cast<int>(base));
      v.weight = college_voting_weights(college_of, registered, college_weight, base);
      v.registered_weight = 1.0;  // sum of the colleges' weights
      const VoteOutcome out = decide_by_vote(v, statute_of(VotingRule::kMajority, base));
      for (int k = 1; k < 3; ++k) {
        double numerator = 0, voting_weight = 0;
        for (int c = 0; c < 4; ++c) {
          if (votes[c] == 0) continue;
          const int denominator = base == MajorityBase::kCast ? votes[c] : registered[c];
          numerator += college_weight[c] * yes[c][k] / denominator;
          voting_weight += college_weight[c];
        }
        const double expected =
            base == MajorityBase::kCast ? numerator / voting_weight : numerator / 1.0;
        CHECK(std::abs(out.support[k] - expected) <= 1e-12);
      }
    }
  }
}

TEST_CASE("College weights per voter", "[governance][voting]") {
  // College 0 (W 0.5): 2 of 4 vote; college 1 (W 0.3): 1 of 3; college 2 (W 0.2): none of 5.
  const std::vector<int> of{0, 1, 0};
  const Eigen::VectorXd cast =
      college_voting_weights(of, {4, 3, 5}, {0.5, 0.3, 0.2}, MajorityBase::kCast);
  CHECK(cast[0] == 0.25);
  CHECK(cast[1] == Approx(0.3));
  CHECK(cast[2] == 0.25);
  const Eigen::VectorXd registered =
      college_voting_weights(of, {4, 3, 5}, {0.5, 0.3, 0.2}, MajorityBase::kRegistered);
  CHECK(registered[0] == 0.125);
  CHECK(registered[1] == Approx(0.1));
  CHECK_THROWS_AS(college_voting_weights({3}, {1, 1}, {0.5, 0.5}, MajorityBase::kCast),
                  std::invalid_argument);
  CHECK_THROWS_AS(college_voting_weights({0, 0}, {1, 1}, {0.5, 0.5}, MajorityBase::kCast),
                  std::invalid_argument);
  CHECK_THROWS_AS(college_voting_weights({0}, {1}, {0.5, 0.5}, MajorityBase::kCast),
                  std::invalid_argument);
}

TEST_CASE("Invalid votes are rejected", "[governance][voting][error]") {
  VoterSet v = voters_of({{0, 1}, {0, 1}});
  v.weight.resize(3);
  v.weight.setOnes();
  CHECK_THROWS_AS(decide_by_vote(v, {}), std::invalid_argument);
  v = voters_of({{0, 1}, {0, 1}}, {1, -1}, 2);
  CHECK_THROWS_AS(decide_by_vote(v, {}), std::invalid_argument);
  v = voters_of({{0, 1}, {0, 1}}, {1, 1}, 1.5);  // fewer registered than taking part
  CHECK_THROWS_AS(decide_by_vote(v, {}), std::invalid_argument);
  v = voters_of({{0, 1}, {0, 1}});
  VotingStatute s;
  s.quorum = 1.5;
  CHECK_THROWS_AS(decide_by_vote(v, s), std::invalid_argument);
  s = {};
  s.qualified_fraction = 0;
  CHECK_THROWS_AS(decide_by_vote(v, s), std::invalid_argument);
}
