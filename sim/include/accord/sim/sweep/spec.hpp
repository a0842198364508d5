#pragma once
// The sweep file (`accord_sweep: 1`): which scenario, which parameters over which values or
// distributions, which design, how many replicates, where the runs go. Validated whole, like
// scenarios: every problem is one "FILE:LINE:COL: message (key.path)" line (ConfigErrors).
// Domain-agnostic: parameters are scenario key paths, applied as "key.path=value" overrides.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accord/sim/error.hpp"

namespace accord::sim::sweep {

inline constexpr int kSweepFormatVersion = 1;
inline constexpr uint64_t kDefaultSweepSeed = 42;

// One value of a parameter: the text given to the override (YAML, flow style for maps and
// lists) and its number when it is one (the design table stores numeric columns as float64).
struct Value {
  std::string text;
  std::optional<double> number;

  static Value of(double x);
  // Text as written (a CSV field, a plain YAML scalar): a number when it reads as one.
  static Value parse(std::string text);
  bool operator==(const Value& other) const { return text == other.text; }
};

struct Parameter {
  enum class Kind { kValues, kRange, kChoice, kUniform, kNormal };
  // Scenario key path, e.g. producers[id=pv-ecole].pv.kwp; or kBaseParameter, whose values
  // are scenario files (relative to the sweep file): the scenario itself is a factor.
  std::string path;
  Kind kind = Kind::kValues;
  std::vector<Value> levels;  // kValues, kRange, kChoice: the values, in file order
  double a = 0;               // kUniform: lower bound; kNormal: mean
  double b = 0;               // kUniform: upper bound; kNormal: standard deviation
  SourceLocation where;
  // Display names for reports: `label` names the factor, `labels` each of `levels` (same
  // order; discrete kinds only). Empty when the sweep file gives none.
  std::string label;
  std::vector<std::string> labels;

  bool discrete() const { return kind != Kind::kUniform && kind != Kind::kNormal; }
  bool numeric() const;  // every value it can take is a number
  // The value at quantile u in [0, 1]: discrete kinds take level floor(u n) (the last one
  // at u = 1), uniform a + u (b - a), normal the inverse normal CDF (u clamped to
  // [1e-12, 1 - 1e-12] so that it stays finite).
  Value at(double u) const;
  // Levels used by grid and one-at-a-time designs: the values of discrete kinds, `p`
  // quantiles (j + 1/2) / p of continuous ones.
  std::vector<Value> grid_levels(int p) const;
};

enum class DesignType { kGrid, kList, kOfat, kLhs, kMorris, kSaltelli, kCsv };
const char* design_type_name(DesignType type);

struct DesignSpec {
  DesignType type = DesignType::kGrid;
  int64_t samples = 0;       // lhs: points; saltelli: base samples N
  int levels = 4;            // morris: p (even); grid/ofat: quantiles of continuous parameters
  int64_t trajectories = 0;  // morris: r
  std::vector<std::vector<Value>> points;  // list: one value per parameter, in order
  std::string file;                        // csv: absolute path of the imported design
};

// The parameter whose values are the scenario files to run (e.g. community types crossed
// with other factors). Its values are written as in the sweep file (the design table shows
// them so); each run loads the file resolved against the sweep file's folder.
inline constexpr const char* kBaseParameter = "base";

struct SweepSpec {
  std::string source_file;  // the sweep file as given
  std::string name;         // default: the file's stem
  // Base scenario, resolved against the sweep file's folder; with a `base` parameter, the
  // first of its files (the key `base:` is then optional).
  std::string base;
  std::string base_dir;  // the sweep file's folder: resolves the `base` parameter's values
  uint64_t seed = kDefaultSweepSeed;
  uint32_t replicates = 1;
  // `set:` overrides applied to every run before the point's ("key.path=value"), e.g. a
  // shorter time.end; not parameters of the design.
  std::vector<std::string> fixed;
  std::vector<Parameter> parameters;
  DesignSpec design;
  std::string output_dir;          // default out/<name>, relative to the working directory
  std::string detail = "summary";  // full | periods | summary, for every run file
};

// The scenario file a value of the `base` parameter names, resolved against the sweep file.
std::string resolve_base(const SweepSpec& spec, const std::string& value);

// Reads and validates a sweep file. Throws ConfigErrors (exit 2) listing every problem.
SweepSpec load_sweep(const std::string& path);
// Same, from text; `file_label` names it in messages, `base_dir` resolves `base` and files.
SweepSpec load_sweep_text(const std::string& yaml, const std::string& file_label,
                          const std::string& base_dir);

}  // namespace accord::sim::sweep
