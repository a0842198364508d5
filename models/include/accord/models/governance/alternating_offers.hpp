#pragma once
// Alternating offers (Rubinstein 1982, "Perfect equilibrium in a bargaining model",
// Econometrica 50(1)): parties take turns proposing, every other party accepts or rejects, and
// each round of delay shrinks what a party gets by its discount factor delta. The more patient
// party (larger delta) gets more, and the first proposer has an advantage.
#include <Eigen/Dense>

#include "accord/models/governance/bargaining.hpp"

namespace accord::models::governance {

// Closed form of the infinite-horizon two-party split of a unit pie: the first proposer's share
// (1 - delta2)/(1 - delta1 delta2) (Rubinstein 1982). Published: 0.5263 for (0.9, 0.9),
// 0.7143 for (0.9, 0.8), 0.6897 for (0.95, 0.9). Deltas in [0, 1], not both 1, else
// std::invalid_argument.
double rubinstein_first_share(double delta1, double delta2);

// Finite-horizon alternating offers among n parties over K options, solved by backward
// induction (the subgame-perfect equilibrium of the game with max_rounds rounds). The proposer
// of round r (1-based) is party (r - 1) mod n. In the last round the proposer offers its best
// option among those every responder weakly prefers to the status quo (utility(j, k) >=
// utility(j, 0)). In an earlier round responder j accepts option k when
// utility(j, k) - u0_j >= delta_j (c_j - u0_j), where u0 is the status quo and c the utility of
// the next round's equilibrium offer, and the proposer offers its best acceptable option.
// Ties: larger sum of utilities, then lower index. The comparisons allow a rounding tolerance of
// 1e-12 relative to the utilities' magnitude so that grid options on the exact threshold count.
// Delay never pays: the next round's offer is always acceptable a round earlier, so agreement
// happens in round 1 (rounds = 1). If the equilibrium offer is the status quo (nothing beats it
// for everyone), agreed = false and chosen = 0.
// offers[r - 1] = equilibrium offer of round r, for r = 1 .. max_rounds.
// delta: one discount factor per party in [0, 1]; max_rounds >= 1. Throws
// std::invalid_argument on invalid input.
BargainingOutcome alternating_offers(const Eigen::MatrixXd& utility, const Eigen::VectorXd& delta,
                                     int max_rounds);

}  // namespace accord::models::governance
