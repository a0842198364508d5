#pragma once
// Collective choice among K options by a vote, from the utilities of the voters who take part.
// Option 0 is always the status quo (keep the current key, rule or price); options 1..K-1 are
// the alternatives. These are the documented decision rules of the model
// (domain/sharing-governance-equity.md §2): the base of a majority (cast or registered votes),
// the quorum and the tie rule are explicit statute parameters, never implicit.
//
// Semantics:
// - Quorum: if sum(weight) / registered_weight < quorum, nothing is decided: status quo,
//   quorum_reached = false (ballots and support are still reported).
// - Base of the shares: sum(weight) of the participants (kCast) or registered_weight
//   (kRegistered: abstentions count against every option).
// - kMajority / kQualifiedMajority / kUnanimity: each alternative k >= 1 is a resolution put
//   against the status quo; voter i votes yes on k when utility(i, k) > utility(i, 0)
//   strictly. support(k) = yes weight / base. Adopted when support > 1/2 (kMajority; exactly
//   1/2 is rejected), support >= qualified_fraction (kQualifiedMajority), or every voter with
//   positive weight votes yes and there is at least one (kUnanimity). Among the adopted
//   alternatives the largest support wins; a tie in support is broken by the larger total
//   utility sum_i weight_i utility(i, k), then by the lower index. None adopted: status quo.
//   support(0) = share of the base voting yes on no alternative. ballot[i] = the best
//   alternative i voted yes on, -1 if none.
// - kPlurality: each voter votes for its top option (ties in its utilities: lower index);
//   support(k) = weight of its voters / base; the largest wins; any tie for the largest
//   support (with or without the status quo) keeps the status quo.
// - kBorda: each voter ranks all K options, K-1 points for the first down to 0, options with
//   equal utility share the average of their points; support(k) = weighted points /
//   ((K - 1) base) (the whole base when K = 1); the largest wins; ties keep the status quo.
//   ballot[i] = top option.
// - kApproval: each voter approves every option whose utility >= its mean utility over the K
//   options (its top option always); support(k) = approving weight / base; the largest wins;
//   ties keep the status quo. ballot[i] = top option.
// Comparisons of shares (quorum, thresholds, ties) allow an absolute rounding tolerance of
// 1e-12; comparisons of utilities a relative one of 1e-12 of max(1, |a|, |b|).
//
// Weighted colleges (French SCIC): give each voter college_voting_weights(...). With kCast,
// every college that votes carries its whole weight W_c shared among its voters, so
// support(k) = sum_c W_c yes_c(k) / votes_c / sum_{c with votes} W_c, exactly the statute's
// formula. With kRegistered, set registered_weight = sum_c W_c (all colleges): absentees and
// colleges with no voter count against. Note that with kCast college weights the quorum is
// measured on college weights (one voter carries a whole college); a statute quorum on members
// is checked on member counts before calling.
#include <Eigen/Dense>
#include <vector>

namespace accord::models::governance {

enum class VotingRule { kMajority, kQualifiedMajority, kPlurality, kBorda, kApproval, kUnanimity };
enum class MajorityBase { kCast, kRegistered };

struct VotingStatute {
  VotingRule rule = VotingRule::kMajority;
  MajorityBase base = MajorityBase::kCast;
  double qualified_fraction = 2.0 / 3.0;  // support needed (>=) under kQualifiedMajority
  double quorum = 0;  // fraction of the registered weight that must take part (>=), in [0, 1]
};

struct VoterSet {
  Eigen::MatrixXd utility;       // [V, K] utility of each option for each voter who takes part
  Eigen::VectorXd weight;        // [V] voting weight (>= 0) of each voter who takes part
  double registered_weight = 0;  // total weight of all registered voters (participants and
                                 // absentees), > 0 and >= sum(weight)
};

struct VoteOutcome {
  int chosen = 0;  // option index; 0 = status quo
  bool quorum_reached = true;
  Eigen::VectorXd support;   // [K] share of the base weight supporting each option (see above)
  std::vector<int> ballot;   // [V] the option each voter voted for (see above), -1 for none
  double participation = 0;  // sum(weight) / registered_weight
};

// Throws std::invalid_argument on inconsistent sizes, K < 1, negative or non-finite weights or
// utilities, registered_weight <= 0 or below the participants' weight, fractions outside [0, 1].
VoteOutcome decide_by_vote(const VoterSet& voters, const VotingStatute& statute);

// Weighted pairwise majority (diagnostic): option a beats b when the weight preferring a
// strictly exceeds the weight preferring b (indifferent voters abstain on that pair). A
// Condorcet winner beats every other option. Returns whether one exists; *winner (if not null)
// receives it, or -1.
bool condorcet_winner(const VoterSet& voters, int* winner);

// Voting weight of each voter who takes part, from its college and the colleges' weights:
// W_c / (number of voters of c who take part) under kCast, W_c / (registered members of c)
// under kRegistered. A college with no voter taking part has its weight lost under
// kRegistered and renormalised away under kCast (see the header comment).
// college_of_voter[v] in [0, C); registered_per_college[c] >= the voters of c taking part;
// college_weight[c] >= 0.
Eigen::VectorXd college_voting_weights(const std::vector<int>& college_of_voter,
                                       const std::vector<int>& registered_per_college,
                                       const std::vector<double>& college_weight,
                                       MajorityBase base);

}  // namespace accord::models::governance
