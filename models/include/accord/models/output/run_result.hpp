#pragma once
// Everything a finished run hands to the recorder: provenance, the members, the per-step
// energy ledger, the per-period accounts and the scalar KPIs. The recorder writes it to the
// HDF5 contract of DESIGN.md §3.3 (documented in docs/hdf5-format.md).
#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

#include "accord/models/economics/accounts.hpp"
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

struct RunResult {
  Provenance provenance;
  sim::TimeGrid grid;
  sim::StepCalendar calendar;
  std::string timezone;
  std::vector<Participant> participants;  // [N]
  std::vector<Producer> producers;        // [P]
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
  std::vector<Kpi> summary;
};

// Output detail levels (contract names): full | periods | summary.
enum class Detail { kFull, kPeriods, kSummary };
Detail parse_detail(const std::string& name);  // throws std::invalid_argument

// Writes the run to `path` atomically: a temporary name in the same folder, renamed to
// `path` after the file is closed with `complete = 1`. Throws IoError.
void write_run(const RunResult& run, const std::string& path, Detail detail);

}  // namespace accord::models::output
