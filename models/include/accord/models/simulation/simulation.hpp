#pragma once
// One run of an ACC operation: the world state, the five phases (sim::PhaseScheduler), and
// cheap side-effect-free re-simulation of past periods under other rules (what agents use
// to evaluate options in governance).
#include <deque>
#include <functional>
#include <memory>
#include <optional>

#include "accord/models/allocation/sharing_key.hpp"
#include "accord/models/economics/accounts.hpp"
#include "accord/models/output/run_result.hpp"
#include "accord/models/scenario/scenario.hpp"
#include "accord/models/sharing/benefit_rules.hpp"
#include "accord/models/simulation/benefit_period.hpp"
#include "accord/models/simulation/energy_inputs.hpp"
#include "accord/sim/phase_scheduler.hpp"

namespace accord::models {

// An alternative to evaluate on a past window; unset fields keep the rules in force.
struct Alternative {
  std::optional<SharingKeySpec> sharing_key;
  std::optional<double> internal_price_eur_per_kwh;
  std::optional<sharing::BenefitRuleSpec> benefit_rule;
  std::optional<double> pmo_fee_eur_per_member_year;
};

namespace output {
class LedgerStream;
}

class GovernancePhase;
class DynamicsPhase;
class MembershipPhase;
class LifecyclePhase;

// What a window of periods would have looked like (totals per participant over the window).
struct WindowOutcome {
  Eigen::VectorXd allocated_kwh;     // [N]
  Eigen::VectorXd bill_reference;    // [N] EUR
  Eigen::VectorXd bill;              // [N] EUR
  Eigen::VectorXd benefit;           // [N] EUR
  Eigen::VectorXd producer_revenue;  // [P] EUR, internal sales + surplus
  double allocated_total_kwh = 0;
  double surplus_total_kwh = 0;
  double production_total_kwh = 0;
  double consumption_total_kwh = 0;
  double territorial_eur = 0;  // solidarity fund + reinvestment reserve + municipality
};

// The per-step rows of one closed period, row-major: [rows, N] for consumption, allocated and
// supplied, [rows, P] for production, autoprod and surplus (valid during the call only).
struct PeriodSteps {
  int64_t first_step = 0;
  int64_t rows = 0;
  const double* consumption = nullptr;
  const double* allocated = nullptr;
  const double* supplied = nullptr;
  const double* production = nullptr;
  const double* autoprod = nullptr;
  const double* surplus = nullptr;
};

struct SimulationOptions {
  unsigned threads = 1;  // for building inputs; results do not depend on it
  // true: the inputs (consumption, production) and allocation ledgers (allocated, supplied,
  // autoprod, surplus) are kept [T, N] for the whole run and handed over by take_result (what
  // `detail: full` records). false: they exist for the period being run only (plus the last
  // periods governance values options on), and take_result hands over no per-step ledger
  // (every total is the same to the bit): `detail: periods` and `summary` runs hold memory
  // for a period, not for their horizon.
  bool whole_ledger = true;
  // Called as each period closes with its per-step rows: what the streaming recorder writes
  // at detail full (output::LedgerStream) while the run holds one period of them.
  std::function<void(const PeriodSteps&)> on_period_steps = nullptr;
};

class Simulation : private sim::PhaseHandler {
 public:
  explicit Simulation(const Scenario& scenario, SimulationOptions options = {});
  ~Simulation() override;
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  // Advance one metering step (and the period phases when it closes a period).
  bool step();
  // Run to the end.
  void run();
  bool finished() const { return scheduler_.finished(); }

  // Re-simulates billing periods [first_period, last_period) with `alt`, from the recorded
  // inputs, into scratch buffers: the run's state is not touched.
  WindowOutcome evaluate(int64_t first_period, int64_t last_period, const Alternative& alt) const;
  // Same, under a whole set of rules (what governance options are valued with); with
  // `window_members` [last - first, N], these are the members of the window's periods instead
  // of the run's (what an admission or a renewal vote values).
  WindowOutcome evaluate(int64_t first_period, int64_t last_period, const RulesInForce& rules,
                         const output::MemberMatrix* window_members = nullptr) const;
  // What the run gave over closed periods [first_period, last_period), in the same shape.
  WindowOutcome realised(int64_t first_period, int64_t last_period) const;
  const RulesInForce& rules_in_force() const { return in_force_; }
  // [M, N] 1 where the participant is a member (rows beyond the present as decided so far).
  const output::MemberMatrix& membership() const { return member_; }
  // Applicants a vote of the round after this period may admit (admission assembly or board),
  // in order of application within the caps; empty otherwise.
  std::vector<Eigen::Index> applicants_for_vote() const;
  // Whether the round after this period must vote on the operation's renewal
  // (lifecycle.renewal).
  bool renewal_due(int64_t period) const;

  const sim::TimeGrid& grid() const { return grid_; }
  const sim::StepCalendar& calendar() const { return calendar_; }
  // Periods closed so far.
  int64_t closed_periods() const { return closed_periods_; }
  // Wall time spent building inputs so far: the generators at construction, then each
  // period's inputs as the run reaches it (and those evaluate() makes again).
  double input_seconds() const { return input_seconds_; }
  // The finished run, ready for the recorder (moves the ledger out).
  output::RunResult take_result();

 private:
  void run_steps(int64_t first_step, int64_t last_step) override;
  void close_period(int64_t period) override;
  void governance_round(int64_t period) override;
  void social_dynamics(int64_t period) override;
  void lifecycle_events(int64_t period) override;
  void record_shares(int64_t period, size_t rule, const sharing::BenefitShares& shares);
  sharing::BenefitShares distribute(const sharing::BenefitRule& rule,
                                    const BenefitPeriodInput& in) const;
  void update_funds(int64_t period);
  economics::BillingInput billing_input() const;
  // Step held by row 0 of the allocation ledgers while `period` runs: 0 for a whole ledger,
  // else the period's first step.
  int64_t ledger_origin(int64_t period) const;
  // The inputs of one period as the run has them (docs/performance.md, "Long runs"):
  // generated, outages applied, the planned plants' production set aside in `planned` (and
  // kept in `production` from the period they were built in), nothing produced for the
  // operation before it started (only for periods run before the start: what the run did).
  void period_inputs(int64_t period, economics::RowMatrix& consumption,
                     economics::RowMatrix& production, economics::RowMatrix& planned,
                     EnergyInputs* totals) const;
  // Makes the period's inputs those of the step phase (once per period, on its first step).
  void start_period(int64_t period);
  // The inputs of a past period for evaluate(): from the last periods kept, else made again.
  // Rows beyond the period's steps (buffers reused from a longer period) are not its own.
  struct PeriodInputs {
    int64_t period = -1;
    economics::RowMatrix consumption, production, planned;
  };
  const PeriodInputs& inputs_of(int64_t period) const;
  void put_in_force(const RulesInForce& rules);
  void commission_plants(int64_t period, const RulesInForce& next);
  // Whether every participant is a member in `period` (then nothing is masked).
  bool everyone_member(int64_t period) const;
  // Participant indices of the members of `period`.
  std::vector<int> members_of(int64_t period) const;

  const Scenario scenario_;  // owned: a simulation outlives the caller's scenario object
  SimulationOptions options_;
  sim::TimeGrid grid_;
  sim::StepCalendar calendar_;
  sim::PhaseScheduler scheduler_;
  allocation::KeyContext key_context_;
  RulesInForce in_force_;  // governance replaces it between periods; steps and close read it
  std::unique_ptr<allocation::SharingKey> key_;  // built from in_force_.sharing_key
  // Benefit rules: [0] in force, then the counterfactual rules recorded beside it.
  std::vector<std::unique_ptr<sharing::BenefitRule>> rules_;
  bool rules_need_steps_ = false;
  output::SharingRecord sharing_;
  InputStream stream_;  // the inputs, period by period
  // Totals of load and self-consumption [N] (always), and with whole_ledger the whole
  // consumption [T, N] and production [T, P], filled as the periods run.
  EnergyInputs inputs_;
  // Ledger, [T, N] / [T, P] kWh (whole_ledger), else the rows of the period being run.
  economics::RowMatrix allocated_, supplied_, autoprod_, surplus_;
  PeriodInputs block_;  // the inputs of the period being run (its first step is row 0)
  // The inputs of the last closed periods, as many as a governance window holds (oldest
  // first), what evaluate() re-simulates; older or future periods are made again on demand.
  mutable std::deque<PeriodInputs> recent_;
  size_t recent_capacity_ = 0;
  mutable PeriodInputs made_again_;
  std::vector<uint8_t> cleared_;  // [M] 1 where the run ran the period before the start
  // Per-period energy totals [M, N] / [M, P] kWh, summed as the steps are run.
  output::PeriodEnergy period_energy_;
  economics::PeriodAccounts accounts_;           // [M, ...]
  output::MemberMatrix member_;                  // [M, N]
  std::unique_ptr<GovernancePhase> governance_;  // phase 3 (and the actors' bookkeeping)
  std::unique_ptr<DynamicsPhase> dynamics_;      // phase 4, when the scenario has `dynamics:`
  std::unique_ptr<MembershipPhase> membership_;  // phase 4, with `dynamics.membership`
  std::unique_ptr<LifecyclePhase> lifecycle_;    // phase 5, with `lifecycle:`
  economics::RowMatrix masked_consumption_;      // a block's consumption, non-members at 0
  std::vector<int> members_of_period_;           // the members of the period being closed
  std::vector<int> owner_of_producer_;           // [P] participant index, -1 none (phase 4)
  std::vector<RulesInForce> history_;            // [closed periods] the rules each period ran under
  Eigen::VectorXd extra_pmo_costs_;              // [M] intermediaries and rounds charged to the PMO
  // Planned plants (producers[].planned): their indices (their columns of the inputs stay 0
  // until built; what they would produce is PeriodInputs::planned), and the period each
  // producer was commissioned in [P] (0 from the start, -1 never).
  std::vector<int> planned_;
  std::vector<int32_t> commissioned_;
  // Scratch of evaluate(), sized for the longest window and reused: a governance round values
  // dozens of options, and fresh buffers each time would cost more in page faults than the
  // allocation itself. evaluate() is therefore not safe to call from two threads at once.
  struct EvaluationScratch {
    economics::RowMatrix cons, prod, alloc, autoprod, surplus, supplied;
    economics::RowMatrix masked;   // cons with non-members at 0, what the key reads
    economics::RowMatrix planned;  // what the planned plants would produce
  };
  mutable EvaluationScratch scratch_;
  int64_t closed_periods_ = 0;
  mutable double input_seconds_ = 0;
};

// A run of `scenario` at detail full that streams its per-step ledgers to `path`: opens the
// file (output::LedgerStream, `threads` compressing) and makes `options` keep one period of
// ledgers and hand each closed period to it. Write the run with output::write_run_streamed.
std::unique_ptr<output::LedgerStream> stream_ledgers(const Scenario& scenario,
                                                     const std::string& path, unsigned threads,
                                                     SimulationOptions& options);

// Investors' and plants' NPV, IRR and payback from the scenario's `finance` section.
std::vector<output::Kpi> finance_kpis(const Scenario& scenario, const output::RunResult& run);

// Final balances and totals of the PMO's funds and the pooled producer revenue.
std::vector<output::Kpi> fund_kpis(const output::RunResult& run);

// Rounds, rule changes, assembly participation, intermediation cost and final trust (none when
// the governance calendar is `none`).
std::vector<output::Kpi> governance_kpis(const output::RunResult& run);

// Where satisfaction, trust and attitudes ended (none without a `dynamics:` section).
std::vector<output::Kpi> dynamics_kpis(const output::RunResult& run);

// Whether and when the project started, abandonment, dissolution (none without `lifecycle:`).
std::vector<output::Kpi> lifecycle_kpis(const output::RunResult& run);

// Scalar indicators of a finished run (written under /summary).
std::vector<output::Kpi> summarize(const output::RunResult& run,
                                   const EnergyInputs* inputs = nullptr);

}  // namespace accord::models
