// Properties of every key on thousands of seeded random inputs: 0 <= A_i <= C_i,
// sum A == sum autoprod, autoprod + surplus == production, no NaN, sum A <= P (1e-9 kWh);
// efficiency where the key promises it; agreement with naive reference implementations
// written here from the round-by-round definitions of acc-france.md §2 (1e-12 kWh).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "allocation/allocation_support.hpp"

namespace {

using accord::models::SharingKeySpec;
using namespace accord::models::allocation;
using accord::models::allocation::testing::make_context;
using accord::models::allocation::testing::Outcome;
using accord::models::allocation::testing::run_key;

constexpr double kTol = 1e-9;
constexpr double kRefTol = 1e-12;

// Literal round-by-round water-filling: give each unsatisfied consumer R k_i / sum_active k,
// cap at C_i, remove saturated ones, repeat until R = 0 or all are satisfied.
std::vector<double> naive_water_fill(const std::vector<double>& c, const std::vector<double>& k,
                                     double r, int* rounds = nullptr) {
  std::vector<double> a(c.size(), 0.0);
  std::vector<size_t> active;
  for (size_t i = 0; i < c.size(); ++i) {
    if (k[i] > 0.0) active.push_back(i);
  }
  int count = 0;
  while (r > 0.0 && !active.empty()) {
    ++count;
    double k_sum = 0.0;
    for (size_t i : active) k_sum += k[i];
    std::vector<size_t> next;
    double given = 0.0;
    for (size_t i : active) {
      const double share = r * k[i] / k_sum;
      const double need = c[i] - a[i];
      if (share >= need) {
        a[i] = c[i];
        given += need;
      } else {
        a[i] += share;
        given += share;
        next.push_back(i);
      }
    }
    r -= given;
    if (next.size() == active.size()) break;  // nobody saturated: R is fully given
    active = std::move(next);
  }
  if (rounds != nullptr) *rounds = count;
  return a;
}

struct Case {
  int64_t n = 0;
  int64_t p = 0;
  int64_t t = 0;
  std::vector<double> consumption;  // [T, N]
  std::vector<double> production;   // [T, P]
  KeyContext ctx;
};

// Random community: consumption with zeros and spikes, production with zeros, coefficients
// (some zero), priorities 1..3, low-income flags, weights.
Case random_case(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Case c;
  c.n = 1 + static_cast<int64_t>(rng() % 40);
  c.p = 1 + static_cast<int64_t>(rng() % 4);
  c.t = 1 + static_cast<int64_t>(rng() % 6);
  c.ctx = make_context(c.n, c.p);
  c.ctx.steps = c.t;
  const double scale = std::pow(10.0, 4.0 * u(rng) - 2.0);  // 0.01 .. 100 kWh
  for (int64_t i = 0; i < c.t * c.n; ++i) {
    const double x = u(rng);
    c.consumption.push_back(x < 0.15 ? 0.0 : (x > 0.97 ? 20.0 : 1.0) * scale * u(rng));
  }
  const double coverage = 3.0 * u(rng);  // production relative to mean demand
  for (int64_t i = 0; i < c.t * c.p; ++i) {
    c.production.push_back(u(rng) < 0.15 ? 0.0
                                         : coverage * scale * static_cast<double>(c.n) /
                                               static_cast<double>(c.p) * u(rng));
  }
  std::vector<double> k(static_cast<size_t>(c.n));
  double sum = 0.0;
  for (double& v : k) {
    v = u(rng) < 0.1 ? 0.0 : u(rng);
    sum += v;
  }
  const double target = u(rng) < 0.5 ? 1.0 : u(rng);  // sum k = 1 or less
  for (size_t i = 0; i < k.size(); ++i) {
    c.ctx.participation[i].coefficient = sum > 0.0 ? k[i] / sum * target * (1.0 - 1e-15) : 0.0;
    c.ctx.participation[i].priority = 1 + static_cast<int>(rng() % 3);
    c.ctx.participation[i].weight = u(rng) < 0.1 ? 0.0 : 3.0 * u(rng);
    c.ctx.low_income[i] = u(rng) < 0.3 ? 1 : 0;
  }
  return c;
}

double row_total(const std::vector<double>& x, int64_t row, int64_t width) {
  double s = 0.0;
  for (int64_t i = 0; i < width; ++i) s += x[static_cast<size_t>(row * width + i)];
  return s;
}

// The invariants every key must keep.
void check_invariants(const Case& c, const Outcome& out) {
  for (int64_t t = 0; t < c.t; ++t) {
    double sum_a = 0.0;
    for (int64_t i = 0; i < c.n; ++i) {
      const size_t x = static_cast<size_t>(t * c.n + i);
      const double a = out.allocated[x];
      REQUIRE(std::isfinite(a));
      REQUIRE(a >= 0.0);
      REQUIRE(a <= c.consumption[x] + kTol);
      sum_a += a;
    }
    double sum_auto = 0.0;
    for (int64_t j = 0; j < c.p; ++j) {
      const size_t x = static_cast<size_t>(t * c.p + j);
      REQUIRE(std::isfinite(out.autoprod[x]));
      REQUIRE(std::isfinite(out.surplus[x]));
      REQUIRE(out.autoprod[x] >= -kTol);
      REQUIRE(out.surplus[x] >= -kTol);
      REQUIRE(std::abs(out.autoprod[x] + out.surplus[x] - c.production[x]) <= kTol);
      sum_auto += out.autoprod[x];
    }
    REQUIRE(std::abs(sum_a - sum_auto) <= kTol);
    REQUIRE(sum_a <= row_total(c.production, t, c.p) + kTol);
  }
}

std::vector<double> row_of(const std::vector<double>& x, int64_t t, int64_t n) {
  return {x.begin() + t * n, x.begin() + (t + 1) * n};
}

std::vector<double> coefficients(const Case& c) {
  std::vector<double> k;
  for (const auto& kp : c.ctx.participation) k.push_back(kp.coefficient);
  return k;
}

void require_rows_equal(const std::vector<double>& got, const std::vector<double>& want, int64_t t,
                        int64_t n, double tol) {
  for (int64_t i = 0; i < n; ++i) {
    INFO("row " << t << " consumer " << i);
    REQUIRE(std::abs(got[static_cast<size_t>(t * n + i)] - want[static_cast<size_t>(i)]) <= tol);
  }
}

constexpr int kCases = 2500;

std::unique_ptr<SharingKey> make(const std::string& type, const Case& c,
                                 const std::string& extra = {}) {
  SharingKeySpec spec;
  spec.type = type;
  if (type == "priority") spec.within_level = extra.empty() ? "pro_rata" : extra;
  if (type == "dynamic_custom") spec.rule = extra;
  if (type == "full_dynamic") {
    // Random-looking but deterministic pairs: producer j gives consumer i the coefficient
    // of (i + j) mod N, so that each producer's column sums to the static total.
    for (int64_t j = 0; j < c.p; ++j) {
      auto& row = spec.pair_coefficients[c.ctx.producer_ids[static_cast<size_t>(j)]];
      for (int64_t i = 0; i < c.n; ++i) {
        row[c.ctx.participant_ids[static_cast<size_t>(i)]] =
            c.ctx.participation[static_cast<size_t>((i + j) % c.n)].coefficient;
      }
    }
  }
  return make_sharing_key(spec, c.ctx);
}

}  // namespace

TEST_CASE("every key keeps the invariants on random inputs", "[allocation][property]") {
  const std::vector<std::pair<std::string, std::string>> keys{
      {"dynamic_default", ""},        {"static", ""},
      {"static_redistributed", ""},   {"priority", "pro_rata"},
      {"priority", "coefficients"},   {"dynamic_custom", "favour_low_income"},
      {"dynamic_custom", "weighted"}, {"full_dynamic", ""}};
  std::mt19937_64 rng(20250101);
  for (int n = 0; n < kCases; ++n) {
    const Case c = random_case(rng);
    const int64_t block = 1 + static_cast<int64_t>(rng() % 3);
    for (const auto& [type, extra] : keys) {
      INFO("case " << n << " key " << type << " " << extra);
      const auto key = make(type, c, extra);
      check_invariants(c, run_key(*key, c.consumption, c.production, c.n, c.p, block));
    }
  }
}

TEST_CASE("efficient keys allocate min(P, sum C)", "[allocation][property]") {
  std::mt19937_64 rng(7);
  for (int n = 0; n < kCases; ++n) {
    const Case c = random_case(rng);
    for (const std::string type : {"dynamic_default", "priority", "favour_low_income"}) {
      INFO("case " << n << " key " << type);
      const auto key =
          type == "favour_low_income" ? make("dynamic_custom", c, type) : make(type, c);
      const auto out = run_key(*key, c.consumption, c.production, c.n, c.p);
      for (int64_t t = 0; t < c.t; ++t) {
        const double want =
            std::min(row_total(c.production, t, c.p), row_total(c.consumption, t, c.n));
        REQUIRE(std::abs(row_total(out.allocated, t, c.n) - want) <= kTol);
      }
    }
  }
}

TEST_CASE("dynamic_default and static follow their formulas", "[allocation][property]") {
  std::mt19937_64 rng(11);
  for (int n = 0; n < kCases; ++n) {
    const Case c = random_case(rng);
    const auto dd = run_key(*make("dynamic_default", c), c.consumption, c.production, c.n, c.p);
    const auto st = run_key(*make("static", c), c.consumption, c.production, c.n, c.p);
    const auto k = coefficients(c);
    for (int64_t t = 0; t < c.t; ++t) {
      const double p = row_total(c.production, t, c.p);
      const double sum_c = row_total(c.consumption, t, c.n);
      std::vector<double> want_dd(static_cast<size_t>(c.n));
      std::vector<double> want_st(static_cast<size_t>(c.n));
      for (int64_t i = 0; i < c.n; ++i) {
        const double ci = c.consumption[static_cast<size_t>(t * c.n + i)];
        want_dd[static_cast<size_t>(i)] = sum_c > 0.0 ? ci * std::min(1.0, p / sum_c) : 0.0;
        want_st[static_cast<size_t>(i)] = std::min(ci, k[static_cast<size_t>(i)] * p);
      }
      require_rows_equal(dd.allocated, want_dd, t, c.n, kRefTol * std::max(1.0, p));
      require_rows_equal(st.allocated, want_st, t, c.n, kRefTol * std::max(1.0, p));
    }
  }
}

TEST_CASE("static_redistributed equals round-by-round water-filling", "[allocation][property]") {
  std::mt19937_64 rng(13);
  for (int n = 0; n < kCases; ++n) {
    const Case c = random_case(rng);
    const auto out =
        run_key(*make("static_redistributed", c), c.consumption, c.production, c.n, c.p);
    const auto k = coefficients(c);
    for (int64_t t = 0; t < c.t; ++t) {
      const double p = row_total(c.production, t, c.p);
      INFO("case " << n);
      require_rows_equal(out.allocated, naive_water_fill(row_of(c.consumption, t, c.n), k, p), t,
                         c.n, kRefTol * std::max(1.0, p));
    }
  }
}

TEST_CASE("water-filling needing many rounds is still exact", "[allocation][property]") {
  // Weights 10^-m and demands 0.9 * level * k: each round saturates exactly one consumer,
  // so the fast passes give up and the sorted fallback finishes.
  const int64_t n = 30;
  KeyContext ctx = make_context(n, 1);
  std::vector<double> k(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) k[static_cast<size_t>(i)] = std::pow(0.1, static_cast<double>(i));
  const double k_sum = std::accumulate(k.begin(), k.end(), 0.0);
  const double r = 1.0;
  std::vector<double> c(static_cast<size_t>(n));
  double level = r / k_sum;
  double left = r;
  double k_left = k_sum;
  for (int64_t i = 0; i + 1 < n; ++i) {
    const size_t x = static_cast<size_t>(i);
    c[x] = 0.9 * level * k[x];
    left -= c[x];
    k_left -= k[x];
    level = left / k_left;
  }
  c.back() = 1e6;
  for (int64_t i = 0; i < n; ++i) {
    ctx.participation[static_cast<size_t>(i)].coefficient =
        k[static_cast<size_t>(i)] / k_sum / (1.0 + 1e-14);
  }
  std::vector<double> kn;
  for (const auto& kp : ctx.participation) kn.push_back(kp.coefficient);
  int rounds = 0;
  const auto want = naive_water_fill(c, kn, r, &rounds);
  CHECK(rounds >= 15);  // more than the 12 fast passes of the implementation
  SharingKeySpec spec;
  spec.type = "static_redistributed";
  const auto out = run_key(*make_sharing_key(spec, ctx), c, {r}, n, 1);
  require_rows_equal(out.allocated, want, 0, n, kRefTol);
  // Shuffled order gives the same per-consumer result.
  std::vector<size_t> perm(static_cast<size_t>(n));
  std::iota(perm.begin(), perm.end(), 0);
  std::mt19937_64 rng(3);
  std::shuffle(perm.begin(), perm.end(), rng);
  KeyContext shuffled = make_context(n, 1);
  std::vector<double> cs(static_cast<size_t>(n));
  for (size_t q = 0; q < perm.size(); ++q) {
    shuffled.participation[q].coefficient = kn[perm[q]];
    cs[q] = c[perm[q]];
  }
  const auto out2 = run_key(*make_sharing_key(spec, shuffled), cs, {r}, n, 1);
  for (size_t q = 0; q < perm.size(); ++q) {
    REQUIRE(std::abs(out2.allocated[q] - want[perm[q]]) <= kRefTol);
  }
}

TEST_CASE("priority equals a level-by-level reference", "[allocation][property]") {
  std::mt19937_64 rng(17);
  for (int n = 0; n < kCases; ++n) {
    const Case c = random_case(rng);
    for (const std::string within : {"pro_rata", "coefficients"}) {
      const auto out =
          run_key(*make("priority", c, within), c.consumption, c.production, c.n, c.p, 2);
      const auto k = coefficients(c);
      for (int64_t t = 0; t < c.t; ++t) {
        double remaining = row_total(c.production, t, c.p);
        std::vector<double> want(static_cast<size_t>(c.n), 0.0);
        for (int level = 1; level <= 3; ++level) {
          std::vector<size_t> members;
          for (size_t i = 0; i < static_cast<size_t>(c.n); ++i) {
            if (c.ctx.participation[i].priority == level) members.push_back(i);
          }
          std::vector<double> cl;
          std::vector<double> kl;
          for (size_t i : members) {
            cl.push_back(c.consumption[static_cast<size_t>(t * c.n) + i]);
            kl.push_back(k[i]);
          }
          std::vector<double> al;
          if (within == "pro_rata") {
            const double d = std::accumulate(cl.begin(), cl.end(), 0.0);
            for (double x : cl) al.push_back(d > 0.0 ? x * std::min(1.0, remaining / d) : 0.0);
          } else {
            al = naive_water_fill(cl, kl, remaining);
          }
          for (size_t q = 0; q < members.size(); ++q) {
            want[members[q]] = al[q];
            remaining -= al[q];
          }
          remaining = std::max(remaining, 0.0);
        }
        INFO("case " << n << " within " << within);
        require_rows_equal(out.allocated, want, t, c.n,
                           kRefTol * std::max(1.0, row_total(c.production, t, c.p)));
      }
    }
  }
}

TEST_CASE("dynamic_custom weighted and full_dynamic follow their formulas",
          "[allocation][property]") {
  std::mt19937_64 rng(19);
  for (int n = 0; n < kCases; ++n) {
    const Case c = random_case(rng);
    const auto wt =
        run_key(*make("dynamic_custom", c, "weighted"), c.consumption, c.production, c.n, c.p);
    const auto fd = run_key(*make("full_dynamic", c), c.consumption, c.production, c.n, c.p);
    const auto k = coefficients(c);
    for (int64_t t = 0; t < c.t; ++t) {
      const double p = row_total(c.production, t, c.p);
      double swc = 0.0;
      for (int64_t i = 0; i < c.n; ++i) {
        swc += c.ctx.participation[static_cast<size_t>(i)].weight *
               c.consumption[static_cast<size_t>(t * c.n + i)];
      }
      std::vector<double> want_wt(static_cast<size_t>(c.n));
      std::vector<double> want_fd(static_cast<size_t>(c.n));
      std::vector<double> offered(static_cast<size_t>(c.n), 0.0);
      for (int64_t i = 0; i < c.n; ++i) {
        const size_t x = static_cast<size_t>(i);
        const double ci = c.consumption[static_cast<size_t>(t * c.n + i)];
        const double ki = swc > 0.0 ? c.ctx.participation[x].weight * ci / swc : 0.0;
        want_wt[x] = std::min(ci, ki * p);
        for (int64_t j = 0; j < c.p; ++j) {
          offered[x] += k[static_cast<size_t>((i + j) % c.n)] *
                        c.production[static_cast<size_t>(t * c.p + j)];
        }
        want_fd[x] = std::min(ci, offered[x]);
      }
      require_rows_equal(wt.allocated, want_wt, t, c.n, kRefTol * std::max(1.0, p));
      require_rows_equal(fd.allocated, want_fd, t, c.n, kRefTol * std::max(1.0, p));
      // Per producer: what producer j offers each consumer, scaled by the consumer's cap.
      for (int64_t j = 0; j < c.p; ++j) {
        double given = 0.0;
        for (int64_t i = 0; i < c.n; ++i) {
          const size_t x = static_cast<size_t>(i);
          const double offer = k[static_cast<size_t>((i + j) % c.n)] *
                               c.production[static_cast<size_t>(t * c.p + j)];
          given += offered[x] > 0.0 ? offer * want_fd[x] / offered[x] : 0.0;
        }
        REQUIRE(std::abs(fd.autoprod[static_cast<size_t>(t * c.p + j)] - given) <=
                kRefTol * std::max(1.0, p));
      }
    }
  }
}

TEST_CASE("zero production and zero consumption give no NaN", "[allocation][property]") {
  std::mt19937_64 rng(23);
  Case c = random_case(rng);
  for (auto& x : c.production) x = 0.0;
  for (int64_t i = 0; i < c.n; ++i) c.consumption[static_cast<size_t>(i)] = 0.0;  // row 0
  for (const std::string type :
       {"dynamic_default", "static", "static_redistributed", "priority", "full_dynamic"}) {
    const auto out = run_key(*make(type, c), c.consumption, c.production, c.n, c.p);
    check_invariants(c, out);
    for (double a : out.allocated) CHECK(a == 0.0);
  }
}
