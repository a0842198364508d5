#pragma once
// Reading a run file (filetype accord-run, docs/hdf5-format.md) into plain arrays for the
// analysis, through the sim/h5 layer only. Matrices are row-major [M, N] (period x
// participant). Datasets a detail level leaves out are left empty.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace accord::analysis {

struct SummaryValue {
  std::string name;
  double value = 0;
  std::string units;
  std::string description;
};

// One benefit rule recorded under /sharing/<rule>.
struct RuleRecordData {
  std::string name;
  std::vector<double> benefit;         // [M, N] EUR
  std::vector<double> territorial;     // [M, 3] EUR
  std::vector<double> distributed;     // [M] EUR
  std::vector<double> ir_violations;   // [M]
  std::vector<double> core_shortfall;  // [M] EUR, NaN not computed
};

// /governance (format 1.2): one row per round and agenda item, R rows, K option columns
// (column 0 = status quo). `present` is false for files without it (format 1.0/1.1 write
// an empty group or none); with `governance.calendar: none` it is present with R = 0.
struct GovernanceRecords {
  bool present = false;
  std::string calendar;               // attribute: none, monthly, quarterly, yearly
  int64_t window_periods = 0;         // attribute: periods every option is evaluated on
  int64_t rounds_held = 0;            // attribute `rounds`
  std::size_t rows = 0;               // R
  std::size_t options = 0;            // K
  std::vector<int64_t> period, time;  // [R] period index, s since epoch
  std::vector<std::string> item, protocol, decided_by;                  // [R]
  std::vector<std::string> option_text, option_source;                  // [R, K], "" padding
  std::vector<int64_t> chosen, rounds;                                  // [R]
  std::vector<uint8_t> changed, quorum_reached, agreed;                 // [R]
  std::vector<double> support, participation, turnout, forecast_error;  // [R], NaN n/a
  std::vector<int32_t> ballot;  // [R, N]: option voted for, -1 no part, -2 not a voter
};

// /governance/in_force: the rules in force in each billing period (empty when absent).
struct InForceRecords {
  std::vector<std::string> sharing_key, benefit_rule;  // [M] one-line YAML texts
  std::vector<double> internal_price;                  // [M] EUR/kWh
  std::vector<double> territorial;                     // [M, 3] fractions
  std::vector<double> pmo_fee;                         // [M] EUR/member/yr
  bool present() const { return !sharing_key.empty(); }
};

// /governance/voting_power: a priori voting power of the statutes (empty when absent).
struct VotingPowerRecords {
  std::vector<std::string> college;                             // [C]
  std::vector<double> college_weight;                           // [C]
  std::vector<int64_t> college_members;                         // [C]
  std::vector<double> college_shapley_shubik, college_banzhaf;  // [C]
  std::vector<int64_t> member_college;                          // [N], -1 no vote
  std::vector<double> member_shapley_shubik, member_banzhaf;    // [N]
  bool exact = true;
  bool present() const { return !member_college.empty(); }
};

// One per-member value drawn for each participant, /actors/behaviour/<name> [N].
struct BehaviourColumn {
  std::string name;
  std::vector<double> values;
};

// /dynamics/membership (format 1.4, dynamics.membership): the candidates are participants.
struct MembershipRecords {
  std::vector<uint8_t> state;                  // [M, N] 0 candidate .. 4 left
  std::vector<int32_t> applied, joined, left;  // [N] period index, -1 never
  std::vector<uint8_t> exit_cause;             // [N] 0 none, 1 dissatisfied, 2 losses, 3 event
  bool present() const { return !joined.empty(); }
};

// /dynamics (format 1.3, runs with a `dynamics:` section). Persons are the participants [N]
// then the candidates [C].
struct DynamicsRecords {
  std::string attitude_model;
  std::vector<double> satisfaction, aspiration, trust_pmo;  // [M, N]
  std::vector<double> attitude;                             // [M, N + C]
  std::vector<double> trust_municipality;                   // [M, N + C] (1.4), or empty
  std::vector<std::string> intermediary_ids;                // [I] (1.4)
  std::vector<std::vector<double>> trust_intermediaries;    // [I] of [M, N + C]
  std::vector<std::string> candidate_kind;                  // [C]
  std::vector<int32_t> candidate_decile;                    // [C]
  std::vector<uint8_t> candidate_low_income;                // [C]
  std::size_t ties = 0;
  MembershipRecords membership;
  bool present() const { return !satisfaction.empty(); }
};

// /lifecycle (format 1.4, runs with a `lifecycle:` section).
struct LifecycleEventRecord {
  int64_t period = 0, time_utc = 0;
  std::string type, subject, cause;
};
struct LifecycleRecords {
  bool present = false;
  std::string initiator, abandoned_in, abandonment_cause;
  int64_t start_period = -1;
  std::vector<uint8_t> phase;  // [M] 0 emergence .. 7 dissolved
  std::vector<LifecycleEventRecord> events;
};

struct RunData {
  std::string path;
  std::string scenario;
  int64_t seed = 0;
  int64_t replicate = 0;
  std::string detail;  // full | periods | summary
  std::vector<int64_t> format_version;
  std::vector<SummaryValue> summary;  // /summary, sorted by name

  // /participants [N] and /producers [P] (empty at detail summary).
  std::vector<std::string> ids, kinds;
  std::vector<double> income;          // EUR/year, NaN unknown
  std::vector<int32_t> income_decile;  // 1..10, 0 unknown
  std::vector<uint8_t> low_income;
  std::vector<double> consumption_units;  // NaN unknown
  std::size_t producers = 0;

  // Seconds covered by the metering steps (T x step), 0 when /time is absent.
  double covered_seconds = 0;

  // /periods (empty at detail summary).
  std::size_t periods = 0;
  std::vector<int64_t> period_start;                  // [M] seconds since epoch UTC
  std::vector<uint8_t> member;                        // [M, N]
  std::vector<double> bill_reference, bill, benefit;  // [M, N] EUR
  std::vector<double> producer_revenue;               // [M] EUR, internal + surplus, all producers
  std::vector<double> pmo_costs, pmo_fees;            // [M] EUR
  // Energy per period summed over participants/producers, kWh: from /periods/<name> [M, N]
  // or [M, P] when the file has them (format 1.1), else from /energy at detail full, else
  // empty.
  std::vector<double> consumption_kwh, allocated_kwh, production_kwh, surplus_kwh;
  // Energy per period and participant [M, N], kWh (same sources; empty when absent).
  std::vector<double> member_consumption_kwh;

  std::vector<RuleRecordData> rules;  // rule in force first; empty without /sharing
  // Format 1.2 (all empty / absent in older files).
  GovernanceRecords governance;
  InForceRecords in_force;
  VotingPowerRecords voting_power;
  std::vector<BehaviourColumn> behaviour;  // /actors/behaviour, sorted by name
  DynamicsRecords dynamics;                // format 1.3
  LifecycleRecords lifecycle;              // format 1.4

  std::size_t participants() const { return ids.size(); }
};

// Reads `path`; throws accord::DataError "<path>: <what is wrong>" for a missing file, a file
// that is not HDF5, not an accord run (filetype), of another major version, incomplete
// (complete != 1) or missing a dataset its detail level promises (or a dataset of a
// /governance, /governance/in_force or /governance/voting_power it holds).
RunData read_run_file(const std::filesystem::path& path);

// The filetype attribute of an HDF5 file ("accord-run", "accord-sweep", ...); throws
// DataError for a missing file or a file that is not HDF5; "" when the attribute is absent.
std::string hdf5_filetype(const std::filesystem::path& path);

}  // namespace accord::analysis
