// `accord sweep` end to end on the shipped example sweeps (one month of the mixed district):
// the same tables on 1 and 2 threads, common random numbers, a run made to fail recorded
// while the rest complete, shards then --resume, design export and import, and invalid sweep
// files rejected with one located line and exit 2.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <algorithm>
#include <cmath>

#include <fstream>

#include "run_helpers.hpp"

using namespace accord::test;
namespace fs = std::filesystem;
namespace h5 = accord::sim::h5;

namespace {

struct SweepTable {
  std::vector<std::string> status, error;
  std::vector<int64_t> replicate, seed;
  std::vector<double> savings;
  std::vector<std::string> kpis;
};

SweepTable read_sweep(const fs::path& file) {
  const auto f = h5::File::open(file.string());
  CHECK(f.attr_string("filetype") == "accord-sweep");
  CHECK(f.attr_int("complete") == 1);
  const auto d = f.open_group("design");
  SweepTable t;
  t.status = d.open_dataset("status").read_strings();
  t.error = d.open_dataset("error").read_strings();
  t.replicate = d.open_dataset("replicate").read<int64_t>().values;
  t.seed = d.open_dataset("seed").read<int64_t>().values;
  const auto s = f.open_group("summary");
  t.kpis = s.children();
  if (s.exists("savings_eur")) t.savings = s.open_dataset("savings_eur").read<double>().values;
  return t;
}

std::string sweep_path(const std::string& name) {
  return source_path("scenarios/sweeps/" + name);
}

// A sweep file in `dir` over the mixed district, with `body` after the common head.
fs::path write_sweep(const fs::path& dir, const std::string& name, const std::string& body) {
  const auto path = dir / name;
  std::ofstream out(path);
  out << "accord_sweep: 1\nbase: " << source_path("scenarios/quartier-mixte.yaml")
      << "\nset: {time.end: 2025-01-15}\n"
      << body;
  return path;
}

}  // namespace

TEST_CASE("sweep: example grid, identical on 1 and 2 threads", "[integration][sweep]") {
  const auto dir = scratch("sweep-grid");
  const std::string sweep = sweep_path("keys-rules-pv.yaml");
  const auto r1 = run_accord("sweep " + sweep + " -j 1 -q -o " + (dir / "j1").string(), dir);
  INFO(r1.err);
  REQUIRE(r1.status == 0);
  const auto r2 = run_accord("sweep " + sweep + " -j 2 -o " + (dir / "j2").string(), dir);
  INFO(r2.err);
  REQUIRE(r2.status == 0);
  // Piped: progress lines, no bar.
  CHECK(r2.err.find("sweep: 24/24 runs") != std::string::npos);
  CHECK(r2.err.find('\r') == std::string::npos);

  const SweepTable t1 = read_sweep(dir / "j1" / "sweep.h5");
  const SweepTable t2 = read_sweep(dir / "j2" / "sweep.h5");
  REQUIRE(t1.status.size() == 2 * 3 * 2 * 2);
  CHECK(std::count(t1.status.begin(), t1.status.end(), "ok") == 24);
  CHECK(t1.kpis == t2.kpis);
  REQUIRE(t1.savings.size() == 24);
  CHECK(t1.savings == t2.savings);  // bit for bit
  for (size_t i = 0; i < 24; ++i) {
    CHECK(t1.replicate[i] == static_cast<int64_t>(i % 2));
    CHECK(t1.seed[i] == t1.seed[i % 2]);  // common random numbers across points
    CHECK(fs::exists(dir / "j1" / "runs" / fmt::format("run-{:06}.h5", i)));
  }
  CHECK(t1.seed[0] != t1.seed[1]);
  // The replicates differ (their seeds drive the generated households).
  CHECK(t1.savings[0] != t1.savings[1]);
  CHECK(fs::exists(dir / "j1" / "summary.csv"));
}

TEST_CASE("sweep: a failing run is recorded, the others complete", "[integration][sweep]") {
  const auto dir = scratch("sweep-failing");
  const auto sweep =
      write_sweep(dir, "failing.yaml",
                  "parameters: [{path: 'producers[id=pv-ecole].pv.kwp', values: [80, -5, 120]}]\n");
  const auto r = run_accord("sweep " + sweep.string() + " -j 2 -o " + (dir / "out").string(), dir);
  INFO(r.err);
  CHECK(r.status == 1);
  CHECK(r.err.find("1 of 3 runs failed") != std::string::npos);
  const SweepTable t = read_sweep(dir / "out" / "sweep.h5");
  REQUIRE(t.status == std::vector<std::string>{"ok", "failed", "ok"});
  CHECK(t.error[1].find("--set producers[id=pv-ecole].pv.kwp=-5") != std::string::npos);
  CHECK(t.error[1].find("out of range") != std::string::npos);
  CHECK(std::isnan(t.savings[1]));
  CHECK(std::isfinite(t.savings[0]));
  CHECK_FALSE(fs::exists(dir / "out" / "runs" / "run-000001.h5"));
}

TEST_CASE("sweep: shards, then --resume gathers without running again", "[integration][sweep]") {
  const auto dir = scratch("sweep-shards");
  const auto sweep =
      write_sweep(dir, "shards.yaml",
                  "replicates: 2\nparameters: [{path: community.internal_price.eur_per_kwh, "
                  "range: {from: 0.08, to: 0.14, step: 0.02}}]\n");
  const std::string out = " -o " + (dir / "out").string();
  for (const char* shard : {"0/3", "1/3", "2/3"}) {
    const auto r = run_accord("sweep " + sweep.string() + " --shard " + shard + out, dir);
    INFO(r.err);
    CHECK(r.status == 0);
  }
  CHECK_FALSE(fs::exists(dir / "out" / "sweep.h5"));
  const auto mtime = fs::last_write_time(dir / "out" / "runs" / "run-000004.h5");
  const auto g = run_accord("sweep " + sweep.string() + " --resume" + out, dir);
  INFO(g.err);
  CHECK(g.status == 0);
  CHECK(fs::last_write_time(dir / "out" / "runs" / "run-000004.h5") == mtime);
  const SweepTable t = read_sweep(dir / "out" / "sweep.h5");
  CHECK(std::count(t.status.begin(), t.status.end(), "ok") == 8);

  // The same table as an uninterrupted sweep.
  const auto whole = run_accord("sweep " + sweep.string() + " -o " + (dir / "whole").string(), dir);
  CHECK(whole.status == 0);
  CHECK(read_sweep(dir / "whole" / "sweep.h5").savings == t.savings);
  const auto bad = run_accord("sweep " + sweep.string() + " --shard 3/3" + out, dir);
  CHECK(bad.status == 2);
  CHECK(bad.err.find("--shard 3/3") != std::string::npos);
}

TEST_CASE("sweep: exported design imported back runs the same points", "[integration][sweep]") {
  const auto dir = scratch("sweep-csv");
  const std::string sweep = sweep_path("morris-economics.yaml");
  const auto csv = dir / "design.csv";
  const auto e = run_accord("sweep " + sweep + " --export-design " + csv.string(), dir);
  INFO(e.err);
  REQUIRE(e.status == 0);
  std::ifstream in(csv);
  std::string header;
  std::getline(in, header);
  CHECK(header.find("community.internal_price.eur_per_kwh,tariffs.surplus_eur_per_kwh") == 0);
  int rows = 0;
  for (std::string l; std::getline(in, l);) ++rows;
  CHECK(rows == 6 * (5 + 1));

  const auto imported =
      write_sweep(dir, "imported.yaml", "design: {type: csv, file: design.csv}\n");
  const auto r =
      run_accord("sweep " + imported.string() + " -j 2 -o " + (dir / "out").string(), dir);
  INFO(r.err);
  CHECK(r.status == 0);
  const auto f = h5::File::open((dir / "out" / "sweep.h5").string());
  const auto d = f.open_group("design");
  CHECK(d.attr_string("type") == "csv");
  CHECK(d.open_dataset("tariffs.surplus_eur_per_kwh").dims() == h5::Dims{36});
  const auto status = d.open_dataset("status").read_strings();
  CHECK(std::count(status.begin(), status.end(), "ok") == 36);
}

TEST_CASE("sweep: invalid sweep files give one located line and exit 2", "[integration][sweep]") {
  const auto dir = scratch("sweep-invalid");
  struct Case {
    std::string body;
    std::string expected;
  };
  const Case cases[] = {
      {"parameters: [{path: a.b, values: [1]}]\nreplicate: 3\n",
       "invalid.yaml:5:1: unknown key 'replicate'; did you mean 'replicates'? (replicate)"},
      {"parameters: [{path: a.b, values: [1]}]\ndesign: {type: morris, trajectories: 2, levels: "
       "3}\n",
       "invalid.yaml:5:"},
      {"parameters: [{path: a.b, distribution: {normal: [1]}}]\n",
       "expected two numbers [mu, sd] (parameters[0].distribution.normal)"},
      {"design: {type: csv, file: missing.csv}\n", "file not found"},
  };
  for (const auto& c : cases) {
    const auto sweep = write_sweep(dir, "invalid.yaml", c.body);
    const auto r = run_accord("sweep " + sweep.string() + " -o " + (dir / "out").string(), dir);
    INFO(c.body);
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.err.find(c.expected) != std::string::npos);
  }
  CHECK_FALSE(fs::exists(dir / "out" / "sweep.h5"));
}
