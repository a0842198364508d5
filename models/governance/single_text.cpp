// Mediated single negotiation text with truthful unanimous votes and mediator annealing.
#include "accord/models/governance/single_text.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>

namespace accord::models::governance {

namespace {

// Texts evaluated so far; std::map keeps references stable across insertions.
class TextCache {
 public:
  explicit TextCache(const TextUtility& utility) : utility_(utility) {}

  const Eigen::VectorXd& operator()(const std::vector<int>& text) {
    const auto found = cache_.find(text);
    if (found != cache_.end()) return found->second;
    Eigen::VectorXd u = utility_(text);
    if (u.size() < 1 || !u.allFinite() || (!cache_.empty() && u.size() != parties_)) {
      throw std::invalid_argument(
          "single_negotiation_text: the utility callback must return the same number (>= 1) of "
          "finite values for every text");
    }
    parties_ = u.size();
    return cache_.emplace(text, std::move(u)).first->second;
  }

  int evaluations() const { return static_cast<int>(cache_.size()); }

 private:
  const TextUtility& utility_;
  std::map<std::vector<int>, Eigen::VectorXd> cache_;
  Eigen::Index parties_ = 0;
};

bool weakly_better(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  for (Eigen::Index j = 0; j < a.size(); ++j) {
    if (a[j] < b[j] - 1e-12 * std::max(1.0, std::abs(b[j]))) return false;
  }
  return true;
}

}  // namespace

SingleTextOutcome single_negotiation_text(const std::vector<int>& options_per_item,
                                          const TextUtility& utility,
                                          const SingleTextParams& params,
                                          const sim::RandomStream& stream, uint64_t round_key) {
  if (!utility) throw std::invalid_argument("single_negotiation_text: no utility callback");
  for (int k : options_per_item) {
    if (k < 1) throw std::invalid_argument("single_negotiation_text: every item needs >= 1 option");
  }
  if (params.max_rounds < 0 || !(params.initial_temperature >= 0.0) ||
      !std::isfinite(params.initial_temperature) ||
      !(params.cooling >= 0.0 && params.cooling <= 1.0)) {
    throw std::invalid_argument(
        "single_negotiation_text: max_rounds >= 0, temperature >= 0 finite, cooling in [0, 1]");
  }
  std::size_t changes_per_text = 0;  // every text has the same number of single changes
  for (int k : options_per_item) changes_per_text += static_cast<std::size_t>(k - 1);

  TextCache evaluate(utility);
  SingleTextOutcome out;
  std::vector<int> current(options_per_item.size(), 0);
  const Eigen::VectorXd status_quo = evaluate(current);
  out.text = current;
  double best_welfare = status_quo.sum();
  // Rejected changes (item, option) at each text, so that the mediator never repeats one there.
  std::map<std::vector<int>, std::set<std::pair<std::size_t, int>>> rejected;
  double temperature = params.initial_temperature;
  uint64_t counter = 0;
  std::vector<std::pair<std::size_t, int>> candidates;
  candidates.reserve(changes_per_text);

  for (int round = 0; round < params.max_rounds; ++round) {
    auto& rejected_here = rejected[current];
    if (rejected_here.size() >= changes_per_text) break;  // a local optimum for unanimity
    candidates.clear();
    for (std::size_t item = 0; item < options_per_item.size(); ++item) {
      for (int option = 0; option < options_per_item[item]; ++option) {
        if (option != current[item] && rejected_here.count({item, option}) == 0) {
          candidates.emplace_back(item, option);
        }
      }
    }
    const double draw = stream.uniform(round_key, counter++);
    const auto pick =
        std::min(static_cast<std::size_t>(draw * static_cast<double>(candidates.size())),
                 candidates.size() - 1);
    const auto change = candidates[pick];
    std::vector<int> proposal = current;
    proposal[change.first] = change.second;
    const Eigen::VectorXd& u_current = evaluate(current);
    const Eigen::VectorXd& u_proposal = evaluate(proposal);
    ++out.rounds;

    bool keep = weakly_better(u_proposal, u_current);  // every party accepts
    if (!keep && temperature > 0.0) {
      // The mediator's annealing: the larger the rejecters' loss relative to welfare, the less
      // likely it keeps the change; cooling makes it ever less willing.
      const Eigen::ArrayXd change_of_utility = (u_proposal - u_current).array();
      const double loss = (-change_of_utility).max(0.0).sum();
      double scale = std::abs(u_current.sum());
      if (scale <= 1e-12 * std::max(1.0, u_current.cwiseAbs().sum())) {
        scale = change_of_utility.abs().sum();
      }
      const double p = std::exp(-(loss / scale) / temperature);
      keep = stream.uniform(round_key, counter++) < p;
    }
    if (keep) {
      ++out.changes_kept;
      const double welfare = u_proposal.sum();
      if (welfare > best_welfare && weakly_better(u_proposal, status_quo)) {
        best_welfare = welfare;
        out.text = proposal;
      }
      current = std::move(proposal);
    } else {
      rejected_here.insert(change);
    }
    temperature *= params.cooling;
  }
  out.evaluations = evaluate.evaluations();
  out.improved = std::any_of(out.text.begin(), out.text.end(), [](int o) { return o != 0; });
  return out;
}

}  // namespace accord::models::governance
