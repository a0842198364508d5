#pragma once
// Experimental designs in the unit cube for sensitivity analysis (domain
// sharing-governance-equity.md §4). Rows are runs, columns are factors; map to parameter
// ranges with scale_to_bounds. Every draw comes from accord::sim::RandomStream (purpose
// kSweep), so a design is a pure function of its arguments and seed.
#include <Eigen/Core>
#include <cstdint>
#include <span>

namespace accord::analysis {

// n points i.i.d. uniform in [0, 1)^dimensions.
Eigen::MatrixXd uniform_sample(int n, int dimensions, uint64_t seed);
// Latin hypercube: every column has exactly one point in each stratum [s/n, (s+1)/n).
Eigen::MatrixXd latin_hypercube(int n, int dimensions, uint64_t seed);
// Affine map of a unit-cube sample to [lower_j, upper_j] per column (lower_j < upper_j).
Eigen::MatrixXd scale_to_bounds(const Eigen::MatrixXd& unit, std::span<const double> lower,
                                std::span<const double> upper);

// Morris (1991) trajectories on a p-level grid {0, 1/(p-1), ..., 1}: each trajectory has
// factors + 1 points, consecutive points differing in one factor by +-delta with
// delta = p / (2 (p - 1)), each factor moved once, in a random order and direction.
struct MorrisDesign {
  int factors = 0;
  int trajectories = 0;
  int levels = 0;
  double delta = 0;
  Eigen::MatrixXd points;  // trajectories * (factors + 1) rows, trajectory after trajectory
};
// levels must be even and >= 2, factors >= 1, trajectories >= 1.
MorrisDesign morris_design(int factors, int trajectories, int levels, uint64_t seed);

enum class BaseSample { kLatinHypercube, kUniform };

// Saltelli (2010) matrices: A and B are the two halves of one N x 2k base sample; A_B^(i) is
// A with column i taken from B. Runs are ordered A, B, A_B^(1), ..., A_B^(k): N (k + 2) rows.
struct SaltelliDesign {
  int factors = 0;
  int base_samples = 0;  // N
  Eigen::MatrixXd a;
  Eigen::MatrixXd b;
  Eigen::MatrixXd points() const;
};
SaltelliDesign saltelli_design(int factors, int base_samples, uint64_t seed,
                               BaseSample base = BaseSample::kLatinHypercube);

}  // namespace accord::analysis
