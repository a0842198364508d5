#include "accord/models/agents/municipality.hpp"

namespace accord::models::agents {

Municipality::Municipality(const MunicipalitySpec& spec,
                           const std::vector<Participant>& participants)
    : spec_(spec) {
  for (size_t i = 0; i < participants.size(); ++i) {
    if (!spec_.id.empty() && participants[i].id == spec_.id) member_ = static_cast<int>(i);
    low_income_.push_back(participants[i].low_income ? 1 : 0);
  }
}

const ObjectiveWeights& Municipality::objectives_at(int64_t t_utc) const {
  const ObjectiveWeights* w = &spec_.objectives;
  for (const auto& e : spec_.elections)
    if (e.at_utc <= t_utc) w = &e.objectives;
  return *w;
}

double Municipality::utility(const OptionOutcome& o, int64_t t_utc) const {
  const ObjectiveWeights& w = objectives_at(t_utc);
  const double reference = std::max(1.0, o.reference_eur.sum());
  const Eigen::VectorXd x = o.normalised();
  double low = 0;
  int n_low = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i)
    if (low_income_[static_cast<size_t>(i)]) {
      low += x(i);
      ++n_low;
    }
  if (n_low > 0) low /= n_low;
  return w[0] * o.territorial_eur / reference + w[1] * low +
         w[2] * o.municipality_plants_eur / reference + w[3] * o.self_sufficiency;
}

}  // namespace accord::models::agents
