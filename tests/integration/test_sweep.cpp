// `accord sweep` end to end on the shipped example sweeps (one month of the mixed district):
// the same tables on 1 and 2 threads, common random numbers, a run made to fail recorded
// while the rest complete, shards then --resume, design export and import, and invalid sweep
// files rejected with one located line and exit 2; a sweep cut short then resumed; the
// SALib export and import.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <cstring>

#include <fstream>
#include <sstream>

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

// Runs the sweep file `path` on -j 1 and -j 2 into dir/j1 and dir/j2, then compares, for each
// of the first `runs` run files, every dataset of `datasets` bit for bit; `seen` gets each
// dataset's values (of the -j 1 run) so that a test can check they are not empty tables.
template <class Seen>
void check_same_on_threads(const fs::path& dir, const fs::path& path, int runs,
                           const std::vector<std::string>& datasets, Seen seen) {
  for (const char* j : {"1", "2"}) {
    const auto r = run_accord(
        "sweep " + path.string() + " -q -j " + j + " -o " + (dir / (std::string("j") + j)).string(),
        dir);
    INFO(r.err);
    REQUIRE(r.status == 0);
  }
  for (int i = 0; i < runs; ++i) {
    const auto name = fmt::format("run-{:06}.h5", i);
    const auto a = h5::File::open((dir / "j1" / "runs" / name).string());
    const auto b = h5::File::open((dir / "j2" / "runs" / name).string());
    for (const auto& d : datasets) {
      INFO(name << " " << d);
      const auto x = a.open_dataset(d).read<double>().values;
      const auto y = b.open_dataset(d).read<double>().values;
      REQUIRE(x.size() == y.size());
      CHECK(std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) == 0);
      seen(d, x);
    }
  }
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

TEST_CASE("sweep: governance trajectories identical on 1 and 2 threads",
          "[integration][sweep][governance]") {
  // The SCIC district with monthly rounds for three months: ballots, utilities, decisions and
  // trust of every run must not depend on how runs are spread over threads.
  const auto dir = scratch("sweep-governance");
  const auto path = dir / "governance.yaml";
  {
    std::ofstream out(path);
    out << "accord_sweep: 1\nbase: " << source_path("scenarios/quartier-mixte-scic.yaml")
        << "\nseed: 5\nreplicates: 2\n"
           "set: {time.end: 2025-04-01, governance.calendar: monthly}\n"
           "parameters:\n  - {path: governance.trust.gain, values: [0.05, 0.2]}\n"
           "design: {type: grid}\noutput: {detail: periods}\n";
  }
  bool any_ballot = false;
  check_same_on_threads(dir, path, 4,
                        {"governance/ballot", "governance/utility", "governance/chosen",
                         "governance/support", "dynamics/trust_pmo", "summary/rule_changes"},
                        [&](const std::string& d, const std::vector<double>& x) {
                          if (d == "governance/ballot")
                            any_ballot = any_ballot || std::any_of(x.begin(), x.end(),
                                                                   [](double v) { return v >= 0; });
                        });
  const SweepTable t1 = read_sweep(dir / "j1" / "sweep.h5");
  CHECK(std::find(t1.kpis.begin(), t1.kpis.end(), "rule_changes") != t1.kpis.end());
  CHECK(any_ballot);  // members did vote: the comparison is not between empty tables
}

TEST_CASE("sweep: lifecycle and membership identical on 1 and 2 threads",
          "[integration][sweep][membership][lifecycle]") {
  // fabrique-quartier from the first meeting for two years (phase 5 draws the road, phase 4
  // the joins and exits), two application thresholds x two replicates: who is a member when,
  // the membership states, the phases and the attitudes must not depend on the threads.
  const auto dir = scratch("sweep-membership");
  const auto path = dir / "membership.yaml";
  {
    std::ofstream out(path);
    out << "accord_sweep: 1\nbase: " << source_path("scenarios/fabrique-quartier.yaml")
        << "\nseed: 11\nreplicates: 2\n"
           "set: {time.end: 2027-01-01, lifecycle.events: []}\n"
           "parameters:\n  - {path: dynamics.membership.application_attitude, values: [0.6, "
           "0.75]}\n"
           "design: {type: grid}\noutput: {detail: periods}\n";
  }
  bool any_join = false;
  check_same_on_threads(dir, path, 4,
                        {"periods/member", "dynamics/membership/state", "dynamics/attitude",
                         "lifecycle/phase", "summary/members_joined", "periods/benefit"},
                        [&](const std::string& d, const std::vector<double>& x) {
                          if (d == "summary/members_joined") any_join = any_join || x.front() > 0;
                        });
  CHECK(any_join);  // candidates did join: the comparison is not between empty tables
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

namespace {

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> lines_of(const fs::path& p) {
  std::ifstream in(p);
  std::vector<std::string> out;
  for (std::string l; std::getline(in, l);)
    if (!l.empty() && l[0] != '#') out.push_back(l);
  return out;
}

std::vector<double> numbers_of(const std::string& line, char sep) {
  std::vector<double> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, sep)) out.push_back(std::stod(field));
  return out;
}

}  // namespace

TEST_CASE("sweep: cut short then --resume loses and duplicates nothing", "[integration][sweep]") {
  const auto dir = scratch("sweep-killed");
  const auto sweep =
      write_sweep(dir, "killed.yaml",
                  "replicates: 2\nparameters: [{path: 'producers[id=pv-ecole].pv.kwp', "
                  "values: [60, 80, 100]}]\n");
  const auto whole =
      run_accord("sweep " + sweep.string() + " -j 1 -o " + (dir / "whole").string(), dir);
  INFO(whole.err);
  REQUIRE(whole.status == 0);
  const auto out = dir / "out";
  const auto r0 = run_accord("sweep " + sweep.string() + " -j 2 -o " + out.string(), dir);
  REQUIRE(r0.status == 0);
  // What a kill leaves: no sweep.h5 or summary.csv yet, a run never started (file absent),
  // a run killed while writing (only its temporary, written through a rename), and a file
  // that is not a complete run.
  const auto runs = out / "runs";
  fs::remove(out / "sweep.h5");
  fs::remove(out / "summary.csv");
  fs::remove(runs / "run-000003.h5");
  fs::rename(runs / "run-000005.h5", runs / "run-000005.h5.tmp");
  { std::ofstream(runs / "run-000001.h5") << "half"; }
  const auto kept = fs::last_write_time(runs / "run-000000.h5");
  const auto r = run_accord("sweep " + sweep.string() + " --resume -j 2 -o " + out.string(), dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  // Nothing made twice: the three complete runs were left alone...
  CHECK(fs::last_write_time(runs / "run-000000.h5") == kept);
  // ...and nothing lost: the same tables, byte for byte, as the uninterrupted sweep.
  CHECK(read_all(out / "summary.csv") == read_all(dir / "whole" / "summary.csv"));
  const SweepTable t = read_sweep(out / "sweep.h5");
  CHECK(std::count(t.status.begin(), t.status.end(), "ok") == 6);
  CHECK(t.savings == read_sweep(dir / "whole" / "sweep.h5").savings);
  int run_files = 0;
  for (const auto& e : fs::directory_iterator(runs))
    if (e.path().extension() == ".h5") ++run_files;
  CHECK(run_files == 6);
}

TEST_CASE("sweep: SALib export reads back as the design, in SALib's row order",
          "[integration][sweep]") {
  const auto dir = scratch("sweep-salib");
  // Saltelli, N = 4, k = 3: 20 rows, reordered per base sample (A_j, A_B^(1..3)_j, B_j).
  const auto sweep = write_sweep(
      dir, "saltelli.yaml",
      "parameters:\n"
      "  - {path: community.internal_price.eur_per_kwh, distribution: {uniform: [0.08, 0.16]}}\n"
      "  - {path: tariffs.surplus_eur_per_kwh, distribution: {uniform: [0.0, 0.13]}}\n"
      "  - {path: 'producers[id=pv-ecole].pv.kwp', values: [60, 80, 100]}\n"
      "design: {type: saltelli, samples: 4}\n");
  const auto prefix = dir / "sobol";
  const auto e =
      run_accord("sweep " + sweep.string() + " --export-design " + (dir / "design.csv").string() +
                     " --export-salib " + prefix.string(),
                 dir);
  INFO(e.err);
  REQUIRE(e.status == 0);
  CHECK(lines_of(dir / "sobol.problem.txt") ==
        std::vector<std::string>{"community.internal_price.eur_per_kwh 0.08 0.16",
                                 "tariffs.surplus_eur_per_kwh 0 0.13",
                                 "producers[id=pv-ecole].pv.kwp 60 100"});
  const auto sample = lines_of(dir / "sobol.sample.txt");
  const auto points = lines_of(dir / "sobol.points.txt");
  auto csv = lines_of(dir / "design.csv");
  csv.erase(csv.begin());  // header
  REQUIRE(sample.size() == 20);
  REQUIRE(points.size() == 20);
  for (size_t r = 0; r < 20; ++r) {
    // Row r of the sample is design point points[r], value for value.
    const auto x = numbers_of(sample[r], ' ');
    CHECK(x == numbers_of(csv[std::stoul(points[r])], ','));
  }
  const int k = 3;
  for (size_t j = 0; j < 4; ++j) {
    const auto a = numbers_of(sample[j * (k + 2)], ' ');
    const auto b = numbers_of(sample[j * (k + 2) + k + 1], ' ');
    CHECK(std::stoul(points[j * (k + 2)]) == j);              // A_j
    CHECK(std::stoul(points[j * (k + 2) + k + 1]) == 4 + j);  // B_j
    for (int i = 0; i < k; ++i) {
      // A_B^(i)_j: A_j with column i from B_j (what SALib's sobol.analyze assumes).
      auto ab = a;
      ab[static_cast<size_t>(i)] = b[static_cast<size_t>(i)];
      CHECK(numbers_of(sample[j * (k + 2) + 1 + static_cast<size_t>(i)], ' ') == ab);
    }
  }

  // The SALib sample imported back as a design (no header: the parameters name its columns)
  // gives the same points, in the sample's order.
  const auto imported = write_sweep(
      dir, "imported.yaml",
      "parameters:\n"
      "  - {path: community.internal_price.eur_per_kwh, distribution: {uniform: [0.08, 0.16]}}\n"
      "  - {path: tariffs.surplus_eur_per_kwh, distribution: {uniform: [0.0, 0.13]}}\n"
      "  - {path: 'producers[id=pv-ecole].pv.kwp', values: [60, 80, 100]}\n"
      "design: {type: csv, file: sobol.sample.txt}\n");
  const auto i = run_accord(
      "sweep " + imported.string() + " --export-design " + (dir / "imported.csv").string(), dir);
  INFO(i.err);
  REQUIRE(i.status == 0);
  auto back = lines_of(dir / "imported.csv");
  back.erase(back.begin());
  REQUIRE(back.size() == 20);
  for (size_t r = 0; r < 20; ++r) CHECK(back[r] == csv[std::stoul(points[r])]);

  // Morris: trajectory order kept; a normal parameter is "name mean sd group norm".
  const auto m = run_accord("sweep " + sweep_path("morris-economics.yaml") + " --export-salib " +
                                (dir / "morris").string(),
                            dir);
  REQUIRE(m.status == 0);
  const auto problem = lines_of(dir / "morris.problem.txt");
  REQUIRE(problem.size() == 5);
  CHECK(problem[4] ==
        "participants[group=menages].consumption.annual_kwh 4200 500 "
        "participants[group=menages].consumption.annual_kwh norm");
  const auto order = lines_of(dir / "morris.points.txt");
  REQUIRE(order.size() == 36);
  for (size_t r = 0; r < 36; ++r) CHECK(std::stoul(order[r]) == r);

  // A bad row is located.
  { std::ofstream(dir / "sobol.sample.txt", std::ios::app) << "0.1 0.2\n"; }
  const auto bad = run_accord("sweep " + imported.string() + " -o " + (dir / "out").string(), dir);
  CHECK(bad.status == 2);
  CHECK(bad.err.find("sobol.sample.txt:21:") != std::string::npos);
  CHECK(bad.err.find("expected 3 numbers") != std::string::npos);
}
