#pragma once
// Attitudes towards the operation, in [0, 1], spreading by pairwise meetings.
//
// Bounded confidence (Deffuant, Neau, Amblard & Weisbuch 2000, Adv. Complex Syst. 3:87): when
// two agents whose opinions differ by less than d meet, each moves a fraction mu towards the
// other. The number of major clusters it leaves is about floor(1 / (2d)).
//
// Relative agreement (Deffuant, Amblard, Weisbuch & Faure 2002, JASSS 5(4)): each agent also
// has an uncertainty u; i influences j when their segments [x - u, x + u] overlap by
// h_ij > u_i, by the relative agreement ra = h_ij / u_i - 1: x_j += mu ra (x_i - x_j),
// u_j += mu ra (u_i - u_j); j influences i the same way. Confident agents (small u) sway uncertain
// ones more than the reverse, which is what lets a convinced minority (initiators, a mediator)
// carry others. Independent re-implementations did not reproduce the 2002 paper's figures (Meadows
// & Cliff 2012): accord tests relative agreement by its invariants, not by those figures.
//
// A meeting draws i uniformly and j uniformly among i's neighbours (or among all others
// without a network); draws keyed by (round, meeting), so a round is a pure function of the
// seed. Meetings are sequential: each sees the opinions the previous ones left.
#include <Eigen/Dense>
#include <cstdint>

#include "accord/models/dynamics/social_network.hpp"
#include "accord/sim/rng.hpp"

namespace accord::models::dynamics {

struct Meetings {
  const SocialNetwork* network = nullptr;  // nullptr: everyone can meet everyone
  int64_t count = 0;                       // meetings in this round
  uint64_t round = 0;                      // the draw counter of this round (period)
};

// One side of a meeting: how j moves when i acts on it (i itself is not moved). The pairwise
// rounds below apply both sides from the values before the meeting; an actor reaching out
// (a mediator) applies only its own side.
void bounded_confidence_influence(double xi, double& xj, double confidence, double convergence);
void relative_agreement_influence(double xi, double ui, double& xj, double& uj, double convergence);

void bounded_confidence(Eigen::ArrayXd& opinion, double confidence, double convergence,
                        const Meetings& meetings, const sim::RandomStream& stream);

void relative_agreement(Eigen::ArrayXd& opinion, Eigen::ArrayXd& uncertainty, double convergence,
                        const Meetings& meetings, const sim::RandomStream& stream);

// Clusters of sorted opinions split where consecutive opinions are more than `gap` apart;
// counts those holding at least `min_share` of the agents (the "major" clusters).
int count_major_clusters(const Eigen::ArrayXd& opinion, double gap, double min_share);

}  // namespace accord::models::dynamics
