#pragma once
// Sensitivity indices from design responses (domain sharing-governance-equity.md §4;
// docs/equity-metrics.md). Designs come from designs.hpp (or any design with the same
// layout); responses are the model outputs in the design's row order.
#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <vector>

#include "accord/analysis/designs.hpp"

namespace accord::analysis {

// Morris elementary effects EE = (y(x') - y(x)) / (x'_i - x_i) in unit-cube coordinates.
struct MorrisFactor {
  double mu = 0;       // mean of EE
  double mu_star = 0;  // mean of |EE| (Campolongo et al. 2007)
  double sigma = 0;    // sample sd of EE (divide by r - 1)
};
// points: trajectories * (k + 1) rows; consecutive points of a trajectory must differ in
// exactly one factor and each factor must move once per trajectory; trajectories >= 2.
std::vector<MorrisFactor> morris_indices(const Eigen::MatrixXd& points, int trajectories,
                                         std::span<const double> responses);
inline std::vector<MorrisFactor> morris_indices(const MorrisDesign& design,
                                                std::span<const double> responses) {
  return morris_indices(design.points, design.trajectories, responses);
}

struct SobolOptions {
  int bootstrap_samples = 500;  // 0 disables the intervals (they equal the estimate)
  double confidence = 0.95;     // two-sided percentile interval
  uint64_t seed = 0;            // bootstrap resampling stream
};
struct SobolFactor {
  double first_order = 0;  // Saltelli et al. (2010) estimator
  double total = 0;        // Jansen (1999) estimator
  double first_order_low = 0, first_order_high = 0;
  double total_low = 0, total_high = 0;
};
struct SobolResult {
  double variance = 0;  // population variance of the A and B responses together
  std::vector<SobolFactor> factors;
};
// responses: N (k + 2) values in the order A, B, A_B^(1), ..., A_B^(k) (SaltelliDesign).
SobolResult sobol_indices(int factors, std::span<const double> responses,
                          const SobolOptions& options = {});

// One-way ANOVA of a stochastic model: responses point-major, `replicates` per design point.
struct ReplicateVariance {
  double within = 0;           // mean over points of the population variance across replicates
  double between = 0;          // population variance of the point means
  double total = 0;            // population variance of all responses (= within + between)
  double replicate_share = 0;  // within / total; 0 when total is 0
};
ReplicateVariance replicate_variance(std::span<const double> responses, std::size_t replicates);

}  // namespace accord::analysis
