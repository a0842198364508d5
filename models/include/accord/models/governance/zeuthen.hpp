#pragma once
// Monotonic concession with the Zeuthen rule (Zeuthen 1930; Harsanyi 1956, "Approaches to the
// bargaining problem before and after the theory of games", Econometrica 24(2)): each party
// holds an offer; the party with the least to lose from conflict, the lowest "risk", concedes.
// With two parties and small concessions the process ends at the Nash bargaining solution
// (maximum of the product of gains over the status quo): u1 = x, u2 = sqrt(1 - x), d = 0 gives
// x = 2/3, u2 = 0.5774 (domain/governance-and-fabrique.md §3).
#include <Eigen/Dense>

#include "accord/models/governance/bargaining.hpp"

namespace accord::models::governance {

// n parties over K options (utility [parties, K], option 0 = status quo). Each party starts at
// its best option. A party only ever offers options it weakly prefers to the status quo
// (individual rationality). Each round:
//  1. if some party's current offer is accepted by all (utility(j, offer) >= utility(j, own
//     current offer) for every j), agree on it; several: the larger sum of utilities, then the
//     lower index;
//  2. otherwise party i's risk = (u_i(own) - u_i(worst of the others' offers)) / (u_i(own) -
//     u_i(0)), clamped to [0, 1] (a probability of conflict); a party whose own offer is no
//     better than the status quo has risk 0;
//  3. the party with the lowest risk concedes, all of them on a tie (relative tolerance 1e-12):
//     it moves to the next option in decreasing order of own utility (ties: larger sum, lower
//     index) that is better for at least one other party than its current offer, i.e. the
//     smallest concession; a party with nothing left to concede walks away -> status quo.
// With more than two parties this is the weak multilateral concession of Endriss (2006,
// "Monotonic concession protocols for multilateral negotiation", AAMAS): a concession need
// help only one other party, so a party can concede towards one rival's favourite, then
// another's, and walk away although a compromise all prefer to the status quo exists (e.g.
// utilities (0,6,1,1,3), (0,1,6,1,3), (0,1,1,5,3): the third party concedes to 4, 1, 2, then
// walks away). After max_rounds rounds without agreement -> status quo. Comparisons of utilities
// allow a rounding tolerance of 1e-12 relative to the utilities' magnitude. agreed is true when an
// option other than the status quo was agreed; rounds = rounds played. offers[(r - 1) n + i] =
// offer of party i at the start of round r. max_rounds >= 1, else std::invalid_argument.
BargainingOutcome zeuthen(const Eigen::MatrixXd& utility, int max_rounds);

}  // namespace accord::models::governance
