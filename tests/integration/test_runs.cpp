// End-to-end: the accord binary on shipped scenarios, checked through the HDF5 contract.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

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

TEST_CASE("the default scenario records monthly flows, PMO costs and funds (format 1.1)",
          "[integration][funds]") {
  const auto dir = scratch("funds");
  const auto out = dir / "q.h5";
  const auto r =
      run_accord("run " + source_path("scenarios/quartier-mixte.yaml") +
                     " -q --set time.end=2025-03-01 --set output.detail=periods -o " + out.string(),
                 dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  const auto f = sim::h5::File::open(out.string());
  CHECK(f.attr_ints("format_version") == std::vector<int64_t>{1, 5});
  CHECK_FALSE(f.exists("energy"));
  // Monthly energy flows at detail periods, kWh, consistent with each other.
  const auto periods = f.open_group("periods");
  for (const char* name : {"consumption", "allocated", "supplied", "production", "surplus"})
    CHECK(periods.open_dataset(name).attr_string("units") == "kWh");
  const auto cons = read2d(f, "periods", "consumption");
  const auto alloc = read2d(f, "periods", "allocated");
  const auto supp = read2d(f, "periods", "supplied");
  REQUIRE(cons.dims.size() == 2);
  CHECK(cons.dims[0] == 2);
  for (size_t k = 0; k < cons.values.size(); ++k)
    CHECK(alloc.values[k] + supp.values[k] == Approx(cons.values[k]).margin(1e-9));
  // PMO costs of the scenario: 400 + 900 + 20 h x 25 EUR/h = 1,800 EUR/yr; 28/365 in February.
  const auto costs = periods.open_dataset("pmo_costs").read<double>().values;
  REQUIRE(costs.size() == 2);
  CHECK(costs[1] == Approx(1800.0 * 28 / 365).epsilon(1e-12));
  // Funds: the ledger identity holds and the solidarity fund pays low-income bills.
  for (const char* fund : {"solidarity_fund", "reinvestment_reserve"}) {
    INFO(fund);
    const auto g = f.open_group(std::string("sharing/funds/") + fund);
    const auto bal = g.open_dataset("balance").read<double>().values;
    const auto in = g.open_dataset("inflow").read<double>().values;
    const auto interest = g.open_dataset("interest").read<double>().values;
    const auto paid = g.open_dataset("paid").read<double>().values;
    REQUIRE(g.has_attr("initial_eur"));
    double previous = g.attr_double("initial_eur");
    for (size_t m = 0; m < bal.size(); ++m) {
      CHECK(bal[m] == Approx(previous + interest[m] + in[m] - paid[m]).margin(1e-9));
      CHECK(bal[m] >= 0);
      previous = bal[m];
    }
  }
  const auto aid =
      f.open_group("sharing/funds/solidarity_fund").open_dataset("paid").read<double>();
  CHECK(aid.values[0] > 0);
  const auto summary = f.open_group("summary");
  CHECK(summary.exists("solidarity_fund_final_balance_eur"));
  CHECK(summary.exists("reinvestment_reserve_unmet_eur"));
  CHECK(summary.exists("pooled_producer_revenue_eur"));
}
