#include "governance_phase.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "../scenario/governance_parser.hpp"
#include "accord/models/allocation/sharing_key.hpp"
#include "accord/models/governance/voting_power.hpp"
#include "accord/models/scenario/key_context.hpp"
#include "accord/models/simulation/benefit_period.hpp"
#include "accord/sim/logging.hpp"

namespace accord::models {

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// Gini of a vector of normalised payoffs (they may be negative: the expert's equity floor
// reads it as a spread indicator, mean absolute difference over twice the mean absolute).
double spread_gini(const Eigen::VectorXd& x) {
  const Eigen::Index n = x.size();
  if (n < 2) return 0;
  std::vector<double> v(x.data(), x.data() + n);
  std::sort(v.begin(), v.end());
  double cum = 0, weighted = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    weighted += static_cast<double>(i) * v[static_cast<size_t>(i)] - cum;
    cum += v[static_cast<size_t>(i)];
  }
  const double mean_abs = x.cwiseAbs().mean();
  return mean_abs > 0 ? weighted / (static_cast<double>(n) * static_cast<double>(n) * mean_abs) : 0;
}

RuleOption status_quo_of(const std::string& item, const RulesInForce& r) {
  RuleOption o;
  o.source = "status_quo";
  if (item == "sharing_key") o.sharing_key = r.sharing_key;
  if (item == "benefit_rule") o.benefit_rule = r.benefit_rule;
  if (item == "internal_price") o.internal_price_eur_per_kwh = r.internal_price_eur_per_kwh;
  if (item == "territorial_shares") o.territorial = r.benefit_rule.territorial;
  if (item == "pmo_fee") o.pmo_fee_eur_per_member_year = r.pmo_fee_eur_per_member_year;
  if (item == "expansion") o.plant = "";
  return o;
}

}  // namespace

GovernancePhase::GovernancePhase(const Scenario& s, const sim::TimeGrid& grid,
                                 const sim::StepCalendar& calendar)
    : scenario_(s),
      grid_(grid),
      calendar_(calendar),
      members_(s.participants),
      statutes_(agents::resolve_statutes(s)),
      municipality_(s.actors.municipality, s.participants),
      intermediaries_(s),
      participation_stream_(s.seed, s.replicate, sim::Purpose::kGovernance,
                            sim::entity_key(std::string("rounds"))),
      outreach_stream_(s.seed, s.replicate, sim::Purpose::kGovernance,
                       sim::entity_key(std::string("outreach"))),
      forecast_stream_(s.seed, s.replicate, sim::Purpose::kGovernance,
                       sim::entity_key(std::string("forecast"))),
      text_stream_(s.seed, s.replicate, sim::Purpose::kGovernance,
                   sim::entity_key(std::string("single_text"))) {
  const auto M = calendar.periods();
  const auto N = static_cast<Eigen::Index>(s.participants.size());
  owner_of_producer_ = producer_players(s);
  for (const auto& p : s.producers) {
    const auto& owners = s.actors.municipality.plant_owners;
    municipal_plant_.push_back(
        std::find(owners.begin(), owners.end(), p.owner) != owners.end() ? 1 : 0);
  }
  record_.calendar = s.governance.calendar;
  record_.window_periods = s.governance.window();
  record_.key_in_force.assign(static_cast<size_t>(M), "");
  record_.rule_in_force.assign(static_cast<size_t>(M), "");
  record_.internal_price.setConstant(M, kNan);
  record_.pmo_fee.setConstant(M, kNan);
  record_.territorial.setConstant(M, 3, kNan);
  record_.trust_pmo.setConstant(M, N, kNan);
  transaction_cost_.setZero(M);
  college_of_ = statutes_.member_college;
  for (Eigen::Index i = 0; i < N; ++i)
    if (!s.participants[static_cast<size_t>(i)].member_at_start)
      statutes_.member_college[static_cast<size_t>(i)] = -1;
  for (int b : statutes_.board) record_.board.push_back(s.participants[static_cast<size_t>(b)].id);
  admission_spec_.item = "admission";
  admission_spec_.protocol = s.dynamics.membership.admission == "board" ? "delegated" : "vote";
  admission_spec_.delegate = "board";
  renewal_spec_.item = "renewal";
  renewal_spec_.protocol = s.lifecycle.renewal.by == "board" ? "delegated" : "vote";
  renewal_spec_.delegate = "board";
  record_.intermediary_cost_eur.setZero(static_cast<Eigen::Index>(s.actors.intermediaries.size()));
  compute_voting_power();
}

// A priori power of the statutes: every registered member votes with the college's weight
// over its registered members; the quota is the statute's threshold (simple majority for
// plurality, Borda and approval, whose winners need not hold a majority: an assumption).
void GovernancePhase::compute_voting_power() {
  const auto& voting = scenario_.actors.pmo.statutes.voting;
  governance::WeightedGame game;
  std::vector<size_t> voters;
  for (size_t i = 0; i < statutes_.member_college.size(); ++i) {
    const int c = statutes_.member_college[i];
    if (c < 0) continue;
    voters.push_back(i);
    game.weights.push_back(statutes_.college_weight[static_cast<size_t>(c)] /
                           statutes_.registered[static_cast<size_t>(c)]);
  }
  double total = 0;
  for (double w : game.weights) total += w;
  game.quota = 0.5 * total;
  game.strict = true;
  if (voting.rule == governance::VotingRule::kQualifiedMajority) {
    game.quota = voting.qualified_fraction * total;
    game.strict = false;
  }
  if (voting.rule == governance::VotingRule::kUnanimity) {
    game.quota = total;
    game.strict = false;
  }
  const auto C = statutes_.college_name.size();
  const auto N = static_cast<Eigen::Index>(scenario_.participants.size());
  record_.college = statutes_.college_name;
  record_.college_weight = Eigen::Map<const Eigen::VectorXd>(statutes_.college_weight.data(),
                                                             static_cast<Eigen::Index>(C));
  record_.college_members.assign(statutes_.registered.begin(), statutes_.registered.end());
  record_.member_college.assign(statutes_.member_college.begin(), statutes_.member_college.end());
  record_.member_shapley_shubik.setZero(N);
  record_.member_banzhaf.setZero(N);
  record_.college_shapley_shubik.setZero(static_cast<Eigen::Index>(C));
  record_.college_banzhaf.setZero(static_cast<Eigen::Index>(C));
  if (voters.empty()) return;
  governance::PowerOptions options;
  options.seed = scenario_.seed;
  options.replicate = scenario_.replicate;
  options.entity = sim::entity_key(std::string("voting_power"));
  const governance::PowerIndex ss = governance::shapley_shubik(game, options);
  const governance::PowerIndex bz = governance::banzhaf(game, options);
  record_.power_exact = ss.exact && bz.exact;
  for (size_t v = 0; v < voters.size(); ++v) {
    const auto i = static_cast<Eigen::Index>(voters[v]);
    const auto c = static_cast<Eigen::Index>(statutes_.member_college[voters[v]]);
    record_.member_shapley_shubik(i) = ss.value[v];
    record_.member_banzhaf(i) = bz.value[v];
    record_.college_shapley_shubik(c) += ss.value[v];
    record_.college_banzhaf(c) += bz.value[v];
  }
}

agents::OptionOutcome GovernancePhase::outcome_of(const WindowOutcome& w,
                                                  const RulesInForce* rules) const {
  agents::OptionOutcome o;
  o.payoff_eur = w.benefit;
  o.reference_eur = w.bill_reference;
  for (size_t p = 0; p < owner_of_producer_.size(); ++p) {
    double rev = w.producer_revenue(static_cast<Eigen::Index>(p));
    // A plant the option would build costs its owner its yearly cost over the window (the
    // investment is not sunk yet; once built, like every plant, it is: docs/governance.md).
    const Producer& plant = scenario_.producers[p];
    if (rules && plant.planned && rules->built(plant.id) && !round_in_force_.built(plant.id))
      rev -= plant.planned_cost_eur_per_year * window_years_;
    if (owner_of_producer_[p] >= 0) o.payoff_eur(owner_of_producer_[p]) += rev;
    if (municipal_plant_[p]) o.municipality_plants_eur += rev;
  }
  o.self_consumption =
      w.production_total_kwh > 0 ? w.allocated_total_kwh / w.production_total_kwh : 0;
  o.self_sufficiency =
      w.consumption_total_kwh > 0 ? w.allocated_total_kwh / w.consumption_total_kwh : 0;
  o.territorial_eur = w.territorial_eur;
  return o;
}

RulesInForce GovernancePhase::with_option(const RulesInForce& base, const std::string& item,
                                          const RuleOption& o) const {
  RulesInForce r = base;
  if (item == "sharing_key" && o.sharing_key) r.sharing_key = *o.sharing_key;
  if (item == "benefit_rule" && o.benefit_rule) {
    const sharing::TerritorialShares keep = r.benefit_rule.territorial;
    r.benefit_rule = *o.benefit_rule;
    r.benefit_rule.territorial = keep;
  }
  if (item == "internal_price" && o.internal_price_eur_per_kwh)
    r.internal_price_eur_per_kwh = *o.internal_price_eur_per_kwh;
  if (item == "territorial_shares" && o.territorial) r.benefit_rule.territorial = *o.territorial;
  if (item == "pmo_fee" && o.pmo_fee_eur_per_member_year)
    r.pmo_fee_eur_per_member_year = *o.pmo_fee_eur_per_member_year;
  if (item == "expansion" && o.plant && !o.plant->empty() && !r.built(*o.plant)) {
    r.plants_built.push_back(*o.plant);
    std::sort(r.plants_built.begin(), r.plants_built.end());
  }
  return r;
}

// Options an expertise intermediary engineers (docs/governance.md "Engineered options").
void GovernancePhase::engineer_options(
    ItemOnTable& item, const RulesInForce& in_force, int64_t t,
    const std::function<WindowOutcome(const RulesInForce&)>& evaluate) const {
  for (const IntermediarySpec* expert : intermediaries_.experts(t)) {
    const ExpertiseSpec& e = expert->expertise_params;
    const auto wants = [&](const char* what) {
      return std::find(e.engineered_options.begin(), e.engineered_options.end(), what) !=
             e.engineered_options.end();
    };
    std::vector<RuleOption> candidates;
    const std::string& name = item.spec->item;
    if (name == "sharing_key" && wants("savings_under_equity_floor")) {
      for (const char* type : {"dynamic_default", "priority"}) {
        RuleOption o;
        o.sharing_key = SharingKeySpec{};
        o.sharing_key->type = type;
        candidates.push_back(o);
      }
      for (double share : {0.1, 0.25, 0.5}) {
        RuleOption o;
        o.sharing_key = SharingKeySpec{};
        o.sharing_key->type = "dynamic_custom";
        o.sharing_key->rule = "favour_low_income";
        o.sharing_key->rule_share = share;
        candidates.push_back(o);
      }
    }
    if (name == "benefit_rule" && wants("savings_under_equity_floor")) {
      for (const char* type :
           {"individual_savings", "equal", "proportional_consumption", "proportional_allocated"}) {
        RuleOption o;
        o.benefit_rule = sharing::BenefitRuleSpec{};
        o.benefit_rule->type = type;
        candidates.push_back(o);
      }
      for (double sigma : {0.1, 0.2, 0.3, 0.5}) {
        RuleOption o;
        o.benefit_rule = sharing::BenefitRuleSpec{};
        o.benefit_rule->type = "needs_based";
        o.benefit_rule->sigma = sigma;
        o.benefit_rule->base_rule = "proportional_consumption";
        candidates.push_back(o);
      }
    }
    RuleOption chosen;
    bool found = false;
    if (!candidates.empty()) {
      // The candidate that gives the members the most money with the spread of their
      // normalised payoffs under the floor; ties (1e-9 relative) to the more equal one.
      double best_total = 0, best_gini = 0;
      bool best_feasible = false;
      for (auto& c : candidates) {
        WindowOutcome w;
        const RulesInForce rules = with_option(in_force, name, c);
        try {
          w = evaluate(rules);
        } catch (const std::exception&) {
          continue;  // not buildable for this community (e.g. no low-income member)
        }
        const agents::OptionOutcome o = outcome_of(w, &rules);
        const double total = o.payoff_eur.sum(), gini = spread_gini(o.normalised());
        const bool feasible = gini <= e.equity_max_gini;
        const bool better =
            !found || (feasible && !best_feasible) ||
            (feasible == best_feasible &&
             (feasible ? (total > best_total + 1e-9 * std::abs(best_total) ||
                          (std::abs(total - best_total) <= 1e-9 * std::abs(best_total) &&
                           gini < best_gini))
                       : gini < best_gini));
        if (better) {
          chosen = c;
          best_total = total;
          best_gini = gini;
          best_feasible = feasible;
          found = true;
        }
      }
    }
    if (name == "internal_price" && wants("balanced_internal_price")) {
      // The price that splits a shared kWh's value equally: halfway between the producers'
      // floor (the average surplus price they would get otherwise) and the consumers'
      // break-even price (where their savings vanish), from two evaluations (members'
      // money is linear in the price).
      const double p1 = 0.1;
      const WindowOutcome w0 = evaluate(with_option(in_force, name, [] {
        RuleOption o;
        o.internal_price_eur_per_kwh = 0.0;
        return o;
      }()));
      const WindowOutcome w1 = evaluate(with_option(in_force, name, [&] {
        RuleOption o;
        o.internal_price_eur_per_kwh = p1;
        return o;
      }()));
      const double b0 = w0.benefit.sum(), slope = (b0 - w1.benefit.sum()) / p1;
      const double floor_price =
          w0.surplus_total_kwh > 0 ? w0.producer_revenue.sum() / w0.surplus_total_kwh : 0;
      if (slope > 0) {
        const double balanced = 0.5 * (b0 / slope + floor_price);
        chosen.internal_price_eur_per_kwh =
            std::round(std::clamp(balanced, 0.0, 2.0) * 1000) / 1000;
        found = true;
      }
    }
    if (!found) continue;
    chosen.source = "expertise:" + expert->id;
    const std::string text = detail::option_text(name, chosen);
    if (std::find(item.text.begin(), item.text.end(), text) != item.text.end()) continue;
    item.options.push_back(chosen);
    item.text.push_back(text);
  }
}

double GovernancePhase::pmo_costs_of(int64_t period) {
  const auto m = static_cast<size_t>(period);
  const Eigen::VectorXd cost = intermediaries_.cost_between(calendar_.period_start_utc[m],
                                                            calendar_.period_start_utc[m + 1]);
  record_.intermediary_cost_eur += cost;
  double pmo = 0;
  for (size_t k = 0; k < scenario_.actors.intermediaries.size(); ++k)
    if (scenario_.actors.intermediaries[k].paid_by == "pmo")
      pmo += cost(static_cast<Eigen::Index>(k));
  return pmo + transaction_cost_(period);
}

void GovernancePhase::record_in_force(int64_t period, const RulesInForce& r) {
  const auto m = static_cast<size_t>(period);
  record_.key_in_force[m] = detail::key_text(r.sharing_key);
  record_.rule_in_force[m] = detail::rule_text(r.benefit_rule);
  record_.internal_price(period) = r.internal_price_eur_per_kwh;
  record_.pmo_fee(period) = r.pmo_fee_eur_per_member_year;
  record_.territorial(period, 0) = r.benefit_rule.territorial.solidarity_fund;
  record_.territorial(period, 1) = r.benefit_rule.territorial.reinvestment_reserve;
  record_.territorial(period, 2) = r.benefit_rule.territorial.municipality;
}

void GovernancePhase::record_trust(int64_t period) {
  record_.trust_pmo.row(period) = members_.trust().transpose();
}

output::GovernanceRecord GovernancePhase::take_record() {
  return std::move(record_);
}

// Forecast error of the last round's decisions: what members expected of the chosen option
// (normalised payoff, forecast error included) against what they realised since.
void GovernancePhase::update_forecast_errors(int64_t period, const Simulation& sim) {
  if (pending_rows_.empty() || period + 1 <= pending_from_period_) return;
  const agents::OptionOutcome real = outcome_of(sim.realised(pending_from_period_, period + 1));
  const Eigen::VectorXd x = real.normalised();
  for (size_t r : pending_rows_) {
    output::GovernanceRow& row = record_.rows[r];
    if (row.perceived_chosen.size() != x.size()) continue;
    row.forecast_error = (row.perceived_chosen - x).cwiseAbs().mean();
  }
  pending_rows_.clear();
}

void GovernancePhase::seat_members(const output::MemberMatrix& member, int64_t period) {
  std::fill(statutes_.registered.begin(), statutes_.registered.end(), 0);
  for (size_t i = 0; i < college_of_.size(); ++i) {
    const bool in = member(period, static_cast<Eigen::Index>(i)) != 0;
    statutes_.member_college[i] = in ? college_of_[i] : -1;
    if (in && college_of_[i] >= 0) ++statutes_.registered[static_cast<size_t>(college_of_[i])];
  }
}

ProtocolContext GovernancePhase::protocol_context(const std::vector<uint8_t>& present) const {
  ProtocolContext ctx;
  ctx.statutes = &statutes_;
  ctx.statute_spec = &scenario_.actors.pmo.statutes;
  ctx.governance = &scenario_.governance;
  ctx.present = &present;
  ctx.municipality_present = municipality_.present();
  return ctx;
}

PartyUtility GovernancePhase::party_utility_fn(
    const RulesInForce& in_force, const std::function<WindowOutcome(const RulesInForce&)>& evaluate,
    const Eigen::VectorXd& sd, int64_t period, int64_t t) {
  // Captured by value where the round's locals would not outlive the call.
  return [this, in_force, evaluate, sd, period, t](const std::vector<int>& text) {
    RulesInForce rules = in_force;
    uint64_t key = 0x51ED;
    for (size_t a = 0; a < text_items_.size(); ++a) {
      const ItemOnTable& item = (*table_)[text_items_[a]];
      rules = with_option(rules, item.spec->item, item.options[static_cast<size_t>(text[a])]);
      key = key * 131 + static_cast<uint64_t>(text[a]) + 1;
    }
    const agents::OptionOutcome o = outcome_of(evaluate(rules), &rules);
    Eigen::VectorXd u = members_.utility(o, sd, forecast_stream_, period, key);
    Eigen::VectorXd muni =
        Eigen::VectorXd::Constant(1, municipality_.present() ? municipality_.utility(o, t) : 0.0);
    if (municipality_.member_index() >= 0) u(municipality_.member_index()) = muni(0);
    const std::vector<uint8_t> all(static_cast<size_t>(u.size()), 1);
    return Eigen::VectorXd(party_utilities(u, muni, protocol_context(all)).col(0));
  };
}

void GovernancePhase::size_valuations(ItemOnTable& item, Eigen::Index N) {
  const auto K = static_cast<Eigen::Index>(item.options.size());
  item.utility.resize(N, K);
  item.payoff.resize(N, K);
  item.perceived_x.resize(N, K);
  item.municipality.resize(K);
}

// Column k of an item's valuations: each member's perceived utility of outcome `o` (forecast
// error drawn under `draw_key`), its payoff, and the municipality's utility (which is also
// its member's, when it has one).
void GovernancePhase::value_option(ItemOnTable& item, Eigen::Index k,
                                   const agents::OptionOutcome& o, const Eigen::VectorXd& sd,
                                   int64_t period, uint64_t draw_key, int64_t t) const {
  Eigen::VectorXd perceived;
  item.utility.col(k) = members_.utility(o, sd, forecast_stream_, period, draw_key, &perceived);
  item.perceived_x.col(k) = perceived;
  item.payoff.col(k) = o.payoff_eur;
  item.municipality(k) = municipality_.present() ? municipality_.utility(o, t) : 0.0;
  if (municipality_.member_index() >= 0)
    item.utility(municipality_.member_index(), k) = item.municipality(k);
}

// The row recording an item's round: what was on the table, before the decision.
output::GovernanceRow GovernancePhase::row_of(const ItemOnTable& item, int64_t period,
                                              int64_t t) const {
  output::GovernanceRow row;
  row.period = period;
  row.time_utc = t;
  row.item = item.spec->item;
  row.protocol = item.protocol;
  row.options = item.text;
  for (const auto& o : item.options) row.option_source.push_back(o.source);
  row.refused = item.refused;
  row.utility = item.utility;
  row.payoff_eur = item.payoff;
  row.ballot.assign(static_cast<size_t>(item.utility.rows()), -2);
  return row;
}

// Admission and renewal votes: the members (or the board) compare the last window as it was
// with the same window under other members (the applicants added, or nobody), each for its
// own money, inequity aversion and community motive (docs/dynamics.md §7b, docs/lifecycle.md
// §4b). Consumers see their allocation diluted by newcomers, producers sell more at the
// internal price; a dissolution gives every member its reference bill and the plants the
// surplus price.
const output::GovernanceRow& GovernancePhase::decide_membership_item(
    int64_t period, int64_t t, const AgendaItemSpec& spec, std::vector<std::string> text,
    const char* change_source, const agents::OptionOutcome& keep,
    const agents::OptionOutcome& change, uint64_t draw_key, const Eigen::VectorXd& sd,
    const std::vector<uint8_t>& present) {
  const auto N = static_cast<Eigen::Index>(scenario_.participants.size());
  ItemOnTable item;
  item.spec = &spec;
  item.protocol = spec.protocol;
  item.options.resize(2);
  item.options[0].source = "status_quo";
  item.options[1].source = change_source;
  item.text = std::move(text);
  size_valuations(item, N);
  value_option(item, 0, keep, sd, period, draw_key, t);
  value_option(item, 1, change, sd, period, draw_key + 1, t);
  output::GovernanceRow row = row_of(item, period, t);
  decide_item(item, row, protocol_context(present));
  row.turnout = round_turnout_;
  row.changed = row.chosen != 0;
  row.perceived_chosen = item.perceived_x.col(row.chosen);
  sim::logger("governance")
      ->debug("period {}: {} decided by {}: {}", period, spec.item, row.decided_by,
              row.options[static_cast<size_t>(row.chosen)]);
  record_.rows.push_back(std::move(row));
  return record_.rows.back();
}

RulesInForce GovernancePhase::round(int64_t period, const RulesInForce& in_force,
                                    const Simulation& sim) {
  const GovernanceSpec& gov = scenario_.governance;
  update_forecast_errors(period, sim);
  admitted_.clear();
  renewal_voted_ = renewal_refused_ = false;
  const std::vector<Eigen::Index> applicants = sim.applicants_for_vote();
  const bool renewal_due = sim.renewal_due(period);
  if (gov.agenda.empty() && applicants.empty() && !renewal_due) return in_force;
  const int64_t t = calendar_.period_start_utc[static_cast<size_t>(period) + 1];
  const int64_t last = period + 1, first = std::max<int64_t>(0, last - gov.window());
  round_in_force_ = in_force;
  window_years_ = static_cast<double>(calendar_.period_start_utc[static_cast<size_t>(last)] -
                                      calendar_.period_start_utc[static_cast<size_t>(first)]) /
                  (365.25 * 86400);
  const auto N = static_cast<Eigen::Index>(scenario_.participants.size());
  ++record_.rounds;
  // Members of the period just closed sit in the assembly; others neither attend nor count.
  const bool all_members = sim.membership().row(period).minCoeff() != 0;
  if (scenario_.dynamics.membership.enabled) seat_members(sim.membership(), period);

  // Valuations of whole sets of rules, memoised for the round (items share the status quo).
  std::vector<std::pair<RulesInForce, WindowOutcome>> memo;
  const std::function<WindowOutcome(const RulesInForce&)> evaluate = [&](const RulesInForce& r) {
    for (const auto& [rules, w] : memo)
      if (rules == r) return w;
    memo.emplace_back(r, sim.evaluate(first, last, r));
    return memo.back().second;
  };

  // Who takes part: propensity scaled by trust (0.5 = as declared), then outreach.
  Eigen::VectorXd p = (members_.participation().array() * members_.trust().array() / 0.5)
                          .min(1.0)
                          .max(0.0)
                          .matrix();
  p = intermediaries_.after_outreach(p, t, outreach_stream_, period);
  std::vector<uint8_t> present(static_cast<size_t>(N), 0);
  for (Eigen::Index i = 0; i < N; ++i)
    present[static_cast<size_t>(i)] =
        participation_stream_.uniform(static_cast<uint64_t>(period),
                                      members_.keys()[static_cast<size_t>(i)]) < p(i) &&
        (all_members || sim.membership()(period, i) != 0);
  const Eigen::VectorXd sd = intermediaries_.forecast_sd(members_.forecast_noise(), t);
  // Turnout: the share of the period's members present (non-members never attend).
  int present_count = 0;
  for (uint8_t v : present) present_count += v;
  const int64_t members_count = sim.membership().row(period).cast<int64_t>().sum();
  round_turnout_ = members_count > 0
                       ? static_cast<double>(present_count) / static_cast<double>(members_count)
                       : 0;

  std::vector<ItemOnTable> table;
  for (size_t a = 0; a < gov.agenda.size(); ++a) {
    const AgendaItemSpec& spec = gov.agenda[a];
    ItemOnTable item;
    item.spec = &spec;
    const auto& board_items = scenario_.actors.pmo.statutes.board.decides;
    const bool board_item =
        std::find(board_items.begin(), board_items.end(), spec.item) != board_items.end();
    item.protocol = spec.protocol.empty() ? (board_item ? "delegated" : "vote") : spec.protocol;
    if (item.protocol == "single_text" && !intermediaries_.single_text_mediator(t)) {
      item.protocol = "vote";
      item.refused = "no mediator engaged: the item went to the vote";
    }
    item.options.push_back(status_quo_of(spec.item, in_force));
    item.text.push_back(detail::option_text(spec.item, item.options.front()));
    for (const auto& o : spec.options) {
      if (o.plant && in_force.built(*o.plant)) continue;  // built already
      const std::string text = detail::option_text(spec.item, o);
      if (std::find(item.text.begin(), item.text.end(), text) != item.text.end()) continue;
      // An option that cannot apply to the operation now is refused with its reason.
      if (o.sharing_key) {
        try {
          (void)allocation::make_sharing_key(*o.sharing_key, key_context_of(scenario_));
        } catch (const std::exception& e) {
          item.refused += (item.refused.empty() ? "" : "; ") + text + ": " + e.what();
          sim::logger("governance")
              ->info("period {}: option {} refused: {}", period, text, e.what());
          continue;
        }
      }
      item.options.push_back(o);
      item.text.push_back(text);
    }
    engineer_options(item, in_force, t, evaluate);
    if (spec.item == "expansion" && item.options.size() == 1) continue;  // nothing left to build
    table.push_back(std::move(item));
  }

  // Each option of each item is valued with the other items at the status quo; the single
  // text values whole texts instead.
  for (size_t a = 0; a < table.size(); ++a) {
    ItemOnTable& item = table[a];
    size_valuations(item, N);
    for (size_t k = 0; k < item.options.size(); ++k) {
      const RulesInForce rules = with_option(in_force, item.spec->item, item.options[k]);
      value_option(item, static_cast<Eigen::Index>(k), outcome_of(evaluate(rules), &rules), sd,
                   period, static_cast<uint64_t>(a * 64 + k), t);
    }
  }

  RulesInForce next = in_force;
  const size_t first_row = record_.rows.size();
  // Single-text items are negotiated together in one text.
  std::vector<size_t> text_items;
  for (size_t a = 0; a < table.size(); ++a)
    if (table[a].protocol == "single_text") text_items.push_back(a);
  std::vector<int> text_choice;
  int text_rounds = 0;
  bool text_agreed = false;
  text_items_ = text_items;
  table_ = &table;
  if (!text_items.empty()) {
    const MediatedText m =
        mediate_text(table, text_items, party_utility_fn(in_force, evaluate, sd, period, t),
                     gov.single_text, text_stream_, period);
    text_choice = m.text;
    text_rounds = m.rounds;
    text_agreed = m.improved;
  }
  for (size_t a = 0; a < table.size(); ++a) {
    ItemOnTable& item = table[a];
    output::GovernanceRow row = row_of(item, period, t);
    if (item.protocol == "single_text") {
      const auto pos = static_cast<size_t>(std::find(text_items.begin(), text_items.end(), a) -
                                           text_items.begin());
      row.chosen = text_choice[pos];
      row.rounds = text_rounds;
      row.agreed = text_agreed;
      row.decided_by = "mediator";
      row.support = kNan;
      row.participation = 1;  // every party sits at the mediator's table
    } else {
      decide_item(item, row, protocol_context(present));
    }
    row.turnout = round_turnout_;
    row.changed = row.chosen != 0;
    if (row.changed)
      next = with_option(next, row.item, item.options[static_cast<size_t>(row.chosen)]);
    row.perceived_chosen = item.perceived_x.col(row.chosen);
    record_.rows.push_back(std::move(row));
  }
  if (renewal_due) {
    const output::MemberMatrix nobody = output::MemberMatrix::Zero(last - first, N);
    const auto& row = decide_membership_item(
        period, t, renewal_spec_, {"renew", "dissolve"}, "dissolution",
        outcome_of(evaluate(in_force)), outcome_of(sim.evaluate(first, last, in_force, &nobody)),
        0xDE'0000, sd, present);
    renewal_voted_ = true;
    renewal_refused_ = row.chosen == 1;
    renewal_decided_by_ = row.decided_by;
  }
  if (!applicants.empty() && !renewal_refused_) {
    output::MemberMatrix with_them = sim.membership().middleRows(first, last - first);
    for (const Eigen::Index i : applicants) with_them.col(i).setOnes();
    const std::string n = std::to_string(applicants.size());
    const auto& row = decide_membership_item(
        period, t, admission_spec_,
        {"admit nobody", "admit " + n + " applicant" + (applicants.size() > 1 ? "s" : "")},
        "applicants", outcome_of(evaluate(in_force)),
        outcome_of(sim.evaluate(first, last, in_force, &with_them)), 0xAD'0000, sd, present);
    if (row.chosen == 1) admitted_ = applicants;
  }
  pending_rows_.clear();
  for (size_t r = first_row; r < record_.rows.size(); ++r) pending_rows_.push_back(r);
  pending_from_period_ = period + 1;

  // Transaction cost of the round, charged to the PMO in the next period.
  transaction_cost_(period + 1) +=
      gov.transaction_cost_eur_per_round * intermediaries_.transaction_cost_factor(t);
  if (first_row < record_.rows.size())
    record_.rows[first_row].transaction_cost_eur = transaction_cost_(period + 1);

  // Procedural trust: members on the winning side of a vote gain, outvoted ones lose (less
  // when a mediator repairs after the conflict). A vote without quorum decided nothing: no one
  // won or lost it.
  const double repair = intermediaries_.trust_repair(t);
  Eigen::VectorXd& trust = members_.trust();
  for (size_t r = first_row; r < record_.rows.size(); ++r) {
    const output::GovernanceRow& row = record_.rows[r];
    if (row.protocol != "vote" || row.decided_by != "assembly" || !row.quorum_reached) continue;
    for (Eigen::Index i = 0; i < N; ++i) {
      const int16_t b = row.ballot[static_cast<size_t>(i)];
      if (b < 0) continue;  // took no part, or no vote: no procedural experience
      if (b == row.chosen)
        trust(i) += gov.trust.gain * (1 - trust(i));
      else
        trust(i) -= (1 - repair) * gov.trust.loss * trust(i);
    }
  }
  return next;
}

}  // namespace accord::models
