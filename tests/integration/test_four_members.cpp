// The 4-member example of domain/sharing-governance-equity.md §1 run as a scenario from CSV
// files (scenarios/four-members.yaml): v(N), exact and sampled Shapley, and the kWh shared
// by the pro-rata key versus a one-round static 50/50 key between C and D.
#include <catch2/catch.hpp>

#include <cmath>

#include "run_helpers.hpp"

using namespace accord;
using namespace accord::test;

namespace {

double total(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s;
}

}  // namespace

TEST_CASE("the 4-member example reproduces the published values", "[integration]") {
  const auto dir = scratch("four-members");
  const auto out = dir / "four.h5";
  const auto r =
      run_accord("run " + source_path("scenarios/four-members.yaml") + " -o " + out.string(), dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  const auto f = sim::h5::File::open(out.string());
  const auto sharing = f.open_group("sharing");
  // Published: v(N) = 1.40 EUR (10 shared kWh at a spread of 0.14 EUR).
  CHECK(sharing.open_dataset("game_grand_value").read<double>().values[0] ==
        Approx(1.40).margin(1e-12));
  CHECK(sharing.open_dataset("community_benefit").read<double>().values[0] ==
        Approx(1.40).margin(1e-12));
  // Published exact Shapley value, to 1e-12.
  const double phi[] = {343.0 / 600, 21.0 / 200, 133.0 / 600, 301.0 / 600};
  const auto exact = sharing.open_group("shapley").open_dataset("benefit").read<double>();
  REQUIRE(exact.values.size() == 4);
  for (size_t i = 0; i < 4; ++i) CHECK(exact.values[i] == Approx(phi[i]).margin(1e-12));
  // The rule in force is recorded in /periods/benefit too.
  const auto in_force = f.open_group("periods").open_dataset("benefit").read<double>();
  for (size_t i = 0; i < 4; ++i) CHECK(in_force.values[i] == Approx(phi[i]).margin(1e-12));
  // Sampled Shapley (forced by exact_max_members: 0): within 4 standard errors (the largest
  // member SE bounds each member's).
  const auto sampled_group = sharing.open_group("shapley_2");
  const auto sampled = sampled_group.open_dataset("benefit").read<double>();
  const double se = sampled_group.open_dataset("max_standard_error").read<double>().values[0];
  CHECK(se > 0);
  for (size_t i = 0; i < 4; ++i) CHECK(std::abs(sampled.values[i] - phi[i]) <= 4 * se);

  // Pro rata: C gets 3 kWh and D 7 kWh, 10 kWh in all.
  const auto alloc = f.open_group("energy").open_dataset("allocated").read<double>();
  double c = 0, d = 0;
  for (size_t t = 0; t < 4; ++t) {
    c += alloc.values[t * 4 + 2];
    d += alloc.values[t * 4 + 3];
  }
  CHECK(c == Approx(3).margin(1e-9));
  CHECK(d == Approx(7).margin(1e-9));

  // A one-round static 50/50 key between C and D shares only 9 kWh; with redistribution it is
  // back to 10 kWh (published).
  for (const auto& [key, expected] :
       {std::pair<const char*, double>{"static", 9.0},
        std::pair<const char*, double>{"static_redistributed", 10.0}}) {
    INFO(key);
    const auto o = dir / (std::string(key) + ".h5");
    REQUIRE(run_accord("run " + source_path("scenarios/four-members.yaml") + " -o " + o.string() +
                           " --set community.sharing_key.type=" + key,
                       dir)
                .status == 0);
    const auto g = sim::h5::File::open(o.string());
    CHECK(total(g.open_group("energy").open_dataset("allocated").read<double>().values) ==
          Approx(expected).margin(1e-9));
  }
}
