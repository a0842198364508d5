// priority: levels served in order (participation[i].priority, 1 first); within a level pro
// rata to consumption (dynamic default on what is left) or by the coefficients normalised
// within the level with redistribution (water-filling). What a level leaves goes to the next.
#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "key_support.hpp"
#include "water_filling.hpp"

namespace accord::models::allocation::detail {
namespace {

struct Level {
  int64_t begin = 0;  // range in the level-sorted order
  int64_t end = 0;
  double k_total = 0.0;
  bool all_positive = true;
};

class PriorityKey final : public SharingKey {
 public:
  PriorityKey(std::vector<int32_t> order, std::vector<Level> levels, bool by_coefficients,
              std::vector<double> k_sorted, int64_t p)
      : order_(std::move(order)),
        levels_(std::move(levels)),
        by_coefficients_(by_coefficients),
        k_sorted_(std::move(k_sorted)),
        p_(p) {
    identity_ = true;
    for (size_t q = 0; q < order_.size(); ++q) {
      identity_ = identity_ && order_[q] == static_cast<int32_t>(q);
    }
    for (double v : k_sorted_) positive_.push_back(v > 0.0 ? 1.0 : 0.0);
  }
  const std::string& name() const override { return name_; }

  void allocate(const AllocationView& v) const override {
    const int64_t n = static_cast<int64_t>(order_.size());
    check_view(v, n, p_, name_);
    Scratch& s = thread_scratch();
    double* cp = ensure(s.d0, n);
    double* ap = ensure(s.d1, n);
    const int32_t* order = order_.data();
    for (int64_t t = v.t0; t < v.t1; ++t) {
      const double* c = v.consumption + t * n;
      double* a = v.allocated + t * n;
      const double* prod = v.production + t * p_;
      const double total_p = row_sum(prod, p_);
      // Levels are contiguous in the sorted order; when the ids already are, work in place.
      const double* cl = c;
      double* al = a;
      if (!identity_) {
        for (int64_t q = 0; q < n; ++q) cp[q] = c[order[q]];
        cl = cp;
        al = ap;
      }
      double remaining = total_p > 0.0 ? total_p : 0.0;
      double sum_a = 0.0;
      for (const Level& level : levels_) {
        const int64_t m = level.end - level.begin;
        double used = 0.0;
        if (by_coefficients_) {
          const WaterFillWeights w{k_sorted_.data() + level.begin,
                                   level.all_positive ? nullptr : positive_.data() + level.begin,
                                   level.k_total};
          used = water_fill(cl + level.begin, w, m, remaining, al + level.begin);
        } else {
          const double demand = row_sum(cl + level.begin, m);
          const double ratio = demand > remaining ? remaining / demand : 1.0;
          scale_row(cl + level.begin, ratio, al + level.begin, m);
          used = demand > remaining ? remaining : demand;
        }
        sum_a += used;
        remaining = remaining > used ? remaining - used : 0.0;
      }
      if (!identity_) {
        for (int64_t q = 0; q < n; ++q) a[order[q]] = ap[q];
      }
      pooled_accounting(prod, p_, total_p, sum_a, v.autoprod + t * p_, v.surplus + t * p_);
    }
  }

 private:
  std::string name_ = "priority";
  std::vector<int32_t> order_;  // [N] participant index by (priority, index)
  std::vector<Level> levels_;
  bool by_coefficients_;
  std::vector<double> k_sorted_;  // [N] within-level normalised coefficients, sorted order
  std::vector<double> positive_;  // [N] 1 where k_sorted > 0
  bool identity_ = true;
  int64_t p_;
};

}  // namespace

std::unique_ptr<SharingKey> make_priority_key(const SharingKeySpec& spec, const KeyContext& ctx) {
  check_context(ctx, "priority");
  if (spec.within_level != "pro_rata" && spec.within_level != "coefficients") {
    throw std::invalid_argument("sharing key 'priority': unknown within_level '" +
                                spec.within_level + "'; known: coefficients, pro_rata");
  }
  const bool by_coefficients = spec.within_level == "coefficients";
  const size_t n = ctx.participant_ids.size();
  for (size_t i = 0; i < n; ++i) {
    if (ctx.participation[i].priority < 1) {
      throw std::invalid_argument(
          "sharing key 'priority': participant '" + ctx.participant_ids[i] + "' has key.priority " +
          std::to_string(ctx.participation[i].priority) + " (levels start at 1, served first)");
    }
  }
  std::vector<int32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  // Ties by index: a stable, full key, never container order.
  std::stable_sort(order.begin(), order.end(), [&](int32_t x, int32_t y) {
    return ctx.participation[static_cast<size_t>(x)].priority <
           ctx.participation[static_cast<size_t>(y)].priority;
  });
  std::vector<Level> levels;
  for (size_t q = 0; q < n; ++q) {
    const int prio = ctx.participation[static_cast<size_t>(order[q])].priority;
    if (q == 0 || prio != ctx.participation[static_cast<size_t>(order[q - 1])].priority) {
      levels.push_back(Level{static_cast<int64_t>(q), static_cast<int64_t>(q), 0.0, true});
    }
    levels.back().end = static_cast<int64_t>(q) + 1;
  }
  std::vector<double> k_sorted(by_coefficients ? n : 0, 0.0);
  if (by_coefficients) {
    // All unset means equal shares; within a level only ratios matter.
    const std::vector<double> k = static_coefficients(ctx, "priority", false);
    for (Level& level : levels) {
      double sum = 0.0;
      for (int64_t q = level.begin; q < level.end; ++q) {
        sum += k[static_cast<size_t>(order[static_cast<size_t>(q)])];
      }
      for (int64_t q = level.begin; q < level.end; ++q) {
        double v = sum > 0.0 ? k[static_cast<size_t>(order[static_cast<size_t>(q)])] / sum : 0.0;
        if (spec.floor_0_1_percent) v = floor_permille(v);
        k_sorted[static_cast<size_t>(q)] = v;
        level.k_total += v;
        level.all_positive = level.all_positive && v > 0.0;
      }
    }
  }
  return std::make_unique<PriorityKey>(std::move(order), std::move(levels), by_coefficients,
                                       std::move(k_sorted),
                                       static_cast<int64_t>(ctx.producer_ids.size()));
}

}  // namespace accord::models::allocation::detail
