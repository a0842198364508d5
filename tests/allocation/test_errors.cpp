// Error cases: make_sharing_key rejects bad specifications with std::invalid_argument and a
// message that says what is wrong; coefficient files give accord::DataError FILE:LINE:COL.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <string>

#include "accord/sim/error.hpp"
#include "allocation/allocation_support.hpp"

namespace {

using accord::models::SharingKeySpec;
using namespace accord::models::allocation;
using accord::models::allocation::testing::make_context;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

SharingKeySpec spec_of(const std::string& type) {
  SharingKeySpec spec;
  spec.type = type;
  return spec;
}

KeyContext three() {
  KeyContext ctx = make_context(3, 2);
  ctx.steps = 2;
  ctx.start_utc = 1735689600;  // 2025-01-01T00:00:00Z
  return ctx;
}

// Writes a coefficients file, builds a dynamic_custom key on it and returns the error text.
// Test cases run as parallel processes in one folder: each gives its own file name.
std::string file_error(const std::string& content, const KeyContext& ctx = three(),
                       const std::string& path = "allocation_bad_keys.csv") {
  {
    std::ofstream f(path);
    f << content;
  }
  SharingKeySpec spec = spec_of("dynamic_custom");
  spec.coefficients_file = accord::models::CsvSeriesSpec{};
  spec.coefficients_file->path = path;
  std::string message;
  try {
    make_sharing_key(spec, ctx);
  } catch (const accord::DataError& e) {
    message = e.what();
  }
  std::remove(path.c_str());
  return message;
}

}  // namespace

TEST_CASE("unknown key type lists the known ones", "[allocation][error]") {
  CHECK_THROWS_WITH(make_sharing_key(spec_of("dynamic"), three()),
                    "unknown sharing key 'dynamic'; known: dynamic_default, static, "
                    "static_redistributed, priority, dynamic_custom, full_dynamic");
  CHECK(known_sharing_keys().size() == 6);
}

TEST_CASE("static coefficients are checked", "[allocation][error]") {
  for (const std::string type : {"static", "static_redistributed"}) {
    KeyContext ctx = three();
    ctx.participation[0].coefficient = 0.5;  // others unset
    CHECK_THROWS_WITH(make_sharing_key(spec_of(type), ctx),
                      Contains("'c2' has no key.coefficient"));
    ctx.participation[1].coefficient = 0.4;
    ctx.participation[2].coefficient = -0.1;
    CHECK_THROWS_WITH(make_sharing_key(spec_of(type), ctx), Contains("'c3' has key.coefficient"));
    ctx.participation[2].coefficient = 0.2;
    CHECK_THROWS_WITH(make_sharing_key(spec_of(type), ctx), Contains("sum to 1.1"));
    ctx.participation[2].coefficient = 0.1;
    CHECK_NOTHROW(make_sharing_key(spec_of(type), ctx));
  }
}

TEST_CASE("priority parameters are checked", "[allocation][error]") {
  KeyContext ctx = three();
  SharingKeySpec spec = spec_of("priority");
  spec.within_level = "equal";
  CHECK_THROWS_WITH(make_sharing_key(spec, ctx),
                    Contains("unknown within_level 'equal'; known: coefficients, pro_rata"));
  spec.within_level = "pro_rata";
  ctx.participation[1].priority = 0;
  CHECK_THROWS_WITH(make_sharing_key(spec, ctx), Contains("'c2' has key.priority 0"));
}

TEST_CASE("dynamic_custom parameters are checked", "[allocation][error]") {
  KeyContext ctx = three();
  SharingKeySpec spec = spec_of("dynamic_custom");
  CHECK_THROWS_WITH(make_sharing_key(spec, ctx), Contains("exactly one of"));
  spec.rule = "favour_rich";
  CHECK_THROWS_WITH(make_sharing_key(spec, ctx),
                    Contains("unknown rule 'favour_rich'; known: favour_low_income, weighted"));
  spec.rule = "favour_low_income";
  spec.rule_share = 1.5;
  CHECK_THROWS_WITH(make_sharing_key(spec, ctx), Contains("rule_share"));
  spec.rule = "weighted";
  ctx.participation[2].weight = -1.0;
  CHECK_THROWS_WITH(make_sharing_key(spec, ctx), Contains("'c3' has key.weight"));
  spec.coefficients_file = accord::models::CsvSeriesSpec{};
  CHECK_THROWS_WITH(make_sharing_key(spec, ctx), Contains("exactly one of"));
}

TEST_CASE("full_dynamic pairs are checked", "[allocation][error]") {
  SharingKeySpec spec = spec_of("full_dynamic");
  CHECK_THROWS_WITH(make_sharing_key(spec, three()), Contains("needs pairs"));
  spec.pair_coefficients["pv-x"] = {{"c1", 0.5}};
  CHECK_THROWS_WITH(make_sharing_key(spec, three()), Contains("producer 'pv-x'"));
  spec.pair_coefficients.clear();
  spec.pair_coefficients["p1"] = {{"c9", 0.5}};
  CHECK_THROWS_WITH(make_sharing_key(spec, three()), Contains("consumer 'c9'"));
  spec.pair_coefficients["p1"] = {{"c1", 0.6}, {"c2", 0.5}};
  CHECK_THROWS_WITH(make_sharing_key(spec, three()), Contains("'p1' sum to 1.1"));
  spec.pair_coefficients["p1"] = {{"c1", -0.1}};
  CHECK_THROWS_WITH(make_sharing_key(spec, three()), Contains("pairs.p1.c1"));
}

TEST_CASE("context and view mismatches are rejected", "[allocation][error]") {
  KeyContext ctx = three();
  ctx.participation.pop_back();
  CHECK_THROWS_AS(make_sharing_key(spec_of("dynamic_default"), ctx), std::invalid_argument);
  const auto key = make_sharing_key(spec_of("dynamic_default"), three());
  std::vector<double> c(8, 1.0), p(2, 1.0), a(8), s(2), ap(2);
  AllocationView v{0, 1, 4, 2, c.data(), p.data(), a.data(), ap.data(), s.data()};
  CHECK_THROWS_WITH(key->allocate(v), Contains("built for 3 consumers and 2 producers"));
}

TEST_CASE("coefficient files report FILE:LINE:COL", "[allocation][error]") {
  const std::string head = "timestamp;c1;c2\n";
  const std::string r0 = "2025-01-01T00:00:00Z;10;20\n";
  const std::string r1 = "2025-01-01T00:30:00Z;10;20\n";
  CHECK_THAT(file_error(head + r0), StartsWith("allocation_bad_keys.csv:2:") &&
                                        Contains("has 1 rows; the grid has 2 steps"));
  CHECK_THAT(file_error("timestamp;c1;cx\n" + r0 + r1),
             StartsWith("allocation_bad_keys.csv:1:14:") && Contains("unknown participant 'cx'"));
  CHECK_THAT(file_error("timestamp;c1;c1\n" + r0 + r1),
             StartsWith("allocation_bad_keys.csv:1:14:") && Contains("appears twice"));
  CHECK_THAT(file_error(head + r0 + "yesterday;10;20\n"),
             StartsWith("allocation_bad_keys.csv:3:1:") && Contains("bad timestamp"));
  CHECK_THAT(file_error(head + r0 + "2025-01-01T01:00:00Z;10;20\n"),
             StartsWith("allocation_bad_keys.csv:3:1:") && Contains("does not match step 1"));
  CHECK_THAT(file_error(head + r0 + "2025-01-01T00:30:00Z;10;abc\n"),
             StartsWith("allocation_bad_keys.csv:3:25:") && Contains("bad percentage 'abc'"));
  CHECK_THAT(file_error(head + r0 + "2025-01-01T00:30:00Z;101;0\n"),
             StartsWith("allocation_bad_keys.csv:3:22:") && Contains("outside [0, 100]"));
  CHECK_THAT(file_error(head + r0 + "2025-01-01T00:30:00Z;60;50\n"),
             StartsWith("allocation_bad_keys.csv:3:1:") && Contains("sum to 110"));
  CHECK_THAT(file_error(head + r0 + "2025-01-01T00:30:00Z;60\n"),
             StartsWith("allocation_bad_keys.csv:3:1:") && Contains("expected 3 fields"));
  CHECK_THAT(file_error(head + r0 + r1 + "2025-01-01T01:00:00Z;10;20\n"),
             StartsWith("allocation_bad_keys.csv:4:1:") && Contains("more rows"));
  CHECK(file_error(head + r0 + r1).empty());
}

TEST_CASE("coefficient files read local times across the DST changes", "[allocation][error]") {
  const std::string head = "timestamp;c1;c2\n";
  const std::string dst = "allocation_dst_keys.csv";
  KeyContext spring = three();
  spring.start_utc = 1743294600;  // 2025-03-30T00:30:00Z = 01:30 in Paris; 02:00 is skipped
  CHECK(file_error(head + "2025-03-30T01:30;10;20\n2025-03-30T03:00;10;20\n", spring, dst).empty());
  CHECK_THAT(file_error(head + "2025-03-30T01:30;10;20\n2025-03-30T02:00;10;20\n", spring, dst),
             StartsWith("allocation_dst_keys.csv:3:1:") &&
                 Contains("local time '2025-03-30T02:00' does not exist in Europe/Paris") &&
                 Contains("clocks go forward"));
  // Autumn: 02:00 and 02:30 occur twice (summer time first) and match the four steps.
  KeyContext autumn = three();
  autumn.steps = 4;
  autumn.start_utc = 1761436800;  // 2025-10-26T00:00:00Z = 02:00 summer time in Paris
  const std::string summer = "2025-10-26T02:00;10;20\n2025-10-26T02:30;10;20\n";
  CHECK(file_error(head + summer + summer, autumn, dst).empty());
  CHECK_THAT(
      file_error(head + summer + "2025-10-26T02:30;10;20\n2025-10-26T02:00;1;2\n", autumn, dst),
      StartsWith("allocation_dst_keys.csv:4:1:") && Contains("does not match step 2") &&
          Contains("occurs twice in Europe/Paris") && Contains("summer time first"));
}

TEST_CASE("a coefficient file runs step by step", "[allocation]") {
  const std::string path = "allocation_two_steps.csv";
  {
    std::ofstream f(path);
    // Local times (Europe/Paris, UTC+1 in January) and decimal commas.
    f << "Horodate;c2;c1\n2025-01-01T01:00;12,5;0\n\n2025-01-01T01:30;0;99,96\n";
  }
  SharingKeySpec spec = spec_of("dynamic_custom");
  spec.coefficients_file = accord::models::CsvSeriesSpec{};
  spec.coefficients_file->path = path;
  spec.floor_0_1_percent = true;
  const auto key = make_sharing_key(spec, three());
  std::remove(path.c_str());
  const std::vector<double> c{5, 5, 5, 5, 5, 5};
  const auto out = accord::models::allocation::testing::run_key(*key, c, {4, 4, 8, 0}, 3, 2, 1);
  // Step 0: c2 gets 12.5 % of 8 = 1. Step 1: c1 gets 99.9 % (floored) of 8, capped at 5.
  CHECK(out.allocated[1] == Approx(1.0).margin(1e-12));
  CHECK(out.allocated[0] == 0.0);
  CHECK(out.allocated[3] == Approx(5.0).margin(1e-12));
  CHECK(out.surplus[2] + out.surplus[3] == Approx(3.0).margin(1e-12));
  std::vector<double> longer(9, 1.0), prod(6, 1.0), a(9), s(6), ap(6);
  AllocationView v{0, 3, 3, 2, longer.data(), prod.data(), a.data(), ap.data(), s.data()};
  CHECK_THROWS_WITH(key->allocate(v), Contains("beyond the 2 steps"));
}
