// Decision by vote among a status quo and alternatives, and the voting weights of colleges
// (semantics documented in voting.hpp).
#include "accord/models/governance/voting.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace accord::models::governance {
namespace {

// Shares are in [0, 1]: an absolute allowance absorbs the rounding of sums of college weights
// such as 0.2 / 3 without ever turning a clear decision.
constexpr double kShareTolerance = 1e-12;
constexpr double kUtilityTolerance = 1e-12;  // relative

bool utility_greater(double a, double b) {
  return a > b + kUtilityTolerance * std::max({1.0, std::abs(a), std::abs(b)});
}
bool utility_equal(double a, double b) {
  return !utility_greater(a, b) && !utility_greater(b, a);
}

void fail(const std::string& message) {
  throw std::invalid_argument("decide_by_vote: " + message);
}

void validate(const VoterSet& voters) {
  if (voters.utility.cols() < 1) fail("at least one option (the status quo) is needed");
  if (voters.utility.rows() != voters.weight.size()) fail("utility and weight differ in voters");
  if (!voters.utility.allFinite()) fail("utilities must be finite");
  if (!voters.weight.allFinite() || (voters.weight.array() < 0).any())
    fail("weights must be finite and >= 0");
  if (!(voters.registered_weight > 0) || !std::isfinite(voters.registered_weight))
    fail("registered_weight must be finite and > 0");
  if (voters.weight.sum() > voters.registered_weight * (1 + kShareTolerance))
    fail("registered_weight is below the weight of the voters who take part");
}

void validate(const VotingStatute& statute) {
  if (!(statute.quorum >= 0 && statute.quorum <= 1)) fail("quorum must be in [0, 1]");
  if (!(statute.qualified_fraction > 0 && statute.qualified_fraction <= 1))
    fail("qualified_fraction must be in (0, 1]");
}

// Top option of one voter; ties in its utilities go to the lower index.
int top_option(const Eigen::MatrixXd& utility, Eigen::Index voter) {
  int best = 0;
  for (Eigen::Index k = 1; k < utility.cols(); ++k)
    if (utility_greater(utility(voter, k), utility(voter, best))) best = static_cast<int>(k);
  return best;
}

// The unique option with the largest support; any tie for the largest keeps the status quo.
int unique_largest(const Eigen::VectorXd& support) {
  Eigen::Index best = 0;
  const double top = support.maxCoeff(&best);
  int at_top = 0;
  for (Eigen::Index k = 0; k < support.size(); ++k)
    if (support[k] >= top - kShareTolerance) ++at_top;
  return at_top == 1 ? static_cast<int>(best) : 0;
}

// kMajority, kQualifiedMajority, kUnanimity: each alternative against the status quo.
void decide_by_resolutions(const VoterSet& voters, const VotingStatute& statute, double base,
                           VoteOutcome& out) {
  const Eigen::Index v_count = voters.utility.rows();
  const Eigen::Index k_count = voters.utility.cols();
  Eigen::VectorXd yes_weight = Eigen::VectorXd::Zero(k_count);
  Eigen::VectorXi yes_voters = Eigen::VectorXi::Zero(k_count);
  int positive_voters = 0;
  for (Eigen::Index i = 0; i < v_count; ++i) {
    const double w = voters.weight[i];
    if (w > 0) ++positive_voters;
    int best = -1;
    for (Eigen::Index k = 1; k < k_count; ++k) {
      if (!utility_greater(voters.utility(i, k), voters.utility(i, 0))) continue;
      yes_weight[k] += w;
      if (w > 0) ++yes_voters[k];
      if (best < 0 || utility_greater(voters.utility(i, k), voters.utility(i, best)))
        best = static_cast<int>(k);
    }
    out.ballot[i] = best;
    if (best < 0) yes_weight[0] += w;  // voted for no alternative
  }
  if (base <= 0) return;  // nobody with weight: nothing can be adopted
  out.support = yes_weight / base;
  const Eigen::VectorXd total_utility = voters.utility.transpose() * voters.weight;
  int chosen = 0;
  for (Eigen::Index k = 1; k < k_count; ++k) {
    bool adopted = false;
    switch (statute.rule) {
      case VotingRule::kMajority:
        adopted = out.support[k] > 0.5 + kShareTolerance;
        break;
      case VotingRule::kQualifiedMajority:
        adopted = out.support[k] >= statute.qualified_fraction - kShareTolerance;
        break;
      default:  // kUnanimity
        adopted = positive_voters > 0 && yes_voters[k] == positive_voters;
        break;
    }
    if (!adopted) continue;
    if (chosen == 0 || out.support[k] > out.support[chosen] + kShareTolerance ||
        (out.support[k] >= out.support[chosen] - kShareTolerance &&
         utility_greater(total_utility[k], total_utility[chosen])))
      chosen = static_cast<int>(k);
  }
  out.chosen = chosen;
}

// kPlurality, kBorda, kApproval: a score per option, the unique largest wins.
void decide_by_scores(const VoterSet& voters, const VotingStatute& statute, double base,
                      VoteOutcome& out) {
  const Eigen::Index v_count = voters.utility.rows();
  const Eigen::Index k_count = voters.utility.cols();
  Eigen::VectorXd score = Eigen::VectorXd::Zero(k_count);
  for (Eigen::Index i = 0; i < v_count; ++i) {
    const double w = voters.weight[i];
    const auto row = voters.utility.row(i);
    const int top = top_option(voters.utility, i);
    out.ballot[i] = top;
    switch (statute.rule) {
      case VotingRule::kPlurality:
        score[top] += w;
        break;
      case VotingRule::kBorda:
        for (Eigen::Index k = 0; k < k_count; ++k) {
          double points = 0;  // options below k, plus half of those tied with it
          for (Eigen::Index j = 0; j < k_count; ++j) {
            if (j == k) continue;
            if (utility_greater(row[k], row[j]))
              points += 1;
            else if (utility_equal(row[k], row[j]))
              points += 0.5;
          }
          score[k] += w * points;
        }
        break;
      default: {  // kApproval
        const double mean = row.mean();
        for (Eigen::Index k = 0; k < k_count; ++k)
          if (k == top || !utility_greater(mean, row[k])) score[k] += w;
        break;
      }
    }
  }
  if (base <= 0) return;
  const double scale =
      statute.rule == VotingRule::kBorda && k_count > 1 ? static_cast<double>(k_count - 1) : 1.0;
  out.support = score / (scale * base);
  out.chosen = unique_largest(out.support);
}

}  // namespace

VoteOutcome decide_by_vote(const VoterSet& voters, const VotingStatute& statute) {
  validate(voters);
  validate(statute);
  VoteOutcome out;
  const Eigen::Index k_count = voters.utility.cols();
  out.support = Eigen::VectorXd::Zero(k_count);
  out.ballot.assign(static_cast<std::size_t>(voters.utility.rows()), -1);
  const double cast = voters.weight.sum();
  out.participation = cast / voters.registered_weight;
  const double base = statute.base == MajorityBase::kCast ? cast : voters.registered_weight;
  switch (statute.rule) {
    case VotingRule::kMajority:
    case VotingRule::kQualifiedMajority:
    case VotingRule::kUnanimity:
      decide_by_resolutions(voters, statute, base, out);
      break;
    case VotingRule::kPlurality:
    case VotingRule::kBorda:
    case VotingRule::kApproval:
      decide_by_scores(voters, statute, base, out);
      break;
  }
  if (out.participation < statute.quorum - kShareTolerance) {
    out.quorum_reached = false;
    out.chosen = 0;
  }
  return out;
}

bool condorcet_winner(const VoterSet& voters, int* winner) {
  validate(voters);
  const Eigen::Index k_count = voters.utility.cols();
  const double tolerance = kShareTolerance * voters.weight.sum();
  if (winner != nullptr) *winner = -1;
  for (Eigen::Index a = 0; a < k_count; ++a) {
    bool beats_all = true;
    for (Eigen::Index b = 0; b < k_count && beats_all; ++b) {
      if (b == a) continue;
      double for_a = 0, for_b = 0;
      for (Eigen::Index i = 0; i < voters.utility.rows(); ++i) {
        if (utility_greater(voters.utility(i, a), voters.utility(i, b))) for_a += voters.weight[i];
        if (utility_greater(voters.utility(i, b), voters.utility(i, a))) for_b += voters.weight[i];
      }
      beats_all = for_a > for_b + tolerance;
    }
    if (beats_all) {
      if (winner != nullptr) *winner = static_cast<int>(a);
      return true;
    }
  }
  return false;
}

Eigen::VectorXd college_voting_weights(const std::vector<int>& college_of_voter,
                                       const std::vector<int>& registered_per_college,
                                       const std::vector<double>& college_weight,
                                       MajorityBase base) {
  const std::size_t colleges = college_weight.size();
  if (registered_per_college.size() != colleges)
    throw std::invalid_argument("college_voting_weights: registered and weights differ in size");
  std::vector<int> votes(colleges, 0);
  for (int c : college_of_voter) {
    if (c < 0 || static_cast<std::size_t>(c) >= colleges)
      throw std::invalid_argument("college_voting_weights: college index out of range");
    ++votes[c];
  }
  for (std::size_t c = 0; c < colleges; ++c) {
    if (!std::isfinite(college_weight[c]) || college_weight[c] < 0)
      throw std::invalid_argument("college_voting_weights: college weights must be >= 0");
    if (votes[c] > registered_per_college[c])
      throw std::invalid_argument("college_voting_weights: college " + std::to_string(c) +
                                  " has more voters than registered members");
  }
  Eigen::VectorXd weight(static_cast<Eigen::Index>(college_of_voter.size()));
  for (std::size_t v = 0; v < college_of_voter.size(); ++v) {
    const int c = college_of_voter[v];
    const int share = base == MajorityBase::kCast ? votes[c] : registered_per_college[c];
    weight[static_cast<Eigen::Index>(v)] = college_weight[c] / share;
  }
  return weight;
}

}  // namespace accord::models::governance
