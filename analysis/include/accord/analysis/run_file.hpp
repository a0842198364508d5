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

  std::vector<RuleRecordData> rules;    // rule in force first; empty without /sharing
  bool has_governance_records = false;  // /governance holds datasets

  std::size_t participants() const { return ids.size(); }
};

// Reads `path`; throws accord::DataError "<path>: <what is wrong>" for a missing file, a file
// that is not HDF5, not an accord run (filetype), of another major version, incomplete
// (complete != 1) or missing a dataset its detail level promises.
RunData read_run_file(const std::filesystem::path& path);

// The filetype attribute of an HDF5 file ("accord-run", "accord-sweep", ...); throws
// DataError for a missing file or a file that is not HDF5; "" when the attribute is absent.
std::string hdf5_filetype(const std::filesystem::path& path);

}  // namespace accord::analysis
