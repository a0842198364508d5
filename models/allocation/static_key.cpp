// static: fixed coefficients, A_i = min(C_i, k_i * P) with sum k <= 1; an unused share is
// not redistributed and becomes surplus (acc-france.md §2, assumption).
#include "key_support.hpp"

namespace accord::models::allocation::detail {
namespace {

class StaticKey final : public SharingKey {
 public:
  StaticKey(std::vector<double> k, int64_t p) : k_(std::move(k)), p_(p) {}
  const std::string& name() const override { return name_; }

  void allocate(const AllocationView& v) const override {
    const int64_t n = static_cast<int64_t>(k_.size());
    check_view(v, n, p_, name_);
    for (int64_t t = v.t0; t < v.t1; ++t) {
      const double* c = v.consumption + t * n;
      const double* prod = v.production + t * p_;
      double* a = v.allocated + t * n;
      const double total_p = row_sum(prod, p_);
      capped_share_row(c, k_.data(), total_p > 0.0 ? total_p : 0.0, a, n);
      pooled_accounting(prod, p_, total_p, row_sum(a, n), v.autoprod + t * p_, v.surplus + t * p_);
    }
  }

 private:
  std::string name_ = "static";
  std::vector<double> k_;  // [N] fraction of production
  int64_t p_;
};

}  // namespace

std::unique_ptr<SharingKey> make_static_key(const SharingKeySpec& spec, const KeyContext& ctx) {
  check_context(ctx, "static");
  std::vector<double> k = static_coefficients(ctx, "static", true);
  if (spec.floor_0_1_percent) {
    for (double& v : k) v = floor_permille(v);
  }
  return std::make_unique<StaticKey>(std::move(k), static_cast<int64_t>(ctx.producer_ids.size()));
}

}  // namespace accord::models::allocation::detail
