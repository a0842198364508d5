#pragma once
// Inequity aversion (Fehr & Schmidt 1999, "A theory of fairness, competition, and
// cooperation", QJE 114(3)): a party's utility is its own payoff minus a penalty for
// disadvantageous inequality (others earn more, weight alpha) and a smaller one for
// advantageous inequality (others earn less, weight beta), both averaged over the n - 1 others
// (domain/sharing-governance-equity.md §2: apply to normalised payoffs, beta <= alpha,
// 0 <= beta < 1). In the ultimatum game a responder rejects any share below alpha/(1 + 2 alpha).
#include <Eigen/Dense>

namespace accord::models::governance {

// U_i = x_i - alpha_i/(n-1) sum_j max(x_j - x_i, 0) - beta_i/(n-1) sum_j max(x_i - x_j, 0).
// x: payoffs (any unit, normalised in the simulation); alpha, beta: one weight per party.
// O(n log n) by sorting the payoffs and prefix sums, so communities of thousands of members stay
// cheap. n = 1 gives U = x (no one to compare with); n = 0 an empty vector. Throws
// std::invalid_argument when the sizes differ.
Eigen::VectorXd fehr_schmidt_utility(const Eigen::VectorXd& x, const Eigen::VectorXd& alpha,
                                     const Eigen::VectorXd& beta);

}  // namespace accord::models::governance
