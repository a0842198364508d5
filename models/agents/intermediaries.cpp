#include "accord/models/agents/intermediaries.hpp"

#include <algorithm>

namespace accord::models::agents {

namespace {

template <class T>
bool listed_or_empty(const std::vector<T>& list, const T& value) {
  return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

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
    // The mediator contacts `outreach_contacts` of its target members, chosen by a keyed
    // draw (the smallest uniforms), so who is contacted follows ids, not positions.
    std::vector<std::pair<double, size_t>> targets;
    for (size_t i = 0; i < kind_.size(); ++i)
      if (listed_or_empty(med.outreach_kinds, kind_[i]) &&
          listed_or_empty(med.outreach_deciles, decile_[i]))
        targets.emplace_back(
            stream.uniform(static_cast<uint64_t>(period), key_[i] ^ sim::entity_key(s.id)), i);
    const size_t take = std::min(targets.size(), static_cast<size_t>(med.outreach_contacts));
    std::partial_sort(targets.begin(), targets.begin() + static_cast<std::ptrdiff_t>(take),
                      targets.end());
    for (size_t k = 0; k < take; ++k) {
      const auto i = static_cast<Eigen::Index>(targets[k].second);
      p(i) += med.participation_boost * (1.0 - p(i));
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
