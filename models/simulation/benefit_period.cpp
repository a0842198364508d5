#include "accord/models/simulation/benefit_period.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace accord::models {

std::vector<int> producer_players(const Scenario& s) {
  std::map<std::string, int> index;
  for (size_t i = 0; i < s.participants.size(); ++i)
    index[s.participants[i].id] = static_cast<int>(i);
  std::vector<int> out;
  for (const auto& p : s.producers) {
    const std::string& who = p.behind_meter_of.empty() ? p.owner : p.behind_meter_of;
    const auto it = index.find(who);
    out.push_back(it == index.end() ? -1 : it->second);
  }
  return out;
}

Eigen::VectorXd pooled_producer_revenue(PoolingMode mode, const economics::PeriodAccounts& acc,
                                        int64_t m) {
  const auto P = acc.producer_surplus_revenue.cols();
  Eigen::VectorXd out = Eigen::VectorXd::Zero(P);
  if (mode == PoolingMode::kNone) return out;
  out = acc.producer_surplus_revenue.row(m).transpose();
  if (mode == PoolingMode::kAll) out += acc.producer_internal_revenue.row(m).transpose();
  return out;
}

bool rule_needs_steps(const std::string& type) {
  static const char* const kStepRules[] = {
      "mid_market_rate", "supply_demand_ratio", "bill_sharing",
      "shapley",         "nucleolus",           "least_core",
      "nash_bargaining", "egalitarian_shapley", "solidarity_value"};
  return std::any_of(std::begin(kStepRules), std::end(kStepRules),
                     [&](const char* r) { return type == r; });
}

sharing::BenefitPeriod make_benefit_period(const BenefitPeriodInput& in) {
  const Scenario& s = *in.scenario;
  const auto& cal = *in.calendar;
  const auto& acc = *in.accounts;
  const auto N = static_cast<int64_t>(s.participants.size());
  const auto P = static_cast<int64_t>(s.producers.size());
  const int64_t m = in.period;
  const int64_t t0 = cal.period_first_step[static_cast<size_t>(m)];
  const int64_t t1 = cal.period_first_step[static_cast<size_t>(m) + 1];
  const int64_t T = t1 - t0;

  sharing::BenefitPeriod bp;
  // Column totals by rows: contiguous reads of the time-major ledger.
  bp.consumption_kwh = Eigen::VectorXd::Zero(N);
  bp.allocated_kwh = Eigen::VectorXd::Zero(N);
  for (int64_t t = t0; t < t1; ++t) {
    bp.consumption_kwh += in.consumption->row(t).transpose();
    bp.allocated_kwh += in.allocated->row(t).transpose();
  }
  bp.bill_reference_eur = acc.bill_reference.row(m).transpose();
  bp.bill_eur = acc.bill.row(m).transpose();
  bp.investment_eur = Eigen::VectorXd::Zero(N);
  bp.income_eur.resize(N);
  bp.need.resize(N);
  for (int64_t i = 0; i < N; ++i) {
    const Participant& p = s.participants[static_cast<size_t>(i)];
    bp.member_ids.push_back(p.id);
    bp.income_eur(i) = p.income_eur_per_year;
    bp.eligible.push_back(p.low_income ? 1 : 0);
    // Need: household size in consumption units where known, else 1.
    bp.need(i) = std::isnan(p.consumption_units) ? 1.0 : p.consumption_units;
  }
  // Producers keep their sales unless the community pools them (docs/benefit-rules.md).
  bp.pooled_producer_revenue_eur = pooled_producer_revenue(s.pooled_producer_revenue, acc, m).sum();
  bp.pmo_fees_eur = acc.pmo_fees(m);
  bp.pmo_costs_eur = acc.pmo_costs(m);
  bp.seed = s.seed;
  bp.replicate = s.replicate;
  bp.period = m;
  if (!in.with_steps) return bp;

  // Per-step surplus and deficit of each player, and the value of a shared kWh: what a
  // consumer avoids paying its supplier minus what remains payable on a local kWh (network,
  // excise, VAT); what a seller forgoes is its surplus price.
  const auto& tariffs = s.tariffs;
  const std::vector<int> owner = producer_players(s);
  sharing::SavingsGameData& g = bp.steps;
  g.steps = T;
  g.players = static_cast<int>(N);
  g.deficit.assign(static_cast<size_t>(T * N), 0.0);
  g.surplus.assign(static_cast<size_t>(T * N), 0.0);
  bp.grid_buy_eur_per_kwh.resize(static_cast<size_t>(T));
  bp.grid_sell_eur_per_kwh.resize(static_cast<size_t>(T));
  Eigen::VectorXd buy_sum = Eigen::VectorXd::Zero(N);
  for (int64_t k = 0; k < T; ++k) {
    const int64_t t = t0 + k;
    const auto ts = static_cast<size_t>(t);
    const int64_t utc = in.grid->step_start(t);
    const auto cls = tariffs.time_class(cal.local_hour[ts], cal.month[ts]);
    const double local_cost =
        tariffs.allocated_network_and_excise_eur_per_kwh(cls, utc) * (1.0 + tariffs.local_vat_rate);
    const double base = tariffs.supplied_eur_per_kwh(false, cls, utc);
    const double hphc = tariffs.supplied_eur_per_kwh(true, cls, utc);
    bp.grid_buy_eur_per_kwh[static_cast<size_t>(k)] = base;
    bp.grid_sell_eur_per_kwh[static_cast<size_t>(k)] = tariffs.surplus_eur_per_kwh.at(utc);
    const double* c = in.consumption->row(t).data();
    double* d = g.deficit.data() + k * N;
    for (int64_t i = 0; i < N; ++i) {
      d[i] = c[i];
      const bool uses_hphc = s.participants[static_cast<size_t>(i)].retail_option == "hphc";
      buy_sum(i) += (uses_hphc ? hphc : base) - local_cost;
    }
    double* sp = g.surplus.data() + k * N;
    for (int64_t j = 0; j < P; ++j)
      if (owner[static_cast<size_t>(j)] >= 0)
        sp[owner[static_cast<size_t>(j)]] += (*in.production)(t, j);
  }
  const double default_sell = tariffs.surplus_eur_per_kwh.at(in.grid->step_start(t0));
  g.buy_eur_per_kwh.resize(static_cast<size_t>(N));
  g.sell_eur_per_kwh.assign(static_cast<size_t>(N), default_sell);
  for (int64_t i = 0; i < N; ++i)
    g.buy_eur_per_kwh[static_cast<size_t>(i)] =
        T > 0 ? std::max(0.0, buy_sum(i) / static_cast<double>(T)) : 0.0;
  for (int64_t j = 0; j < P; ++j) {
    const int o = owner[static_cast<size_t>(j)];
    const double price = s.producers[static_cast<size_t>(j)].surplus_price_eur_per_kwh;
    if (o >= 0 && !std::isnan(price)) g.sell_eur_per_kwh[static_cast<size_t>(o)] = price;
  }
  // The period is final: its rules may share the game, its Shapley value and core checks.
  bp.game_cache = sharing::make_period_game_cache();
  return bp;
}

sharing::BenefitPeriod restrict_to_members(const sharing::BenefitPeriod& all,
                                           const std::vector<int>& members) {
  const auto n = static_cast<Eigen::Index>(members.size());
  auto pick = [&](const Eigen::VectorXd& v) {
    if (v.size() == 0) return Eigen::VectorXd();
    Eigen::VectorXd out(n);
    for (Eigen::Index k = 0; k < n; ++k) out(k) = v(members[static_cast<size_t>(k)]);
    return out;
  };
  sharing::BenefitPeriod bp;
  for (int i : members) {
    if (!all.member_ids.empty()) bp.member_ids.push_back(all.member_ids[static_cast<size_t>(i)]);
    if (!all.eligible.empty()) bp.eligible.push_back(all.eligible[static_cast<size_t>(i)]);
  }
  bp.consumption_kwh = pick(all.consumption_kwh);
  bp.allocated_kwh = pick(all.allocated_kwh);
  bp.bill_reference_eur = pick(all.bill_reference_eur);
  bp.bill_eur = pick(all.bill_eur);
  bp.investment_eur = pick(all.investment_eur);
  bp.income_eur = pick(all.income_eur);
  bp.need = pick(all.need);
  bp.pooled_producer_revenue_eur = all.pooled_producer_revenue_eur;
  bp.pmo_fees_eur = all.pmo_fees_eur;
  bp.pmo_costs_eur = all.pmo_costs_eur;
  bp.grid_buy_eur_per_kwh = all.grid_buy_eur_per_kwh;
  bp.grid_sell_eur_per_kwh = all.grid_sell_eur_per_kwh;
  bp.seed = all.seed;
  bp.replicate = all.replicate;
  bp.period = all.period;
  const sharing::SavingsGameData& g = all.steps;
  if (g.players > 0) {
    // Players are the members: a plant of a non-member is outside the game.
    sharing::SavingsGameData& h = bp.steps;
    h.steps = g.steps;
    h.players = static_cast<int>(n);
    h.deficit.resize(static_cast<size_t>(g.steps * n));
    h.surplus.resize(static_cast<size_t>(g.steps * n));
    for (int64_t t = 0; t < g.steps; ++t)
      for (Eigen::Index k = 0; k < n; ++k) {
        const auto from = static_cast<size_t>(t * g.players + members[static_cast<size_t>(k)]);
        h.deficit[static_cast<size_t>(t * n + k)] = g.deficit[from];
        h.surplus[static_cast<size_t>(t * n + k)] = g.surplus[from];
      }
    for (int i : members) {
      h.buy_eur_per_kwh.push_back(g.buy_eur_per_kwh[static_cast<size_t>(i)]);
      h.sell_eur_per_kwh.push_back(g.sell_eur_per_kwh[static_cast<size_t>(i)]);
    }
    bp.game_cache = sharing::make_period_game_cache();
  }
  return bp;
}

Eigen::VectorXd spread_to_participants(const Eigen::VectorXd& member_eur,
                                       const std::vector<int>& members, Eigen::Index n) {
  Eigen::VectorXd out = Eigen::VectorXd::Zero(n);
  for (size_t k = 0; k < members.size(); ++k)
    out(members[k]) = member_eur(static_cast<Eigen::Index>(k));
  return out;
}

}  // namespace accord::models
