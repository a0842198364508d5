// Helpers shared by the bargaining protocols: input checks and one tie-breaking rule.
#include "accord/models/governance/bargaining.hpp"

#include <stdexcept>
#include <string>

namespace accord::models::governance::detail {

void require_utility(const Eigen::MatrixXd& utility, const char* who) {
  if (utility.rows() < 1 || utility.cols() < 1) {
    throw std::invalid_argument(std::string(who) + ": utility needs >= 1 party and >= 1 option");
  }
  if (!utility.allFinite()) {
    throw std::invalid_argument(std::string(who) + ": utility has non-finite entries");
  }
}

bool prefers(const Eigen::MatrixXd& utility, int party, int a, int b) {
  const double ua = utility(party, a);
  const double ub = utility(party, b);
  if (ua != ub) return ua > ub;
  const double sa = utility.col(a).sum();
  const double sb = utility.col(b).sum();
  if (sa != sb) return sa > sb;
  return a < b;
}

}  // namespace accord::models::governance::detail
