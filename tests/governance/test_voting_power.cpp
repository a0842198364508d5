// Voting power (models/governance/voting_power.hpp): published Shapley-Shubik and Banzhaf
// values through the three paths (grouped exact, subset exact, sampled), a veto college, a
// community of 96 members in 5 colleges, determinism of the sampler, degenerate games.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "accord/models/governance/voting_power.hpp"

using namespace accord::models::governance;

namespace {

PowerOptions grouped_exact() {  // grouping on, subset enumeration off
  PowerOptions o;
  o.exact_max_voters = 0;
  return o;
}
PowerOptions subset_exact() {  // every voter its own group
  PowerOptions o;
  o.group_equal_weights = false;
  return o;
}
PowerOptions sampled(uint64_t seed = 42) {
  PowerOptions o;
  o.exact_max_voters = 0;
  o.group_equal_weights = false;
  o.seed = seed;
  return o;
}

void check_exact(const PowerIndex& r, const std::vector<double>& expected) {
  REQUIRE(r.value.size() == expected.size());
  CHECK(r.exact);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("voter " << i << " value " << r.value[i] << " expected " << expected[i]);
    CHECK(std::abs(r.value[i] - expected[i]) <= 1e-12);
    CHECK(r.standard_error[i] == 0);
  }
}

void check_within_4_se(const PowerIndex& r, const std::vector<double>& expected) {
  REQUIRE(r.value.size() == expected.size());
  CHECK_FALSE(r.exact);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("voter " << i << " estimate " << r.value[i] << " exact " << expected[i] << " se "
                  << r.standard_error[i]);
    CHECK(std::abs(r.value[i] - expected[i]) <= 4 * r.standard_error[i]);
    if (expected[i] > 0) CHECK(r.standard_error[i] > 0);
  }
  CHECK(std::accumulate(r.value.begin(), r.value.end(), 0.0) == Approx(1.0).epsilon(1e-12));
}

const WeightedGame kStach{50, {10, 10, 20, 30}, false};
const std::vector<double> kStachShapley{1.0 / 12, 1.0 / 12, 1.0 / 4, 7.0 / 12};
const std::vector<double> kStachBanzhaf{0.1, 0.1, 0.3, 0.5};
const WeightedGame kEec{12, {4, 4, 4, 2, 2, 1}, false};
const std::vector<double> kEecShapley{7.0 / 30, 7.0 / 30, 7.0 / 30, 3.0 / 20, 3.0 / 20, 0};
const std::vector<double> kEecBanzhaf{5.0 / 21, 5.0 / 21, 5.0 / 21, 1.0 / 7, 1.0 / 7, 0};

}  // namespace

TEST_CASE("Published indices: [50; 10, 10, 20, 30] (Stach 2011)",
          "[governance][voting_power][reference]") {
  check_exact(shapley_shubik(kStach), kStachShapley);
  check_exact(banzhaf(kStach), kStachBanzhaf);
  check_exact(shapley_shubik(kStach, grouped_exact()), kStachShapley);
  check_exact(banzhaf(kStach, grouped_exact()), kStachBanzhaf);
  check_exact(shapley_shubik(kStach, subset_exact()), kStachShapley);
  check_exact(banzhaf(kStach, subset_exact()), kStachBanzhaf);
  check_within_4_se(shapley_shubik(kStach, sampled()), kStachShapley);
  check_within_4_se(banzhaf(kStach, sampled()), kStachBanzhaf);
}

TEST_CASE("Published indices: EEC Council 1958 [12; 4, 4, 4, 2, 2, 1]",
          "[governance][voting_power][reference]") {
  check_exact(shapley_shubik(kEec), kEecShapley);
  check_exact(banzhaf(kEec), kEecBanzhaf);
  check_exact(shapley_shubik(kEec, grouped_exact()), kEecShapley);
  check_exact(banzhaf(kEec, grouped_exact()), kEecBanzhaf);
  check_exact(shapley_shubik(kEec, subset_exact()), kEecShapley);
  check_exact(banzhaf(kEec, subset_exact()), kEecBanzhaf);
  // Luxembourg is a null voter: never pivotal in any sample, so exactly 0 with 0 error.
  const PowerIndex s = shapley_shubik(kEec, sampled());
  const PowerIndex b = banzhaf(kEec, sampled());
  check_within_4_se(s, kEecShapley);
  check_within_4_se(b, kEecBanzhaf);
  CHECK(s.value[5] == 0);
  CHECK(b.value[5] == 0);
}

TEST_CASE("Grouped and subset enumeration agree on games with repeated weights",
          "[governance][voting_power]") {
  // 14 voters drawn from 4 weights, quotas from a simple majority to near unanimity, strict
  // and not: the grouped count must equal the plain sum over the 2^13 subsets.
  const std::vector<double> weights{1, 2, 2, 3, 1, 5, 3, 2, 1, 1, 5, 2, 3, 1};
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  for (double quota : {total / 2, total / 2 + 1, 0.75 * total, total - 1}) {
    for (bool strict : {false, true}) {
      INFO("quota " << quota << " strict " << strict);
      const WeightedGame game{quota, weights, strict};
      const PowerIndex gs = shapley_shubik(game, grouped_exact());
      const PowerIndex gb = banzhaf(game, grouped_exact());
      const PowerIndex ss = shapley_shubik(game, subset_exact());
      const PowerIndex sb = banzhaf(game, subset_exact());
      REQUIRE((gs.exact && gb.exact && ss.exact && sb.exact));
      for (std::size_t i = 0; i < weights.size(); ++i) {
        CHECK(std::abs(gs.value[i] - ss.value[i]) <= 1e-12);
        CHECK(std::abs(gb.value[i] - sb.value[i]) <= 1e-12);
      }
    }
  }
}

TEST_CASE("A 50 % college under a strict majority is a veto player", "[governance][voting_power]") {
  // College A (50 %) votes as a block; B (30 %) has 3 members of 0.1 and C (20 %) 8 members of
  // 0.025. The eleven members together carry exactly 0.5, which must not pass a strict quota
  // of 0.5, although their floating-point sum in voter order is 0.5000000000000001. Same game
  // in integers (x 40): [20; 20, 4 x 3, 1 x 8] strict.
  WeightedGame college{0.5, {0.5, 0.1, 0.1, 0.1}, true};
  WeightedGame integer{20, {20, 4, 4, 4}, true};
  for (int m = 0; m < 8; ++m) {
    college.weights.push_back(0.2 / 8);
    integer.weights.push_back(1);
  }
  double members = 0;
  for (std::size_t i = 1; i < college.weights.size(); ++i) members += college.weights[i];
  CHECK(members > 0.5);  // the rounding the win test must absorb
  const int n = 12;
  // Brute force on the integer game: every winning coalition contains A and A swings in it.
  int winning = 0;
  std::vector<int> swings(n, 0);
  for (int s = 0; s < (1 << n); ++s) {
    int w = 0;
    for (int i = 0; i < n; ++i)
      if (s & (1 << i)) w += static_cast<int>(integer.weights[i]);
    if (w <= 20) continue;
    ++winning;
    CHECK((s & 1) == 1);
    for (int i = 0; i < n; ++i) {
      if (!(s & (1 << i))) continue;
      if (w - static_cast<int>(integer.weights[i]) <= 20) ++swings[i];
    }
  }
  CHECK(swings[0] == winning);  // pivotal in every winning coalition
  const int total_swings = std::accumulate(swings.begin(), swings.end(), 0);
  for (const PowerOptions& options : {PowerOptions{}, subset_exact()}) {
    INFO("grouping " << options.group_equal_weights);
    const PowerIndex b = banzhaf(college, options);
    const PowerIndex bi = banzhaf(integer, options);
    for (int i = 0; i < n; ++i) {
      CHECK(std::abs(b.value[i] - static_cast<double>(swings[i]) / total_swings) <= 1e-12);
      CHECK(std::abs(b.value[i] - bi.value[i]) <= 1e-12);
    }
    CHECK(b.value[0] > 0.5);
    // Shapley-Shubik: A is pivotal in every ordering where someone comes before it; only the
    // orderings that start with A give it nothing: phi_A = 1 - 1/12.
    const PowerIndex s = shapley_shubik(college, options);
    CHECK(std::abs(s.value[0] - 11.0 / 12) <= 1e-12);
    CHECK(std::abs(s.value[0] - shapley_shubik(integer, options).value[0]) <= 1e-12);
  }
}

TEST_CASE("96 members in 5 colleges: exact through grouping", "[governance][voting_power]") {
  // College sizes give 41 * 26 * 16 * 11 * 7 = 1.3e6 profiles, within the grouped-exact bound.
  const std::vector<int> size{40, 25, 15, 10, 6};
  const std::vector<double> college_weight{0.3, 0.25, 0.2, 0.15, 0.1};
  WeightedGame game{0.5, {}, true};
  std::vector<int> college_of;
  for (std::size_t c = 0; c < size.size(); ++c) {
    for (int m = 0; m < size[c]; ++m) {
      game.weights.push_back(college_weight[c] / size[c]);
      college_of.push_back(static_cast<int>(c));
    }
  }
  REQUIRE(game.weights.size() == 96);
  for (bool shapley : {true, false}) {
    INFO((shapley ? "Shapley-Shubik" : "Banzhaf"));
    const PowerIndex exact = shapley ? shapley_shubik(game) : banzhaf(game);
    CHECK(exact.exact);
    CHECK(std::accumulate(exact.value.begin(), exact.value.end(), 0.0) ==
          Approx(1.0).epsilon(1e-12));
    for (std::size_t i = 1; i < exact.value.size(); ++i) {
      if (college_of[i] == college_of[i - 1])
        CHECK(std::abs(exact.value[i] - exact.value[i - 1]) <= 1e-15);
    }
    // A heavier member never has less power (members' weights grow from college 0 to 4).
    for (std::size_t i = 1; i < exact.value.size(); ++i)
      CHECK(exact.value[i] >= exact.value[i - 1] - 1e-15);
    CHECK(exact.value.back() > exact.value.front());
    const PowerIndex estimate =
        shapley ? shapley_shubik(game, sampled()) : banzhaf(game, sampled());
    check_within_4_se(estimate, exact.value);
  }
}

TEST_CASE("Sampled indices are deterministic per seed", "[governance][voting_power]") {
  const PowerIndex a = banzhaf(kStach, sampled(7));
  const PowerIndex b = banzhaf(kStach, sampled(7));
  const PowerIndex c = banzhaf(kStach, sampled(8));
  CHECK(a.value == b.value);
  CHECK(a.standard_error == b.standard_error);
  CHECK(a.value != c.value);
  const PowerIndex d = shapley_shubik(kEec, sampled(7));
  const PowerIndex e = shapley_shubik(kEec, sampled(7));
  PowerOptions other = sampled(7);
  other.replicate = 1;
  const PowerIndex f = shapley_shubik(kEec, other);
  CHECK(d.value == e.value);
  CHECK(d.value != f.value);
}

TEST_CASE("Degenerate games and invalid input", "[governance][voting_power][error]") {
  const std::vector<double> zero{0, 0, 0};
  // The empty coalition wins, or the grand coalition loses: nobody is ever pivotal.
  CHECK(shapley_shubik({0, {1, 2, 3}, false}).value == zero);
  CHECK(banzhaf({0, {1, 2, 3}, false}).value == zero);
  CHECK(banzhaf({6, {1, 2, 3}, true}).value == zero);
  CHECK(shapley_shubik({7, {1, 2, 3}, false}, sampled()).value == zero);
  // Quota equal to the total, not strict: unanimity, every voter a veto player.
  check_exact(shapley_shubik({6, {1, 2, 3}, false}), {1.0 / 3, 1.0 / 3, 1.0 / 3});
  check_exact(banzhaf({6, {1, 2, 3}, false}), {1.0 / 3, 1.0 / 3, 1.0 / 3});
  // Dictator.
  check_exact(banzhaf({3, {3, 1, 1}, false}), {1, 0, 0});
  CHECK(shapley_shubik({1, {}, false}).value.empty());
  CHECK_THROWS_AS(banzhaf({1, {1, -1}, false}), std::invalid_argument);
  CHECK_THROWS_AS(banzhaf({std::numeric_limits<double>::quiet_NaN(), {1, 1}, false}),
                  std::invalid_argument);
  PowerOptions bad;
  bad.samples = 1;
  CHECK_THROWS_AS(shapley_shubik({1, {1, 1}, false}, bad), std::invalid_argument);
}

TEST_CASE("Unanimity of 2000 voters stays exact (no underflow)", "[governance][voting_power]") {
  // One group of 2000 equal voters: the only swing of each is the grand coalition, a count of
  // 1 against 2^1999 subsets, far below the double range.
  const WeightedGame game{2000, std::vector<double>(2000, 1.0), false};
  const PowerIndex b = banzhaf(game);
  const PowerIndex s = shapley_shubik(game);
  CHECK(b.exact);
  CHECK(std::abs(b.value[0] - 1.0 / 2000) <= 1e-15);
  CHECK(std::abs(s.value[1999] - 1.0 / 2000) <= 1e-15);
}
