#pragma once
// Experimental designs over the sweep's parameters: full grid, explicit list, one factor at a
// time, Latin hypercube, Morris trajectories, Sobol/Saltelli matrices, and designs imported
// from CSV. Sampling designs draw in the unit cube (RandomStream, Purpose::kSweep: a pure
// function of the sweep seed) and map each coordinate through its parameter's values, range
// or distribution (Parameter::at).
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "accord/sim/sweep/spec.hpp"

namespace accord::sim::sweep {

// A row-major matrix of unit-cube coordinates [rows, cols].
struct UnitMatrix {
  int64_t rows = 0;
  int64_t cols = 0;
  std::vector<double> values;
  double operator()(int64_t r, int64_t c) const {
    return values[static_cast<size_t>(r * cols + c)];
  }
  double& operator()(int64_t r, int64_t c) { return values[static_cast<size_t>(r * cols + c)]; }
};

// Latin hypercube of n points in k dimensions: in every dimension each stratum
// [i/n, (i+1)/n) holds exactly one point, at a uniform place inside it.
UnitMatrix latin_hypercube(int64_t n, int64_t k, uint64_t seed);

// Morris (1991) trajectories, Campolongo et al. (2007) layout: r trajectories of k + 1
// points on the p-level grid {0, 1/(p-1), ..., 1}; each step changes one factor (in a random
// order) by +-delta, delta = p / (2 (p - 1)). Rows t (k + 1) .. t (k + 1) + k are trajectory t.
// `changed[t * k + s]` is the factor changed between points s and s + 1 of trajectory t.
struct MorrisSample {
  UnitMatrix x;
  std::vector<int64_t> changed;
  double delta = 0;
};
MorrisSample morris_trajectories(int64_t r, int64_t k, int p, uint64_t seed);

// Saltelli (2010) sampling for Sobol indices: A and B are two independent n x k samples
// (one Latin hypercube of 2k dimensions split in two), A_B^(i) is A with column i from B.
// Rows in blocks of n: A, B, A_B^(1), ..., A_B^(k) (n (k + 2) rows; the layout of
// accord::analysis::SaltelliDesign::points, so the analysis reads the runs in order).
UnitMatrix saltelli(int64_t n, int64_t k, uint64_t seed);

// Inverse of the standard normal CDF (quantile function), p in (0, 1); relative accuracy
// about 1e-15 (rational first guess refined by Halley steps on std::erfc).
double inverse_normal_cdf(double p);

// The design points: one row of values per point, one column per parameter (its key path).
struct Design {
  DesignType type = DesignType::kGrid;
  std::vector<std::string> columns;        // parameter key paths
  std::vector<std::vector<Value>> points;  // [points][columns]
  std::vector<bool> numeric;               // per column: every value is a number
  // Structure for the analysis layer (attributes of /design in the sweep file).
  int64_t samples = 0;                  // saltelli N, lhs n
  int64_t trajectories = 0;             // morris r
  int levels = 0;                       // morris p
  double delta = 0;                     // morris step on the unit grid
  std::vector<int64_t> morris_changed;  // see MorrisSample::changed
};

// Builds the design of a validated sweep. A CSV design (type csv) is read here: DataError
// with file and line on a bad file.
Design make_design(const SweepSpec& spec);

// CSV of the design points: a header of parameter paths, one row per point (RFC 4180
// quoting). read_design_csv is its inverse; `file` names it in errors.
void write_design_csv(const Design& design, std::ostream& out);
Design read_design_csv(const std::string& file);

// Quotes a CSV field when it needs it.
std::string csv_field(const std::string& text);

}  // namespace accord::sim::sweep
