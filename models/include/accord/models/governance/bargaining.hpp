#pragma once
// Bargaining among n parties over K discrete options (domain/governance-and-fabrique.md §3,
// domain/sharing-governance-equity.md §2). Every protocol reads a utility matrix
// [parties, K]; option 0 is the status quo, which is also the disagreement outcome (walk-away,
// deadline, no option acceptable to all). The protocols live in alternating_offers.hpp
// (Rubinstein), zeuthen.hpp (monotonic concession) and time_dependent_tactics.hpp (Faratin et
// al.); this header holds what they share.
#include <Eigen/Dense>
#include <vector>

namespace accord::models::governance {

struct BargainingOutcome {
  int chosen = 0;           // option index; 0 = status quo
  int rounds = 0;           // rounds played (the round of agreement when agreed)
  bool agreed = false;      // an option other than the status quo was agreed; false = status quo
  std::vector<int> offers;  // offer trace; each protocol documents its layout
};

namespace detail {

// Throws std::invalid_argument (prefixed by `who`) unless utility has >= 1 party, >= 1 option
// and only finite entries.
void require_utility(const Eigen::MatrixXd& utility, const char* who);

// Strict preference of `party` between options a and b, used by every protocol so that ties
// break the same way: higher own utility, then larger sum of utilities, then lower index.
bool prefers(const Eigen::MatrixXd& utility, int party, int a, int b);

// Among options for which ok(k) holds, the one maximising score(k) with ties broken by the
// larger sum of utilities, then the lower index; -1 when none.
template <class Ok, class Score>
int best_option(const Eigen::MatrixXd& utility, Ok ok, Score score) {
  int best = -1;
  double best_score = 0;
  double best_sum = 0;
  for (int k = 0; k < static_cast<int>(utility.cols()); ++k) {
    if (!ok(k)) continue;
    const double s = score(k);
    const double sum = utility.col(k).sum();
    if (best < 0 || s > best_score || (s == best_score && sum > best_sum)) {
      best = k;
      best_score = s;
      best_sum = sum;
    }
  }
  return best;
}

}  // namespace detail
}  // namespace accord::models::governance
