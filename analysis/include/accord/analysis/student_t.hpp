#pragma once
// Student's t distribution, for confidence intervals over replicates.

namespace accord::analysis {

// P(T <= t) for T ~ Student t with `dof` > 0 degrees of freedom.
double student_t_cdf(double t, double dof);
// Quantile: the t with student_t_cdf(t, dof) = p, p in (0, 1); throws std::invalid_argument.
double student_t_quantile(double p, double dof);

}  // namespace accord::analysis
