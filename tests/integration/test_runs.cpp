// End-to-end: the accord binary on shipped scenarios, checked through the HDF5 contract.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "run_helpers.hpp"

using namespace accord;
using namespace accord::test;
namespace fs = std::filesystem;

namespace {

// Allocations of the worked example (domain/acc-france.md §2) for 3 steps x 3 consumers:
// step 0 deficit C = (2, 5, 8), step 1 plenty C = (1, 2, 3), step 2 mixed C = (0.5, 6, 6);
// P = 6 + 4 = 10 kWh each step.
struct Expected {
  const char* key;
  double a[3][3];
  double surplus[3];
};
const Expected kWorkedExample[] = {
    {"dynamic_default", {{4.0 / 3, 10.0 / 3, 16.0 / 3}, {1, 2, 3}, {0.4, 4.8, 4.8}}, {0, 4, 0}},
    {"static", {{2, 3, 5}, {1, 2, 3}, {0.5, 3, 5}}, {0, 4, 1.5}},
    {"static_redistributed", {{2, 3, 5}, {1, 2, 3}, {0.5, 3.5625, 5.9375}}, {0, 4, 0}},
};

}  // namespace

TEST_CASE("the worked example is reproduced from CSV files under each key", "[integration]") {
  const auto dir = scratch("worked");
  for (const auto& e : kWorkedExample) {
    INFO(e.key);
    const auto out = dir / (std::string(e.key) + ".h5");
    const auto r2 = run_accord("run " + source_path("scenarios/worked-example.yaml") + " -o " +
                                   out.string() + " --set community.sharing_key.type=" + e.key,
                               dir);
    REQUIRE(r2.status == 0);
    const auto f = sim::h5::File::open(out.string());
    const auto a = read2d(f, "energy", "allocated");
    const auto s = read2d(f, "energy", "surplus");
    REQUIRE(a.dims == sim::h5::Dims{3, 3});
    for (int t = 0; t < 3; ++t) {
      double surplus = 0;
      for (int j = 0; j < 2; ++j) surplus += s.values[static_cast<size_t>(t * 2 + j)];
      CHECK(surplus == Approx(e.surplus[t]).margin(1e-9));
      for (int i = 0; i < 3; ++i)
        CHECK(a.values[static_cast<size_t>(t * 3 + i)] == Approx(e.a[t][i]).margin(1e-9));
    }
  }
}

TEST_CASE("invalid input exits 2 with one located line and leaves no output", "[integration]") {
  const auto dir = scratch("invalid");
  const auto out = dir / "x.h5";
  const auto r = run_accord("run " + source_path("scenarios/worked-example.yaml") + " -o " +
                                out.string() + " --set producers[0].id=p2",
                            dir);
  CHECK(r.status == 2);
  CHECK(r.err.find("duplicate producer id 'p2'") != std::string::npos);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK_FALSE(fs::exists(out));
  for (const auto& entry : fs::directory_iterator(dir)) CHECK(entry.path().extension() != ".h5");

  const auto usage = run_accord("run", dir);
  CHECK(usage.status == 2);
  const auto missing = run_accord("validate " + (dir / "nope.yaml").string(), dir);
  CHECK(missing.status == 2);
  CHECK(missing.err.find("cannot open scenario file") != std::string::npos);
}
