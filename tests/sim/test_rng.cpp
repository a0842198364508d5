#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "accord/sim/rng.hpp"

using namespace accord::sim;

TEST_CASE("RandomStream draws are pure functions of their key", "[rng]") {
  const RandomStream a(42, 0, Purpose::kCloudiness, entity_key(std::string("site")));
  const RandomStream b(42, 0, Purpose::kCloudiness, entity_key(std::string("site")));
  for (uint64_t s = 0; s < 100; ++s) REQUIRE(a.uniform(s) == b.uniform(s));
  // Any change of seed, replicate, purpose, entity, step or index changes the draw.
  const RandomStream seed(43, 0, Purpose::kCloudiness, entity_key(std::string("site")));
  const RandomStream rep(42, 1, Purpose::kCloudiness, entity_key(std::string("site")));
  const RandomStream purpose(42, 0, Purpose::kProfileShape, entity_key(std::string("site")));
  const RandomStream entity(42, 0, Purpose::kCloudiness, entity_key(std::string("sitf")));
  CHECK(a.uniform(7) != seed.uniform(7));
  CHECK(a.uniform(7) != rep.uniform(7));
  CHECK(a.uniform(7) != purpose.uniform(7));
  CHECK(a.uniform(7) != entity.uniform(7));
  CHECK(a.uniform(7) != a.uniform(8));
  CHECK(a.uniform(7, 0) != a.uniform(7, 1));
}

TEST_CASE("uniform and normal draws have the right moments", "[rng]") {
  const RandomStream r(1, 0, Purpose::kProfileVariation, 99);
  const int n = 200000;
  double su = 0, sn = 0, sn2 = 0;
  for (int i = 0; i < n; ++i) {
    const double u = r.uniform(static_cast<uint64_t>(i));
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    su += u;
    const double z = r.normal(static_cast<uint64_t>(i));
    sn += z;
    sn2 += z * z;
  }
  // Means within ~5 standard errors.
  CHECK(su / n == Approx(0.5).margin(5 * std::sqrt(1.0 / 12 / n)));
  CHECK(sn / n == Approx(0.0).margin(5 / std::sqrt(n)));
  CHECK(sn2 / n == Approx(1.0).margin(5 * std::sqrt(2.0 / n)));
}
