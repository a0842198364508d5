// static_redistributed: static coefficients with redistribution of unused shares over
// several rounds (water-filling, "égalitaire avec réaffectation", acc-france.md §2).
#include "key_support.hpp"
#include "water_filling.hpp"

namespace accord::models::allocation::detail {
namespace {

class StaticRedistributedKey final : public SharingKey {
 public:
  StaticRedistributedKey(std::vector<double> k, int64_t p) : k_(std::move(k)), p_(p) {
    bool all_positive = true;
    for (double v : k_) {
      positive_.push_back(v > 0.0 ? 1.0 : 0.0);
      all_positive = all_positive && v > 0.0;
      k_total_ += v;
    }
    if (all_positive) positive_.clear();
  }
  const std::string& name() const override { return name_; }

  void allocate(const AllocationView& v) const override {
    const int64_t n = static_cast<int64_t>(k_.size());
    check_view(v, n, p_, name_);
    const WaterFillWeights w{k_.data(), positive_.empty() ? nullptr : positive_.data(), k_total_};
    for (int64_t t = v.t0; t < v.t1; ++t) {
      const double* prod = v.production + t * p_;
      const double total_p = row_sum(prod, p_);
      const double sum_a = water_fill(v.consumption + t * n, w, n, total_p, v.allocated + t * n);
      pooled_accounting(prod, p_, total_p, sum_a, v.autoprod + t * p_, v.surplus + t * p_);
    }
  }

 private:
  std::string name_ = "static_redistributed";
  std::vector<double> k_;         // [N] weights (coefficients)
  std::vector<double> positive_;  // [N] 1 where k > 0; empty when all are
  double k_total_ = 0.0;
  int64_t p_;
};

}  // namespace

std::unique_ptr<SharingKey> make_static_redistributed_key(const SharingKeySpec& spec,
                                                          const KeyContext& ctx) {
  check_context(ctx, "static_redistributed");
  std::vector<double> k = static_coefficients(ctx, "static_redistributed", true);
  if (spec.floor_0_1_percent) {
    for (double& v : k) v = floor_permille(v);
  }
  return std::make_unique<StaticRedistributedKey>(std::move(k),
                                                  static_cast<int64_t>(ctx.producer_ids.size()));
}

}  // namespace accord::models::allocation::detail
