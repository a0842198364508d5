#pragma once
// Bush–Mosteller reinforcement learning with an adapting aspiration level (Macy & Flache 2002,
// "Learning dynamics in social dilemmas", PNAS 99:7229), as arrays over members.
//
//   stimulus   s = (payoff - aspiration) / sup |possible payoff - aspiration|, in [-1, 1]
//   propensity s >= 0: p <- p + l s (1 - p)      s < 0: p <- p + l s p
//   aspiration A <- (1 - h) A + h payoff          (habituation h; h = 0: fixed aspiration)
//
// Reference (domain/governance-and-fabrique.md §3): payoffs T/R/P/S = 5/3/1/0, A = 5/3,
// l = 0.5, p = 0.5: mutual cooperation gives s = 0.4 and p = 0.6; being exploited gives
// s = -0.5 and p = 0.375.
#include <Eigen/Dense>

namespace accord::models::dynamics {

// Stimulus of each payoff against each aspiration; `scale` is sup |payoff - aspiration| over
// the payoffs that can occur (> 0). Clamped to [-1, 1] so that a payoff outside the range the
// scale assumed cannot push a propensity out of [0, 1].
Eigen::ArrayXd stimulus(const Eigen::ArrayXd& payoff, const Eigen::ArrayXd& aspiration,
                        const Eigen::ArrayXd& scale);

// The propensity after a stimulus (the update of the action that was taken): stays in [0, 1].
Eigen::ArrayXd reinforce(const Eigen::ArrayXd& propensity, const Eigen::ArrayXd& stimulus,
                         double learning_rate);

// The aspiration after a payoff, with habituation h in [0, 1].
Eigen::ArrayXd habituate(const Eigen::ArrayXd& aspiration, const Eigen::ArrayXd& payoff,
                         double habituation);

}  // namespace accord::models::dynamics
