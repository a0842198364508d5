#pragma once
// Inequality measures of a distribution of positive quantities (domain
// sharing-governance-equity.md §3; docs/equity-metrics.md gives every definition, pinned
// convention and source).
//
// Every function takes the values x and optional population weights w (empty = every
// observation weighs 1; a weight of 2 is the same as listing the value twice). Invalid input
// (empty x, a value outside the measure's domain, a negative or non-finite weight, weights of
// the wrong size, a zero total) throws std::invalid_argument whose message names the measure
// and the offending value. Negative values are refused everywhere: net benefits must be turned
// into positive quantities (income after energy, bills) or measured with share-based
// indicators first.
#include <span>
#include <vector>

namespace accord::analysis {

// Gini, mean-difference form G = sum_i sum_j w_i w_j |x_i - x_j| / (2 W^2 mu); x >= 0.
double gini_uncorrected(std::span<const double> x, std::span<const double> w = {});
// Finite-sample corrected Gini G * n / (n - 1) (unweighted only; n >= 2).
double gini_corrected(std::span<const double> x);

// Theil T = GE(1) = (1/W) sum w (x/mu) ln(x/mu); zeros contribute 0; x >= 0.
double theil_t(std::span<const double> x, std::span<const double> w = {});
// Theil L = mean log deviation = GE(0) = (1/W) sum w ln(mu/x); x > 0.
double theil_l(std::span<const double> x, std::span<const double> w = {});
// Generalised entropy GE(alpha) = 1/(alpha(alpha-1)) (1/W) sum w [(x/mu)^alpha - 1];
// alpha = 0 and 1 give Theil L and T. x > 0 when alpha <= 0, x >= 0 otherwise.
double generalized_entropy(std::span<const double> x, double alpha, std::span<const double> w = {});

// Atkinson A_eps = 1 - EDE / mu with epsilon >= 0; x > 0 when epsilon >= 1, x >= 0 otherwise.
double atkinson(std::span<const double> x, double epsilon, std::span<const double> w = {});
// Equally distributed equivalent: [(1/W) sum w x^(1-eps)]^(1/(1-eps)), geometric mean at eps = 1.
double equally_distributed_equivalent(std::span<const double> x, double epsilon,
                                      std::span<const double> w = {});

// Coefficient of variation with the population standard deviation (divide by W); x >= 0.
double coefficient_of_variation(std::span<const double> x, std::span<const double> w = {});
// Jain's fairness index (sum w x)^2 / (W sum w x^2), in [1/n, 1]; x >= 0.
double jain_index(std::span<const double> x, std::span<const double> w = {});

// A point of a Lorenz curve: cumulative population share p and cumulative value share L(p)
// (or, for the generalised curve, mu * L(p)).
struct LorenzPoint {
  double population_share = 0;
  double value_share = 0;
};
// Lorenz curve through (0,0), then one point per observation in ascending x, ending at (1,1).
std::vector<LorenzPoint> lorenz_curve(std::span<const double> x, std::span<const double> w = {});
// Generalised Lorenz curve GL(p) = mu L(p) (Shorrocks 1983), same abscissae.
std::vector<LorenzPoint> generalized_lorenz_curve(std::span<const double> x,
                                                  std::span<const double> w = {});
// L(p) by linear interpolation between the points of lorenz_curve; p in [0, 1].
double lorenz_share(std::span<const double> x, double p, std::span<const double> w = {});
// Palma ratio: share of the top 10 % over share of the bottom 40 % (Lorenz interpolation).
double palma_ratio(std::span<const double> x, std::span<const double> w = {});
// S80/S20: share of the top 20 % over share of the bottom 20 % (Lorenz interpolation).
double s80_s20_ratio(std::span<const double> x, std::span<const double> w = {});

// Concentration index of `values` (e.g. benefits) ranked by `rank_by` (e.g. income):
// C = 2 cov_w(values, R) / mean(values) with R the fractional rank in ascending rank_by order,
// tied rank_by values sharing their mean rank. Negative = concentrated on the low ranks
// (pro-poor). rank_by may be any finite values; mean(values) must be > 0.
double concentration_index(std::span<const double> values, std::span<const double> rank_by,
                           std::span<const double> w = {});
// Kakwani progressivity of benefits: C(benefit by income) - Gini(income). Negative = the
// benefit is more pro-poor than income is unequal (progressive transfer).
double kakwani_index(std::span<const double> income, std::span<const double> benefit,
                     std::span<const double> w = {});
// Reynolds-Smolensky redistributive effect: Gini(income) - C(income + benefit by income).
// Positive = the benefit reduces inequality (re-ranking is not counted).
double reynolds_smolensky_index(std::span<const double> income, std::span<const double> benefit,
                                std::span<const double> w = {});

// Decomposition of Theil T or Theil L into within-group and between-group parts.
struct TheilGroup {
  int label = 0;
  double population_share = 0;  // W_g / W
  double value_share = 0;       // sum_g w x / sum w x
  double mean = 0;              // mu_g
  double index = 0;             // the measure inside the group
};
struct TheilDecomposition {
  double total = 0;
  double within = 0;   // T: sum_g s_g T_g (value shares); L: sum_g p_g L_g (population shares)
  double between = 0;  // T: sum_g s_g ln(mu_g/mu); L: sum_g p_g ln(mu/mu_g)
  std::vector<TheilGroup> groups;  // sorted by label
};
TheilDecomposition theil_t_decomposition(std::span<const double> x, std::span<const int> groups,
                                         std::span<const double> w = {});
TheilDecomposition theil_l_decomposition(std::span<const double> x, std::span<const int> groups,
                                         std::span<const double> w = {});

}  // namespace accord::analysis
