#pragma once
// Everything a finished run hands to the recorder: provenance, the members, the per-step
// energy ledger, the per-period accounts and the scalar KPIs. The recorder writes it to the
// HDF5 contract of DESIGN.md §3.3 (documented in docs/hdf5-format.md).
#include <Eigen/Dense>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "accord/models/economics/accounts.hpp"
#include "accord/models/scenario/actor_specs.hpp"
#include "accord/models/scenario/specs.hpp"
#include "accord/sim/time_grid.hpp"

namespace accord::models::output {

using RowMatrix = economics::RowMatrix;
using MemberMatrix = Eigen::Matrix<uint8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct Provenance {
  std::string scenario_name;
  std::string scenario_yaml;  // the resolved scenario, defaults filled in
  std::string accord_version;
  std::string git_sha;
  std::string created_utc;  // ISO 8601, for humans; never used in results
  uint64_t seed = 0;
  uint32_t replicate = 0;
};

// A scalar indicator of the run, written under /summary.
struct Kpi {
  std::string name;  // dataset name, snake_case with unit suffix where it has one
  double value = 0;
  std::string units;  // "1", "kWh", "EUR", ...
  std::string description;
};

// Benefit distribution of one rule over the run (the rule in force, or a counterfactual
// evaluated on the same periods), per billing period.
struct RuleRecord {
  std::string name;               // rule type (contract name)
  RowMatrix benefit;              // [M, N] EUR, members' shares
  RowMatrix territorial;          // [M, 3] EUR: solidarity fund, reinvestment reserve, municipality
  Eigen::VectorXd distributed;    // [M] EUR distributed to members (V - territorial)
  Eigen::VectorXd budget_gap;     // [M] EUR, sum of shares - distributed
  Eigen::VectorXd ir_violations;  // [M] members below their stand-alone value
  Eigen::VectorXd max_ir_shortfall;    // [M] EUR
  Eigen::VectorXd core_shortfall;      // [M] EUR, largest v(S) - x(S); NaN when not computed
  Eigen::VectorXd core_exact;          // [M] 1 exact, 0 sampled lower bound, NaN not computed
  Eigen::VectorXd core_coalitions;     // [M] coalitions checked
  Eigen::VectorXd max_standard_error;  // [M] EUR, sampled Shapley; 0 exact or not sampled
};

// One fund of the PMO over the run (sharing::fund_balances, per billing period):
//   balance_m = balance_{m-1} + interest_m + inflow_m - paid_m,  paid_m <= what it holds,
//   unmet_m = requested_m - paid_m.
struct FundRecord {
  std::string name;           // solidarity_fund | reinvestment_reserve
  double initial_eur = 0;     // balance before the first period
  Eigen::VectorXd balance;    // [M] EUR after the period
  Eigen::VectorXd inflow;     // [M] EUR, territorial share of the rule in force
  Eigen::VectorXd interest;   // [M] EUR earned on the previous balance
  Eigen::VectorXd requested;  // [M] EUR asked by the payout or spending policy
  Eigen::VectorXd paid;       // [M] EUR
  Eigen::VectorXd unmet;      // [M] EUR
  RowMatrix paid_to_member;   // [M, N] EUR (solidarity fund only; empty otherwise)
};

// Where the community benefit of each period comes from, and what each rule made of it.
struct SharingRecord {
  Eigen::VectorXd community_benefit;        // [M] EUR, V
  Eigen::VectorXd member_savings;           // [M] EUR
  Eigen::VectorXd pooled_producer_revenue;  // [M] EUR
  Eigen::VectorXd pmo_fees;                 // [M] EUR
  Eigen::VectorXd pmo_costs;                // [M] EUR
  Eigen::VectorXd game_grand_value;         // [M] EUR, v(N) of the savings game; NaN if none
  std::vector<RuleRecord> rules;            // [0] = the rule in force
  // [M, P] EUR of each producer's revenue pooled into V (community.pooled_producer_revenue);
  // the producer keeps internal + surplus revenue minus this. Empty = nothing pooled.
  RowMatrix producer_pooled;
  std::vector<FundRecord> funds;  // solidarity_fund, reinvestment_reserve (empty: none)
};

// Energy per billing period (sums of the per-step ledger over each period), kWh.
struct PeriodEnergy {
  RowMatrix consumption;  // [M, N]
  RowMatrix allocated;    // [M, N]
  RowMatrix supplied;     // [M, N]
  RowMatrix production;   // [M, P]
  RowMatrix surplus;      // [M, P]
};

// One governance decision: a round's agenda item (docs/hdf5-format.md "/governance").
struct GovernanceRow {
  int64_t period = 0;    // decided after this period; in force from period + 1
  int64_t time_utc = 0;  // start of period + 1
  std::string item, protocol, decided_by;
  std::vector<std::string> options;        // [K] one-line YAML; [0] the status quo
  std::vector<std::string> option_source;  // [K]
  int64_t chosen = 0;
  bool changed = false;
  double support = std::numeric_limits<double>::quiet_NaN();
  double participation = 0;  // share of the registered voting weight taking part
  double turnout = 0;        // share of members taking part
  bool quorum_reached = true;
  int64_t rounds = 1;
  bool agreed = true;
  std::string refused;
  double forecast_error = std::numeric_limits<double>::quiet_NaN();
  double transaction_cost_eur = 0;
  std::vector<int16_t> ballot;       // [N]
  RowMatrix utility;                 // [N, K] perceived
  RowMatrix payoff_eur;              // [N, K] evaluated
  Eigen::VectorXd perceived_chosen;  // [N] forecast of the chosen option (not written)
};

struct GovernanceRecord {
  std::string calendar = "none";
  int64_t window_periods = 0;
  int64_t rounds = 0;
  std::vector<GovernanceRow> rows;
  // Rules in force per period [M].
  std::vector<std::string> key_in_force, rule_in_force;
  Eigen::VectorXd internal_price, pmo_fee;
  RowMatrix territorial;  // [M, 3]
  // A priori voting power of the statutes.
  std::vector<std::string> college;
  Eigen::VectorXd college_weight, college_shapley_shubik, college_banzhaf;
  std::vector<int64_t> college_members, member_college;
  Eigen::VectorXd member_shapley_shubik, member_banzhaf;
  bool power_exact = true;
  std::vector<std::string> board;         // member ids
  RowMatrix trust_pmo;                    // [M, N]
  Eigen::VectorXd intermediary_cost_eur;  // [I] over the run
};

// Phase 4's state over time (empty unless the scenario has a `dynamics:` section). Persons
// are the participants [N] then the candidates [C].
struct DynamicsRecord {
  bool enabled = false;
  std::string attitude_model;
  std::vector<Participant> candidates;          // [C]
  RowMatrix satisfaction;                       // [M, N] propensity to stay, [0, 1]
  RowMatrix aspiration;                         // [M, N] expected normalised money
  RowMatrix attitude;                           // [M, N + C] towards the operation, [0, 1]
  RowMatrix attitude_uncertainty;               // [M, N + C] relative agreement only
  RowMatrix trust_municipality;                 // [M, N + C] (with actors.municipality)
  std::vector<std::string> intermediary_ids;    // [I]
  std::vector<RowMatrix> trust_intermediaries;  // [I] of [M, N + C]
  std::vector<std::pair<int, int>> ties;        // the social network, person indices, i < j
};

// Who joined and who left (dynamics.membership): states after each period's decisions
// (0 candidate, 1 applicant, 2 member, 3 member under notice, 4 left), and per person the
// periods of application, of joining (first period as a member) and of leaving (first
// period no longer a member), -1 for never, with the cause of each exit (0 none,
// 1 dissatisfied, 2 lost money, 3 event).
struct MembershipRecord {
  bool enabled = false;
  MemberMatrix state;                          // [M, N]
  std::vector<int32_t> applied, joined, left;  // [N]
  std::vector<uint8_t> exit_cause;             // [N]
};

// The project's lifecycle (lifecycle:): its phase in each period (ProjectPhase values:
// 0 emergence .. 4 grid agreement, 5 operation, 6 abandoned, 7 dissolved) and its events.
struct LifecycleEvent {
  int64_t period = 0;  // the period it falls in
  int64_t time_utc = 0;
  std::string type;     // phase, abandoned, outage, inverter_failure, anchor_exit, dissolved, ...
  std::string subject;  // a phase name, a producer or participant id
  std::string cause;    // why (a barrier, "dated", "drawn", ...)
};
struct LifecycleRecord {
  bool enabled = false;
  std::string initiator;
  int64_t start_period = -1;      // first operating period, -1 never
  std::string abandoned_in;       // phase where the project stopped, "" if it did not
  std::string abandonment_cause;  // "" if it did not
  std::vector<uint8_t> phase;     // [M]
  std::vector<LifecycleEvent> events;
};

struct RunResult {
  Provenance provenance;
  sim::TimeGrid grid;
  sim::StepCalendar calendar;
  std::string timezone;
  std::vector<Participant> participants;       // [N]
  std::vector<Producer> producers;             // [P]
  std::vector<int32_t> producer_commissioned;  // [P] first producing period; -1 never built
  // Per-step ledger, kWh.
  RowMatrix consumption;  // [T, N] CONS
  RowMatrix allocated;    // [T, N] AUTOCONS
  RowMatrix supplied;     // [T, N] COMPLEMENT
  RowMatrix production;   // [T, P] PROD
  RowMatrix autoprod;     // [T, P] AUTOPROD
  RowMatrix surplus;      // [T, P] SURPLUS
  // Per billing period.
  MemberMatrix member;  // [M, N] 1 where the participant was a member
  economics::PeriodAccounts accounts;
  SharingRecord sharing;
  GovernanceRecord governance;
  DynamicsRecord dynamics;
  MembershipRecord membership;
  LifecycleRecord lifecycle;
  ActorsSpec actors;           // as they ran (written under /actors)
  PeriodEnergy period_energy;  // empty: derived from the per-step ledger when recording
  std::vector<Kpi> summary;
};

// Sums of the per-step ledger over the billing periods of `run.calendar`.
PeriodEnergy period_energy_of(const RunResult& run);

// Output detail levels (contract names): full | periods | summary.
enum class Detail { kFull, kPeriods, kSummary };
Detail parse_detail(const std::string& name);  // throws std::invalid_argument

// A run made ready to be written to `path`: checked (shapes, finite values) and its per-step
// ledgers compressed on several threads, without any call to the HDF5 library. A sweep
// prepares its runs in parallel outside the lock that serialises HDF5, which then covers only
// copying compressed chunks into the file. Refers to the RunResult: keep it alive.
class PreparedRun {
 public:
  PreparedRun(PreparedRun&&) noexcept;
  PreparedRun& operator=(PreparedRun&&) noexcept;
  ~PreparedRun();

 private:
  struct Parts;
  explicit PreparedRun(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
  friend PreparedRun prepare_run(const RunResult&, const std::string&, Detail, unsigned);
  friend void write_prepared(const PreparedRun&);
};

// Throws IoError when the run cannot be recorded (shapes, a non-finite value).
PreparedRun prepare_run(const RunResult& run, const std::string& path, Detail detail,
                        unsigned threads);

// Writes a prepared run atomically: a temporary name in the same folder, renamed to its path
// after the file is closed with `complete = 1`. Throws IoError.
void write_prepared(const PreparedRun& prepared);

// prepare_run then write_prepared.
void write_run(const RunResult& run, const std::string& path, Detail detail, unsigned threads = 1);

// A run at detail full whose per-step ledgers `stream` wrote as its periods closed (the run
// holds none): waits for the stream's last chunks, writes everything else into the same file
// and renames it onto its path with `complete = 1`. The file has the datasets write_run would
// write, with the same values and chunks. Throws IoError (the temporary file is then removed).
class LedgerStream;
void write_run_streamed(const RunResult& run, LedgerStream& stream, unsigned threads = 1);

}  // namespace accord::models::output
