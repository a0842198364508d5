// Readers and tables of `accord analyze` on small run and sweep files written here with the
// sim/h5 layer, so every expected value is computed by hand in the comments.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "accord/analysis/analyze.hpp"
#include "accord/analysis/run_equity.hpp"
#include "accord/analysis/run_file.hpp"
#include "accord/analysis/student_t.hpp"
#include "accord/analysis/sweep_file.hpp"
#include "accord/sim/error.hpp"
#include "accord/sim/h5/h5.hpp"

namespace fs = std::filesystem;
namespace h5 = accord::sim::h5;
using accord::analysis::analyze_file;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

fs::path scratch(const std::string& name) {
  const auto dir = fs::temp_directory_path() / "accord-test-analyze";
  fs::create_directories(dir);
  return dir / name;
}

void write_rule(h5::Group& sharing, const std::string& name, const std::vector<double>& benefit) {
  auto g = sharing.create_group(name);
  g.write_2d("benefit", benefit, 2, 4);
  g.write_2d("territorial", std::vector<double>(6, 0.0), 2, 3);
  g.write_1d("distributed", std::vector<double>{500, 500});
  g.write_1d("ir_violations", std::vector<double>{0, 1});
  g.write_1d("core_shortfall", std::vector<double>{kNaN, 2.5});
}

// 4 participants (3 households with incomes 10k/20k/40k in deciles 1/3/8, one business with
// unknown income), 1 producer, 2 billing periods covering exactly 365.25 days (no
// annualization). Bills without the operation per period 550/600/700/3000 EUR; the rule in
// force gives 60/40/100/300 per period (run totals 120/80/200/600), "equal" 125 each.
fs::path write_small_run(const std::string& name, int complete = 1, bool period_energy = false) {
  const auto path = scratch(name);
  auto f = h5::File::create(path.string());
  f.set_attr_string("filetype", "accord-run");
  const std::vector<int32_t> version{1, 0};
  f.set_attr_ints("format_version", version);
  f.set_attr_string("scenario_name", "small");
  f.set_attr_int("seed", 7);
  f.set_attr_int("replicate", 0);
  f.set_attr_string("detail", "periods");
  auto s = f.create_group("summary");
  s.write_scalar("benefit_eur", 1000.0, h5::WriteOptions::with("EUR", "total benefit"));
  auto t = f.create_group("time");
  auto start = t.write_1d("start", std::vector<int64_t>{1735686000, 1735686000 + 15778800});
  start.set_attr_int("step_seconds", 15778800);  // 2 steps = 365.25 days
  auto p = f.create_group("participants");
  const std::vector<std::string> ids{"a", "b", "c", "d"};
  const std::vector<std::string> kinds{"household", "household", "household", "business"};
  p.write_strings("id", ids);
  p.write_strings("kind", kinds);
  p.write_1d("income_eur_per_year", std::vector<double>{10000, 20000, 40000, kNaN});
  p.write_1d("income_decile", std::vector<int32_t>{1, 3, 8, 0});
  p.write_1d("low_income", std::vector<uint8_t>{1, 0, 0, 0});
  p.write_1d("consumption_units", std::vector<double>{1, 1.5, 2, kNaN});
  auto pr = f.create_group("producers");
  pr.write_strings("id", std::vector<std::string>{"pv"});
  auto per = f.create_group("periods");
  per.write_1d("start", std::vector<int64_t>{1735686000, 1738364400});
  per.write_2d("member", std::vector<uint8_t>(8, 1), 2, 4);
  const std::vector<double> ref{550, 600, 700, 3000, 550, 600, 700, 3000};
  const std::vector<double> benefit{60, 40, 100, 300, 60, 40, 100, 300};
  std::vector<double> bill(8);
  for (size_t i = 0; i < 8; ++i) bill[i] = ref[i] - benefit[i];
  per.write_2d("bill_reference", ref, 2, 4);
  per.write_2d("bill", bill, 2, 4);
  per.write_2d("benefit", benefit, 2, 4);
  per.write_2d("producer_internal_revenue", std::vector<double>{10, 20}, 2, 1);
  per.write_2d("producer_surplus_revenue", std::vector<double>{1, 2}, 2, 1);
  per.write_1d("pmo_costs", std::vector<double>{0, 0});
  per.write_1d("pmo_fees", std::vector<double>{0, 0});
  if (period_energy) per.write_2d("consumption", std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8}, 2, 4);
  auto sh = f.create_group("sharing");
  sh.write_strings("rules", std::vector<std::string>{"individual_savings", "equal"});
  write_rule(sh, "individual_savings", benefit);
  write_rule(sh, "equal", std::vector<double>(8, 125.0));
  f.create_group("governance");
  f.set_attr_int("complete", complete);
  f.close();
  return path;
}

// A sweep file: `points` design points x `replicates`, one numeric parameter per column of
// `params` (point-major values), one KPI "y" per run.
fs::path write_sweep(const std::string& name, const std::string& type,
                     const std::vector<std::vector<double>>& params, size_t points,
                     size_t replicates, const std::vector<double>& y,
                     const std::vector<int64_t>& morris_changed = {}, double delta = 0) {
  const auto path = scratch(name);
  auto f = h5::File::create(path.string());
  f.set_attr_string("filetype", "accord-sweep");
  const std::vector<int32_t> version{1, 0};
  f.set_attr_ints("format_version", version);
  f.set_attr_string("sweep_name", name);
  const size_t runs = points * replicates;
  auto d = f.create_group("design");
  d.set_attr_string("type", type);
  d.set_attr_int("points", static_cast<int64_t>(points));
  d.set_attr_int("replicates", static_cast<int64_t>(replicates));
  std::string names;
  for (size_t j = 0; j < params.size(); ++j) names += (j ? "\n" : "") + ("p" + std::to_string(j));
  d.set_attr_string("parameters", names);
  std::vector<int64_t> run_id(runs), point(runs), rep(runs), seed(runs);
  for (size_t i = 0; i < runs; ++i) {
    run_id[i] = static_cast<int64_t>(i);
    point[i] = static_cast<int64_t>(i / replicates);
    rep[i] = static_cast<int64_t>(i % replicates);
    seed[i] = 100 + rep[i];
  }
  d.write_1d("run_id", run_id);
  d.write_1d("point", point);
  d.write_1d("replicate", rep);
  d.write_1d("seed", seed);
  d.write_strings("status", std::vector<std::string>(runs, "ok"));
  d.write_strings("error", std::vector<std::string>(runs, ""));
  for (size_t j = 0; j < params.size(); ++j) {
    std::vector<double> col(runs);
    for (size_t i = 0; i < runs; ++i) col[i] = params[j][i / replicates];
    d.write_1d("p" + std::to_string(j), col);
  }
  if (!morris_changed.empty()) {
    d.set_attr_int("trajectories", static_cast<int64_t>(morris_changed.size() / params.size()));
    d.set_attr_double("delta", delta);
    f.create_group("morris").write_1d("changed", morris_changed);
  }
  f.create_group("summary").write_1d("y", y, h5::WriteOptions::with("EUR", "response"));
  f.set_attr_int("complete", 1);
  f.close();
  return path;
}

const nlohmann::json& rule_named(const nlohmann::json& doc, const std::string& name) {
  for (const auto& r : doc["rules"])
    if (r["name"] == name) return r;
  FAIL("no rule " << name);
  return doc;
}

}  // namespace

TEST_CASE("Student t quantiles match printed tables", "[analysis][analyze]") {
  // Two-sided 95 % critical values (NIST/SEMATECH e-Handbook, Table 1.3.6.7.2): 12.706 (1),
  // 4.303 (2), 2.228 (10), 1.984 (100); more digits from the t CDF identity itself.
  CHECK(accord::analysis::student_t_quantile(0.975, 1) == Approx(12.7062047362).epsilon(1e-9));
  CHECK(accord::analysis::student_t_quantile(0.975, 2) == Approx(4.30265272975).epsilon(1e-9));
  CHECK(accord::analysis::student_t_quantile(0.975, 10) == Approx(2.22813885196).epsilon(1e-9));
  CHECK(accord::analysis::student_t_quantile(0.975, 100) == Approx(1.98397151852).epsilon(1e-9));
  CHECK(accord::analysis::student_t_quantile(0.025, 10) ==
        Approx(-2.22813885196).epsilon(1e-9));  // symmetry
  CHECK(accord::analysis::student_t_cdf(0.0, 5) == Approx(0.5));
  CHECK_THROWS_AS(accord::analysis::student_t_quantile(1.0, 3), std::invalid_argument);
}

TEST_CASE("gini_signed agrees with the Gini on positive values and allows negatives",
          "[analysis][analyze]") {
  const std::vector<double> x{10, 20, 30, 40, 50};  // domain §3: G = 0.2667
  CHECK(accord::analysis::gini_signed(x) == Approx(4.0 / 15.0).epsilon(1e-12));
  // (-1, 1, 3): mean 1, sum |xi - xj| over ordered pairs = 2 (2 + 4 + 2) = 16, G = 16 / 18.
  const std::vector<double> y{-1, 1, 3};
  CHECK(accord::analysis::gini_signed(y) == Approx(16.0 / 18.0).epsilon(1e-12));
  CHECK(std::isnan(accord::analysis::gini_signed(std::vector<double>{-1, 1})));
}

TEST_CASE("run file: reader and equity tables by rule, kind, decile", "[analysis][analyze]") {
  const auto path = write_small_run("small.h5");
  const auto run = accord::analysis::read_run_file(path);
  REQUIRE(run.participants() == 4);
  CHECK(run.periods == 2);
  CHECK(run.rules.size() == 2);
  CHECK(run.covered_seconds == Approx(365.25 * 86400));
  CHECK(run.consumption_kwh.empty());  // no /energy and no /periods/consumption

  const auto doc = analyze_file(path);
  CHECK(doc["kind"] == "run");
  CHECK(doc["participants"] == 4);
  CHECK(doc["summary"]["benefit_eur"] == Approx(1000));
  REQUIRE(doc["rules"].size() == 2);
  const auto& in_force = doc["rules"][0];
  CHECK(in_force["name"] == "individual_savings");
  CHECK(in_force["in_force"] == true);
  CHECK(in_force["community_benefit_eur"] == Approx(1000));
  CHECK(in_force["ir_violations"] == Approx(1));
  CHECK(in_force["max_core_shortfall_eur"] == Approx(2.5));
  // Benefits 120, 80, 200, 600: mean 250, sum over ordered pairs of |xi - xj| = 3280,
  // G = 3280 / (2 * 16 * 250) = 0.41.
  CHECK(in_force["inequality"]["gini"] == Approx(0.41).epsilon(1e-12));
  CHECK(std::string(in_force["of"]).rfind("benefit", 0) == 0);
  CHECK(in_force["lorenz"]["p"].size() == 5);
  CHECK(in_force["lorenz"]["l"][1] == Approx(80.0 / 1000));
  // by kind: households 400 EUR (share 0.4), business 600.
  REQUIRE(in_force["by_kind"].size() == 2);
  CHECK(in_force["by_kind"][1]["kind"] == "household");
  CHECK(in_force["by_kind"][1]["total_eur"] == Approx(400));
  CHECK(in_force["by_kind"][1]["share"] == Approx(0.4));
  // by decile: decile 1 gets 120 EUR on 10,000 EUR = 1.2 %.
  REQUIRE(in_force["by_decile"].size() == 3);
  CHECK(in_force["by_decile"][0]["decile"] == 1);
  CHECK(in_force["by_decile"][0]["benefit_pct_income"] == Approx(1.2));
  // Concentration of (120, 80, 200) by income: ranks 1/6, 1/2, 5/6, mean 400/3,
  // cov = (20 + 40 + 166.67) / 3 - 66.67 = 8.889, C = 2 cov / mean = 0.13333.
  CHECK(in_force["concentration_index"] == Approx(2.0 / 15.0).epsilon(1e-9));
  const auto& equal = rule_named(doc, "equal");
  CHECK(equal["in_force"] == false);
  CHECK(equal["inequality"]["gini"] == Approx(0.0).margin(1e-15));

  // Energy burden: decile 1 before 1100 / 10000 = 11 %, after (1100 - 120) / 10000 = 9.8 %.
  const auto& eb = doc["energy_burden"];
  REQUIRE(eb["by_decile"].size() == 3);
  CHECK(eb["by_decile"][0]["before_pct"] == Approx(11.0));
  CHECK(eb["by_decile"][0]["after_pct"] == Approx(9.8));
  CHECK(eb["by_decile"][0]["after_pct_by_rule"]["equal"] == Approx(8.5));
  // 10 % rule: 1 household of 3 before (11 %, 6 %, 3.5 %), none after.
  CHECK(eb["poverty"]["before"]["ten_percent"] == Approx(1.0 / 3));
  CHECK(eb["poverty"]["after"]["ten_percent"] == Approx(0.0));
  for (const char* key : {"ten_percent", "onpe", "lihc", "two_m", "m_half", "brde"})
    CHECK(eb["poverty"]["after"].contains(key));

  const auto& monthly = doc["monthly"];
  CHECK(monthly["period_start"][0] == "2025-01-01");
  CHECK(monthly["period_start"][1] == "2025-02-01");
  CHECK(monthly["members"][0] == 4);
  CHECK(monthly["bill_reference_eur"][1] == Approx(4850));
  CHECK(monthly["benefit_eur"][0] == Approx(500));
  CHECK(monthly["producer_revenue_eur"][1] == Approx(22));
  CHECK(monthly["consumption_kwh"].empty());
  CHECK_FALSE(doc.contains("governance"));  // format 1.0: an empty /governance group

  // The tidy CSV: a header and section,rule,group,metric,value rows.
  const auto csv =
      accord::analysis::render_analysis(doc, accord::analysis::AnalyzeFormat::kCsv, path);
  CHECK(csv.rfind("section,rule,group,metric,value\n", 0) == 0);
  CHECK(csv.find("inequality,individual_savings,,gini,0.4") != std::string::npos);
  const auto table =
      accord::analysis::render_analysis(doc, accord::analysis::AnalyzeFormat::kTable, path);
  CHECK(table.find("Theil T") != std::string::npos);
  CHECK(table.find("Energy burden by income decile") != std::string::npos);
}

TEST_CASE("run file: monthly energy from /periods/consumption (format 1.1)",
          "[analysis][analyze]") {
  const auto doc = analyze_file(write_small_run("energy.h5", 1, true));
  REQUIRE(doc["monthly"]["consumption_kwh"].size() == 2);
  CHECK(doc["monthly"]["consumption_kwh"][0] == Approx(10));
  CHECK(doc["monthly"]["consumption_kwh"][1] == Approx(26));
}

TEST_CASE("equity KPIs of the summary", "[analysis][analyze]") {
  const std::vector<std::string> kinds{"household", "household", "household", "business"};
  const std::vector<double> income{10000, 20000, 40000, kNaN};
  const std::vector<int32_t> decile{1, 3, 8, 0};
  const std::vector<uint8_t> low{1, 0, 0, 0};
  const std::vector<double> cu{1, 1.5, 2, kNaN};
  const std::vector<double> ref{1100, 1200, 1400, 6000};
  const std::vector<double> benefit{120, 80, 200, 600};
  const auto k = accord::analysis::equity_kpis({kinds, income, decile, low, cu, ref, benefit});
  auto value = [&](const std::string& name) {
    for (const auto& e : k)
      if (e.name == name) return e.value;
    FAIL("no KPI " << name);
    return 0.0;
  };
  CHECK(value("benefit_gini") == Approx(0.41));
  CHECK(value("benefit_share_low_income") == Approx(0.12));
  CHECK(value("benefit_share_deciles_1_3") == Approx(0.5));  // (120 + 80) / 400
  // Deciles 1-3: (1100 + 1200) / 30000 = 7.667 % before, (980 + 1120) / 30000 = 7 % after.
  CHECK(value("energy_burden_deciles_1_3_before_pct") == Approx(2300.0 / 300));
  CHECK(value("energy_burden_deciles_1_3_after_pct") == Approx(7.0));
  CHECK(value("energy_poverty_ten_percent_before") == Approx(1.0 / 3));
  CHECK(value("benefit_concentration_index") == Approx(2.0 / 15.0));
  // The distribution by decile and kind: deciles with members only (1, 3, 8), kinds sorted.
  CHECK(value("benefit_decile_1_eur_per_year") == Approx(120));
  CHECK(value("benefit_decile_3_eur_per_year") == Approx(80));
  CHECK(value("benefit_decile_8_eur_per_year") == Approx(200));
  CHECK(value("benefit_household_eur_per_year") == Approx(400.0 / 3));
  CHECK(value("benefit_business_eur_per_year") == Approx(600));
  for (const auto& e : k) CHECK(e.name != "benefit_decile_2_eur_per_year");
  for (const auto& e : k) CHECK_FALSE(e.units.empty());
}

TEST_CASE("sweep file: replicate statistics, CSV, replicate variance share",
          "[analysis][analyze]") {
  const auto path = write_sweep("grid.h5", "grid", {{1.5, 2.5}}, 2, 3, {1, 2, 3, 10, 10, 10});
  const auto doc = analyze_file(path);
  CHECK(doc["kind"] == "sweep");
  CHECK(doc["design"]["runs"] == 6);
  CHECK(doc["design"]["ok"] == 6);
  CHECK(doc["kpis"] == nlohmann::json::array({"y"}));
  const auto& y0 = doc["points"][0]["kpis"]["y"];
  CHECK(doc["points"][0]["parameters"]["p0"] == Approx(1.5));
  CHECK(y0["mean"] == Approx(2));
  CHECK(y0["sd"] == Approx(1));
  CHECK(y0["n"] == 3);
  // t(0.975, 2) = 4.302653: 2 +- 4.302653 / sqrt(3).
  CHECK(y0["ci_low"] == Approx(2 - 4.30265272975 / std::sqrt(3.0)));
  CHECK(y0["ci_high"] == Approx(2 + 4.30265272975 / std::sqrt(3.0)));
  CHECK(doc["points"][1]["kpis"]["y"]["ci_low"] == Approx(10));
  // Within = mean(2/3, 0) = 1/3; total variance of (1,2,3,10,10,10) = 98/6.
  CHECK(doc["replicate_variance_share"]["y"] == Approx((1.0 / 3) / (98.0 / 6)));
  CHECK_FALSE(doc.contains("sensitivity"));

  const auto csv =
      accord::analysis::render_analysis(doc, accord::analysis::AnalyzeFormat::kCsv, path);
  CHECK(csv.rfind("run_id,point,replicate,seed,status,p0,y,error\n", 0) == 0);
  CHECK(csv.find("\n5,1,2,102,ok,2.5,10,\n") != std::string::npos);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 7);
}

TEST_CASE("sweep file: a share of runs gets the Wilson score interval", "[analysis][analyze]") {
  // Did the project start? 2 of 3 replicates at point 0, 3 of 3 at point 1. Wilson 95 %
  // intervals (Wilson 1927, z = 1.959964), worked by hand: 2/3 -> [0.2077, 0.9385], 3/3 ->
  // [0.4385, 1] (tolerance 1e-4). A t interval would give [-0.77, 2.1] and [1, 1].
  const auto path = write_sweep("shares.h5", "grid", {{1.5, 2.5}}, 2, 3, {1, 1, 0, 1, 1, 1});
  const auto doc = analyze_file(path);
  const auto& p0 = doc["points"][0]["kpis"]["y"];
  CHECK(p0["mean"] == Approx(2.0 / 3));
  CHECK(p0["ci_low"].get<double>() == Approx(0.2077).margin(1e-4));
  CHECK(p0["ci_high"].get<double>() == Approx(0.9385).margin(1e-4));
  const auto& p1 = doc["points"][1]["kpis"]["y"];
  CHECK(p1["ci_low"].get<double>() == Approx(0.4385).margin(1e-4));
  CHECK(p1["ci_high"].get<double>() == Approx(1.0).margin(1e-12));
}

TEST_CASE("sweep file: Morris indices rebuilt from the design are exact on a linear model",
          "[analysis][analyze]") {
  // Two factors on a 4-level grid (delta = 2/3), two trajectories; values 10 + 30 u.
  // Trajectory 1: (0, 0) -> (2/3, 0) -> (2/3, 2/3); trajectory 2: (1/3, 1) -> (1/3, 1/3)
  // -> (1, 1/3). y = 3 u0 - 2 u1: EE0 = 3, EE1 = -2 in every trajectory.
  const std::vector<double> u0{0, 2.0 / 3, 2.0 / 3, 1.0 / 3, 1.0 / 3, 1};
  const std::vector<double> u1{0, 0, 2.0 / 3, 1, 1.0 / 3, 1.0 / 3};
  std::vector<double> p0, p1, y;
  for (size_t i = 0; i < u0.size(); ++i) {
    p0.push_back(10 + 30 * u0[i]);
    p1.push_back(10 + 30 * u1[i]);
    y.push_back(3 * u0[i] - 2 * u1[i]);
  }
  const auto doc =
      analyze_file(write_sweep("morris.h5", "morris", {p0, p1}, 6, 1, y, {0, 1, 1, 0}, 2.0 / 3));
  REQUIRE(doc.contains("sensitivity"));
  CHECK(doc["sensitivity"]["method"] == "morris");
  const auto& rows = doc["sensitivity"]["outputs"]["y"];
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]["parameter"] == "p0");
  CHECK(rows[0]["mu"] == Approx(3));
  CHECK(rows[0]["mu_star"] == Approx(3));
  CHECK(rows[0]["sigma"] == Approx(0).margin(1e-12));
  CHECK(rows[1]["mu"] == Approx(-2));
  CHECK(rows[1]["mu_star"] == Approx(2));
  CHECK_FALSE(doc.contains("replicate_variance_share"));
}

TEST_CASE("run file at detail summary: the summary only, counts as integers",
          "[analysis][analyze]") {
  const auto path = scratch("summary-only.h5");
  {
    auto f = h5::File::create(path.string());
    f.set_attr_string("filetype", "accord-run");
    const std::vector<int32_t> version{1, 1};
    f.set_attr_ints("format_version", version);
    f.set_attr_string("detail", "summary");
    auto s = f.create_group("summary");
    s.write_scalar("participants", 96.0, h5::WriteOptions::with("1", "participants"));
    s.write_scalar("benefit_gini", kNaN, h5::WriteOptions::with("1", "Gini"));
    f.set_attr_int("complete", 1);
    f.close();
  }
  const auto doc = analyze_file(path);
  CHECK(doc["participants"] == 96);
  CHECK(doc["participants"].is_number_integer());
  CHECK(doc["summary"]["benefit_gini"].is_null());  // NaN -> null
  CHECK(doc["rules"].empty());
  const auto csv =
      accord::analysis::render_analysis(doc, accord::analysis::AnalyzeFormat::kCsv, path);
  CHECK(csv.find("summary,,,benefit_gini,\n") != std::string::npos);
}

TEST_CASE("a CSV of design plus responses: Morris in the parameters' units",
          "[analysis][analyze]") {
  // The trajectories of the Morris test above, as values: p = 10 + 30 u, y = 3 u0 - 2 u1, so
  // dy/dp0 = 0.1 and dy/dp1 = -2/30 at every step.
  const auto path = scratch("design.csv");
  {
    std::ofstream out(path);
    out << "p0,p1,y\n";
    const std::vector<double> u0{0, 2.0 / 3, 2.0 / 3, 1.0 / 3, 1.0 / 3, 1};
    const std::vector<double> u1{0, 0, 2.0 / 3, 1, 1.0 / 3, 1.0 / 3};
    out.precision(17);
    for (size_t i = 0; i < u0.size(); ++i)
      out << 10 + 30 * u0[i] << "," << 10 + 30 * u1[i] << "," << 3 * u0[i] - 2 * u1[i] << "\n";
  }
  accord::analysis::AnalyzeOptions options;
  options.csv_design = "morris";
  const auto doc = analyze_file(path, options);
  CHECK(doc["design"]["runs"] == 6);
  REQUIRE(doc.contains("sensitivity"));
  const auto& rows = doc["sensitivity"]["outputs"]["y"];
  CHECK(rows[0]["mu"] == Approx(0.1));
  CHECK(rows[1]["mu"] == Approx(-2.0 / 30));
  CHECK(rows[1]["mu_star"] == Approx(2.0 / 30));
  const auto bad = scratch("bad.csv");
  std::ofstream(bad) << "a,b\n1,x\n";
  CHECK_THROWS_WITH(analyze_file(bad), Catch::Contains("bad.csv:2:2: not a number"));
}

TEST_CASE("analyze refuses missing, foreign and incomplete files with a DataError",
          "[analysis][analyze]") {
  CHECK_THROWS_AS(analyze_file(scratch("does-not-exist.h5")), accord::DataError);
  const auto text = scratch("not-hdf5.h5");
  std::ofstream(text) << "hello\n";
  CHECK_THROWS_WITH(analyze_file(text), Catch::Contains("not an HDF5 file"));
  const auto foreign = scratch("foreign.h5");
  {
    auto f = h5::File::create(foreign.string());
    f.set_attr_string("filetype", "something-else");
    f.close();
  }
  CHECK_THROWS_WITH(analyze_file(foreign), Catch::Contains("filetype is something-else"));
  CHECK_THROWS_WITH(analyze_file(write_small_run("incomplete.h5", 0)),
                    Catch::Contains("incomplete"));
  try {
    analyze_file(text);
  } catch (const accord::DataError& e) {
    CHECK(e.exit_status() == 2);
    CHECK(std::string(e.what()).find('\n') == std::string::npos);
  }
}
