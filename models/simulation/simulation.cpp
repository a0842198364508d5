#include "accord/models/simulation/simulation.hpp"

#include <algorithm>
#include <chrono>
#include <limits>

#include "accord/models/output/ledger_stream.hpp"
#include "accord/models/scenario/key_context.hpp"
#include "accord/models/simulation/benefit_period.hpp"
#include "accord/sim/huge_pages.hpp"
#include "accord/sim/logging.hpp"
#include "dynamics_phase.hpp"
#include "governance_phase.hpp"
#include "lifecycle_phase.hpp"
#include "membership_phase.hpp"

namespace accord::models {

namespace {

RulesInForce initial_rules(const Scenario& s) {
  RulesInForce r;
  r.sharing_key = s.sharing_key;
  r.internal_price_eur_per_kwh = s.internal_price.eur_per_kwh;
  r.benefit_rule = s.benefit_rule;
  r.pmo_fee_eur_per_member_year = s.pmo.fee_eur_per_member_year;
  return r;
}

sim::TimeGrid make_grid(const Scenario& s) {
  return sim::TimeGrid::covering(s.time.start_utc, s.time.end_utc, s.time.step_seconds);
}

// Copies rows [0, rows) of `src` into rows [at, at + rows) of `dst`.
void put_rows(economics::RowMatrix& dst, int64_t at, const economics::RowMatrix& src) {
  if (src.rows() > 0) dst.middleRows(at, src.rows()) = src;
}
void put_rows(Eigen::VectorXd& dst, int64_t at, const Eigen::VectorXd& src) {
  if (src.size() > 0) dst.segment(at, src.size()) = src;
}

}  // namespace

Simulation::Simulation(const Scenario& scenario, SimulationOptions options)
    : scenario_(scenario),
      options_(options),
      grid_(make_grid(scenario)),
      calendar_(sim::StepCalendar::build(grid_, sim::TimeZone::from_name(scenario.time.timezone))),
      scheduler_(calendar_, sim::PhaseRates{scenario.governance.every_periods(), 1}),
      key_context_(key_context_of(scenario)),
      in_force_(initial_rules(scenario)),
      key_(allocation::make_sharing_key(in_force_.sharing_key, key_context_)) {
  rules_.push_back(sharing::make_benefit_rule(in_force_.benefit_rule));
  for (const auto& spec : scenario.compare_benefit_rules)
    rules_.push_back(sharing::make_benefit_rule(spec));
  for (const auto& r : rules_) rules_need_steps_ = rules_need_steps_ || rule_needs_steps(r->name());
  const auto started = std::chrono::steady_clock::now();
  stream_ = InputStream(scenario_, grid_, calendar_, options_.threads);
  sim::logger("energy")->info(
      "[{}] inputs of {} participants and {} producers over {} steps ready in {:.3f} s (built "
      "period by period)",
      sim::format_iso8601(grid_.start_utc, sim::TimeZone::from_name(scenario.time.timezone)),
      scenario.participants.size(), scenario.producers.size(), grid_.steps,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  input_seconds_ =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto T = grid_.steps;
  const auto N = static_cast<int64_t>(scenario.participants.size());
  const auto P = static_cast<int64_t>(scenario.producers.size());
  const auto M = calendar_.periods();
  inputs_.load_kwh.assign(static_cast<size_t>(N), 0.0);
  inputs_.self_consumed_kwh.assign(static_cast<size_t>(N), 0.0);
  if (options_.whole_ledger) {
    inputs_.consumption.resize(T, N);
    inputs_.production.resize(T, P);
    for (auto* m : {&inputs_.consumption, &inputs_.production})
      sim::advise_huge_pages(m->data(), static_cast<size_t>(m->size()) * sizeof(double));
  }
  cleared_.assign(static_cast<size_t>(M), 0);
  // Governance values options on its window of closed periods: so many are kept. Without
  // rounds nothing is kept (evaluate() then makes the inputs again).
  recent_capacity_ = scenario.governance.every_periods() > 0
                         ? static_cast<size_t>(std::max<int64_t>(1, scenario.governance.window()))
                         : 0;
  // A whole ledger, or rows for the longest period.
  int64_t ledger_rows = T;
  if (!options_.whole_ledger) {
    ledger_rows = 0;
    for (int64_t m = 0; m < M; ++m)
      ledger_rows = std::max(ledger_rows, calendar_.period_first_step[static_cast<size_t>(m) + 1] -
                                              calendar_.period_first_step[static_cast<size_t>(m)]);
  }
  allocated_.resize(ledger_rows, N);
  supplied_.resize(ledger_rows, N);
  autoprod_.resize(ledger_rows, P);
  surplus_.resize(ledger_rows, P);
  for (auto* m : {&allocated_, &supplied_, &autoprod_, &surplus_})
    sim::advise_huge_pages(m->data(), static_cast<size_t>(m->size()) * sizeof(double));
  for (auto* e : {&period_energy_.consumption, &period_energy_.allocated, &period_energy_.supplied})
    e->setZero(M, N);
  period_energy_.production.setZero(M, P);
  period_energy_.surplus.setZero(M, P);
  accounts_.bill_reference.setZero(M, N);
  accounts_.bill.setZero(M, N);
  accounts_.internal_purchase.setZero(M, N);
  accounts_.benefit.setZero(M, N);
  accounts_.producer_internal_revenue.setZero(M, P);
  accounts_.producer_surplus_revenue.setZero(M, P);
  accounts_.pmo_costs.setZero(M);
  accounts_.pmo_fees.setZero(M);
  // Founding members from the start; candidates (dynamics.membership) once admitted.
  member_.setOnes(M, N);
  for (int64_t i = 0; i < N; ++i)
    if (!scenario.participants[static_cast<size_t>(i)].member_at_start) member_.col(i).setZero();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (auto* v : {&sharing_.community_benefit, &sharing_.member_savings,
                  &sharing_.pooled_producer_revenue, &sharing_.pmo_fees, &sharing_.pmo_costs})
    v->setZero(M);
  sharing_.game_grand_value.setConstant(M, nan);
  sharing_.producer_pooled.setZero(M, P);
  {
    output::FundRecord solidarity, reserve;
    solidarity.name = "solidarity_fund";
    solidarity.initial_eur = scenario.funds.solidarity_fund.initial_eur;
    solidarity.paid_to_member.setZero(M, N);
    reserve.name = "reinvestment_reserve";
    reserve.initial_eur = scenario.funds.reinvestment_reserve.initial_eur;
    for (auto* f : {&solidarity, &reserve})
      for (auto* v : {&f->balance, &f->inflow, &f->interest, &f->requested, &f->paid, &f->unmet})
        v->setZero(M);
    sharing_.funds.push_back(std::move(solidarity));
    sharing_.funds.push_back(std::move(reserve));
  }
  for (const auto& r : rules_) {
    output::RuleRecord rec;
    // The same rule with other parameters may be compared: later ones get _2, _3, ...
    rec.name = r->name();
    int same = 1;
    for (const auto& earlier : sharing_.rules)
      if (earlier.name.rfind(r->name(), 0) == 0) ++same;
    if (same > 1) rec.name += "_" + std::to_string(same);
    rec.benefit.setZero(M, N);
    rec.territorial.setZero(M, 3);
    for (auto* v : {&rec.distributed, &rec.budget_gap, &rec.ir_violations, &rec.max_ir_shortfall,
                    &rec.core_coalitions, &rec.max_standard_error})
      v->setZero(M);
    rec.core_shortfall.setConstant(M, nan);
    rec.core_exact.setConstant(M, nan);
    sharing_.rules.push_back(std::move(rec));
  }
  extra_pmo_costs_.setZero(M);
  // Phase 5: the road to operation is drawn now; before the start nobody is a member and the
  // plants do not produce for the operation, nor during outages.
  if (scenario_.lifecycle.enabled) {
    lifecycle_ = std::make_unique<LifecyclePhase>(scenario_, grid_, calendar_);
    lifecycle_->initial_membership(member_);
  }
  // Planned plants produce nothing until built; what they would produce is kept aside for the
  // rounds to value building them (period_inputs).
  commissioned_.assign(static_cast<size_t>(P), 0);
  for (int64_t p = 0; p < P; ++p) {
    if (!scenario_.producers[static_cast<size_t>(p)].planned) continue;
    planned_.push_back(static_cast<int>(p));
    commissioned_[static_cast<size_t>(p)] = -1;
  }
  governance_ = std::make_unique<GovernancePhase>(scenario_, grid_, calendar_);
  if (scenario_.dynamics.enabled) {
    dynamics_ = std::make_unique<DynamicsPhase>(scenario_, grid_, calendar_);
    owner_of_producer_ = producer_players(scenario_);
    if (scenario_.dynamics.membership.enabled)
      membership_ = std::make_unique<MembershipPhase>(scenario_, member_);
  }
}

Simulation::~Simulation() = default;

bool Simulation::everyone_member(int64_t period) const {
  return member_.cols() == 0 || member_.row(period).minCoeff() != 0;
}

std::vector<int> Simulation::members_of(int64_t period) const {
  std::vector<int> out;
  for (Eigen::Index i = 0; i < member_.cols(); ++i)
    if (member_(period, i) != 0) out.push_back(static_cast<int>(i));
  return out;
}

bool Simulation::step() {
  return scheduler_.step(*this);
}

void Simulation::run() {
  scheduler_.run(*this);
}

int64_t Simulation::ledger_origin(int64_t period) const {
  return options_.whole_ledger ? 0 : calendar_.period_first_step[static_cast<size_t>(period)];
}

void Simulation::period_inputs(int64_t period, economics::RowMatrix& consumption,
                               economics::RowMatrix& production, economics::RowMatrix& planned,
                               EnergyInputs* totals) const {
  const auto started = std::chrono::steady_clock::now();
  stream_.fill(period, period + 1, consumption, production, totals);
  // Outages hit the planned plants too: before their production is set aside.
  if (lifecycle_)
    lifecycle_->apply_outages(production, calendar_.period_first_step[static_cast<size_t>(period)]);
  planned.resize(production.rows(), static_cast<Eigen::Index>(planned_.size()));
  for (size_t k = 0; k < planned_.size(); ++k) {
    planned.col(static_cast<Eigen::Index>(k)) = production.col(planned_[k]);
    const int32_t built = commissioned_[static_cast<size_t>(planned_[k])];
    if (built < 0 || built > period) production.col(planned_[k]).setZero();
  }
  if (cleared_[static_cast<size_t>(period)] != 0) {
    production.setZero();
    planned.setZero();
  }
  input_seconds_ +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

void Simulation::start_period(int64_t period) {
  // Before the operation starts the plants do not produce for it (the start may be decided
  // during the run: a period is cleared when it comes, before anything reads it).
  if (lifecycle_ && lifecycle_->before_start(period)) cleared_[static_cast<size_t>(period)] = 1;
  period_inputs(period, block_.consumption, block_.production, block_.planned, &inputs_);
  block_.period = period;
  if (options_.whole_ledger) {
    const int64_t t0 = calendar_.period_first_step[static_cast<size_t>(period)];
    const int64_t rows = calendar_.period_first_step[static_cast<size_t>(period) + 1] - t0;
    inputs_.consumption.middleRows(t0, rows) = block_.consumption.topRows(rows);
    inputs_.production.middleRows(t0, rows) = block_.production.topRows(rows);
  }
}

const Simulation::PeriodInputs& Simulation::inputs_of(int64_t period) const {
  for (const PeriodInputs& r : recent_)
    if (r.period == period) return r;
  if (block_.period == period) return block_;
  period_inputs(period, made_again_.consumption, made_again_.production, made_again_.planned,
                nullptr);
  made_again_.period = period;
  return made_again_;
}

// Phase 1: allocation by the key in force, then the complement from the supplier, then the
// step's energy added to its period's totals. Steps go in blocks of kStepBlock so that a
// block's rows (consumption, allocated, supplied: 3 x 32 x 8 kB at N = 1000) are still in
// cache when they are summed, instead of re-reading the [T, N] ledger after the run. Keys
// allocate each step on its own, so blocking does not change the ledger. Rows are added in
// step order, the order of output::period_energy_of: the totals are the same to the bit.
// A block never spans two periods: without a whole ledger, row r of the allocation arrays
// holds step ledger_origin(period) + r.
void Simulation::run_steps(int64_t first_step, int64_t last_step) {
  constexpr int64_t kStepBlock = 32;
  auto& e = period_energy_;
  const auto N = static_cast<int64_t>(scenario_.participants.size());
  const auto P = static_cast<int64_t>(scenario_.producers.size());
  for (int64_t b0 = first_step; b0 < last_step;) {
    const Eigen::Index m = calendar_.period[static_cast<size_t>(b0)];
    if (block_.period != m) start_period(m);
    const int64_t first_of_period = calendar_.period_first_step[static_cast<size_t>(m)];
    const int64_t b1 = std::min(
        {last_step, b0 + kStepBlock, calendar_.period_first_step[static_cast<size_t>(m) + 1]});
    const int64_t rows = b1 - b0;
    const int64_t o = ledger_origin(m);
    const int64_t k0 = b0 - first_of_period;  // row of step b0 in the period's inputs
    const double* consumption = block_.consumption.data() + k0 * N;
    if (!everyone_member(m)) {
      // The key shares among members: the others' consumption counts as 0 (their load is
      // supplied as without the operation). The block's rows are masked into a scratch.
      masked_consumption_.resize(rows, N);
      const Eigen::RowVectorXd mask = member_.row(m).cast<double>();
      for (int64_t k = 0; k < rows; ++k)
        masked_consumption_.row(k) = block_.consumption.row(k0 + k).cwiseProduct(mask);
      consumption = masked_consumption_.data();
    }
    key_->allocate(allocation::AllocationView{
        0, rows, N, P, consumption, block_.production.data() + k0 * P,
        allocated_.data() + (b0 - o) * N, autoprod_.data() + (b0 - o) * P,
        surplus_.data() + (b0 - o) * P, b0});
    for (int64_t t = b0; t < b1; ++t) {
      const int64_t r = t - o, k = t - first_of_period;
      supplied_.row(r) = block_.consumption.row(k) - allocated_.row(r);
      e.consumption.row(m) += block_.consumption.row(k);
      e.allocated.row(m) += allocated_.row(r);
      e.supplied.row(m) += supplied_.row(r);
      e.production.row(m) += block_.production.row(k);
      e.surplus.row(m) += surplus_.row(r);
    }
    b0 = b1;
  }
}

// What the accounts of the run read; the caller sets the window and the member matrix.
economics::BillingInput Simulation::billing_input() const {
  economics::BillingInput in;
  in.grid = &grid_;
  in.calendar = &calendar_;
  in.participants = &scenario_.participants;
  in.producers = &scenario_.producers;
  in.consumption = &inputs_.consumption;
  in.allocated = &allocated_;
  in.supplied = &supplied_;
  in.production = &inputs_.production;
  in.autoprod = &autoprod_;
  in.surplus = &surplus_;
  in.internal_price_eur_per_kwh = in_force_.internal_price_eur_per_kwh;
  in.pmo_costs_eur_per_year = sharing::pmo_costs_per_year(scenario_.pmo);
  in.pmo_fee_eur_per_member_year = in_force_.pmo_fee_eur_per_member_year;
  return in;
}

// Phase 2: bills, sales, PMO account, benefit of the period, then the funds.
void Simulation::close_period(int64_t period) {
  const economics::RowMatrix member = member_.cast<double>();
  economics::BillingInput in = billing_input();
  in.first_period = period;
  in.last_period = period + 1;
  in.member = &member;
  // Without a whole ledger the period is billed on its own calendar, grid and rows (as
  // evaluate() bills a window): the same steps, prices and sums, so the same accounts.
  sim::StepCalendar period_calendar;
  sim::TimeGrid period_grid;
  economics::RowMatrix period_member;
  if (!options_.whole_ledger) {
    const int64_t t0 = ledger_origin(period);
    period_calendar = calendar_.slice(period, period + 1);
    const auto rows = static_cast<int64_t>(period_calendar.period.size());
    period_grid = sim::TimeGrid{grid_.step_start(t0), grid_.step_seconds, rows};
    period_member = member.middleRows(period, 1);
    in.grid = &period_grid;
    in.calendar = &period_calendar;
    in.consumption = &block_.consumption;
    in.production = &block_.production;
    in.first_period = 0;
    in.last_period = 1;
    in.member = &period_member;
  }
  economics::PeriodAccounts acc = economics::compute_accounts(scenario_.tariffs, in);
  // Before the operation starts (or once it dissolved) there is no PMO to run.
  const bool pmo_runs = !lifecycle_ || lifecycle_->operating(period);
  if (!pmo_runs) acc.pmo_costs.setZero();
  put_rows(accounts_.bill_reference, period, acc.bill_reference);
  put_rows(accounts_.bill, period, acc.bill);
  put_rows(accounts_.internal_purchase, period, acc.internal_purchase);
  put_rows(accounts_.producer_internal_revenue, period, acc.producer_internal_revenue);
  put_rows(accounts_.producer_surplus_revenue, period, acc.producer_surplus_revenue);
  put_rows(accounts_.pmo_costs, period, acc.pmo_costs);
  // Intermediaries paid by the PMO and the transaction costs of the last round.
  extra_pmo_costs_(period) = pmo_runs ? governance_->pmo_costs_of(period) : 0.0;
  accounts_.pmo_costs(period) += extra_pmo_costs_(period);
  acc.pmo_costs(0) += extra_pmo_costs_(period);  // acc: this period's row of accounts_
  governance_->record_in_force(period, in_force_);
  history_.push_back(in_force_);
  put_rows(accounts_.pmo_fees, period, acc.pmo_fees);
  sharing_.producer_pooled.row(period) =
      pooled_producer_revenue(scenario_.pooled_producer_revenue, accounts_, period).transpose();

  // Benefit: every rule on the same period (the first is in force).
  BenefitPeriodInput bin;
  bin.scenario = &scenario_;
  bin.grid = &grid_;
  bin.calendar = &calendar_;
  bin.consumption = &inputs_.consumption;
  bin.allocated = &allocated_;
  bin.production = &inputs_.production;
  bin.accounts = &accounts_;
  bin.period = period;
  if (!options_.whole_ledger) {
    bin.grid = &period_grid;
    bin.calendar = &period_calendar;
    bin.consumption = &block_.consumption;
    bin.production = &block_.production;
    bin.accounts = &acc;
    bin.period = 0;
  }
  bin.with_steps = rules_need_steps_;
  bin.members = everyone_member(period) ? nullptr : &members_of_period_;
  if (bin.members) members_of_period_ = members_of(period);
  for (size_t r = 0; r < rules_.size(); ++r) {
    const sharing::BenefitShares shares = distribute(*rules_[r], bin);
    record_shares(period, r, shares);
    if (r == 0) accounts_.benefit.row(period) = shares.member_eur.transpose();
  }
  update_funds(period);
  closed_periods_ = period + 1;
  if (options_.on_period_steps) {
    const int64_t t0 = calendar_.period_first_step[static_cast<size_t>(period)];
    const int64_t r0 = t0 - ledger_origin(period);  // the period's first row in the ledgers
    const auto N = allocated_.cols(), P = autoprod_.cols();
    PeriodSteps steps;
    steps.first_step = t0;
    steps.rows = calendar_.period_first_step[static_cast<size_t>(period) + 1] - t0;
    steps.consumption = block_.consumption.data();
    steps.allocated = allocated_.data() + r0 * N;
    steps.supplied = supplied_.data() + r0 * N;
    steps.production = block_.production.data();
    steps.autoprod = autoprod_.data() + r0 * P;
    steps.surplus = surplus_.data() + r0 * P;
    options_.on_period_steps(steps);
  }
  // The period's inputs join the last periods kept for evaluate(); the oldest one's buffers
  // take the next period's inputs (no allocation once the window is full).
  if (recent_capacity_ > 0) {
    PeriodInputs oldest;
    if (recent_.size() >= recent_capacity_) {
      oldest = std::move(recent_.front());
      recent_.pop_front();
    }
    recent_.push_back(std::move(block_));
    block_ = std::move(oldest);
    block_.period = -1;
  }
  sim::logger("sim")->debug(
      "[{}] period {} closed",
      sim::format_iso8601(calendar_.period_start_utc[static_cast<size_t>(period)],
                          sim::TimeZone::from_name(scenario_.time.timezone)),
      period);
}

// A rule's shares of the period described by `in`, over its members when some participants
// are not (their share is 0: they are billed as without the operation).
sharing::BenefitShares Simulation::distribute(const sharing::BenefitRule& rule,
                                              const BenefitPeriodInput& in) const {
  if (in.members == nullptr) return rule.distribute(make_benefit_period(in));
  const auto N = static_cast<Eigen::Index>(scenario_.participants.size());
  sharing::BenefitShares shares;
  if (!in.members->empty()) {
    shares = rule.distribute(restrict_to_members(make_benefit_period(in), *in.members));
    shares.member_eur = spread_to_participants(shares.member_eur, *in.members, N);
  } else {
    shares.member_eur = Eigen::VectorXd::Zero(N);
  }
  return shares;
}

void Simulation::record_shares(int64_t period, size_t rule, const sharing::BenefitShares& x) {
  const auto m = period;
  if (rule == 0) {
    sharing_.community_benefit(m) = x.value.total();
    sharing_.member_savings(m) = x.value.member_savings_eur;
    sharing_.pooled_producer_revenue(m) = x.value.pooled_producer_revenue_eur;
    sharing_.pmo_fees(m) = x.value.pmo_fees_eur;
    sharing_.pmo_costs(m) = x.value.pmo_costs_eur;
  }
  const auto& d = x.diagnostics;
  if (d.game_grand_value_eur != 0) sharing_.game_grand_value(m) = d.game_grand_value_eur;
  output::RuleRecord& rec = sharing_.rules[rule];
  rec.benefit.row(m) = x.member_eur.transpose();
  rec.territorial(m, 0) = x.territorial.solidarity_fund_eur;
  rec.territorial(m, 1) = x.territorial.reinvestment_reserve_eur;
  rec.territorial(m, 2) = x.territorial.municipality_eur;
  rec.distributed(m) = d.distributed_eur;
  rec.budget_gap(m) = d.budget_gap_eur;
  rec.ir_violations(m) = d.individual_rationality_violations;
  rec.max_ir_shortfall(m) = d.max_individual_shortfall_eur;
  if (d.core) {
    rec.core_shortfall(m) = d.core->largest_core_shortfall;
    rec.core_exact(m) = d.core->exact ? 1.0 : 0.0;
    rec.core_coalitions(m) = static_cast<double>(d.core->coalitions_checked);
  }
  rec.max_standard_error(m) = d.standard_error.size() > 0 ? d.standard_error.maxCoeff() : 0.0;
}

// The funds receive the territorial shares of the rule in force and pay what their policy
// asks, never more than they hold (sharing::fund_balances, one period at a time so that a
// later phase can read the balance).
void Simulation::update_funds(int64_t period) {
  const auto m = static_cast<Eigen::Index>(period);
  const double years = economics::period_year_fraction(calendar_, period);
  const output::RuleRecord& in_force = sharing_.rules.front();
  auto post = [&](output::FundRecord& f, const FundSpec& spec, double inflow, double requested) {
    const double previous = m == 0 ? f.initial_eur : f.balance(m - 1);
    const double rate = sharing::period_rate(spec.interest_rate_per_year, years);
    const sharing::FundLedger l = sharing::fund_balances({inflow}, {requested}, previous, rate);
    f.inflow(m) = inflow;
    f.interest(m) = previous * rate;
    f.requested(m) = requested;
    f.paid(m) = l.paid_eur.front();
    f.unmet(m) = l.unmet_eur.front();
    f.balance(m) = l.balance_eur.front();
  };

  // Solidarity fund: aid to the bills of low-income members of the operation.
  const auto& sol_spec = scenario_.funds.solidarity_fund;
  const auto N = scenario_.participants.size();
  std::vector<double> bill(N), eligible(N);
  for (size_t i = 0; i < N; ++i) {
    const auto col = static_cast<Eigen::Index>(i);
    bill[i] = accounts_.bill(m, col);
    eligible[i] = scenario_.participants[i].low_income ? static_cast<double>(member_(m, col)) : 0;
  }
  const std::vector<double> asks =
      sharing::solidarity_requests(sol_spec.payout, bill, eligible, years);
  double asked = 0;
  for (double a : asks) asked += a;
  output::FundRecord& solidarity = sharing_.funds[0];
  post(solidarity, sol_spec, in_force.territorial(m, 0), asked);
  const std::vector<double> aid = sharing::ration_pro_rata(asks, solidarity.paid(m));
  for (size_t i = 0; i < N; ++i)
    solidarity.paid_to_member(m, static_cast<Eigen::Index>(i)) = aid[i];

  // Reinvestment reserve: dated spending falling in this period.
  const auto& res_spec = scenario_.funds.reinvestment_reserve;
  const int64_t from = grid_.step_start(calendar_.period_first_step[static_cast<size_t>(period)]);
  const int64_t to = grid_.step_start(calendar_.period_first_step[static_cast<size_t>(period) + 1]);
  double spend = 0;
  for (const auto& s : res_spec.spending)
    if (s.at_utc >= from && s.at_utc < to) spend += s.eur;
  post(sharing_.funds[1], res_spec, in_force.territorial(m, 1), spend);
}

// Phase 3: a round after period m decides the rules in force from m + 1 (none after the
// last period: nothing would run under them).
void Simulation::governance_round(int64_t period) {
  if (period + 1 >= calendar_.periods()) return;
  // No PMO decides before the operation starts or after it ended.
  if (lifecycle_ && !(lifecycle_->operating(period) && lifecycle_->operating(period + 1))) return;
  const RulesInForce next = governance_->round(period, in_force_, *this);
  commission_plants(period, next);
  put_in_force(next);
  if (governance_->renewal_voted())
    lifecycle_->renewal_voted(period, governance_->renewal_refused(),
                              governance_->renewal_decided_by(), member_, membership_.get());
  if (membership_ && !governance_->admitted().empty())
    membership_->admit_listed(period, governance_->admitted(), member_);
}

// Plants the round decided to build produce from period + 1 on.
void Simulation::commission_plants(int64_t period, const RulesInForce& next) {
  for (size_t k = 0; k < planned_.size(); ++k) {
    const auto p = static_cast<size_t>(planned_[k]);
    const std::string& id = scenario_.producers[p].id;
    if (!next.built(id) || in_force_.built(id)) continue;
    commissioned_[p] = static_cast<int32_t>(period + 1);
    sim::logger("simulation")->info("period {}: plant {} built by the round", period + 1, id);
  }
}

bool Simulation::renewal_due(int64_t period) const {
  return lifecycle_ && lifecycle_->renewal_due(period);
}

std::vector<Eigen::Index> Simulation::applicants_for_vote() const {
  if (!membership_ || !scenario_.dynamics.membership.admission_by_vote()) return {};
  return membership_->applicants_within_caps();
}

// Rebuilds what the step and close phases read when the rules in force change.
void Simulation::put_in_force(const RulesInForce& rules) {
  if (!(rules.sharing_key == in_force_.sharing_key))
    key_ = allocation::make_sharing_key(rules.sharing_key, key_context_);
  if (!(rules.benefit_rule == in_force_.benefit_rule)) {
    rules_.front() = sharing::make_benefit_rule(rules.benefit_rule);
    rules_need_steps_ = false;
    for (const auto& r : rules_)
      rules_need_steps_ = rules_need_steps_ || rule_needs_steps(r->name());
  }
  in_force_ = rules;
}

// Phase 4: members appraise what period m gave them (money, votes, aid), learn, and talk;
// then who joins and who leaves is decided (from the next period on). Phase 5: lifecycle
// events, a later part of the dynamics issue.
void Simulation::social_dynamics(int64_t period) {
  if (dynamics_) {
    const LivedPeriod lived = lived_period(period, scenario_, accounts_, sharing_,
                                           governance_->record(), owner_of_producer_);
    const Eigen::ArrayXd member = member_.row(period).transpose().cast<double>();
    dynamics_->after_period(period, lived, governance_->trust_pmo(), member);
    const bool deciding = !lifecycle_ || lifecycle_->operating(period + 1);
    const bool recruiting = lifecycle_ && lifecycle_->on_the_road(period + 1);
    if (membership_ && (deciding || recruiting)) {
      const Eigen::VectorXd consumption = period_energy_.consumption.row(period).transpose();
      MembershipInputs in;
      in.attitude = &dynamics_->attitude();
      in.satisfaction = &dynamics_->satisfaction();
      in.money_eur = &lived.money_eur;
      in.reference_eur = &lived.reference_eur;
      in.consumption_kwh = &consumption;
      in.unallocated_kwh = period_energy_.surplus.row(period).sum();
      in.updated = dynamics_->updates_after(period);
      if (deciding)
        membership_->after_period(period, in, member_);
      else  // on the road to operation: candidates are recruited, nobody joins yet
        membership_->applications_before_start(period, in);
    }
  }
  governance_->record_trust(period);
}
void Simulation::lifecycle_events(int64_t period) {
  if (!lifecycle_) return;
  // The feasibility study's economics: the founders as members over a window of periods to
  // come, under the community's rules (the inputs of future periods are already there).
  const auto savings_share = [this](int64_t first, int64_t last) {
    const auto N = static_cast<Eigen::Index>(scenario_.participants.size());
    output::MemberMatrix founders = output::MemberMatrix::Zero(last - first, N);
    for (Eigen::Index i = 0; i < N; ++i)
      if (scenario_.participants[static_cast<size_t>(i)].member_at_start) founders.col(i).setOnes();
    const WindowOutcome w = evaluate(first, last, in_force_, &founders);
    double benefit = 0, reference = 0;
    for (Eigen::Index i = 0; i < N; ++i)
      if (founders(0, i) != 0) {
        benefit += w.benefit(i);
        reference += w.bill_reference(i);
      }
    return reference > 0 ? benefit / reference : 0.0;
  };
  lifecycle_->after_period(period, member_, membership_.get(), savings_share);
}

WindowOutcome Simulation::evaluate(int64_t first_period, int64_t last_period,
                                   const Alternative& alt) const {
  RulesInForce rules = in_force_;
  if (alt.sharing_key) rules.sharing_key = *alt.sharing_key;
  if (alt.internal_price_eur_per_kwh)
    rules.internal_price_eur_per_kwh = *alt.internal_price_eur_per_kwh;
  if (alt.benefit_rule) rules.benefit_rule = *alt.benefit_rule;
  if (alt.pmo_fee_eur_per_member_year)
    rules.pmo_fee_eur_per_member_year = *alt.pmo_fee_eur_per_member_year;
  return evaluate(first_period, last_period, rules);
}

WindowOutcome Simulation::evaluate(int64_t first_period, int64_t last_period,
                                   const RulesInForce& rules,
                                   const output::MemberMatrix* window_members) const {
  const sim::StepCalendar cal = calendar_.slice(first_period, last_period);
  const int64_t t0 = calendar_.period_first_step[static_cast<size_t>(first_period)];
  const int64_t rows = static_cast<int64_t>(cal.period.size());
  const sim::TimeGrid grid{grid_.step_start(t0), grid_.step_seconds, rows};
  const auto N = static_cast<Eigen::Index>(scenario_.participants.size());
  const auto P = static_cast<Eigen::Index>(scenario_.producers.size());

  // Scratch buffers of the window's size; the run's ledger is read, never written.
  EvaluationScratch& s = scratch_;
  if (s.cons.rows() < rows || s.cons.cols() != N) {
    for (auto* m : {&s.cons, &s.alloc, &s.supplied}) m->resize(rows, N);
    for (auto* m : {&s.prod, &s.autoprod, &s.surplus}) m->resize(rows, P);
  }
  s.planned.resize(rows, static_cast<Eigen::Index>(planned_.size()));
  // The window's inputs: the last periods kept by the run, or made again (future periods for
  // the feasibility study, or a window longer than governance's).
  for (int64_t m = first_period; m < last_period; ++m) {
    const PeriodInputs& in = inputs_of(m);
    const int64_t at = calendar_.period_first_step[static_cast<size_t>(m)] - t0;
    const int64_t n = calendar_.period_first_step[static_cast<size_t>(m) + 1] - t0 - at;
    s.cons.middleRows(at, n) = in.consumption.topRows(n);
    s.prod.middleRows(at, n) = in.production.topRows(n);
    s.planned.middleRows(at, n) = in.planned.topRows(n);
  }
  // Planned plants as the rules have them: built all along the window, or not at all.
  for (size_t k = 0; k < planned_.size(); ++k) {
    auto col = s.prod.col(planned_[k]).head(rows);
    if (rules.built(scenario_.producers[static_cast<size_t>(planned_[k])].id))
      col = s.planned.col(static_cast<Eigen::Index>(k));
    else
      col.setZero();
  }
  // Who is a member in each period of the window: the run's members, or those a vote values
  // (the applicants added for an admission, nobody for a dissolution).
  const output::MemberMatrix window_member =
      window_members ? *window_members
                     : member_.middleRows(first_period, last_period - first_period).eval();
  const auto everyone_in = [&](int64_t m) {
    return window_member.cols() == 0 || window_member.row(m).minCoeff() != 0;
  };
  // The key shares among each period's members (as run_steps): others' consumption is 0.
  bool everyone = true;
  for (int64_t m = 0; m < cal.periods(); ++m) everyone = everyone && everyone_in(m);
  const economics::RowMatrix* key_cons = &s.cons;
  if (!everyone) {
    s.masked.resize(rows, N);
    for (int64_t k = 0; k < rows; ++k) {
      const auto m = cal.period[static_cast<size_t>(k)];
      s.masked.row(k) = s.cons.row(k).cwiseProduct(window_member.row(m).cast<double>());
    }
    key_cons = &s.masked;
  }
  // The window ran under this key and these members: its allocation is the recorded one.
  // (Kept only with a whole ledger; otherwise the allocation is made again, the same.)
  bool same_key = options_.whole_ledger && !window_members &&
                  last_period <= static_cast<int64_t>(history_.size());
  for (int64_t m = first_period; same_key && m < last_period; ++m)
    same_key = history_[static_cast<size_t>(m)].sharing_key == rules.sharing_key &&
               history_[static_cast<size_t>(m)].plants_built == rules.plants_built;
  if (same_key) {
    s.alloc.topRows(rows) = allocated_.middleRows(t0, rows);
    s.autoprod.topRows(rows) = autoprod_.middleRows(t0, rows);
    s.surplus.topRows(rows) = surplus_.middleRows(t0, rows);
  } else {
    // Keys with per-step data (coefficient files) are indexed from the run's first step:
    // build the key for the window.
    allocation::KeyContext kc = key_context_;
    kc.steps = rows;
    kc.start_utc = grid.start_utc;
    const auto key = allocation::make_sharing_key(rules.sharing_key, kc);
    key->allocate(allocation::AllocationView{0, rows, N, P, key_cons->data(), s.prod.data(),
                                             s.alloc.data(), s.autoprod.data(), s.surplus.data()});
  }
  s.supplied.topRows(rows) = s.cons.topRows(rows) - s.alloc.topRows(rows);
  const economics::RowMatrix member = window_member.cast<double>();
  const economics::RowMatrix &cons = s.cons, &prod = s.prod, &alloc = s.alloc,
                             &autoprod = s.autoprod, &surplus = s.surplus, &supplied = s.supplied;

  economics::BillingInput in = billing_input();
  in.grid = &grid;
  in.calendar = &cal;
  in.consumption = &cons;
  in.allocated = &alloc;
  in.supplied = &supplied;
  in.production = &prod;
  in.autoprod = &autoprod;
  in.surplus = &surplus;
  in.internal_price_eur_per_kwh = rules.internal_price_eur_per_kwh;
  in.pmo_fee_eur_per_member_year = rules.pmo_fee_eur_per_member_year;
  in.member = &member;
  economics::PeriodAccounts acc = economics::compute_accounts(scenario_.tariffs, in);
  // The same costs of intermediaries and rounds as the run, so that options compare alike.
  acc.pmo_costs += extra_pmo_costs_.segment(first_period, last_period - first_period);
  std::unique_ptr<sharing::BenefitRule> alt_rule;
  const sharing::BenefitRule* rule = rules_.front().get();
  if (!(rules.benefit_rule == in_force_.benefit_rule)) {
    alt_rule = sharing::make_benefit_rule(rules.benefit_rule);
    rule = alt_rule.get();
  }
  BenefitPeriodInput bin;
  bin.scenario = &scenario_;
  bin.grid = &grid;
  bin.calendar = &cal;
  bin.consumption = &cons;
  bin.allocated = &alloc;
  bin.production = &prod;
  bin.accounts = &acc;
  bin.with_steps = rule_needs_steps(rule->name());
  double territorial = 0;
  std::vector<int> members;
  for (int64_t m = 0; m < cal.periods(); ++m) {
    bin.period = m;
    bin.members = everyone_in(m) ? nullptr : &members;
    if (bin.members) {
      members.clear();
      for (Eigen::Index i = 0; i < window_member.cols(); ++i)
        if (window_member(m, i) != 0) members.push_back(static_cast<int>(i));
    }
    const sharing::BenefitShares shares = distribute(*rule, bin);
    acc.benefit.row(m) = shares.member_eur.transpose();
    territorial += shares.territorial.total();
  }

  WindowOutcome out;
  out.allocated_kwh = alloc.topRows(rows).colwise().sum().transpose();
  out.bill_reference = acc.bill_reference.colwise().sum().transpose();
  out.bill = acc.bill.colwise().sum().transpose();
  out.benefit = acc.benefit.colwise().sum().transpose();
  out.producer_revenue =
      (acc.producer_internal_revenue + acc.producer_surplus_revenue).colwise().sum().transpose();
  for (int64_t m = 0; m < cal.periods(); ++m)
    out.producer_revenue -= pooled_producer_revenue(scenario_.pooled_producer_revenue, acc, m);
  out.allocated_total_kwh = alloc.topRows(rows).sum();
  out.surplus_total_kwh = surplus.topRows(rows).sum();
  out.production_total_kwh = prod.topRows(rows).sum();
  out.consumption_total_kwh = cons.topRows(rows).sum();
  out.territorial_eur = territorial;
  return out;
}

WindowOutcome Simulation::realised(int64_t first_period, int64_t last_period) const {
  const Eigen::Index m0 = first_period, rows = last_period - first_period;
  WindowOutcome out;
  out.allocated_kwh = period_energy_.allocated.middleRows(m0, rows).colwise().sum().transpose();
  out.bill_reference = accounts_.bill_reference.middleRows(m0, rows).colwise().sum().transpose();
  out.bill = accounts_.bill.middleRows(m0, rows).colwise().sum().transpose();
  out.benefit = accounts_.benefit.middleRows(m0, rows).colwise().sum().transpose();
  out.producer_revenue = (accounts_.producer_internal_revenue.middleRows(m0, rows) +
                          accounts_.producer_surplus_revenue.middleRows(m0, rows) -
                          sharing_.producer_pooled.middleRows(m0, rows))
                             .colwise()
                             .sum()
                             .transpose();
  out.allocated_total_kwh = out.allocated_kwh.sum();
  out.surplus_total_kwh = period_energy_.surplus.middleRows(m0, rows).sum();
  out.production_total_kwh = period_energy_.production.middleRows(m0, rows).sum();
  out.consumption_total_kwh = period_energy_.consumption.middleRows(m0, rows).sum();
  out.territorial_eur = sharing_.rules.front().territorial.middleRows(m0, rows).sum();
  return out;
}

output::RunResult Simulation::take_result() {
  output::RunResult r;
  r.provenance.scenario_name = scenario_.name;
  r.provenance.scenario_yaml = scenario_.resolved_yaml;
  r.provenance.seed = scenario_.seed;
  r.provenance.replicate = scenario_.replicate;
  r.grid = grid_;
  r.calendar = calendar_;
  r.timezone = scenario_.time.timezone;
  r.participants = scenario_.participants;
  r.producers = scenario_.producers;
  r.producer_commissioned = commissioned_;
  if (options_.whole_ledger) {
    r.consumption = std::move(inputs_.consumption);
    r.allocated = std::move(allocated_);
    r.supplied = std::move(supplied_);
    r.production = std::move(inputs_.production);
    r.autoprod = std::move(autoprod_);
    r.surplus = std::move(surplus_);
  }
  r.member = std::move(member_);
  r.accounts = std::move(accounts_);
  r.sharing = std::move(sharing_);
  r.governance = governance_->take_record();
  if (dynamics_) r.dynamics = dynamics_->take_record();
  if (membership_) r.membership = membership_->take_record();
  if (lifecycle_) r.lifecycle = lifecycle_->take_record();
  r.actors = scenario_.actors;
  // Totals of the steps run so far (all of them after run()), accumulated in run_steps.
  r.period_energy = std::move(period_energy_);
  r.summary = summarize(r, &inputs_);
  for (auto& kpi : finance_kpis(scenario_, r)) r.summary.push_back(std::move(kpi));
  for (auto& kpi : fund_kpis(r)) r.summary.push_back(std::move(kpi));
  for (auto& kpi : governance_kpis(r)) r.summary.push_back(std::move(kpi));
  for (auto& kpi : dynamics_kpis(r)) r.summary.push_back(std::move(kpi));
  for (auto& kpi : lifecycle_kpis(r)) r.summary.push_back(std::move(kpi));
  return r;
}

std::unique_ptr<output::LedgerStream> stream_ledgers(const Scenario& scenario,
                                                     const std::string& path, unsigned threads,
                                                     SimulationOptions& options) {
  const int64_t steps =
      (scenario.time.end_utc - scenario.time.start_utc) / scenario.time.step_seconds;
  auto stream = std::make_unique<output::LedgerStream>(path, scenario.participants,
                                                       scenario.producers, steps, threads);
  options.whole_ledger = false;
  options.on_period_steps = [s = stream.get()](const PeriodSteps& p) {
    s->append(p.first_step, p.rows,
              {p.consumption, p.allocated, p.supplied, p.production, p.autoprod, p.surplus});
  };
  return stream;
}

}  // namespace accord::models
