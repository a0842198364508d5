#include "accord/models/dynamics/bush_mosteller.hpp"

namespace accord::models::dynamics {

Eigen::ArrayXd stimulus(const Eigen::ArrayXd& payoff, const Eigen::ArrayXd& aspiration,
                        const Eigen::ArrayXd& scale) {
  return ((payoff - aspiration) / scale).max(-1.0).min(1.0);
}

Eigen::ArrayXd reinforce(const Eigen::ArrayXd& propensity, const Eigen::ArrayXd& stimulus,
                         double learning_rate) {
  // A positive stimulus moves p towards 1 by a share of the distance left, a negative one
  // towards 0: both keep p in [0, 1] for l in [0, 1].
  const Eigen::ArrayXd room = (stimulus >= 0).select(1.0 - propensity, propensity);
  return propensity + learning_rate * stimulus * room;
}

Eigen::ArrayXd habituate(const Eigen::ArrayXd& aspiration, const Eigen::ArrayXd& payoff,
                         double habituation) {
  return (1.0 - habituation) * aspiration + habituation * payoff;
}

}  // namespace accord::models::dynamics
