// The recorder: a small synthetic run written at every detail level and read back through
// the h5 reader, dataset by dataset, against the layout of DESIGN.md §3.3.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>
#include "support/temp_dir.hpp"

#include "../../models/output/sha256.hpp"
#include "accord/models/output/run_result.hpp"
#include "accord/sim/error.hpp"
#include "accord/sim/h5/h5.hpp"

namespace fs = std::filesystem;
namespace h5 = accord::sim::h5;
using namespace accord::models;
using namespace accord::models::output;

namespace {

struct TempDir : accord::test::TempDir {
  explicit TempDir(const std::string& tag) : accord::test::TempDir("output", tag) {}
};

constexpr int64_t kStart = 1735686000;  // 2024-12-31T23:00:00Z = 2025-01-01 00:00 Paris

// A synthetic run of `n` participants, `p` producers, `m` periods of `steps_per_period`
// 30-min steps, satisfying the ledger invariants exactly (allocation pro rata to demand).
RunResult synthetic_run(int n, int p, int m, int steps_per_period) {
  RunResult run;
  run.provenance = {"synthetic",
                    "accord: 1\nname: synthetic\n",
                    "0.1.0",
                    "abcdef0",
                    "2025-01-01T00:00:00Z",
                    42,
                    3};
  const int t_steps = m * steps_per_period;
  run.grid = accord::sim::TimeGrid{kStart, 1800, t_steps};
  run.timezone = "Europe/Paris";
  for (int k = 0; k <= m; ++k) {
    run.calendar.period_start_utc.push_back(kStart + int64_t{k} * steps_per_period * 1800);
    run.calendar.period_first_step.push_back(int64_t{k} * steps_per_period);
  }
  for (int i = 0; i < n; ++i) {
    Participant q;
    q.id = "p" + std::to_string(i);
    q.kind = i % 2 == 0 ? "household" : "business";
    q.group = i % 2 == 0 ? "menages" : "";
    q.profile = "household";
    q.income_eur_per_year = i % 3 == 0 ? kUnset : 20000.0 + 1000.0 * i;
    q.income_decile = i % 10 + 1;
    q.consumption_units = 1.5;
    q.low_income = i % 4 == 0;
    q.location = {45.0 + 0.01 * i, 4.0 + 0.02 * i};
    run.participants.push_back(q);
  }
  for (int j = 0; j < p; ++j) {
    Producer q;
    q.id = "pv" + std::to_string(j);
    q.owner = "commune";
    q.location = {46.0, 5.0 + j};
    run.producers.push_back(q);
  }
  run.consumption.resize(t_steps, n);
  run.allocated.resize(t_steps, n);
  run.supplied.resize(t_steps, n);
  run.production.resize(t_steps, p);
  run.autoprod.resize(t_steps, p);
  run.surplus.resize(t_steps, p);
  for (int t = 0; t < t_steps; ++t) {
    double demand = 0, prod = 0;
    for (int i = 0; i < n; ++i) {
      run.consumption(t, i) = 0.1 + 0.01 * ((t * 7 + i * 3) % 11);
      demand += run.consumption(t, i);
    }
    for (int j = 0; j < p; ++j) {
      run.production(t, j) = std::max(0.0, std::sin(t * 0.26) * (1.0 + j));
      prod += run.production(t, j);
    }
    const double shared = std::min(demand, prod);
    for (int i = 0; i < n; ++i) {
      run.allocated(t, i) = demand > 0 ? shared * run.consumption(t, i) / demand : 0;
      run.supplied(t, i) = run.consumption(t, i) - run.allocated(t, i);
    }
    for (int j = 0; j < p; ++j) {
      run.autoprod(t, j) = prod > 0 ? shared * run.production(t, j) / prod : 0;
      run.surplus(t, j) = run.production(t, j) - run.autoprod(t, j);
    }
  }
  run.member = MemberMatrix::Ones(m, n);
  if (n > 1 && m > 1) run.member(m - 1, 1) = 0;
  auto& a = run.accounts;
  a.bill_reference = RowMatrix::Constant(m, n, 50.0);
  a.bill = RowMatrix::Constant(m, n, 45.0);
  a.benefit = RowMatrix::Constant(m, n, 5.0);
  a.internal_purchase = RowMatrix::Constant(m, n, 3.0);
  a.producer_internal_revenue = RowMatrix::Constant(m, p, 10.0);
  a.producer_surplus_revenue = RowMatrix::Constant(m, p, 2.0);
  a.pmo_costs = Eigen::VectorXd::Constant(m, 8.0);
  a.pmo_fees = Eigen::VectorXd::Constant(m, 1.0);
  for (int k = 0; k < m; ++k) a.bill(k, 0) = 40.0 + k;
  run.summary = {{"self_consumption_rate", 0.61, "1", "Share of production allocated"},
                 {"total_benefit_eur", 123.5, "EUR", "Sum of benefits"}};
  return run;
}

std::vector<double> to_vector(const RowMatrix& m) {
  return {m.data(), m.data() + m.size()};
}

void check_provenance(const h5::File& file, const std::string& detail) {
  CHECK(file.attr_string("filetype") == "accord-run");
  CHECK(file.attr_ints("format_version") == std::vector<int64_t>{1, 5});
  CHECK(file.attr_string("accord_version") == "0.1.0");
  CHECK(file.attr_string("git_sha") == "abcdef0");
  CHECK(file.attr_string("created_utc") == "2025-01-01T00:00:00Z");
  CHECK(file.attr_int("seed") == 42);
  CHECK(file.attr_int("replicate") == 3);
  CHECK(file.attr_string("scenario_name") == "synthetic");
  CHECK(file.attr_string("detail") == detail);
  CHECK(file.attr_int("complete") == 1);
  const auto yaml = file.open_group("scenario").open_dataset("yaml");
  CHECK(yaml.read_string() == "accord: 1\nname: synthetic\n");
  CHECK(yaml.attr_string("sha256") == sha256_hex("accord: 1\nname: synthetic\n"));
  auto summary = file.open_group("summary");
  CHECK(summary.children() ==
        std::vector<std::string>{"self_consumption_rate", "total_benefit_eur"});
  const auto rate = summary.open_dataset("self_consumption_rate");
  CHECK(rate.read<double>().values == std::vector<double>{0.61});
  CHECK(rate.dims().empty());
  CHECK(rate.attr_string("units") == "1");
  CHECK(summary.open_dataset("total_benefit_eur").attr_string("units") == "EUR");
  CHECK(summary.open_dataset("total_benefit_eur").attr_string("description") == "Sum of benefits");
}

// Every dataset under `group` (recursively) has units and description attributes.
void check_all_described(const h5::Location& group, int& count) {
  for (const auto& name : group.children()) {
    if (group.exists(name)) {
      try {
        const auto ds = group.open_dataset(name);
        INFO(ds.name());
        CHECK(ds.has_attr("units"));
        CHECK(ds.has_attr("description"));
        ++count;
        continue;
      } catch (const accord::IoError&) {
      }
      check_all_described(group.open_group(name), count);
    }
  }
}

}  // namespace

TEST_CASE("output: SHA-256 matches the FIPS 180-2 vectors", "[output][sha256]") {
  // FIPS 180-2, appendix B.1 and B.2; the empty string from NIST's examples.
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // B.3: one million 'a' (crosses many blocks).
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // 55 and 56 bytes: the padding boundary between one and two final blocks.
  CHECK(sha256_hex(std::string(55, 'a')).size() == 64);
  CHECK(sha256_hex(std::string(55, 'a')) != sha256_hex(std::string(56, 'a')));
}

TEST_CASE("output: parse_detail knows the contract names", "[output]") {
  CHECK(parse_detail("full") == Detail::kFull);
  CHECK(parse_detail("periods") == Detail::kPeriods);
  CHECK(parse_detail("summary") == Detail::kSummary);
  CHECK_THROWS_AS(parse_detail("everything"), std::invalid_argument);
}

TEST_CASE("output: detail=full writes every dataset of the contract", "[output]") {
  TempDir dir("full");
  const auto path = dir.file("run.h5");
  const int n = 3, p = 2, m = 2, spp = 24;
  const auto run = synthetic_run(n, p, m, spp);
  write_run(run, path, Detail::kFull);
  for (const auto& entry : fs::directory_iterator(dir.path)) {
    CHECK(entry.path().filename() == "run.h5");  // no temporary file remains
  }
  const auto file = h5::File::open(path);
  check_provenance(file, "full");
  CHECK(file.children() == std::vector<std::string>{"actors", "energy", "governance",
                                                    "participants", "periods", "producers",
                                                    "scenario", "summary", "time"});
  int described = 0;
  check_all_described(file, described);
  CHECK(described > 40);

  // /time
  const auto start = file.open_dataset("time/start");
  const auto t = start.read<int64_t>();
  REQUIRE(t.dims == h5::Dims{48});
  CHECK(t.values[0] == kStart);
  CHECK(t.values[47] == kStart + 47 * 1800);
  CHECK(start.attr_int("step_seconds") == 1800);
  CHECK(start.attr_string("timezone") == "Europe/Paris");
  CHECK(start.attr_string("units") == "seconds since 1970-01-01 00:00:00 UTC");
  CHECK(start.is_scale());
  CHECK(start.attr_string("NAME") == "time");

  // /participants
  auto participants = file.open_group("participants");
  CHECK(participants.open_dataset("id").read_strings() ==
        std::vector<std::string>{"p0", "p1", "p2"});
  CHECK(participants.open_dataset("id").is_scale());
  CHECK(participants.open_dataset("kind").read_strings() ==
        std::vector<std::string>{"household", "business", "household"});
  CHECK(participants.open_dataset("group").read_strings() ==
        std::vector<std::string>{"menages", "", "menages"});
  CHECK(participants.open_dataset("kind").attached_scales(0) ==
        std::vector<std::string>{"/participants/id"});
  const auto income = participants.open_dataset("income_eur_per_year").read<double>().values;
  REQUIRE(income.size() == 3);
  CHECK(std::isnan(income[0]));
  CHECK(income[1] == 21000.0);
  CHECK(participants.open_dataset("income_decile").read<int32_t>().values ==
        std::vector<int32_t>{1, 2, 3});
  CHECK(participants.open_dataset("low_income").read<uint8_t>().values ==
        std::vector<uint8_t>{1, 0, 0});
  CHECK(participants.open_dataset("consumption_units").read<double>().values ==
        std::vector<double>{1.5, 1.5, 1.5});
  CHECK(participants.open_dataset("lat").read<double>().values ==
        std::vector<double>{45.0, 45.01, 45.02});
  CHECK(participants.open_dataset("lon").attr_string("units") == "degrees_east");

  // /producers
  auto producers = file.open_group("producers");
  CHECK(producers.open_dataset("id").read_strings() == std::vector<std::string>{"pv0", "pv1"});
  CHECK(producers.open_dataset("owner").read_strings() ==
        std::vector<std::string>{"commune", "commune"});
  CHECK(producers.open_dataset("lon").read<double>().values == std::vector<double>{5.0, 6.0});
  // Plants of the scenario produce from the start (planned ones are -1 until built).
  CHECK(producers.open_dataset("commissioned_period").read<int32_t>().values ==
        std::vector<int32_t>{0, 0});

  // /energy: values, shapes, units, local dimension scales.
  auto energy = file.open_group("energy");
  const std::pair<const char*, const RowMatrix*> series[] = {
      {"consumption", &run.consumption}, {"allocated", &run.allocated}, {"supplied", &run.supplied},
      {"production", &run.production},   {"autoprod", &run.autoprod},   {"surplus", &run.surplus}};
  for (const auto& [name, matrix] : series) {
    INFO(name);
    const auto ds = energy.open_dataset(name);
    const auto a = ds.read<double>();
    CHECK(a.dims == h5::Dims{48, static_cast<uint64_t>(matrix->cols())});
    CHECK(a.values == to_vector(*matrix));  // bit-exact: deflate is lossless
    CHECK(ds.attr_string("units") == "kWh");
    CHECK(ds.attached_scales(0) == std::vector<std::string>{"/energy/time"});
    const bool per_participant = matrix->cols() == n;
    CHECK(ds.attached_scales(1) ==
          std::vector<std::string>{per_participant ? "/energy/participant" : "/energy/producer"});
  }
  CHECK(energy.open_dataset("time").read<int64_t>().values == t.values);
  CHECK(energy.open_dataset("participant").read_strings() ==
        std::vector<std::string>{"p0", "p1", "p2"});

  // /periods
  auto periods = file.open_group("periods");
  CHECK(periods.open_dataset("start").read<int64_t>().values ==
        std::vector<int64_t>{kStart, kStart + spp * 1800});
  CHECK(periods.open_dataset("period").is_scale());
  const auto member = periods.open_dataset("member").read<uint8_t>();
  CHECK(member.dims == h5::Dims{2, 3});
  CHECK(member.values == std::vector<uint8_t>{1, 1, 1, 1, 0, 1});
  const auto bill = periods.open_dataset("bill").read<double>();
  CHECK(bill.dims == h5::Dims{2, 3});
  CHECK(bill.values == to_vector(run.accounts.bill));
  CHECK(periods.open_dataset("bill").attr_string("units") == "EUR");
  CHECK(periods.open_dataset("bill_reference").read<double>().values ==
        to_vector(run.accounts.bill_reference));
  CHECK(periods.open_dataset("benefit").read<double>().values == to_vector(run.accounts.benefit));
  CHECK(periods.open_dataset("internal_purchase").read<double>().values ==
        to_vector(run.accounts.internal_purchase));
  CHECK(periods.open_dataset("producer_internal_revenue").read<double>().dims == h5::Dims{2, 2});
  CHECK(periods.open_dataset("producer_surplus_revenue").read<double>().values ==
        std::vector<double>(4, 2.0));
  CHECK(periods.open_dataset("pmo_costs").read<double>().values == std::vector<double>{8.0, 8.0});
  CHECK(periods.open_dataset("pmo_fees").read<double>().values == std::vector<double>{1.0, 1.0});
  CHECK(periods.open_dataset("benefit").attached_scales(1) ==
        std::vector<std::string>{"/periods/participant"});

  // /governance: present, empty, described.
  const auto governance = file.open_group("governance");
  CHECK(governance.children().empty());
  CHECK(governance.has_attr("description"));
}

TEST_CASE("output: per-period energy, pooled revenue and funds (format 1.1)", "[output][funds]") {
  TempDir dir("funds");
  const auto path = dir.file("run.h5");
  const int n = 3, p = 2, m = 2, spp = 24;
  auto run = synthetic_run(n, p, m, spp);
  RuleRecord rule;
  rule.name = "equal";
  rule.benefit = RowMatrix::Constant(m, n, 5.0);
  rule.territorial = RowMatrix::Zero(m, 3);
  rule.territorial(0, 0) = 1.5;
  for (auto* v :
       {&rule.distributed, &rule.budget_gap, &rule.ir_violations, &rule.max_ir_shortfall,
        &rule.core_shortfall, &rule.core_exact, &rule.core_coalitions, &rule.max_standard_error})
    v->setZero(m);
  run.sharing.rules.push_back(rule);
  for (auto* v : {&run.sharing.community_benefit, &run.sharing.member_savings,
                  &run.sharing.pooled_producer_revenue, &run.sharing.pmo_fees,
                  &run.sharing.pmo_costs, &run.sharing.game_grand_value})
    v->setZero(m);
  run.sharing.producer_pooled = RowMatrix::Constant(m, p, 2.0);
  FundRecord fund;
  fund.name = "solidarity_fund";
  fund.initial_eur = 4;
  fund.inflow = Eigen::Vector2d(1.5, 0.0);
  fund.interest = Eigen::Vector2d(0.0, 0.0);
  fund.requested = Eigen::Vector2d(1.0, 9.0);
  fund.paid = Eigen::Vector2d(1.0, 4.5);
  fund.unmet = Eigen::Vector2d(0.0, 4.5);
  fund.balance = Eigen::Vector2d(4.5, 0.0);
  fund.paid_to_member = RowMatrix::Zero(m, n);
  fund.paid_to_member(0, 0) = 1.0;
  fund.paid_to_member(1, 0) = 4.5;
  run.sharing.funds.push_back(fund);
  write_run(run, path, Detail::kPeriods);

  const auto file = h5::File::open(path);
  check_provenance(file, "periods");
  int described = 0;
  check_all_described(file, described);
  const auto periods = file.open_group("periods");
  // Energy totals: the per-step ledger summed over each period, kWh.
  for (const char* name : {"consumption", "allocated", "supplied"}) {
    INFO(name);
    const auto ds = periods.open_dataset(name);
    CHECK(ds.attr_string("units") == "kWh");
    CHECK(ds.read<double>().dims == h5::Dims{2, 3});
    CHECK(ds.attached_scales(1) == std::vector<std::string>{"/periods/participant"});
  }
  const auto consumption = periods.open_dataset("consumption").read<double>().values;
  double want = 0;
  for (int t = spp; t < 2 * spp; ++t) want += run.consumption(t, 2);
  CHECK(consumption[1 * n + 2] == Approx(want).epsilon(1e-12));
  for (const char* name : {"production", "surplus"}) {
    INFO(name);
    const auto ds = periods.open_dataset(name);
    CHECK(ds.attr_string("units") == "kWh");
    CHECK(ds.read<double>().dims == h5::Dims{2, 2});
  }
  const auto pooled = periods.open_dataset("producer_pooled_revenue");
  CHECK(pooled.attr_string("units") == "EUR");
  CHECK(pooled.read<double>().values == std::vector<double>(4, 2.0));
  // /sharing/funds/<fund>/...
  const auto g = file.open_group("sharing/funds/solidarity_fund");
  CHECK(g.children() == std::vector<std::string>{"balance", "inflow", "interest", "paid",
                                                 "paid_to_member", "requested", "unmet"});
  for (const auto& name : g.children()) {
    INFO(name);
    CHECK(g.open_dataset(name).attr_string("units") == "EUR");
  }
  CHECK(g.open_dataset("balance").read<double>().values == std::vector<double>{4.5, 0.0});
  CHECK(g.open_dataset("unmet").read<double>().values == std::vector<double>{0.0, 4.5});
  CHECK(g.open_dataset("paid_to_member").read<double>().dims == h5::Dims{2, 3});
  // The rule list still names only rules.
  CHECK(file.open_dataset("sharing/rules").read_strings() == std::vector<std::string>{"equal"});
}

TEST_CASE("output: detail=periods omits the per-step arrays only", "[output]") {
  TempDir dir("periods");
  const auto path = dir.file("run.h5");
  auto run = synthetic_run(4, 1, 3, 4);
  // The per-step ledger is not needed at this level (and may be left empty).
  run.consumption.resize(0, 0);
  write_run(run, path, Detail::kPeriods);
  const auto file = h5::File::open(path);
  check_provenance(file, "periods");
  CHECK(file.children() == std::vector<std::string>{"actors", "governance", "participants",
                                                    "periods", "producers", "scenario", "summary",
                                                    "time"});
  CHECK(file.open_dataset("time/start").dims() == h5::Dims{12});
  CHECK(file.open_dataset("periods/bill").dims() == h5::Dims{3, 4});
}

TEST_CASE("output: detail=summary keeps provenance, scenario and summary", "[output]") {
  TempDir dir("summary");
  const auto path = dir.file("run.h5");
  write_run(synthetic_run(2, 1, 1, 2), path, Detail::kSummary);
  const auto file = h5::File::open(path);
  check_provenance(file, "summary");
  CHECK(file.children() == std::vector<std::string>{"scenario", "summary"});
}

TEST_CASE("output: failures leave no file behind", "[output]") {
  TempDir dir("fail");
  // Unwritable location (a folder that does not exist): IoError, nothing created.
  const auto missing = dir.file("no/such/folder/run.h5");
  CHECK_THROWS_AS(write_run(synthetic_run(2, 1, 1, 2), missing, Detail::kFull), accord::IoError);
  CHECK_FALSE(fs::exists(dir.file("no")));
  // A failure in the middle of writing (a duplicate summary name) removes the temporary file
  // and never creates the final path.
  auto run = synthetic_run(2, 1, 1, 2);
  run.summary.push_back(run.summary.front());
  const auto path = dir.file("run.h5");
  CHECK_THROWS_AS(write_run(run, path, Detail::kFull), accord::IoError);
  CHECK(fs::is_empty(dir.path));
  // A ledger of the wrong shape is refused before anything is written.
  auto bad = synthetic_run(2, 1, 1, 2);
  bad.allocated.resize(3, 2);
  CHECK_THROWS_AS(write_run(bad, path, Detail::kFull), accord::IoError);
  CHECK(fs::is_empty(dir.path));
  // A summary name with a slash is refused.
  auto slash = synthetic_run(2, 1, 1, 2);
  slash.summary.push_back({"a/b", 1.0, "1", "x"});
  CHECK_THROWS_AS(write_run(slash, path, Detail::kSummary), accord::IoError);
  CHECK(fs::is_empty(dir.path));
}

TEST_CASE("output: an existing file is replaced whole", "[output]") {
  TempDir dir("replace");
  const auto path = dir.file("run.h5");
  write_run(synthetic_run(2, 1, 1, 2), path, Detail::kFull);
  write_run(synthetic_run(5, 1, 1, 2), path, Detail::kPeriods);
  const auto file = h5::File::open(path);
  CHECK(file.attr_string("detail") == "periods");
  CHECK(file.open_dataset("participants/id").dims() == h5::Dims{5});
}

// Not a test: writes a sample run for the Python reader (ACCORD_SAMPLE_RUN=path) and prints
// write times of the sizes in the performance goals. Run with: test_output "[.sample]".
TEST_CASE("output: sample run and timings", "[.sample]") {
  const char* sample = std::getenv("ACCORD_SAMPLE_RUN");
  if (sample != nullptr) {
    // SAMPLE (full), SAMPLE-periods.h5 and SAMPLE-summary.h5.
    const auto run = synthetic_run(5, 2, 3, 48 * 30);
    write_run(run, sample, Detail::kFull);
    write_run(run, std::string(sample) + "-periods.h5", Detail::kPeriods);
    write_run(run, std::string(sample) + "-summary.h5", Detail::kSummary);
  }
  TempDir dir("timing");
  using Clock = std::chrono::steady_clock;
  const auto time_it = [&](const RunResult& run, Detail detail, const char* label) {
    const auto path = dir.file("t.h5");
    const auto t0 = Clock::now();
    write_run(run, path, detail);
    const auto ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    std::printf("%s: %.1f ms, %.2f MB\n", label, ms,
                static_cast<double>(fs::file_size(path)) / 1e6);
  };
  const auto periods = synthetic_run(1000, 10, 12, 2);
  time_it(periods, Detail::kPeriods, "periods 1000 participants x 12 periods");
  const auto full = synthetic_run(100, 5, 12, 1460);
  time_it(full, Detail::kFull, "full 100 participants x 17520 steps");
}

TEST_CASE("output: a non-finite ledger or bill is never written", "[output][faults]") {
  TempDir dir("finite");
  const auto path = dir.file("run.h5");
  SECTION("NaN in a bill: nothing written, the message names the dataset and the cell") {
    auto run = synthetic_run(4, 1, 3, 4);
    run.accounts.bill(1, 2) = std::nan("");
    CHECK_THROWS_WITH(write_run(run, path, Detail::kFull),
                      Catch::Contains("/periods/bill has a non-finite value (nan) at period 1, "
                                      "participant '" +
                                      run.participants[2].id + "'"));
    CHECK(fs::is_empty(dir.path));
  }
  SECTION("infinite production, even at detail=summary; an older file stays") {
    auto run = synthetic_run(4, 1, 3, 4);
    write_run(run, path, Detail::kSummary);
    const auto before = fs::file_size(path);
    run.production(5, 0) = std::numeric_limits<double>::infinity();
    CHECK_THROWS_AS(write_run(run, path, Detail::kSummary), accord::IoError);
    CHECK(fs::file_size(path) == before);
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
  }
  SECTION("NaN where the format means unknown (income) is written") {
    auto run = synthetic_run(4, 1, 3, 4);
    run.participants[0].income_eur_per_year = std::nan("");
    write_run(run, path, Detail::kFull);
    CHECK(h5::File::open(path).attr_int("complete") == 1);
  }
}
