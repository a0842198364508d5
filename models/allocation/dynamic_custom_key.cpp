// dynamic_custom: the PMO sends coefficients k_i(t) per step ("dynamic simple" key),
// A_i = min(C_i, k_i(t) * P); an unused share becomes surplus, as the DSO does
// (acc-france.md §2). The coefficients come from a file or from a named rule.
#include <array>
#include <cmath>
#include <stdexcept>

#include "coefficient_file.hpp"
#include "key_support.hpp"

namespace accord::models::allocation::detail {
namespace {

// Shared step loop; Source::row_coefficients(t, c, n, P, k) gives k[0..n) for row t. The source
// is a template parameter so that no virtual call happens per step.
template <typename Source>
class DynamicCustomKey final : public SharingKey {
 public:
  DynamicCustomKey(Source source, bool floor, int64_t n, int64_t p)
      : source_(std::move(source)), floor_(floor), n_(n), p_(p) {}
  const std::string& name() const override { return name_; }

  void allocate(const AllocationView& v) const override {
    check_view(v, n_, p_, name_);
    source_.check_rows(v.t1 + v.step_offset);
    double* k = ensure(thread_scratch().d0, n_);
    for (int64_t t = v.t0; t < v.t1; ++t) {
      const double* c = v.consumption + t * n_;
      const double* prod = v.production + t * p_;
      double* a = v.allocated + t * n_;
      const double total_p = row_sum(prod, p_);
      const double* kt = source_.row_coefficients(t + v.step_offset, c, n_, total_p, k);
      if (floor_) {
        for (int64_t i = 0; i < n_; ++i) k[i] = floor_permille(kt[i]);
        kt = k;
      }
      capped_share_row(c, kt, total_p > 0.0 ? total_p : 0.0, a, n_);
      pooled_accounting(prod, p_, total_p, row_sum(a, n_), v.autoprod + t * p_, v.surplus + t * p_);
    }
  }

 private:
  std::string name_ = "dynamic_custom";
  Source source_;
  bool floor_;
  int64_t n_;
  int64_t p_;
};

// Coefficients read from a file, [T, N].
struct FileSource {
  std::vector<double> k;
  int64_t steps = 0;
  void check_rows(int64_t t1) const {
    if (t1 > steps) {
      throw std::invalid_argument("sharing key 'dynamic_custom': step " + std::to_string(t1 - 1) +
                                  " beyond the " + std::to_string(steps) +
                                  " steps of the coefficients file");
    }
  }
  const double* row_coefficients(int64_t t, const double* /*c*/, int64_t n, double /*total_p*/,
                                 double* /*k*/) const {
    return k.data() + t * n;
  }
};

// favour_low_income: a share s of production is reserved for low-income members, pro rata
// to their consumption and capped at it; the rest of production goes pro rata to what every
// member still needs. The PMO computes k_i(t) = A_i / P ex post from the load curves (as
// dynamic keys are sent after the month), so no reserved kWh is lost when the low-income
// members are covered. s = 0 is the dynamic default key; s = 1 serves them first.
struct FavourLowIncomeSource {
  std::vector<double> low_income;  // [N] 0/1
  double share = 0.5;
  void check_rows(int64_t /*t1*/) const {}
  const double* row_coefficients(int64_t /*t*/, const double* __restrict c, int64_t n,
                                 double total_p, double* __restrict k) const {
    const double* __restrict m = low_income.data();
    if (!(total_p > 0.0)) {
      for (int64_t i = 0; i < n; ++i) k[i] = 0.0;
      return k;
    }
    const double total = row_sum(c, n);
    const double total_li = masked_sum(c, m, n);
    const double reserve = share * total_p;
    const double reserved = reserve < total_li ? reserve : total_li;
    const double f_li = total_li > 0.0 ? reserved / total_li : 0.0;  // <= 1
    const double left_demand = total - reserved;
    const double left = total_p - reserved;
    const double g = left_demand > left ? left / left_demand : 1.0;  // <= 1
    // A_i = C_i (LI_i f (1 - g) + g); k_i = A_i / P.
    const double a_li = f_li * (1.0 - g) / total_p;
    const double a_all = g / total_p;
    for (int64_t i = 0; i < n; ++i) k[i] = c[i] * (m[i] * a_li + a_all);
    return k;
  }
};

// weighted: k_i = w_i C_i / sum_j w_j C_j (equal weights give the dynamic default key).
struct WeightedSource {
  std::vector<double> weight;  // [N] >= 0
  void check_rows(int64_t /*t1*/) const {}
  const double* row_coefficients(int64_t /*t*/, const double* __restrict c, int64_t n,
                                 double /*total_p*/, double* __restrict k) const {
    const double total = masked_sum(c, weight.data(), n);
    const double f = total > 0.0 ? 1.0 / total : 0.0;
    const double* __restrict w = weight.data();
    for (int64_t i = 0; i < n; ++i) k[i] = c[i] * w[i] * f;
    return k;
  }
};

template <typename Source>
std::unique_ptr<SharingKey> build(Source source, const SharingKeySpec& spec,
                                  const KeyContext& ctx) {
  return std::make_unique<DynamicCustomKey<Source>>(
      std::move(source), spec.floor_0_1_percent, static_cast<int64_t>(ctx.participant_ids.size()),
      static_cast<int64_t>(ctx.producer_ids.size()));
}

std::unique_ptr<SharingKey> make_favour_low_income(const SharingKeySpec& spec,
                                                   const KeyContext& ctx) {
  if (!std::isfinite(spec.rule_share) || spec.rule_share < 0.0 || spec.rule_share > 1.0) {
    throw std::invalid_argument("sharing key 'dynamic_custom': rule_share " +
                                std::to_string(spec.rule_share) + " must be in [0, 1]");
  }
  FavourLowIncomeSource source;
  source.share = spec.rule_share;
  source.low_income.assign(ctx.participant_ids.size(), 0.0);
  for (size_t i = 0; i < ctx.low_income.size(); ++i) {
    source.low_income[i] = ctx.low_income[i] != 0 ? 1.0 : 0.0;
  }
  return build(std::move(source), spec, ctx);
}

std::unique_ptr<SharingKey> make_weighted(const SharingKeySpec& spec, const KeyContext& ctx) {
  WeightedSource source;
  for (size_t i = 0; i < ctx.participation.size(); ++i) {
    const double w = ctx.participation[i].weight;
    if (!std::isfinite(w) || w < 0.0) {
      throw std::invalid_argument("sharing key 'dynamic_custom': participant '" +
                                  ctx.participant_ids[i] + "' has key.weight " + std::to_string(w) +
                                  " (must be finite and >= 0)");
    }
    source.weight.push_back(w);
  }
  return build(std::move(source), spec, ctx);
}

using RuleFactory = std::unique_ptr<SharingKey> (*)(const SharingKeySpec&, const KeyContext&);
struct Rule {
  const char* name;
  RuleFactory make;
};
// The registry of dynamic_custom rules.
constexpr std::array<Rule, 2> kRules{{
    {"favour_low_income", &make_favour_low_income},
    {"weighted", &make_weighted},
}};

}  // namespace

std::unique_ptr<SharingKey> make_dynamic_custom_key(const SharingKeySpec& spec,
                                                    const KeyContext& ctx) {
  check_context(ctx, "dynamic_custom");
  const bool has_file = spec.coefficients_file.has_value();
  const bool has_rule = !spec.rule.empty();
  if (has_file == has_rule) {
    throw std::invalid_argument(
        "sharing key 'dynamic_custom' needs exactly one of coefficients_file or rule");
  }
  if (has_file) {
    if (ctx.steps <= 0) {
      throw std::invalid_argument(
          "sharing key 'dynamic_custom': a coefficients file needs the step grid (steps > 0)");
    }
    FileSource source;
    source.k = read_coefficient_file(spec.coefficients_file->path, ctx);
    source.steps = ctx.steps;
    return build(std::move(source), spec, ctx);
  }
  for (const Rule& r : kRules) {
    if (spec.rule == r.name) return r.make(spec, ctx);
  }
  std::string known;
  for (const Rule& r : kRules) known += (known.empty() ? "" : ", ") + std::string(r.name);
  throw std::invalid_argument("sharing key 'dynamic_custom': unknown rule '" + spec.rule +
                              "'; known: " + known);
}

}  // namespace accord::models::allocation::detail
