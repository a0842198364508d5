// full_dynamic: coefficients per producer-consumer pair, A_ij = k_ij * P_j, capped so that
// sum_j A_ij <= C_i by scaling consumer i's pairs proportionally (acc-france.md §2; the
// proportional spreading of the cap across producers is an assumption).
#include <cmath>
#include <stdexcept>
#include <unordered_map>

#include "key_support.hpp"

namespace accord::models::allocation::detail {
namespace {

class FullDynamicKey final : public SharingKey {
 public:
  FullDynamicKey(std::vector<double> k, int64_t n, int64_t p) : k_(std::move(k)), n_(n), p_(p) {}
  const std::string& name() const override { return name_; }

  void allocate(const AllocationView& v) const override {
    check_view(v, n_, p_, name_);
    Scratch& s = thread_scratch();
    double* __restrict offered = ensure(s.d0, n_);  // sum_j k_ij P_j
    double* __restrict scale = ensure(s.d1, n_);    // cap factor of consumer i, <= 1
    for (int64_t t = v.t0; t < v.t1; ++t) {
      const double* __restrict c = v.consumption + t * n_;
      const double* prod = v.production + t * p_;
      double* __restrict a = v.allocated + t * n_;
      for (int64_t i = 0; i < n_; ++i) offered[i] = 0.0;
      for (int64_t j = 0; j < p_; ++j) {
        const double pj = prod[j] > 0.0 ? prod[j] : 0.0;
        const double* __restrict kj = k_.data() + j * n_;
        for (int64_t i = 0; i < n_; ++i) offered[i] += kj[i] * pj;
      }
      for (int64_t i = 0; i < n_; ++i) {
        const double ci = c[i];
        const double di = offered[i];
        a[i] = di < ci ? di : ci;
        // c / max(d, c): 1 when the offer fits (exactly), c / d when it is capped; the
        // guard avoids 0/0 where nothing is offered (then the factor is never used).
        double den = di > ci ? di : ci;
        den = den > 0.0 ? den : 1.0;
        scale[i] = ci / den;
      }
      for (int64_t j = 0; j < p_; ++j) {
        const double pj = prod[j] > 0.0 ? prod[j] : 0.0;
        const double* __restrict kj = k_.data() + j * n_;
        double used = 0.0;
        for (int64_t i = 0; i < n_; ++i) used += kj[i] * scale[i];
        v.autoprod[t * p_ + j] = pj * used;
        v.surplus[t * p_ + j] = prod[j] - v.autoprod[t * p_ + j];
      }
    }
  }

 private:
  std::string name_ = "full_dynamic";
  std::vector<double> k_;  // [P, N] pair coefficients, fraction of producer j's injection
  int64_t n_;
  int64_t p_;
};

}  // namespace

std::unique_ptr<SharingKey> make_full_dynamic_key(const SharingKeySpec& spec,
                                                  const KeyContext& ctx) {
  check_context(ctx, "full_dynamic");
  const int64_t n = static_cast<int64_t>(ctx.participant_ids.size());
  const int64_t p = static_cast<int64_t>(ctx.producer_ids.size());
  if (spec.pair_coefficients.empty()) {
    throw std::invalid_argument(
        "sharing key 'full_dynamic' needs pairs: {producer_id: {consumer_id: fraction}}");
  }
  std::unordered_map<std::string, int64_t> consumer_index;
  std::unordered_map<std::string, int64_t> producer_index;
  for (int64_t i = 0; i < n; ++i)
    consumer_index.emplace(ctx.participant_ids[static_cast<size_t>(i)], i);
  for (int64_t j = 0; j < p; ++j)
    producer_index.emplace(ctx.producer_ids[static_cast<size_t>(j)], j);
  std::vector<double> k(static_cast<size_t>(n * p), 0.0);
  for (const auto& [producer, row] : spec.pair_coefficients) {
    const auto pj = producer_index.find(producer);
    if (pj == producer_index.end()) {
      throw std::invalid_argument("sharing key 'full_dynamic': pairs name producer '" + producer +
                                  "', which is not a producer of the scenario");
    }
    double sum = 0.0;
    for (const auto& [consumer, value] : row) {
      const auto ci = consumer_index.find(consumer);
      if (ci == consumer_index.end()) {
        throw std::invalid_argument("sharing key 'full_dynamic': pairs." + producer +
                                    " names consumer '" + consumer +
                                    "', which is not a participant of the scenario");
      }
      if (!std::isfinite(value) || value < 0.0) {
        throw std::invalid_argument("sharing key 'full_dynamic': pairs." + producer + "." +
                                    consumer + " = " + std::to_string(value) +
                                    " (must be a finite fraction >= 0)");
      }
      const double kv = spec.floor_0_1_percent ? floor_permille(value) : value;
      k[static_cast<size_t>(pj->second * n + ci->second)] = kv;
      sum += kv;
    }
    if (sum > 1.0 + kSumTolerance) {
      throw std::invalid_argument("sharing key 'full_dynamic': coefficients of producer '" +
                                  producer + "' sum to " + std::to_string(sum) + " (must be <= 1)");
    }
  }
  return std::make_unique<FullDynamicKey>(std::move(k), n, p);
}

}  // namespace accord::models::allocation::detail
