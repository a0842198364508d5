#include "accord/models/dynamics/opinion_dynamics.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace accord::models::dynamics {

namespace {

double unit(uint64_t word) {
  return static_cast<double>(word >> 11) * 0x1.0p-53;
}

int pick(uint64_t word, int count) {
  return std::min(static_cast<int>(unit(word) * count), count - 1);
}

// The pair of meeting `index`, or false when i has nobody to meet.
bool meeting_pair(const Meetings& meetings, int agents, const sim::RandomStream& stream,
                  int64_t index, int& i, int& j) {
  uint64_t words[4];
  stream.raw(meetings.round, static_cast<uint64_t>(index), words);
  i = pick(words[0], agents);
  if (meetings.network != nullptr) {
    const auto others = meetings.network->neighbours(i);
    if (others.empty()) return false;
    j = others[pick(words[1], static_cast<int>(others.size()))];
    return true;
  }
  j = pick(words[1], agents - 1);
  if (j >= i) ++j;
  return true;
}

// Runs every meeting of the round: `meet(i, j)` for each drawn pair, in draw order.
template <class Meet>
void for_each_meeting(int agents, const Meetings& meetings, const sim::RandomStream& stream,
                      Meet meet) {
  if (agents < 2) return;
  for (int64_t m = 0; m < meetings.count; ++m) {
    int i = 0, j = 0;
    if (meeting_pair(meetings, agents, stream, m, i, j)) meet(i, j);
  }
}

}  // namespace

void bounded_confidence_influence(double xi, double& xj, double confidence, double convergence) {
  if (std::abs(xi - xj) < confidence) xj += convergence * (xi - xj);
}

void relative_agreement_influence(double xi, double ui, double& xj, double& uj,
                                  double convergence) {
  const double overlap = std::min(xi + ui, xj + uj) - std::max(xi - ui, xj - uj);
  if (overlap <= ui) return;
  // Agreement relative to i's own uncertainty: a confident i whose segment lies inside j's
  // has ra = 1.
  const double agreement = overlap / ui - 1;
  const double x = xj, u = uj;
  xj = x + convergence * agreement * (xi - x);
  uj = u + convergence * agreement * (ui - u);
}

void bounded_confidence(Eigen::ArrayXd& opinion, double confidence, double convergence,
                        const Meetings& meetings, const sim::RandomStream& stream) {
  for_each_meeting(static_cast<int>(opinion.size()), meetings, stream, [&](int i, int j) {
    const double xi = opinion(i), xj = opinion(j);  // both move from the values before
    bounded_confidence_influence(xj, opinion(i), confidence, convergence);
    bounded_confidence_influence(xi, opinion(j), confidence, convergence);
  });
}

void relative_agreement(Eigen::ArrayXd& opinion, Eigen::ArrayXd& uncertainty, double convergence,
                        const Meetings& meetings, const sim::RandomStream& stream) {
  for_each_meeting(static_cast<int>(opinion.size()), meetings, stream, [&](int i, int j) {
    const double xi = opinion(i), ui = uncertainty(i), xj = opinion(j), uj = uncertainty(j);
    relative_agreement_influence(xi, ui, opinion(j), uncertainty(j), convergence);
    relative_agreement_influence(xj, uj, opinion(i), uncertainty(i), convergence);
  });
}

int count_major_clusters(const Eigen::ArrayXd& opinion, double gap, double min_share) {
  const auto agents = opinion.size();
  if (agents == 0) return 0;
  std::vector<double> sorted(opinion.data(), opinion.data() + agents);
  std::sort(sorted.begin(), sorted.end());
  const double min_size = min_share * static_cast<double>(agents);
  int major = 0;
  std::size_t start = 0;
  for (std::size_t k = 1; k <= sorted.size(); ++k) {
    if (k < sorted.size() && sorted[k] - sorted[k - 1] <= gap) continue;
    if (static_cast<double>(k - start) >= min_size) ++major;
    start = k;
  }
  return major;
}

}  // namespace accord::models::dynamics
