// The worked example of domain/acc-france.md §2 for every key: one step, P = 10 kWh from two
// producers (6 + 4), static k = 20/30/50 %, cases deficit (C = 2, 5, 8), plenty (1, 2, 3) and
// mixed (0.5, 6, 6). Values not in the table (priority, dynamic_custom, full_dynamic) are
// derived by hand from the definitions in docs/sharing-keys.md; the derivation is beside
// each case. Tolerance 1e-9 kWh.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "allocation/allocation_support.hpp"

namespace {

using accord::models::KeyParticipation;
using accord::models::SharingKeySpec;
using namespace accord::models::allocation;
using accord::models::allocation::testing::make_context;
using accord::models::allocation::testing::run_key;

constexpr double kTol = 1e-9;
const std::vector<double> kProduction{6.0, 4.0};
const std::vector<double> kDeficit{2.0, 5.0, 8.0};
const std::vector<double> kPlenty{1.0, 2.0, 3.0};
const std::vector<double> kMixed{0.5, 6.0, 6.0};

KeyContext example_context() {
  KeyContext ctx = make_context(3, 2);
  const double k[3] = {0.2, 0.3, 0.5};
  for (size_t i = 0; i < 3; ++i) ctx.participation[i].coefficient = k[i];
  ctx.steps = 1;
  ctx.start_utc = 1735689600;  // 2025-01-01T00:00:00Z
  return ctx;
}

SharingKeySpec spec_of(const std::string& type) {
  SharingKeySpec spec;
  spec.type = type;
  return spec;
}

// Runs the key on one step and checks A, the total surplus, the invariants and, when given,
// the per-producer autoprod.
void check(const SharingKey& key, const std::vector<double>& c, const std::vector<double>& a,
           double surplus, const std::vector<double>& autoprod = {}) {
  const auto out = run_key(key, c, kProduction, 3, 2);
  INFO("key " << key.name() << ", C = " << c[0] << ", " << c[1] << ", " << c[2]);
  double sum_a = 0.0;
  for (size_t i = 0; i < 3; ++i) {
    CHECK(out.allocated[i] == Approx(a[i]).margin(kTol));
    sum_a += out.allocated[i];
  }
  CHECK(out.surplus[0] + out.surplus[1] == Approx(surplus).margin(kTol));
  CHECK(out.autoprod[0] + out.autoprod[1] == Approx(sum_a).margin(kTol));
  for (size_t j = 0; j < 2; ++j) {
    CHECK(out.autoprod[j] + out.surplus[j] == Approx(kProduction[j]).margin(kTol));
    if (!autoprod.empty()) CHECK(out.autoprod[j] == Approx(autoprod[j]).margin(kTol));
  }
}

}  // namespace

TEST_CASE("dynamic_default reproduces the worked example", "[allocation][reference]") {
  const auto key = make_sharing_key(spec_of("dynamic_default"), example_context());
  CHECK(key->name() == "dynamic_default");
  check(*key, kDeficit, {4.0 / 3.0, 10.0 / 3.0, 16.0 / 3.0}, 0.0, {6.0, 4.0});
  check(*key, kPlenty, {1.0, 2.0, 3.0}, 4.0, {3.6, 2.4});  // autoprod 6*6/10, 4*6/10
  check(*key, kMixed, {0.4, 4.8, 4.8}, 0.0);
}

TEST_CASE("static reproduces the worked example", "[allocation][reference]") {
  const auto key = make_sharing_key(spec_of("static"), example_context());
  check(*key, kDeficit, {2.0, 3.0, 5.0}, 0.0);
  check(*key, kPlenty, {1.0, 2.0, 3.0}, 4.0);
  // sum A = 8.5: AUTOPROD_j = P_j * 0.85 (pro rata of injection)
  check(*key, kMixed, {0.5, 3.0, 5.0}, 1.5, {5.1, 3.4});
}

TEST_CASE("static_redistributed reproduces the worked example", "[allocation][reference]") {
  const auto key = make_sharing_key(spec_of("static_redistributed"), example_context());
  check(*key, kDeficit, {2.0, 3.0, 5.0}, 0.0);
  check(*key, kPlenty, {1.0, 2.0, 3.0}, 4.0);
  check(*key, kMixed, {0.5, 3.5625, 5.9375}, 0.0);
}

TEST_CASE("priority on the worked example", "[allocation][reference]") {
  // c1 at level 1, c2 and c3 at level 2.
  KeyContext ctx = example_context();
  ctx.participation[0].priority = 1;
  ctx.participation[1].priority = 2;
  ctx.participation[2].priority = 2;
  SECTION("pro rata within a level") {
    const auto key = make_sharing_key(spec_of("priority"), ctx);
    // Deficit: c1 takes 2, 8 left for 5 + 8 = 13: 5*8/13 and 8*8/13.
    check(*key, kDeficit, {2.0, 40.0 / 13.0, 64.0 / 13.0}, 0.0);
    check(*key, kPlenty, {1.0, 2.0, 3.0}, 4.0);
    // Mixed: c1 takes 0.5, 9.5 left for 12: 4.75 each.
    check(*key, kMixed, {0.5, 4.75, 4.75}, 0.0);
  }
  SECTION("coefficients within a level") {
    SharingKeySpec spec = spec_of("priority");
    spec.within_level = "coefficients";
    const auto key = make_sharing_key(spec, ctx);
    // Level 2 weights 0.3/0.8 = 0.375 and 0.625. Deficit: 8 left -> 3 and 5 (both < C).
    check(*key, kDeficit, {2.0, 3.0, 5.0}, 0.0);
    check(*key, kPlenty, {1.0, 2.0, 3.0}, 4.0);
    // Mixed: 9.5 left -> 3.5625 and 5.9375, as static_redistributed.
    check(*key, kMixed, {0.5, 3.5625, 5.9375}, 0.0);
  }
  SECTION("levels given in reverse id order") {
    KeyContext rev = example_context();
    rev.participation[0].priority = 3;
    rev.participation[1].priority = 2;
    rev.participation[2].priority = 1;
    const auto key = make_sharing_key(spec_of("priority"), rev);
    // Deficit: c3 takes 8, c2 takes 2 of its 5, c1 nothing.
    check(*key, kDeficit, {0.0, 2.0, 8.0}, 0.0);
  }
}

TEST_CASE("dynamic_custom rules on the worked example", "[allocation][reference]") {
  SECTION("weighted with equal weights is the dynamic default") {
    SharingKeySpec spec = spec_of("dynamic_custom");
    spec.rule = "weighted";
    const auto key = make_sharing_key(spec, example_context());
    check(*key, kDeficit, {4.0 / 3.0, 10.0 / 3.0, 16.0 / 3.0}, 0.0);
    check(*key, kPlenty, {1.0, 2.0, 3.0}, 4.0);
    check(*key, kMixed, {0.4, 4.8, 4.8}, 0.0);
  }
  SECTION("weighted 2/1/1: unused share is surplus") {
    SharingKeySpec spec = spec_of("dynamic_custom");
    spec.rule = "weighted";
    KeyContext ctx = example_context();
    ctx.participation[0].weight = 2.0;
    const auto key = make_sharing_key(spec, ctx);
    // Deficit: sum wC = 17, k = 4/17, 5/17, 8/17 -> min(2, 40/17) = 2, 50/17, 80/17.
    check(*key, kDeficit, {2.0, 50.0 / 17.0, 80.0 / 17.0}, 6.0 / 17.0);
    // Plenty: sum wC = 7: 20/7 >= 1, 20/7 >= 2, 30/7 >= 3.
    check(*key, kPlenty, {1.0, 2.0, 3.0}, 4.0);
    // Mixed: sum wC = 13: min(0.5, 10/13), 60/13, 60/13.
    check(*key, kMixed, {0.5, 60.0 / 13.0, 60.0 / 13.0}, 10.0 - 0.5 - 120.0 / 13.0);
  }
  SECTION("favour_low_income, c3 low-income, rule_share 0.5") {
    SharingKeySpec spec = spec_of("dynamic_custom");
    spec.rule = "favour_low_income";
    spec.rule_share = 0.5;
    KeyContext ctx = example_context();
    ctx.low_income = {0, 0, 1};
    const auto key = make_sharing_key(spec, ctx);
    // Deficit: reserved min(5, 8) = 5 to c3; 5 left for remaining needs 2, 5, 3 (sum 10):
    // half each -> 1, 2.5, 5 + 1.5.
    check(*key, kDeficit, {1.0, 2.5, 6.5}, 0.0);
    // Plenty: reserved 3 covers c3; 7 left covers 1 and 2.
    check(*key, kPlenty, {1.0, 2.0, 3.0}, 4.0);
    // Mixed: reserved 5 to c3; 5 left for 0.5, 6, 1 (sum 7.5): factor 2/3.
    check(*key, kMixed, {1.0 / 3.0, 4.0, 5.0 + 2.0 / 3.0}, 0.0);
  }
  SECTION("favour_low_income with share 0 is the dynamic default") {
    SharingKeySpec spec = spec_of("dynamic_custom");
    spec.rule = "favour_low_income";
    spec.rule_share = 0.0;
    KeyContext ctx = example_context();
    ctx.low_income = {1, 0, 0};
    const auto key = make_sharing_key(spec, ctx);
    check(*key, kMixed, {0.4, 4.8, 4.8}, 0.0);
  }
}

TEST_CASE("dynamic_custom coefficients file on the worked example", "[allocation][reference]") {
  const std::string path = "allocation_example_keys.csv";
  {
    std::ofstream f(path);
    f << "timestamp;c1;c3;c2\n2025-01-01T01:00:00+01:00;20;50,0;30\n";
  }
  SharingKeySpec spec = spec_of("dynamic_custom");
  spec.coefficients_file = accord::models::CsvSeriesSpec{};
  spec.coefficients_file->path = path;
  const auto key = make_sharing_key(spec, example_context());
  // Same coefficients as the static key: same results.
  check(*key, kDeficit, {2.0, 3.0, 5.0}, 0.0);
  check(*key, kPlenty, {1.0, 2.0, 3.0}, 4.0);
  check(*key, kMixed, {0.5, 3.0, 5.0}, 1.5);
  std::remove(path.c_str());
}

TEST_CASE("full_dynamic on the worked example", "[allocation][reference]") {
  SECTION("pairs equal to the static coefficients for each producer give the static key") {
    SharingKeySpec spec = spec_of("full_dynamic");
    for (const char* p : {"p1", "p2"})
      spec.pair_coefficients[p] = {{"c1", 0.2}, {"c2", 0.3}, {"c3", 0.5}};
    const auto key = make_sharing_key(spec, example_context());
    check(*key, kDeficit, {2.0, 3.0, 5.0}, 0.0);
    check(*key, kPlenty, {1.0, 2.0, 3.0}, 4.0);
    // Mixed: c1 offered 2 (1.2 + 0.8), capped to 0.5 (factor 1/4): p1 gives 0.3 + 1.8 + 3.0.
    check(*key, kMixed, {0.5, 3.0, 5.0}, 1.5, {5.1, 3.4});
  }
  SECTION("p1 -> c1, c2 half each; p2 -> c3 all") {
    SharingKeySpec spec = spec_of("full_dynamic");
    spec.pair_coefficients["p1"] = {{"c1", 0.5}, {"c2", 0.5}};
    spec.pair_coefficients["p2"] = {{"c3", 1.0}};
    const auto key = make_sharing_key(spec, example_context());
    // Offers 3, 3, 4. Deficit: A = 2, 3, 4; p1 gives 2 + 3 = 5 (surplus 1), p2 gives 4.
    check(*key, kDeficit, {2.0, 3.0, 4.0}, 1.0, {5.0, 4.0});
    // Plenty: A = 1, 2, 3; p1 gives 3, p2 gives 3.
    check(*key, kPlenty, {1.0, 2.0, 3.0}, 4.0, {3.0, 3.0});
    // Mixed: A = 0.5, 3, 4; p1 gives 3.5, p2 gives 4.
    check(*key, kMixed, {0.5, 3.0, 4.0}, 2.5, {3.5, 4.0});
  }
}

TEST_CASE("floor_0_1_percent rounds coefficients down to 0.1 %", "[allocation][reference]") {
  KeyContext ctx = example_context();
  ctx.participation[0].coefficient = 0.2004;
  ctx.participation[1].coefficient = 0.3009;
  ctx.participation[2].coefficient = 0.4987;
  SharingKeySpec spec = spec_of("static");
  spec.floor_0_1_percent = true;
  const auto key = make_sharing_key(spec, ctx);
  // k becomes 0.200, 0.300, 0.498.
  check(*key, kDeficit, {2.0, 3.0, 4.98}, 0.02);
  spec.floor_0_1_percent = false;
  const auto unfloored = make_sharing_key(spec, ctx);
  check(*unfloored, kDeficit, {2.0, 3.009, 4.987}, 0.004);
}

TEST_CASE("static with no coefficients gives equal shares", "[allocation][reference]") {
  KeyContext ctx = example_context();
  for (auto& kp : ctx.participation) kp.coefficient = accord::models::kUnset;
  const auto key = make_sharing_key(spec_of("static"), ctx);
  // k = 1/3 each: 10/3 = 3.333 offered.
  check(*key, kDeficit, {2.0, 10.0 / 3.0, 10.0 / 3.0}, 10.0 - 2.0 - 20.0 / 3.0);
}
