// `accord analyze` end to end: exit statuses, the JSON contract (docs/analyze.md), CSV that
// parses, the one-line error for a bad file.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "run_helpers.hpp"

using accord::test::run_accord;
using accord::test::scratch;
using accord::test::source_path;

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// RFC 4180 fields of each line (quoted fields may hold commas and doubled quotes).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n') {
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
    } else {
      field += c;
    }
  }
  return rows;
}

void check_rectangular(const std::vector<std::vector<std::string>>& rows) {
  REQUIRE(rows.size() >= 2);
  for (const auto& r : rows) CHECK(r.size() == rows.front().size());
}

}  // namespace

TEST_CASE("analyze a run: json contract, csv, table", "[integration][analyze]") {
  const auto dir = scratch("analyze-run");
  const auto run = dir / "q.h5";
  REQUIRE(run_accord("run " + source_path("scenarios/quartier-mixte.yaml") +
                         " -q --set time.end=2025-03-01"
                         " --set \"community.compare_benefit_rules=[equal, needs_based]\" -o " +
                         run.string(),
                     dir)
              .status == 0);
  const auto json_path = dir / "q.json";
  const auto r =
      run_accord("analyze " + run.string() + " --format json -o " + json_path.string(), dir);
  REQUIRE(r.status == 0);
  const auto doc = nlohmann::json::parse(slurp(json_path));
  CHECK(doc["kind"] == "run");
  for (const char* key :
       {"file", "scenario", "seed", "replicate", "detail", "participants", "producers",
        "conventions", "summary", "rules", "energy_burden", "monthly"})
    CHECK(doc.contains(key));
  CHECK(doc["participants"] == 96);
  for (const char* key :
       {"gini", "theil", "atkinson", "palma", "energy_burden", "energy_poverty_thresholds"})
    CHECK(doc["conventions"].contains(key));
  REQUIRE(doc["rules"].size() == 3);
  CHECK(doc["rules"][0]["in_force"] == true);
  CHECK(doc["rules"][1]["name"] == "equal");
  for (const auto& rule : doc["rules"]) {
    for (const char* key :
         {"community_benefit_eur", "distributed_eur", "territorial_eur", "ir_violations",
          "max_core_shortfall_eur", "inequality", "of", "lorenz", "by_kind", "by_decile",
          "concentration_index", "kakwani", "reynolds_smolensky"})
      CHECK(rule.contains(key));
    for (const char* key : {"gini", "gini_corrected", "theil_t", "theil_l", "atkinson_0.5",
                            "atkinson_1", "atkinson_2", "cv", "jain", "palma", "s80_s20"})
      CHECK(rule["inequality"].contains(key));
    CHECK_FALSE(rule["inequality"].contains("theil"));
    CHECK(rule["lorenz"]["p"].size() <= 101);
    CHECK(rule["by_decile"].size() == 10);
    // Every rule distributes the same community benefit.
    CHECK(rule["community_benefit_eur"].get<double>() ==
          Approx(doc["rules"][0]["community_benefit_eur"].get<double>()).epsilon(1e-9));
  }
  CHECK(doc["energy_burden"]["by_decile"].size() == 10);
  for (const char* key : {"ten_percent", "onpe", "lihc", "two_m", "m_half", "brde"})
    CHECK(doc["energy_burden"]["poverty"]["before"].contains(key));
  const auto& monthly = doc["monthly"];
  CHECK(monthly["period_start"].size() == 2);
  CHECK(monthly["consumption_kwh"].size() == 2);  // detail full: from /energy
  // The monthly benefit sums to the rule in force's community benefit (no territorial share).
  CHECK(monthly["benefit_eur"][0].get<double>() + monthly["benefit_eur"][1].get<double>() ==
        Approx(doc["rules"][0]["distributed_eur"].get<double>()).epsilon(1e-9));
  // The equity KPIs of the summary (so that sweeps can compare rules).
  CHECK(doc["summary"].contains("benefit_concentration_index"));
  CHECK(doc["summary"].contains("energy_burden_deciles_1_3_after_pct"));

  const auto csv_path = dir / "q.csv";
  REQUIRE(
      run_accord("analyze " + run.string() + " --format csv -o " + csv_path.string(), dir).status ==
      0);
  const auto rows = parse_csv(slurp(csv_path));
  check_rectangular(rows);
  CHECK(rows[0] == std::vector<std::string>{"section", "rule", "group", "metric", "value"});
  const auto table_path = dir / "q.txt";
  REQUIRE(run_accord("analyze " + run.string() + " -o " + table_path.string(), dir).status == 0);
  CHECK(slurp(table_path).find("Equity by benefit rule") != std::string::npos);
}

TEST_CASE("analyze a sweep: csv like summary.csv, json points with intervals",
          "[integration][analyze]") {
  const auto dir = scratch("analyze-sweep");
  const auto yaml = dir / "s.yaml";
  std::ofstream(yaml) << "accord_sweep: 1\nname: s\nbase: "
                      << source_path("scenarios/quartier-mixte.yaml")
                      << "\nseed: 5\nreplicates: 2\nset: {time.end: 2025-01-08}\n"
                         "parameters:\n  - {path: community.benefit_rule.type, values: "
                         "[individual_savings, equal]}\ndesign: {type: grid}\n"
                         "output: {dir: "
                      << (dir / "out").string() << ", detail: summary}\n";
  REQUIRE(run_accord("sweep " + yaml.string() + " -q -j 1", dir).status == 0);
  const auto sweep = dir / "out" / "sweep.h5";
  const auto csv_path = dir / "s.csv";
  REQUIRE(run_accord("analyze " + sweep.string() + " --format csv -o " + csv_path.string(), dir)
              .status == 0);
  const auto rows = parse_csv(slurp(csv_path));
  check_rectangular(rows);
  CHECK(rows.size() == 5);  // header + 4 runs
  // Same header as the summary.csv the sweep wrote.
  const auto summary = parse_csv(slurp(dir / "out" / "summary.csv"));
  CHECK(rows.front() == summary.front());
  const auto json_path = dir / "s.json";
  REQUIRE(run_accord("analyze " + sweep.string() + " --format json -o " + json_path.string(), dir)
              .status == 0);
  const auto doc = nlohmann::json::parse(slurp(json_path));
  CHECK(doc["kind"] == "sweep");
  CHECK(doc["design"]["type"] == "grid");
  CHECK(doc["design"]["runs"] == 4);
  CHECK(doc["design"]["points"] == 2);
  CHECK(doc["confidence"] == Approx(0.95));
  REQUIRE(doc["points"].size() == 2);
  const auto& b = doc["points"][1]["kpis"]["benefit_eur"];
  CHECK(b["n"] == 2);
  CHECK(b["ci_low"].get<double>() <= b["mean"].get<double>());
  CHECK(b["ci_high"].get<double>() >= b["mean"].get<double>());
  CHECK(doc["points"][1]["parameters"]["community.benefit_rule.type"] == "equal");
  CHECK(doc.contains("replicate_variance_share"));
}

TEST_CASE("analyze refuses a bad file with exit 2 and one line", "[integration][analyze]") {
  const auto dir = scratch("analyze-bad");
  const auto text = dir / "bad.h5";
  std::ofstream(text) << "not an HDF5 file\n";
  auto r = run_accord("analyze " + text.string(), dir);
  CHECK(r.status == 2);
  CHECK(r.err.find("not an HDF5 file") != std::string::npos);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  r = run_accord("analyze " + (dir / "missing.h5").string(), dir);
  CHECK(r.status == 2);
  CHECK(r.err.find("no such file") != std::string::npos);
  r = run_accord("analyze " + text.string() + " --format xml", dir);
  CHECK(r.status == 2);
}

namespace {
// fabrique-quartier's lifecycle overridden so that the operation starts with the run.
const std::string kImmediateStart =
    "--set lifecycle.emergence=0 --set lifecycle.feasibility=0 --set lifecycle.recruitment=0 "
    "--set lifecycle.structuring=0 --set lifecycle.grid_agreement=0 "
    "--set lifecycle.barriers.bad_design_with_expertise=0 "
    "--set lifecycle.barriers.statutes_unsettled=0 --set lifecycle.events=[]";
}  // namespace

TEST_CASE("analyze a run with dynamics: the dynamics section from the file's arrays",
          "[integration][analyze][dynamics]") {
  // Three months of fabrique-quartier (phase 4, 156 candidates who may join: format 1.4
  // membership): every figure of the section recomputed here from /dynamics, /periods/member
  // and /participants, tolerance 1e-12.
  const auto dir = scratch("analyze-dynamics");
  const auto run = dir / "f.h5";
  // The road to operation made immediate (phase 5 is tested in test_lifecycle_run.cpp).
  const auto r =
      run_accord("run " + source_path("scenarios/fabrique-quartier.yaml") +
                     " -q --set time.end=2025-04-01 " + kImmediateStart + " -o " + run.string(),
                 dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  const auto out = dir / "a.json";
  REQUIRE(run_accord("analyze --format json " + run.string() + " -o " + out.string(), dir).status ==
          0);
  const auto doc = nlohmann::json::parse(slurp(out));
  REQUIRE(doc.contains("dynamics"));
  const auto& d = doc["dynamics"];
  const auto f = accord::sim::h5::File::open(run.string());
  const auto ids = f.open_group("participants").open_dataset("id").read_strings();
  const auto low = f.open_group("participants").open_dataset("low_income").read<double>().values;
  const auto g = f.open_group("dynamics");
  const auto sat = g.open_dataset("satisfaction").read<double>();
  const auto att = g.open_dataset("attitude").read<double>();
  const auto member = f.open_group("periods").open_dataset("member").read<double>().values;
  const auto ms = g.open_group("membership");
  const auto state = ms.open_dataset("state").read<double>().values;
  const auto joined = ms.open_dataset("joined").read<double>().values;
  const auto left = ms.open_dataset("left").read<double>().values;
  const std::size_t n = ids.size(), m = sat.dims[0], persons = att.dims[1];
  REQUIRE(persons == n);  // the candidates are participants
  std::size_t c = 0;
  for (std::size_t i = 0; i < n; ++i) c += joined[i] != 0 ? 1 : 0;
  CHECK(d["candidates"] == c);
  CHECK(c == 156);
  CHECK(d["attitude_model"] == "relative_agreement");
  CHECK(d["over_time"]["satisfaction_mean"].size() == m);
  double low_sum = 0, low_count = 0, cand_last = 0, cand_count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (low[i] != 0 && member[(m - 1) * n + i] != 0) {
      low_sum += sat.values[(m - 1) * n + i];
      ++low_count;
    }
    if (joined[i] != 0 && state[(m - 1) * n + i] <= 1) {
      cand_last += att.values[(m - 1) * n + i];
      ++cand_count;
    }
  }
  REQUIRE(cand_count > 0);
  CHECK(d["low_income"]["members"] == static_cast<int>(low_count));
  CHECK(d["low_income"]["satisfaction_final"].get<double>() ==
        Approx(low_sum / low_count).margin(1e-12));
  CHECK(d["over_time"]["attitude_candidates_mean"][m - 1].get<double>() ==
        Approx(cand_last / cand_count).margin(1e-12));
  int candidates = 0;
  for (const auto& e : d["candidates_by_decile"]) candidates += e["candidates"].get<int>();
  CHECK(candidates == static_cast<int>(c));
  // Membership: counts by state after each period, and who joined, from the file's arrays.
  REQUIRE(d.contains("membership"));
  const auto& mp = d["membership"];
  for (std::size_t p = 0; p < m; ++p) {
    int members = 0, waiting = 0, gone = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto s = state[p * n + i];
      members += s == 2 || s == 3 ? 1 : 0;
      waiting += s == 1 ? 1 : 0;
      gone += s == 4 ? 1 : 0;
    }
    CHECK(mp["after_each_period"]["members"][p] == members);
    CHECK(mp["after_each_period"]["applicants"][p] == waiting);
    CHECK(mp["after_each_period"]["left"][p] == gone);
  }
  int joiners = 0, leavers = 0;
  for (std::size_t i = 0; i < n; ++i) {
    joiners += joined[i] > 0 ? 1 : 0;
    leavers += left[i] >= 0 ? 1 : 0;
  }
  CHECK(joiners > 0);  // three months are enough for the first candidates to join
  CHECK(mp["low_income"]["joined"].get<int>() + mp["not_low_income"]["joined"].get<int>() ==
        joiners);
  CHECK(mp["low_income"]["left"].get<int>() + mp["not_low_income"]["left"].get<int>() == leavers);
  // The table and CSV forms carry it too.
  const auto table = run_accord("analyze " + run.string() + " -o " + (dir / "t.txt").string(), dir);
  REQUIRE(table.status == 0);
  CHECK(slurp(dir / "t.txt").find("Dynamics: members at the end of the run") != std::string::npos);
  CHECK(slurp(dir / "t.txt").find("Dynamics: membership (exits:") != std::string::npos);
  const auto csv =
      run_accord("analyze --format csv " + run.string() + " -o " + (dir / "t.csv").string(), dir);
  REQUIRE(csv.status == 0);
  const auto rows = parse_csv(slurp(dir / "t.csv"));
  check_rectangular(rows);
  CHECK(std::count_if(rows.begin(), rows.end(),
                      [](const auto& row) { return row[0] == "candidates_by_decile"; }) > 0);
}

TEST_CASE("analyze a run with a lifecycle: phases and events from the file",
          "[integration][analyze][lifecycle]") {
  // Two years of fabrique-quartier from the first meeting (the dated events fall later and are
  // dropped): the spans of the section cover every period in the file's order, the start is
  // the file's start_period and every event is listed, in the table and CSV forms too.
  const auto dir = scratch("analyze-lifecycle");
  const auto run = dir / "l.h5";
  const auto r =
      run_accord("run " + source_path("scenarios/fabrique-quartier.yaml") +
                     " -q --set time.end=2027-01-01 --set lifecycle.events=[] -o " + run.string(),
                 dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  const auto out = dir / "a.json";
  REQUIRE(run_accord("analyze --format json " + run.string() + " -o " + out.string(), dir).status ==
          0);
  const auto doc = nlohmann::json::parse(slurp(out));
  REQUIRE(doc.contains("lifecycle"));
  const auto& l = doc["lifecycle"];
  const auto f = accord::sim::h5::File::open(run.string());
  const auto g = f.open_group("lifecycle");
  const auto phase = g.open_dataset("phase").read<double>().values;
  const auto events = g.open_group("events").open_dataset("type").read_strings();
  const char* names[] = {"emergence",      "feasibility", "recruitment", "structuring",
                         "grid_agreement", "operation",   "abandoned",   "dissolved"};
  std::size_t covered = 0;
  for (const auto& span : l["phases"]) {
    const auto n = span["periods"].get<std::size_t>();
    for (std::size_t k = 0; k < n; ++k)
      CHECK(span["phase"] == names[static_cast<int>(phase[covered + k])]);
    covered += n;
  }
  CHECK(covered == phase.size());
  CHECK(l["start_period"] == g.attr_int("start_period"));
  CHECK(l["initiator"] == "municipality");
  CHECK(l["events"].size() == events.size());
  const auto table = run_accord("analyze " + run.string() + " -o " + (dir / "t.txt").string(), dir);
  REQUIRE(table.status == 0);
  CHECK(slurp(dir / "t.txt").find("Lifecycle: initiated by municipality") != std::string::npos);
  const auto csv =
      run_accord("analyze --format csv " + run.string() + " -o " + (dir / "t.csv").string(), dir);
  REQUIRE(csv.status == 0);
  const auto rows = parse_csv(slurp(dir / "t.csv"));
  check_rectangular(rows);
  std::size_t event_rows = 0;
  for (const auto& row : rows) event_rows += row[0] == "lifecycle_events" ? 1 : 0;
  CHECK(event_rows == events.size());
}
