#pragma once
// Time-dependent negotiation tactics (Faratin, Sierra & Jennings 1998, "Negotiation decision
// functions for autonomous agents", Robotics and Autonomous Systems 24(3-4)): a party concedes
// from its best outcome towards its reservation value as the deadline approaches, slowly at
// first (Boulware, beta < 1) or quickly (Conceder, beta > 1). Round, acceptance and walk-away
// semantics are explicit (domain/governance-and-fabrique.md §2, NegMAS lesson).
#include <Eigen/Dense>
#include <vector>

#include "accord/models/governance/bargaining.hpp"

namespace accord::models::governance {

// Concession fraction alpha(t) = kappa + (1 - kappa) (min(t, T)/T)^(1/beta), with t clamped at
// 0 from below: 0 -> kappa (initial concession), T -> 1 (reservation). With kappa = 0 at
// t/T = 0.5: beta = 1 -> 0.5, beta = 0.5 -> 0.25, beta = 2 -> 0.7071.
// deadline > 0, kappa in [0, 1], beta > 0, t finite; else std::invalid_argument.
double faratin_alpha(double t, double deadline, double kappa, double beta);

struct TacticParams {
  double kappa = 0;  // initial concession fraction, [0, 1]
  double beta = 1;   // > 0: < 1 Boulware (holds out), 1 linear, > 1 Conceder
};

// n parties, K options (option 0 = status quo = each party's reservation), rounds t = 1 .. T
// (T = deadline_rounds >= 1). At round t party i aspires to
// a_i(t) = u_max_i - alpha_i(t) (u_max_i - u0_i), u_max_i its best utility over all options,
// u0_i its status quo utility, alpha_i = faratin_alpha(t, T, kappa_i, beta_i) (so a_i(T) =
// u0_i). The proposer of round t is party (t - 1) mod n; among the options other than the
// status quo with own utility >= its aspiration it offers the one with the largest minimum,
// over the other parties, of their utility gain over the status quo (ties: larger sum of
// utilities, then lower index; a lone party scores its own gain). Every other party accepts
// when its utility of the offer is >= its aspiration at t; all accept -> agreement at round t.
// After round T without agreement -> status quo (walk-away). Comparisons allow a rounding
// tolerance of 1e-12 relative to the utilities' magnitude.
// offers[t - 1] = the proposer's offer at round t (0 when no option but the status quo meets its
// aspiration, i.e. no offer). Throws std::invalid_argument on invalid input.
BargainingOutcome time_dependent_negotiation(const Eigen::MatrixXd& utility,
                                             const std::vector<TacticParams>& tactics,
                                             int deadline_rounds);

}  // namespace accord::models::governance
