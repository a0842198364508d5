#pragma once
// Horizontal and vertical equity of a benefit distribution (domain
// sharing-governance-equity.md §3; docs/equity-metrics.md).
//
// Horizontal: members that are equal in every relevant respect (same caller-given class:
// same profile, kind, investment) should get the same benefit; the dispersion inside each
// class measures how far the rule departs from that. Vertical: benefit as a share of income
// along the income distribution (decreasing = progressive).
#include <span>
#include <vector>

namespace accord::analysis {

struct HorizontalGroup {
  int label = 0;
  double weight = 0;        // W_g
  double mean_benefit = 0;  // EUR
  double sd_benefit = 0;    // population sd, EUR
  double cv = 0;            // sd / |mean|, 0 when the mean is 0 and sd is 0
  double max_min_gap = 0;   // max - min benefit, EUR
};
struct HorizontalEquity {
  std::vector<HorizontalGroup> groups;  // sorted by label
  double weighted_mean_cv = 0;          // sum_g W_g cv_g / W
  double max_cv = 0;
  double max_gap = 0;  // largest max - min over groups, EUR
};
// Benefits may be of any sign; a group with a zero mean and a non-zero sd has an undefined CV
// and throws std::invalid_argument (report the gap instead by passing a shifted quantity).
HorizontalEquity horizontal_equity(std::span<const double> benefit, std::span<const int> groups,
                                   std::span<const double> w = {});

struct VerticalBin {
  int quantile = 0;                    // 1 = poorest
  double weight = 0;                   // W in the bin
  double mean_income = 0;              // EUR
  double mean_benefit = 0;             // EUR
  double benefit_share_of_income = 0;  // sum w b / sum w income
};
// Members binned by income quantile (fractional rank, ties in the same bin):
// bin = min(bins, floor(bins * R) + 1). Incomes must be > 0; bins >= 1 (10 = deciles).
// Empty bins are reported with weight 0.
std::vector<VerticalBin> vertical_equity(std::span<const double> income,
                                         std::span<const double> benefit, int bins = 10,
                                         std::span<const double> w = {});

}  // namespace accord::analysis
