#include "accord/models/simulation/simulation.hpp"

#include <chrono>

#include "accord/models/scenario/key_context.hpp"
#include "accord/models/simulation/benefit_distribution.hpp"
#include "accord/sim/logging.hpp"

namespace accord::models {

namespace {

sim::TimeGrid make_grid(const Scenario& s) {
  return sim::TimeGrid::covering(s.time.start_utc, s.time.end_utc, s.time.step_seconds);
}

allocation::AllocationView view_of(int64_t t0, int64_t t1, const economics::RowMatrix& cons,
                                   const economics::RowMatrix& prod, economics::RowMatrix& alloc,
                                   economics::RowMatrix& autoprod, economics::RowMatrix& surplus) {
  return allocation::AllocationView{
      t0,          t1,           cons.cols(),     prod.cols(),   cons.data(),
      prod.data(), alloc.data(), autoprod.data(), surplus.data()};
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
      key_(allocation::make_sharing_key(scenario.sharing_key, key_context_)),
      internal_price_eur_per_kwh_(scenario.internal_price.eur_per_kwh),
      benefit_rule_(scenario.benefit_rule) {
  const auto started = std::chrono::steady_clock::now();
  inputs_ = build_energy_inputs(scenario, grid_, calendar_, options_.threads);
  sim::logger("energy")->info(
      "[{}] inputs of {} participants and {} producers over {} steps built in {:.3f} s",
      sim::format_iso8601(grid_.start_utc, sim::TimeZone::from_name(scenario.time.timezone)),
      scenario.participants.size(), scenario.producers.size(), grid_.steps,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  const auto T = grid_.steps;
  const auto N = static_cast<int64_t>(scenario.participants.size());
  const auto P = static_cast<int64_t>(scenario.producers.size());
  const auto M = calendar_.periods();
  allocated_.resize(T, N);
  supplied_.resize(T, N);
  autoprod_.resize(T, P);
  surplus_.resize(T, P);
  accounts_.bill_reference.setZero(M, N);
  accounts_.bill.setZero(M, N);
  accounts_.internal_purchase.setZero(M, N);
  accounts_.benefit.setZero(M, N);
  accounts_.producer_internal_revenue.setZero(M, P);
  accounts_.producer_surplus_revenue.setZero(M, P);
  accounts_.pmo_costs.setZero(M);
  accounts_.pmo_fees.setZero(M);
  // Membership is static in this version (membership dynamics arrive with social dynamics).
  member_.setOnes(M, N);
}

Simulation::~Simulation() = default;

bool Simulation::step() {
  return scheduler_.step(*this);
}

void Simulation::run() {
  scheduler_.run(*this);
}

// Phase 1: allocation by the key in force, then the complement from the supplier.
void Simulation::run_steps(int64_t first_step, int64_t last_step) {
  key_->allocate(view_of(first_step, last_step, inputs_.consumption, inputs_.production, allocated_,
                         autoprod_, surplus_));
  supplied_.middleRows(first_step, last_step - first_step) =
      inputs_.consumption.middleRows(first_step, last_step - first_step) -
      allocated_.middleRows(first_step, last_step - first_step);
}

// Phase 2: bills, sales, PMO account and benefit of the period.
void Simulation::close_period(int64_t period) {
  const economics::RowMatrix member = member_.cast<double>();
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
  in.internal_price_eur_per_kwh = internal_price_eur_per_kwh_;
  in.first_period = period;
  in.last_period = period + 1;
  in.member = &member;
  economics::PeriodAccounts acc = economics::compute_accounts(scenario_.tariffs, in);
  const auto first = calendar_.period_first_step[static_cast<size_t>(period)];
  const auto last = calendar_.period_first_step[static_cast<size_t>(period) + 1];
  distribute_benefit(benefit_rule_, inputs_.consumption, first, last, acc);
  put_rows(accounts_.bill_reference, period, acc.bill_reference);
  put_rows(accounts_.bill, period, acc.bill);
  put_rows(accounts_.internal_purchase, period, acc.internal_purchase);
  put_rows(accounts_.benefit, period, acc.benefit);
  put_rows(accounts_.producer_internal_revenue, period, acc.producer_internal_revenue);
  put_rows(accounts_.producer_surplus_revenue, period, acc.producer_surplus_revenue);
  put_rows(accounts_.pmo_costs, period, acc.pmo_costs);
  put_rows(accounts_.pmo_fees, period, acc.pmo_fees);
  closed_periods_ = period + 1;
  sim::logger("sim")->debug(
      "[{}] period {} closed",
      sim::format_iso8601(calendar_.period_start_utc[static_cast<size_t>(period)],
                          sim::TimeZone::from_name(scenario_.time.timezone)),
      period);
}

// Phases 3-5 are hooks that later issues fill (governance protocols, trust and membership
// dynamics, lifecycle events). They are called at their rates so the ordering is exercised.
void Simulation::governance_round(int64_t period) {
  sim::logger("governance")->debug("period {}: governance round (no agenda configured)", period);
}
void Simulation::social_dynamics(int64_t /*period*/) {}
void Simulation::lifecycle_events(int64_t /*period*/) {}

WindowOutcome Simulation::evaluate(int64_t first_period, int64_t last_period,
                                   const Alternative& alt) const {
  const sim::StepCalendar cal = calendar_.slice(first_period, last_period);
  const int64_t t0 = calendar_.period_first_step[static_cast<size_t>(first_period)];
  const int64_t rows = static_cast<int64_t>(cal.period.size());
  const sim::TimeGrid grid{grid_.step_start(t0), grid_.step_seconds, rows};

  // Scratch buffers of the window's size; the run's ledger is read, never written.
  const economics::RowMatrix cons = inputs_.consumption.middleRows(t0, rows);
  const economics::RowMatrix prod = inputs_.production.middleRows(t0, rows);
  economics::RowMatrix alloc(rows, cons.cols()), autoprod(rows, prod.cols()),
      surplus(rows, prod.cols());
  std::unique_ptr<allocation::SharingKey> alt_key;
  const allocation::SharingKey* key = key_.get();
  allocation::KeyContext kc = key_context_;
  if (alt.sharing_key) {
    kc.steps = rows;
    kc.start_utc = grid.start_utc;
    alt_key = allocation::make_sharing_key(*alt.sharing_key, kc);
    key = alt_key.get();
  } else if (t0 != 0) {
    // Keys with per-step data (coefficient files) are indexed from the run's first step;
    // rebuild the one in force for the window.
    kc.steps = rows;
    kc.start_utc = grid.start_utc;
    alt_key = allocation::make_sharing_key(scenario_.sharing_key, kc);
    key = alt_key.get();
  }
  key->allocate(view_of(0, rows, cons, prod, alloc, autoprod, surplus));
  const economics::RowMatrix supplied = cons - alloc;
  const economics::RowMatrix member =
      member_.middleRows(first_period, last_period - first_period).cast<double>();

  economics::BillingInput in;
  in.grid = &grid;
  in.calendar = &cal;
  in.participants = &scenario_.participants;
  in.producers = &scenario_.producers;
  in.consumption = &cons;
  in.allocated = &alloc;
  in.supplied = &supplied;
  in.production = &prod;
  in.autoprod = &autoprod;
  in.surplus = &surplus;
  in.internal_price_eur_per_kwh =
      alt.internal_price_eur_per_kwh.value_or(internal_price_eur_per_kwh_);
  in.member = &member;
  economics::PeriodAccounts acc = economics::compute_accounts(scenario_.tariffs, in);
  const BenefitRuleSpec& rule = alt.benefit_rule ? *alt.benefit_rule : benefit_rule_;
  for (int64_t m = 0; m < cal.periods(); ++m) {
    economics::PeriodAccounts one;
    one.bill_reference = acc.bill_reference.middleRows(m, 1);
    one.bill = acc.bill.middleRows(m, 1);
    one.benefit = acc.benefit.middleRows(m, 1);
    one.pmo_costs = acc.pmo_costs.segment(m, 1);
    const auto a = cal.period_first_step[static_cast<size_t>(m)];
    const auto b = cal.period_first_step[static_cast<size_t>(m) + 1];
    distribute_benefit(rule, cons, a, b, one);
    acc.benefit.middleRows(m, 1) = one.benefit;
  }

  WindowOutcome out;
  out.allocated_kwh = alloc.colwise().sum().transpose();
  out.bill_reference = acc.bill_reference.colwise().sum().transpose();
  out.bill = acc.bill.colwise().sum().transpose();
  out.benefit = acc.benefit.colwise().sum().transpose();
  out.producer_revenue =
      (acc.producer_internal_revenue + acc.producer_surplus_revenue).colwise().sum().transpose();
  out.allocated_total_kwh = alloc.sum();
  out.surplus_total_kwh = surplus.sum();
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
  r.consumption = std::move(inputs_.consumption);
  r.allocated = std::move(allocated_);
  r.supplied = std::move(supplied_);
  r.production = std::move(inputs_.production);
  r.autoprod = std::move(autoprod_);
  r.surplus = std::move(surplus_);
  r.member = std::move(member_);
  r.accounts = std::move(accounts_);
  r.summary = summarize(r, &inputs_);
  return r;
}

}  // namespace accord::models
