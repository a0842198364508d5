// Same scenario and seed => identical datasets, whatever the thread count; invariants of
// DESIGN.md §3.3 hold in the output to 1e-9 kWh; every shipped scenario runs.
#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>

#include "run_helpers.hpp"

using namespace accord;
using namespace accord::test;
namespace fs = std::filesystem;

namespace {

// Two months of the default scenario keep the test quick (also under sanitizers).
const std::string kShortDefault = " --set time.end=2025-03-01";

std::vector<std::pair<std::string, std::string>> numeric_datasets() {
  return {{"energy", "consumption"},
          {"energy", "allocated"},
          {"energy", "supplied"},
          {"energy", "production"},
          {"energy", "autoprod"},
          {"energy", "surplus"},
          {"periods", "bill_reference"},
          {"periods", "bill"},
          {"periods", "benefit"},
          {"periods", "internal_purchase"},
          {"participants", "income_eur_per_year"}};
}

void check_invariants(const sim::h5::File& f) {
  const auto c = read2d(f, "energy", "consumption");
  const auto a = read2d(f, "energy", "allocated");
  const auto s = read2d(f, "energy", "supplied");
  const auto p = read2d(f, "energy", "production");
  const auto ap = read2d(f, "energy", "autoprod");
  const auto sp = read2d(f, "energy", "surplus");
  const size_t T = c.dims[0], N = c.dims[1], P = p.dims[1];
  REQUIRE(a.dims == c.dims);
  REQUIRE(p.dims[0] == T);
  size_t violations = 0;
  for (size_t t = 0; t < T; ++t) {
    double sum_a = 0, sum_ap = 0;
    for (size_t i = 0; i < N; ++i) {
      const size_t k = t * N + i;
      if (a.values[k] < -1e-9 || a.values[k] > c.values[k] + 1e-9) ++violations;
      if (std::abs(a.values[k] + s.values[k] - c.values[k]) > 1e-9) ++violations;
      sum_a += a.values[k];
    }
    for (size_t j = 0; j < P; ++j) {
      const size_t k = t * P + j;
      if (std::abs(ap.values[k] + sp.values[k] - p.values[k]) > 1e-9) ++violations;
      if (sp.values[k] < -1e-9) ++violations;
      sum_ap += ap.values[k];
    }
    if (std::abs(sum_a - sum_ap) > 1e-9) ++violations;
  }
  CHECK(violations == 0);
}

// Bit-for-bit equality (NaN marks "unknown" in some datasets and NaN != NaN).
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

}  // namespace

TEST_CASE("same seed twice and any thread count give identical datasets", "[integration]") {
  const auto dir = scratch("repro");
  const std::string scenario = source_path("scenarios/quartier-mixte.yaml");
  const auto one = dir / "a.h5", two = dir / "b.h5", threads = dir / "c.h5", seed = dir / "d.h5";
  REQUIRE(run_accord("run " + scenario + kShortDefault + " -j 1 -o " + one.string(), dir).status ==
          0);
  REQUIRE(run_accord("run " + scenario + kShortDefault + " -j 1 -o " + two.string(), dir).status ==
          0);
  REQUIRE(
      run_accord("run " + scenario + kShortDefault + " -j 2 -o " + threads.string(), dir).status ==
      0);
  REQUIRE(
      run_accord("run " + scenario + kShortDefault + " --seed 7 -o " + seed.string(), dir).status ==
      0);
  const auto fa = sim::h5::File::open(one.string());
  const auto fb = sim::h5::File::open(two.string());
  const auto fc = sim::h5::File::open(threads.string());
  const auto fd = sim::h5::File::open(seed.string());
  bool any_difference_with_other_seed = false;
  for (const auto& [group, name] : numeric_datasets()) {
    INFO(group << "/" << name);
    const auto x = fa.open_group(group).open_dataset(name).read<double>();
    CHECK(same_bits(x.values, fb.open_group(group).open_dataset(name).read<double>().values));
    CHECK(same_bits(x.values, fc.open_group(group).open_dataset(name).read<double>().values));
    if (!same_bits(x.values, fd.open_group(group).open_dataset(name).read<double>().values))
      any_difference_with_other_seed = true;
  }
  CHECK(any_difference_with_other_seed);
  CHECK(fa.attr_int("complete") == 1);
  CHECK(fa.attr_int("seed") == 42);
  CHECK(fd.attr_int("seed") == 7);
  check_invariants(fa);
}

TEST_CASE("every shipped scenario runs and satisfies the invariants", "[integration]") {
  const auto dir = scratch("all");
  for (const auto& entry : fs::directory_iterator(source_path("scenarios"))) {
    if (entry.path().extension() != ".yaml") continue;
    INFO(entry.path().filename().string());
    const auto out = dir / (entry.path().stem().string() + ".h5");
    const auto r = run_accord("run " + entry.path().string() + " -o " + out.string(), dir);
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto f = sim::h5::File::open(out.string());
    CHECK(f.attr_string("filetype") == "accord-run");
    CHECK(f.attr_int("complete") == 1);
    // Long scenarios run at detail: periods (no per-step ledger to check).
    if (f.exists("energy") && f.open_group("energy").exists("allocated")) check_invariants(f);
  }
}
