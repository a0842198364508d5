// dynamic_default: the Enedis default key, pro rata to consumption,
// A_i = C_i * min(1, P / sum C) (acc-france.md §2).
#include "key_support.hpp"

namespace accord::models::allocation::detail {
namespace {

class DynamicDefaultKey final : public SharingKey {
 public:
  DynamicDefaultKey(int64_t n, int64_t p) : n_(n), p_(p) {}
  const std::string& name() const override { return name_; }

  void allocate(const AllocationView& v) const override {
    check_view(v, n_, p_, name_);
    for (int64_t t = v.t0; t < v.t1; ++t) {
      const double* c = v.consumption + t * n_;
      const double* prod = v.production + t * p_;
      double* a = v.allocated + t * n_;
      const double total_p = row_sum(prod, p_);
      const double total_c = row_sum(c, n_);
      // total_c > total_p >= 0 guards the division; ratio <= 1 keeps A_i <= C_i exactly.
      const double ratio = total_c > total_p ? total_p / total_c : 1.0;
      scale_row(c, ratio, a, n_);
      const double sum_a = total_c > total_p ? total_p : total_c;
      pooled_accounting(prod, p_, total_p, sum_a, v.autoprod + t * p_, v.surplus + t * p_);
    }
  }

 private:
  std::string name_ = "dynamic_default";
  int64_t n_;
  int64_t p_;
};

}  // namespace

std::unique_ptr<SharingKey> make_dynamic_default_key(const SharingKeySpec& /*spec*/,
                                                     const KeyContext& ctx) {
  check_context(ctx, "dynamic_default");
  return std::make_unique<DynamicDefaultKey>(static_cast<int64_t>(ctx.participant_ids.size()),
                                             static_cast<int64_t>(ctx.producer_ids.size()));
}

}  // namespace accord::models::allocation::detail
