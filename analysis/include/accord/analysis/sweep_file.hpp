#pragma once
// Reading a sweep file (filetype accord-sweep, docs/sweeps.md) into plain arrays: the design
// table (one row per run), the design's attributes and the per-run summary table.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace accord::analysis {

// One parameter column of the design table: numeric when every value is a number.
struct DesignColumn {
  std::string path;  // scenario key path
  bool numeric = false;
  std::vector<double> values;     // [runs] when numeric
  std::vector<std::string> text;  // [runs] the values as text (numbers in shortest form)
  // Display names from the sweep file (attributes of the /design column; empty when absent):
  // the factor's `label`, and `labels[i]` naming the value whose text is `levels[i]`.
  std::string label;
  std::vector<std::string> levels, labels;
  // Drawn from a continuous distribution (uniform, normal) according to the sweep file
  // stored in the sweep.h5 (`sweep_yaml`): its values are samples or quantiles, not levels.
  bool continuous = false;
};

struct KpiColumn {
  std::string name;
  std::string units;
  std::string description;
  std::vector<double> values;  // [runs], NaN where the run is not ok
};

struct SweepData {
  std::string path;
  std::string name;
  std::string design_type;  // grid | list | ofat | lhs | morris | saltelli | csv
  std::size_t runs = 0, points = 0, replicates = 1;
  int trajectories = 0, levels = 0, samples = 0;  // where the design has them
  double delta = 0;                               // Morris step in the unit cube
  std::vector<int64_t> run_id, point, replicate, seed;
  std::vector<std::string> status, error;  // ok | failed | missing
  std::vector<DesignColumn> parameters;    // in the design's parameter order
  std::vector<KpiColumn> kpis;             // sorted by name
  std::vector<int64_t> morris_changed;     // [trajectories x k], Morris only
};

// Throws accord::DataError "<path>: <what is wrong>" for a missing, foreign, incomplete or
// inconsistent sweep file.
SweepData read_sweep_file(const std::filesystem::path& path);

// A CSV of design plus responses (header line, numbers; empty cells are NaN): the first
// `parameters` columns (0: all but the last) become parameter columns, the others KPI columns;
// one design point per row, one replicate, every run ok, design type `design_type`. Throws
// accord::DataError "<path>:<line>: <what>" for a malformed file.
SweepData read_design_csv(const std::filesystem::path& path, const std::string& design_type,
                          int parameters);

// The design joined with the summaries, one line per run: the columns of summary.csv
// (run_id, point, replicate, seed, status, parameters..., kpis..., error), RFC 4180 quoting,
// empty cells for NaN.
std::string sweep_csv(const SweepData& sweep);

}  // namespace accord::analysis
