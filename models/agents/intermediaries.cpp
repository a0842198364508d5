#include "accord/models/agents/intermediaries.hpp"

#include <algorithm>

namespace accord::models::agents {

namespace {

template <class T>
bool listed_or_empty(const std::vector<T>& list, const T& value) {
  return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

bool outreach_targets(const MediationSpec& mediation, const std::string& kind, int decile) {
  return listed_or_empty(mediation.outreach_kinds, kind) &&
         listed_or_empty(mediation.outreach_deciles, decile);
}

std::vector<size_t> chosen_contacts(const std::vector<uint64_t>& person_keys,
                                    const std::function<bool(size_t)>& eligible, uint64_t actor_key,
                                    const sim::RandomStream& stream, int64_t period, size_t count) {
  std::vector<std::pair<double, size_t>> targets;
  for (size_t i = 0; i < person_keys.size(); ++i)
    if (eligible(i))
      targets.emplace_back(
          stream.uniform(static_cast<uint64_t>(period), person_keys[i] ^ actor_key), i);
  const size_t take = std::min(targets.size(), count);
  std::partial_sort(targets.begin(), targets.begin() + static_cast<std::ptrdiff_t>(take),
                    targets.end());
  std::vector<size_t> out;
  for (size_t k = 0; k < take; ++k) out.push_back(targets[k].second);
  return out;
}

Intermediaries::Intermediaries(const Scenario& s) : specs_(s.actors.intermediaries) {
  for (const auto& p : s.participants) {
    kind_.push_back(p.kind);
    decile_.push_back(p.income_decile);
    key_.push_back(sim::entity_key(p.id));
  }
}

Eigen::VectorXd Intermediaries::after_outreach(const Eigen::VectorXd& participation, int64_t t,
                                               const sim::RandomStream& stream,
                                               int64_t period) const {
  Eigen::VectorXd p = participation;
  for (size_t m = 0; m < specs_.size(); ++m) {
    const IntermediarySpec& s = specs_[m];
    if (!s.mediation || !s.engaged_at(t) || s.mediation_params.outreach_contacts <= 0) continue;
    const MediationSpec& med = s.mediation_params;
    const auto contacted = chosen_contacts(
        key_, [&](size_t i) { return outreach_targets(med, kind_[i], decile_[i]); },
        sim::entity_key(s.id), stream, period, static_cast<size_t>(med.outreach_contacts));
    for (size_t i : contacted) {
      const auto row = static_cast<Eigen::Index>(i);
      p(row) += med.participation_boost * (1.0 - p(row));
    }
  }
  return p;
}

Eigen::VectorXd Intermediaries::forecast_sd(const Eigen::VectorXd& base, int64_t t) const {
  Eigen::VectorXd sd = base;
  for (const auto& s : specs_) {
    if (!s.expertise || !s.engaged_at(t)) continue;
    for (Eigen::Index i = 0; i < sd.size(); ++i)
      if (listed_or_empty(s.expertise_params.advises, kind_[static_cast<size_t>(i)]))
        sd(i) *= 1.0 - s.expertise_params.forecast_error_reduction;
  }
  return sd;
}

double Intermediaries::transaction_cost_factor(int64_t t) const {
  double f = 1.0;
  for (const auto& s : specs_)
    if (s.expertise && s.engaged_at(t))
      f = std::min(f, 1.0 - s.expertise_params.transaction_cost_reduction);
  return f;
}

double Intermediaries::trust_repair(int64_t t) const {
  double r = 0;
  for (const auto& s : specs_)
    if (s.mediation && s.engaged_at(t)) r = std::max(r, s.mediation_params.trust_repair);
  return r;
}

const IntermediarySpec* Intermediaries::single_text_mediator(int64_t t) const {
  for (const auto& s : specs_)
    if (s.mediation && s.mediation_params.single_text && s.engaged_at(t)) return &s;
  return nullptr;
}

std::vector<const IntermediarySpec*> Intermediaries::experts(int64_t t) const {
  std::vector<const IntermediarySpec*> out;
  for (const auto& s : specs_)
    if (s.expertise && s.engaged_at(t)) out.push_back(&s);
  return out;
}

Eigen::VectorXd Intermediaries::cost_between(int64_t from, int64_t to) const {
  constexpr double kYear = 365.25 * 86400.0;
  Eigen::VectorXd c = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(specs_.size()));
  for (size_t k = 0; k < specs_.size(); ++k) {
    const int64_t a = std::max(from, specs_[k].from_utc), b = std::min(to, specs_[k].to_utc);
    if (b > a)
      c(static_cast<Eigen::Index>(k)) =
          specs_[k].cost_eur_per_year * static_cast<double>(b - a) / kYear;
  }
  return c;
}

}  // namespace accord::models::agents
