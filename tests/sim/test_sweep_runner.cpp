// The sweep runner with a stand-in run (a tiny HDF5 file whose KPIs are a function of the
// overrides and the seed): identical tables on 1 and 2 threads, common random numbers, a
// failing run recorded while the rest complete, a sweep stopped midway and resumed that loses
// and duplicates nothing, shards gathered, the sweep file layout and its external links.
#include <catch2/catch.hpp>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "accord/sim/h5/h5.hpp"
#include "accord/sim/sweep/runner.hpp"

using namespace accord;
using namespace accord::sim;
using namespace accord::sim::sweep;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
  auto dir = fs::current_path() / "scratch" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

SweepSpec small_spec(const fs::path& dir) {
  SweepSpec s;
  s.name = "t";
  s.base = "base.yaml";
  s.seed = 11;
  s.replicates = 3;
  Parameter a;
  a.path = "x.a";
  for (double v : {1.0, 2.0, -1.0, 4.0}) a.levels.push_back(Value::of(v));
  Parameter b;
  b.path = "x.kind";
  b.levels = {Value::parse("red"), Value::parse("blue")};
  s.parameters = {a, b};
  s.output_dir = dir.string();
  return s;
}

// Counts calls per run id; fails on a negative `x.a` like a scenario loader would.
struct FakeRun {
  std::vector<std::atomic<int>> calls = std::vector<std::atomic<int>>(64);

  std::vector<RunKpi> operator()(const RunRequest& r) {
    ++calls[static_cast<size_t>(r.run_id)];
    const double a = std::stod(r.overrides.at(0).substr(r.overrides[0].find('=') + 1));
    if (a < 0) throw ConfigError(SourceLocation{"--set " + r.overrides[0], 0, 0}, "out of range");
    const bool red = r.overrides.at(1).find("red") != std::string::npos;
    const double noise = static_cast<double>(r.seed % 1000) / 1000.0;
    std::vector<RunKpi> kpis = {{"total_kwh", 10 * a + (red ? 1 : 0) + noise, "kWh", "total"},
                                {"rate", a / 10, "1", "a rate"}};
    std::lock_guard lock(h5_mutex());
    h5::AtomicFile out(r.output_path);
    auto g = out.file().create_group("summary");
    for (const auto& k : kpis) g.write_scalar(k.name, k.value, h5::WriteOptions::with(k.units));
    out.file().set_attr_int("complete", 1);
    out.commit();
    return kpis;
  }
};

struct Table {
  std::vector<int64_t> run_id, seed;
  std::vector<std::string> status, error, kind;
  std::vector<double> a, total, rate;
};

Table read_table(const std::string& path) {
  std::lock_guard lock(h5_mutex());
  const auto f = h5::File::open(path);
  CHECK(f.attr_string("filetype") == "accord-sweep");
  CHECK(f.attr_ints("format_version") == std::vector<int64_t>{1, 0});
  const auto d = f.open_group("design");
  const auto s = f.open_group("summary");
  Table t;
  t.run_id = d.open_dataset("run_id").read<int64_t>().values;
  t.seed = d.open_dataset("seed").read<int64_t>().values;
  t.status = d.open_dataset("status").read_strings();
  t.error = d.open_dataset("error").read_strings();
  t.kind = d.open_dataset("x.kind").read_strings();
  t.a = d.open_dataset("x.a").read<double>().values;
  t.total = s.open_dataset("total_kwh").read<double>().values;
  t.rate = s.open_dataset("rate").read<double>().values;
  return t;
}

bool same(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size()) return false;
  for (size_t i = 0; i < x.size(); ++i)
    if (!(x[i] == y[i] || (std::isnan(x[i]) && std::isnan(y[i])))) return false;
  return true;
}

}  // namespace

TEST_CASE("runner: 1 and 2 threads give identical tables; failures recorded", "[sweep]") {
  const auto d1 = scratch("sweep-j1");
  const auto d2 = scratch("sweep-j2");
  SweepSpec s1 = small_spec(d1);
  SweepSpec s2 = small_spec(d2);
  const Design design = make_design(s1);
  REQUIRE(run_count(s1, design) == 24);
  FakeRun f1, f2;
  RunnerOptions o;
  o.threads = 1;
  const auto r1 = run_sweep(s1, design, std::ref(f1), o);
  o.threads = 2;
  const auto r2 = run_sweep(s2, design, std::ref(f2), o);
  CHECK(r1.executed == 24);
  CHECK(r1.failed == 6);  // point values a = -1: 2 points x 3 replicates
  CHECK(r2.failed == 6);
  const Table t1 = read_table(r1.sweep_file);
  const Table t2 = read_table(r2.sweep_file);
  CHECK(t1.run_id == t2.run_id);
  CHECK(t1.seed == t2.seed);
  CHECK(t1.status == t2.status);
  CHECK(same(t1.total, t2.total));
  CHECK(same(t1.rate, t2.rate));
  REQUIRE(t1.status.size() == 24);
  for (size_t i = 0; i < 24; ++i) {
    INFO(i);
    const bool bad = t1.a[i] < 0;
    CHECK(t1.status[i] == (bad ? "failed" : "ok"));
    CHECK(std::isnan(t1.total[i]) == bad);
    if (bad) CHECK(t1.error[i].find("--set x.a=-1: out of range") != std::string::npos);
    if (!bad) CHECK(t1.error[i].empty());
    // Common random numbers: the seed follows the replicate, not the point.
    CHECK(t1.seed[i] == static_cast<int64_t>(replicate_seed(11, static_cast<uint32_t>(i % 3))));
    CHECK(fs::exists(d1 / "runs" / run_file_name(static_cast<int64_t>(i))) == !bad);
  }
  CHECK(t1.seed[0] != t1.seed[1]);
  CHECK(t1.kind[0] == "red");
  CHECK(t1.kind[3] == "blue");
  // The summary CSV joins the design and the KPIs, one line per run plus the header.
  std::ifstream csv(r1.summary_csv);
  std::string header;
  std::getline(csv, header);
  CHECK(header == "run_id,point,replicate,seed,status,x.a,x.kind,rate,total_kwh,error");
  int lines = 0;
  for (std::string l; std::getline(csv, l);) ++lines;
  CHECK(lines == 24);
}

TEST_CASE("runner: the sweep file links to the run files", "[sweep]") {
  const auto dir = scratch("sweep-links");
  SweepSpec s = small_spec(dir);
  const Design design = make_design(s);
  FakeRun f;
  const auto r = run_sweep(s, design, std::ref(f), RunnerOptions{});
  std::lock_guard lock(h5_mutex());
  const auto file = h5::File::open(r.sweep_file);
  CHECK(file.attr_int("complete") == 1);
  const auto runs = file.open_group("runs");
  CHECK(runs.exists("run-000000"));
  CHECK_FALSE(runs.exists("run-000012"));  // failed (x.a = -1): no link
  const auto linked = runs.open_group("run-000004");
  CHECK(linked.attr_int("complete") == 1);
  const double total =
      linked.open_group("summary").open_dataset("total_kwh").read<double>().values[0];
  const double from_table =
      file.open_group("summary").open_dataset("total_kwh").read<double>().values[4];
  CHECK(total == from_table);
}

TEST_CASE("runner: stopped midway then resumed loses and duplicates nothing", "[sweep]") {
  const auto dir = scratch("sweep-resume");
  SweepSpec s = small_spec(dir);
  const Design design = make_design(s);
  FakeRun f;
  RunnerOptions o;
  o.threads = 2;
  o.stop_after = 10;
  const auto first = run_sweep(s, design, std::ref(f), o);
  CHECK(first.executed == 10);
  CHECK(first.missing == 14);
  const Table partial = read_table(first.sweep_file);
  CHECK(std::count(partial.status.begin(), partial.status.end(), "missing") == 14);

  // A cut-short run file (no complete flag) must be made again.
  const auto torn = dir / "runs" / run_file_name(23);
  {
    std::lock_guard lock(h5_mutex());
    auto file = h5::File::create(torn.string());
    file.close();
  }
  o.stop_after.reset();
  o.resume = true;
  const auto second = run_sweep(s, design, std::ref(f), o);
  // The failed runs of the first pass are retried; complete runs are not.
  int64_t ok_first = 0;
  for (const auto& st : partial.status) ok_first += st == "ok";
  CHECK(second.skipped == ok_first);
  CHECK(second.executed == 24 - ok_first);
  CHECK(second.missing == 0);
  for (size_t i = 0; i < 24; ++i) {
    INFO(i);
    const bool bad = design.points[i / 3][0].number < 0.0;
    // Every ok run was made exactly once; failed ones once per pass that tried them.
    if (!bad) CHECK(f.calls[i] == 1);
    if (bad) CHECK(f.calls[i] >= 1);
  }
  const Table t = read_table(second.sweep_file);
  // The same table as an uninterrupted sweep.
  const auto ref_dir = scratch("sweep-resume-ref");
  SweepSpec ref_spec = small_spec(ref_dir);
  FakeRun g;
  const Table ref =
      read_table(run_sweep(ref_spec, design, std::ref(g), RunnerOptions{}).sweep_file);
  CHECK(t.status == ref.status);
  CHECK(same(t.total, ref.total));
  CHECK(t.error == ref.error);
}

TEST_CASE("runner: shards run disjoint runs and a resume gathers them", "[sweep]") {
  const auto dir = scratch("sweep-shards");
  SweepSpec s = small_spec(dir);
  const Design design = make_design(s);
  FakeRun f;
  RunnerOptions o;
  o.shard_count = 3;
  int64_t executed = 0;
  for (int64_t i = 0; i < 3; ++i) {
    o.shard_index = i;
    const auto r = run_sweep(s, design, std::ref(f), o);
    CHECK(r.sweep_file.empty());
    CHECK(r.executed == 8);
    executed += r.executed;
  }
  CHECK(executed == 24);
  for (size_t i = 0; i < 24; ++i) CHECK(f.calls[i] == 1);
  CHECK_FALSE(fs::exists(dir / "sweep.h5"));
  RunnerOptions gather;
  gather.resume = true;
  const auto r = run_sweep(s, design, std::ref(f), gather);
  CHECK(r.skipped == 18);
  CHECK(r.executed == 6);  // the failed runs are tried again
  const Table t = read_table(r.sweep_file);
  CHECK(std::count(t.status.begin(), t.status.end(), "ok") == 18);
  CHECK(std::count(t.status.begin(), t.status.end(), "failed") == 6);

  o.shard_index = 3;
  CHECK_THROWS_AS(run_sweep(s, design, std::ref(f), o), ConfigError);
}

TEST_CASE("runner: the scenario as a factor; display names on the design columns", "[sweep]") {
  const auto dir = scratch("sweep-bases");
  SweepSpec s = small_spec(dir);
  s.base_dir = "/studies";
  s.replicates = 1;
  s.parameters[1].label = "Colour";
  s.parameters[1].labels = {"Red one", "Blue one"};
  Parameter base;
  base.path = kBaseParameter;
  base.levels = {Value::parse("village.yaml"), Value::parse("/elsewhere/park.yaml")};
  s.parameters.insert(s.parameters.begin(), base);
  s.parameters[1].levels = {Value::of(1.0)};
  const Design design = make_design(s);
  REQUIRE(design.points.size() == 4);
  // The base column chooses the file (resolved against the sweep's folder), not an override.
  std::vector<std::string> bases;
  for (int64_t id = 0; id < 4; ++id) {
    const RunRequest req = make_request(s, design, id, dir.string());
    bases.push_back(req.base);
    CHECK(req.overrides.size() == 2);
    for (const auto& o : req.overrides) CHECK(o.rfind("base=", 0) == std::string::npos);
  }
  CHECK(bases == std::vector<std::string>{"/studies/village.yaml", "/studies/village.yaml",
                                          "/elsewhere/park.yaml", "/elsewhere/park.yaml"});
  FakeRun f;
  const auto r = run_sweep(s, design, std::ref(f), RunnerOptions{});
  std::lock_guard lock(h5_mutex());
  const auto file = h5::File::open(r.sweep_file);
  const auto d = file.open_group("design");
  CHECK(d.open_dataset("base").read_strings() ==
        std::vector<std::string>{"village.yaml", "village.yaml", "/elsewhere/park.yaml",
                                 "/elsewhere/park.yaml"});
  const auto kind = d.open_dataset("x.kind");
  CHECK(kind.attr_string("label") == "Colour");
  CHECK(kind.attr_string("levels") == "red\nblue");
  CHECK(kind.attr_string("labels") == "Red one\nBlue one");
  CHECK_FALSE(d.open_dataset("x.a").has_attr("label"));
}
