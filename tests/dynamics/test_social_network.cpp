// Watts–Strogatz small worlds: structure that must hold for every seed, and the homophily
// extension's share of ties within a class.
#include <catch2/catch.hpp>
#include <set>

#include "accord/models/dynamics/social_network.hpp"

using namespace accord::models::dynamics;
using accord::sim::Purpose;
using accord::sim::RandomStream;

namespace {

double within_class_share(const SocialNetwork& g, const std::vector<int>& cls) {
  int64_t same = 0;
  for (const auto& [a, b] : g.ties()) same += cls[a] == cls[b];
  return static_cast<double>(same) / static_cast<double>(g.tie_count());
}

}  // namespace

TEST_CASE("Watts-Strogatz: beta = 0 is the ring lattice", "[dynamics]") {
  const RandomStream stream(1, 0, Purpose::kDynamics, 3);
  const auto g = watts_strogatz(20, SmallWorldSpec{4, 0.0, 0.0}, {}, stream);
  REQUIRE(g.size() == 20);
  CHECK(g.tie_count() == 40);  // n k / 2
  for (int i = 0; i < 20; ++i) {
    const auto nb = g.neighbours(i);
    const std::set<int> got(nb.begin(), nb.end());
    const std::set<int> want{(i + 1) % 20, (i + 2) % 20, (i + 19) % 20, (i + 18) % 20};
    CHECK(got == want);
  }
}

TEST_CASE("Watts-Strogatz: rewiring keeps the tie count, no self or double ties", "[dynamics]") {
  for (double beta : {0.1, 0.5, 1.0}) {
    for (uint64_t seed : {1u, 2u, 3u}) {
      const RandomStream stream(seed, 0, Purpose::kDynamics, 3);
      const auto g = watts_strogatz(500, SmallWorldSpec{6, beta, 0.0}, {}, stream);
      CHECK(g.tie_count() == 1500);
      std::set<std::pair<int, int>> seen;
      for (const auto& [a, b] : g.ties()) {
        CHECK(a != b);
        CHECK(seen.insert({a, b}).second);
      }
      // Symmetric adjacency: j lists i whenever i lists j.
      for (int i = 0; i < g.size(); ++i)
        for (int j : g.neighbours(i)) {
          const auto back = g.neighbours(j);
          CHECK(std::find(back.begin(), back.end(), i) != back.end());
        }
    }
  }
}

TEST_CASE("Watts-Strogatz: the share of rewired ties follows beta", "[dynamics]") {
  // A ring tie is one between nodes at most k/2 apart on the ring; after rewiring with beta
  // about a share beta of ties are long-range (a rewired end can land near by chance: 6/500).
  const RandomStream stream(4, 0, Purpose::kDynamics, 3);
  for (double beta : {0.05, 0.2, 0.6}) {
    const auto g = watts_strogatz(2000, SmallWorldSpec{6, beta, 0.0}, {}, stream);
    int64_t long_range = 0;
    for (const auto& [a, b] : g.ties()) {
      const int distance = std::min(b - a, 2000 - (b - a));
      long_range += distance > 3;
    }
    const double share = static_cast<double>(long_range) / static_cast<double>(g.tie_count());
    INFO("beta " << beta << ": share " << share);
    CHECK(share == Approx(beta).margin(0.03));  // 6,000 ties: sd <= 0.0065
  }
}

TEST_CASE("Watts-Strogatz: homophily raises the share of ties within a class", "[dynamics]") {
  // Four classes of equal size shuffled around the ring; beta = 1: with h the share within a
  // class is about h + (1 - h) / 4 (over 3 seeds, tolerance 0.03 on 3,000 ties).
  const int n = 1000;
  std::vector<int> cls(n);
  for (int i = 0; i < n; ++i) cls[i] = (i * 7) % 4;
  for (double h : {0.0, 0.5, 0.9}) {
    double mean = 0;
    for (uint64_t seed : {1u, 2u, 3u}) {
      const RandomStream stream(seed, 0, Purpose::kDynamics, 3);
      mean += within_class_share(watts_strogatz(n, SmallWorldSpec{6, 1.0, h}, cls, stream), cls);
    }
    mean /= 3;
    INFO("h " << h << ": within-class share " << mean);
    CHECK(mean == Approx(h + (1 - h) / 4).margin(0.03));
  }
}

TEST_CASE("Social network from ties: sorted, no repeats, refuses nodes out of range",
          "[dynamics]") {
  const SocialNetwork g(4, {{0, 1}, {1, 0}, {2, 2}, {3, 1}});
  CHECK(g.tie_count() == 2);
  const auto nb = g.neighbours(1);
  CHECK(std::vector<int>(nb.begin(), nb.end()) == std::vector<int>{0, 3});
  CHECK(g.neighbours(2).empty());
  CHECK_THROWS(SocialNetwork(2, {{0, 5}}));
  // Same seed, same graph; another seed, another graph.
  const RandomStream s1(8, 0, Purpose::kDynamics, 3), s2(9, 0, Purpose::kDynamics, 3);
  const SmallWorldSpec spec{6, 0.3, 0.0};
  CHECK(watts_strogatz(300, spec, {}, s1).ties() == watts_strogatz(300, spec, {}, s1).ties());
  CHECK(watts_strogatz(300, spec, {}, s1).ties() != watts_strogatz(300, spec, {}, s2).ties());
}
